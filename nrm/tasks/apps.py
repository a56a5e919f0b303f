from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from nrm.core.apps import NrmAppConfig


class TasksConfig(NrmAppConfig):
    default = True
    name = "nrm.tasks"
    label = "tasks"
    verbose_name = _("Tasks")
    navigation = "nrm.tasks.navigation.tasks_navigation"
    work_queues = ["nrm.tasks.selectors.task_queues"]
    notification_kinds = "nrm.tasks.notifications.KINDS"
    daily_jobs = ["nrm.tasks.services.notify_overdue_tasks"]
    demo_loader = "nrm.tasks.demo.load_demo"
    demo_order = 150
    personal_data = "nrm.tasks.personal_data"
