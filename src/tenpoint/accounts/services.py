"""Writes to accounts: language, sign-in throttling, two-factor devices. Each is audited."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from tenpoint.accounts.models import SignInThrottle, User
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


# --- Sign-in throttling ------------------------------------------------------------------------


def locked_until(username: str) -> dt.datetime | None:
    throttle = SignInThrottle.objects.filter(username=username.lower()).first()
    if throttle and throttle.locked_until and throttle.locked_until > timezone.now():
        return throttle.locked_until
    return None


def record_failed_sign_in(username: str, channel: str) -> None:
    with transaction.atomic():
        throttle, _created = SignInThrottle.objects.select_for_update().get_or_create(username=username.lower())
        if throttle.locked_until and throttle.locked_until <= timezone.now():
            throttle.failures = 0
            throttle.locked_until = None
        throttle.failures += 1
        if throttle.failures >= settings.LOGIN_FAILURE_LIMIT:
            throttle.locked_until = timezone.now() + dt.timedelta(seconds=settings.LOGIN_LOCKOUT_SECONDS)
        throttle.save()
        user = User.objects.filter(username__iexact=username).first()
        record_event(Actor(None, channel), "user.sign_in_failed", object_type="user",
                     object_uuid=user.uuid if user else None,
                     details={"username": username[:150], "failures": throttle.failures,
                              "locked": throttle.locked_until is not None})


def record_sign_in(user: User, channel: str) -> None:
    with transaction.atomic():
        SignInThrottle.objects.filter(username=user.username.lower()).delete()
        record_event(Actor(user, channel), "user.signed_in", object_type="user", object_uuid=user.uuid)


# --- Two-factor (TOTP) -------------------------------------------------------------------------


def confirmed_totp_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def start_totp_setup(actor: Actor, user: User) -> TOTPDevice:
    """A fresh, unconfirmed device; it protects nothing until the user proves they hold it."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
        record_event(actor, "user.totp_setup_started", object_type="user", object_uuid=user.uuid)
    return device


def confirm_totp(actor: Actor, user: User, token: str) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        raise BusinessRuleViolation(_("Start the set-up again."), field="token")
    if not device.verify_token(token.strip()):
        raise BusinessRuleViolation(_("That code is not right; check the time on your phone and try again."),
                                    field="token")
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        record_event(actor, "user.totp_enabled", object_type="user", object_uuid=user.uuid)
    return device


def disable_totp(actor: Actor, user: User) -> None:
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        record_event(actor, "user.totp_disabled", object_type="user", object_uuid=user.uuid)
