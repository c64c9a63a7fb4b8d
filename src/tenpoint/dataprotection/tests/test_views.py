from __future__ import annotations

import io

import pyzipper
from django.urls import reverse

from tenpoint.dataprotection.models import Consent, PersonShare
from tenpoint.testing.factories import make_person


def test_an_officer_records_consent_and_a_protection_officer_shares_the_person(client, cast, officer):
    person = make_person(officer)
    url = reverse("dataprotection:person", args=[person.uuid])
    client.force_login(officer)
    response = client.post(url, {"action": "consent", "consent-purpose": "data_sharing", "consent-decision": "given",
                                 "consent-explained_by": "R. Mora", "consent-language": "som"})
    assert response.status_code == 302
    assert Consent.objects.filter(person=person, decision="given").exists()
    client.force_login(cast["protection_officer"])
    response = client.post(url, {"action": "share", "share-organisation": str(cast.other_organisation.uuid),
                                 "share-basis": "agreement", "share-field_groups": ["contact"]})
    assert response.status_code == 302
    assert PersonShare.objects.get(person=person).field_groups == ["contact", "identity"]


def test_sharing_without_consent_is_refused_plainly(client, cast, officer):
    person = make_person(officer)
    client.force_login(cast["protection_officer"])
    response = client.post(reverse("dataprotection:person", args=[person.uuid]), {
        "action": "share", "share-organisation": str(cast.other_organisation.uuid), "share-basis": "referral"})
    assert response.status_code == 200
    assert "No consent is recorded" in response.content.decode()
    assert not PersonShare.objects.exists()


def test_the_data_protection_officer_downloads_an_access_request_archive(client, cast, officer):
    person = make_person(officer)
    client.force_login(cast["data_protection_officer"])
    response = client.post(reverse("dataprotection:access_request", args=[person.uuid]),
                           {"purpose": "Access request by the person", "passphrase": "twelve chars plus"})
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    with pyzipper.AESZipFile(io.BytesIO(response.content)) as archive:
        archive.setpassword(b"twelve chars plus")
        assert "Maxamed" in archive.read("record.json").decode()


def test_registration_officers_cannot_export_or_erase(client, cast, officer):
    person = make_person(officer)
    client.force_login(officer)
    assert client.get(reverse("dataprotection:export_people")).status_code == 403
    assert client.get(reverse("dataprotection:erase", args=[person.uuid])).status_code == 403
    assert client.get(reverse("dataprotection:access_request", args=[person.uuid])).status_code == 403


def test_another_organisation_gets_404_on_the_protection_page(client, cast, officer):
    person = make_person(officer)
    client.force_login(cast.outsider)
    assert client.get(reverse("dataprotection:person", args=[person.uuid])).status_code == 404
