from __future__ import annotations

import base64

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from tenpoint.accounts import services
from tenpoint.accounts.forms import SignInForm, TotpConfirmForm
from tenpoint.accounts.roles import role_catalogue
from tenpoint.audit.services import Actor
from tenpoint.common.errors import BusinessRuleViolation
from tenpoint.common.types import AuthenticatedRequest


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form: SignInForm) -> HttpResponse:  # type: ignore[override]
        response = super().form_valid(form)
        if form.otp_device is not None:
            otp_login(self.request, form.otp_device)
        services.record_sign_in(form.get_user(), "web")
        return response


class LanguageForm(forms.Form):
    preferred_language = forms.ChoiceField(label=gettext_lazy("Language"), choices=settings.LANGUAGES)


@login_required
def profile(request: AuthenticatedRequest) -> HttpResponse:
    form = LanguageForm(request.POST or None, initial={"preferred_language": request.user.preferred_language})
    if request.method == "POST" and form.is_valid():
        language = form.cleaned_data["preferred_language"]
        services.set_preferred_language(Actor(request.user), request.user, language)
        translation.activate(language)
        messages.success(request, _("Language saved."))
        response = redirect("accounts:profile")
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, samesite="Lax")
        return response
    role = role_catalogue().get(request.user.role)
    return render(request, "accounts/profile.html", {
        "form": form,
        "role_label": role.label(translation.get_language() or "en"),
        "totp_enabled": services.confirmed_totp_device(request.user) is not None,
    })


@login_required
def two_factor(request: AuthenticatedRequest) -> HttpResponse:
    """Turn on two-step sign-in: scan the QR code (or type the key), then prove it with a code."""
    actor = Actor(request.user)
    if request.method == "POST" and request.POST.get("action") == "disable":
        services.disable_totp(actor, request.user)
        messages.success(request, _("Two-step sign-in is off."))
        return redirect("accounts:profile")
    form = TotpConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.confirm_totp(actor, request.user, form.cleaned_data["token"])
        except BusinessRuleViolation as error:
            form.add_error("token", str(error))
        else:
            otp_login(request, device)
            messages.success(request, _("Two-step sign-in is on."))
            return redirect("accounts:profile")
        device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    else:
        device = services.start_totp_setup(actor, request.user)
    qr = segno.make(device.config_url, error="m").svg_data_uri(scale=4) if device else ""
    secret = base64.b32encode(device.bin_key).decode() if device else ""
    return render(request, "accounts/two_factor.html", {"form": form, "secret": secret, "qr": qr})
