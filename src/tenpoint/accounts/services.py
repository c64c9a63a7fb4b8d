from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from tenpoint.accounts.models import User
from tenpoint.audit.services import Actor, record_event
from tenpoint.common.errors import BusinessRuleViolation


def set_preferred_language(actor: Actor, user: User, language: str) -> User:
    if language not in dict(settings.LANGUAGES):
        raise BusinessRuleViolation(_("Tenpoint does not ship that language."), field="preferred_language")
    with transaction.atomic():
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
        record_event(actor, "user.language_changed", object_type="user", object_uuid=user.uuid,
                     details={"language": language})
    return user
