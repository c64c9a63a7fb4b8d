from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tenpoint.dataprotection.models import Consent, ConsentPurpose, FieldGroup, PersonShare, SensitiveCategory
from tenpoint.partners.models import Organisation


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Purpose"), choices=ConsentPurpose.choices)
    decision = forms.ChoiceField(label=_("Decision"), choices=Consent.Decision.choices, widget=forms.RadioSelect)
    explained_by = forms.CharField(label=_("Explained by"), max_length=200)
    language = forms.CharField(label=_("Language of the explanation (ISO 639-3, e.g. som, spa, ara)"), max_length=3)
    interpreter = forms.CharField(label=_("Interpreter"), max_length=200, required=False)
    recipient = forms.ModelChoiceField(label=_("To whom (if specific)"), queryset=Organisation.objects.all(),
                                       required=False, to_field_name="uuid")
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea, required=False)


class WithdrawConsentForm(forms.Form):
    consent = forms.UUIDField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Why the consent is withdrawn"), max_length=500)


class OverrideForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Purpose"), choices=ConsentPurpose.choices)
    reason = forms.CharField(label=_("Why acting without consent is necessary"), widget=forms.Textarea)
    recipient = forms.ModelChoiceField(label=_("To whom"), queryset=Organisation.objects.all(), required=False,
                                       to_field_name="uuid")


class ShareForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.all(),
                                          to_field_name="uuid")
    basis = forms.ChoiceField(label=_("Basis"), choices=PersonShare.Basis.choices)
    basis_reference = forms.CharField(label=_("Reference of the referral or agreement"), max_length=200,
                                      required=False)
    field_groups = forms.MultipleChoiceField(
        label=_("What to share besides identity"), widget=forms.CheckboxSelectMultiple, required=False,
        choices=[(v, label) for v, label in FieldGroup.choices if v != FieldGroup.IDENTITY])
    expires_on = forms.DateField(label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


class SensitiveNoteForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=())
    content = forms.CharField(label=_("Details"), widget=forms.Textarea)

    def __init__(self, *args: Any, categories: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = [(v, label) for v, label in SensitiveCategory.choices if v in categories]
        self.fields["category"].choices = allowed  # type: ignore[attr-defined]


class ExportForm(forms.Form):
    purpose = forms.CharField(label=_("Purpose of the export"), max_length=200)
    passphrase = forms.CharField(label=_("Passphrase to protect the archive (12 characters or more)"),
                                 widget=forms.PasswordInput, min_length=12)


class ErasureForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the erasure (e.g. the person's request of …)"), max_length=300)
    confirm = forms.BooleanField(label=_("I understand the identifying data cannot be recovered."))
