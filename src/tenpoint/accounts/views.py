from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tenpoint.accounts.roles import role_catalogue
from tenpoint.accounts.services import set_preferred_language
from tenpoint.audit.services import Actor


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class LanguageForm(forms.Form):
    preferred_language = forms.ChoiceField(label=gettext_lazy("Language"), choices=settings.LANGUAGES)


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    form = LanguageForm(request.POST or None, initial={"preferred_language": request.user.preferred_language})
    if request.method == "POST" and form.is_valid():
        language = form.cleaned_data["preferred_language"]
        set_preferred_language(Actor(request.user), request.user, language)
        translation.activate(language)
        messages.success(request, _("Language saved."))
        response = redirect("accounts:profile")
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, samesite="Lax")
        return response
    role = role_catalogue().get(request.user.role)
    return render(request, "accounts/profile.html", {
        "form": form, "role_label": role.label(translation.get_language() or "en")})
