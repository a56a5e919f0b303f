"""The plans app's home-page queues (declared on PlansConfig.work_queues)."""

from __future__ import annotations

from nrm.plans.selectors import plan_queues

__all__ = ["plan_queues"]
