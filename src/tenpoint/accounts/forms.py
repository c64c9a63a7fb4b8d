from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tenpoint.accounts import services


class SignInForm(AuthenticationForm):
    """Username, password and — for accounts that enabled it — a code from an authenticator app.
    Repeated failures lock the account for a while, whoever tries."""

    otp_token = forms.CharField(
        label=gettext_lazy("Code from your authenticator app"), required=False, max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        help_text=gettext_lazy("Only if you turned on two-step sign-in."),
    )

    def __init__(self, *args: Any, channel: str = "web", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.channel = channel
        self.otp_device = None

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        until = services.locked_until(username) if username else None
        if until is not None:
            raise forms.ValidationError(
                _("Too many failed attempts. This account is locked until %(time)s.")
                % {"time": formats.time_format(until.astimezone())}, code="locked")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            if username:
                services.record_failed_sign_in(username, self.channel)
            raise
        user = self.get_user()
        device = services.confirmed_totp_device(user)
        if device is not None:
            token = (self.cleaned_data.get("otp_token") or "").strip()
            if not token or not device.verify_token(token):
                services.record_failed_sign_in(username, self.channel)
                raise forms.ValidationError(_("Enter the current code from your authenticator app."),
                                            code="otp")
            self.otp_device = device
        return cleaned


class TotpConfirmForm(forms.Form):
    token = forms.CharField(label=gettext_lazy("Code shown by the app"), max_length=8)
