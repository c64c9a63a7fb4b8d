from django.apps import AppConfig


class InformationConfig(AppConfig):
    name = "tenpoint.information"
    label = "information"
    default_auto_field = "django.db.models.BigAutoField"
