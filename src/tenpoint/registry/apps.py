from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "tenpoint.registry"
    label = "registry"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from tenpoint.registry import checks  # noqa: F401  (registers the system checks)
