from django.apps import AppConfig


class TestingConfig(AppConfig):
    """Installed only when NRM_ENV=test: models that exist to test shared machinery."""

    name = "nrm.testing"
    label = "testing"
    default_auto_field = "django.db.models.BigAutoField"
