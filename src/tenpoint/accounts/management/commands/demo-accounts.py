from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tenpoint.accounts.roles import role_catalogue
from tenpoint.common.demo import DEMO_PASSWORD, ORGANISATIONS, ensure_demo_accounts


class Command(BaseCommand):
    help = "Create or refresh the demo accounts (one per role) and print them."

    def handle(self, *args: Any, **options: Any) -> None:
        accounts = ensure_demo_accounts()
        self.stdout.write("")
        self.stdout.write(f"Tenpoint demo — http://127.0.0.1:8000/  (password for every account: {DEMO_PASSWORD})")
        self.stdout.write(f"{'username':<12} {'role':<28} {'organisation':<10} language")
        for account in accounts:
            role = role_catalogue().get(account.role).labels["en"]
            self.stdout.write(f"{account.username:<12} {role:<28} {ORGANISATIONS[account.organisation][1]:<10} {account.language}")
        self.stdout.write("")
