from django.apps import AppConfig


class DataprotectionConfig(AppConfig):
    name = "tenpoint.dataprotection"
    label = "dataprotection"
    default_auto_field = "django.db.models.BigAutoField"
