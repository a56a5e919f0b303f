from django.urls import include, path
from django.utils.module_loading import autodiscover_modules

from nrm.api import api
from nrm.core.admin_site import site as admin_site

autodiscover_modules("admin", register_to=admin_site)

urlpatterns = [
    path("", include("nrm.core.urls")),
    path("accounts/", include("nrm.accounts.urls")),
    path("cases/", include("nrm.cases.urls")),
    path("screening/", include("nrm.screening.urls")),
    path("justice/", include("nrm.justice.urls")),
    path("activities/", include("nrm.activities.urls")),
    path("statistics/", include("nrm.statistics.urls")),
    path("bulletin/", include("nrm.bulletin.urls")),
    path("exchange/", include("nrm.exchange.urls")),
    path("tasks/", include("nrm.tasks.urls")),
    path("inbox/", include("nrm.inbox.urls")),
    path("lifecycle/", include("nrm.lifecycle.urls")),
    path("documents/", include("nrm.documents.urls")),
    path("plans/", include("nrm.plans.urls")),
    # Public pages (no login): disclosure-controlled statistics, published bulletins.
    path("public/statistics/", include("nrm.statistics.public_urls")),
    path("public/bulletins/", include("nrm.bulletin.public_urls")),
    path("public/open-data/", include("nrm.exchange.public_urls")),
    path("public/", include("nrm.screening.public_urls")),
    path("admin/", admin_site.urls),
    path("api/v1/", api.urls),
]
