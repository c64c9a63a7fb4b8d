from __future__ import annotations

from django.urls import reverse

from tenpoint.audit.models import AuditEvent
from tenpoint.partners.models import Office, Organisation, RegistrationPoint


def test_every_user_with_the_directory_right_sees_the_points_but_only_managers_see_the_create_buttons(client, cast):
    client.force_login(cast["registration_officer"])
    page = client.get(reverse("partners:directory")).content.decode()
    assert cast.point.name in page and 'data-testid="new-organisation"' not in page
    assert client.get(reverse("partners:organisation_new")).status_code == 403
    client.force_login(cast["administrator"])
    assert 'data-testid="new-organisation"' in client.get(reverse("partners:directory")).content.decode()


def test_an_administrator_creates_an_organisation_an_office_and_a_registration_point(client, cast):
    client.force_login(cast["administrator"])
    response = client.post(reverse("partners:organisation_new"),
                           {"name": "Cruz Roja Panameña", "acronym": "CRP", "kind": "red_cross", "country": "PAN"})
    assert response.status_code == 302
    organisation = Organisation.objects.get(name="Cruz Roja Panameña")
    response = client.post(reverse("partners:office_new"),
                           {"organisation": str(organisation.uuid), "name": "Darién", "country": "PAN", "city": "Metetí"})
    assert response.status_code == 302
    office = Office.objects.get(organisation=organisation)
    response = client.post(reverse("partners:registration_point_new"), {
        "office": str(office.uuid), "name": "Lajas Blancas", "kind": "reception_centre",
        "location": "Lajas Blancas", "latitude": "8.26", "longitude": "-77.78"})
    assert response.status_code == 302
    point = RegistrationPoint.objects.get(office=office)
    assert point.country == "PAN"  # the office's country when none is given
    assert AuditEvent.objects.filter(action="registration_point.created", object_uuid=point.uuid).exists()


def test_a_bad_country_and_a_duplicate_name_are_shown_beside_the_field_and_nothing_is_saved(client, cast):
    client.force_login(cast["administrator"])
    before = Organisation.objects.count()
    response = client.post(reverse("partners:organisation_new"), {"name": "Nueva ONG", "kind": "ngo", "country": "XXQ"})
    assert response.status_code == 200 and 'data-error-for="country"' in response.content.decode()
    response = client.post(reverse("partners:organisation_new"),
                           {"name": cast.point.office.organisation.name, "kind": "government"})
    assert response.status_code == 200 and 'data-error-for="name"' in response.content.decode()
    response = client.post(reverse("partners:registration_point_new"),
                           {"office": str(cast.point.office.uuid), "name": cast.point.name, "kind": "land_border"})
    assert response.status_code == 200 and 'data-error-for="name"' in response.content.decode()
    assert Organisation.objects.count() == before


def test_a_statistics_analyst_may_read_the_directory_but_not_change_it(client, cast):
    client.force_login(cast["statistics_analyst"])
    assert client.get(reverse("partners:directory")).status_code == 200
    response = client.post(reverse("partners:registration_point_new"),
                           {"office": str(cast.point.office.uuid), "name": "X", "kind": "airport"})
    assert response.status_code == 403
    assert not RegistrationPoint.objects.filter(name="X").exists()
