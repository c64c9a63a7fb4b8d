from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from tenpoint.accounts.models import User


@admin.register(User)
class TenpointUserAdmin(UserAdmin):
    fieldsets = (*(UserAdmin.fieldsets or ()), ("Tenpoint", {"fields": ("organisation", "office", "role", "preferred_language")}))
    list_display = ("username", "organisation", "office", "role", "is_active")
