from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone, translation
from openapi_spec_validator import validate
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tenpoint.audit.models import AuditEvent
from tenpoint.registry.models import Arrival, Group, Person
from tenpoint.testing.factories import PASSWORD, make_arrival, make_person


def _client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


def _person(**values: Any) -> dict[str, Any]:
    return {"given_name": "Tesfaye", "father_name": "Gebremedhin", "sex": "M", "birth_date": "1995",
            "nationality_declared": "ERI", "languages": ["tir"], "fear_of_return": "expressed", **values}


def test_the_openapi_schema_is_served_and_valid(cast, officer):
    response = _client(officer).get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    validate(response.json())


def test_a_token_is_issued_for_good_credentials_and_a_bad_token_is_refused(cast, officer):
    response = APIClient().post("/api/token/", {"username": officer.username, "password": PASSWORD})
    assert response.status_code == 200
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    assert client.get("/api/arrivals/").status_code == 200
    client.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    assert client.get("/api/arrivals/").status_code == 401
    assert APIClient().get("/api/people/").status_code == 401


def test_partners_are_listed_and_only_managers_create_them(cast, officer):
    assert _client(officer).get("/api/registration-points/").json()["count"] == 2
    office = str(cast.office.uuid)
    payload = {"office": office, "name": "Sixaola", "kind": "land_border", "country": "CRI"}
    assert _client(officer).post("/api/registration-points/", payload, format="json").status_code == 403
    created = _client(cast["supervisor"]).post("/api/registration-points/", payload, format="json")
    assert created.status_code == 201
    assert _client(cast["supervisor"]).get(f"/api/registration-points/{created.json()['uuid']}/").status_code == 200
    misspelt = _client(cast["supervisor"]).post("/api/registration-points/", {**payload, "name": "Paso Canoas",
                                                                              "lattitude": 8.5}, format="json")
    assert misspelt.status_code == 400 and "latitude" in misspelt.json()["lattitude"][0]
    assert _client(cast["supervisor"]).post("/api/organisations/", {"name": "X", "kind": "ngo", "country": "XYZ"},
                                            format="json").status_code == 400
    assert _client(officer).get("/api/organisations/").status_code == 200
    assert _client(officer).get("/api/offices/").json()["count"] == 2


def test_a_boat_of_forty_lands_in_one_request_or_not_at_all(cast, officer):
    client = _client(officer)
    arrival = client.post("/api/arrivals/", {
        "registration_point": str(cast.point.uuid), "arrived_at": (timezone.now() - dt.timedelta(hours=1)).isoformat(),
        "mode": "sea", "sea_event": "rescue_in_distress", "country_of_departure": "LBY", "missing_reported": 7},
        format="json")
    assert arrival.status_code == 201, arrival.json()
    url = f"/api/arrivals/{arrival.json()['uuid']}/people/"
    people = [_person(given_name=f"Person{i}", documents=[{"kind": "passport", "number": f"P{i:05d}",
                                                           "issuing_country": "ERI"}]) for i in range(40)]
    people[17]["birth_date"] = "2090-01-01"
    people[23]["fear_of_return"] = ""
    refused = client.post(url, {"people": people}, format="json")
    assert refused.status_code == 400
    body = refused.json()
    assert set(body["people"]) == {"17", "23"}
    assert "after the arrival" in body["people"]["17"]["birth_date"][0]
    assert Person.objects.count() == 0
    people[17]["birth_date"], people[23]["fear_of_return"] = "1990", "not_expressed"
    groups = [{"kind": "family", "members": [{"person": 0, "relationship_to_head": "head"},
                                             {"person": 1, "relationship_to_head": "spouse"}]}]
    landed = client.post(url, {"people": people, "groups": groups}, format="json")
    assert landed.status_code == 201
    assert Person.objects.count() == 40 and Group.objects.count() == 1
    assert client.get(f"/api/arrivals/{arrival.json()['uuid']}/").json()["people_count"] == 40


@pytest.mark.parametrize("values, field, words", [
    ({"birth_date": "2090-05-01"}, "birth_date", "after the arrival"),
    ({"birth_date": "1990-01-01", "age": 12}, "age", "contradicts"),
    ({"nationality_declared": "XYZ"}, "nationality_declared", "ISO 3166"),
    ({"fear_of_return": ""}, "fear_of_return", "never skipped"),
    ({"birth_date": "31/12/1990"}, "birth_date", "YYYY-MM-DD"),
    ({"languages": ["klingon"]}, "languages", "ISO 639-3"),
])
def test_bad_people_are_refused_with_the_field_and_a_readable_reason(cast, officer, values, field, words):
    response = _client(officer).post("/api/people/", {**_person(**values), "registration_point": str(cast.point.uuid)},
                                     format="json")
    assert response.status_code == 400
    assert words in response.json()[field][0]


def test_duplicate_document_numbers_are_refused_in_the_database_and_within_one_batch(cast, officer):
    client = _client(officer)
    document = {"kind": "passport", "number": "ER-123 456", "issuing_country": "ERI"}
    assert client.post("/api/people/", {**_person(documents=[document]), "registration_point": str(cast.point.uuid)},
                       format="json").status_code == 201
    again = client.post("/api/people/", {**_person(documents=[{**document, "number": "ER123456"}]),
                                         "registration_point": str(cast.point.uuid)}, format="json")
    assert "already recorded" in again.json()["documents.1.number"][0]
    arrival = make_arrival(officer, cast.point)
    twice = client.post(f"/api/arrivals/{arrival.uuid}/people/", {"people": [
        _person(documents=[{**document, "number": "NEW1"}]), _person(documents=[{**document, "number": "NEW-1"}])]},
        format="json")
    assert twice.status_code == 400 and "appears twice" in twice.json()["people"]["1"]["documents.1.number"][0]


def test_people_are_listed_searched_and_filtered_within_scope(cast, officer):
    make_person(officer, given_name="Maxamed", family_name="Warsame", birth_date="1994-03-02")
    make_person(officer, given_name="Rosa", family_name="Mejía", nationality_declared="HND", birth_date="1988")
    client = _client(officer)
    assert client.get("/api/people/").json()["count"] == 2
    assert [p["given_name"] for p in client.get("/api/people/", {"name": "Mohamed Warsame"}).json()["results"]] == ["Maxamed"]
    assert [p["given_name"] for p in client.get("/api/people/", {"nationality": "HND"}).json()["results"]] == ["Rosa"]
    assert [p["given_name"] for p in client.get("/api/people/", {"birth_year": "1994"}).json()["results"]] == ["Maxamed"]
    hits = client.get("/api/people/search/", {"name": "Muhammad"}).json()["results"]
    assert hits[0]["reasons"] and hits[0]["person"]["given_name"] == "Maxamed"
    assert client.get("/api/people/", {"birth_date": "soon"}).status_code == 400
    assert _client(cast.outsider).get("/api/people/").json()["count"] == 0
    assert _client(cast["statistics_analyst"]).get("/api/people/").status_code == 403
    assert AuditEvent.objects.filter(action="people.searched", channel="api").exists()


def test_a_person_is_read_corrected_with_a_version_and_a_stale_version_gets_409(cast, officer):
    person = make_person(officer)
    client = _client(officer)
    detail = client.get(f"/api/people/{person.uuid}/").json()
    assert detail["version"] == 1 and detail["child_status"] is None
    changed = client.patch(f"/api/people/{person.uuid}/", {**_person(given_name="Maxamed"), "version": 1}, format="json")
    assert changed.status_code == 200 and changed.json()["version"] == 2
    stale = client.patch(f"/api/people/{person.uuid}/", {**_person(given_name="Other"), "version": 1}, format="json")
    assert stale.status_code == 409
    assert Person.objects.get(uuid=person.uuid).given_name == "Maxamed"
    assert _client(cast.outsider).get(f"/api/people/{person.uuid}/").status_code == 404
    assert client.get("/api/people/not-a-uuid/").status_code == 404


def test_a_correction_changes_only_the_fields_sent_and_the_rest_keep_their_stored_values(cast, officer):
    person = make_person(officer, birth_date="1994", place_of_birth="Kismayo", phone="+252 61 000")
    client = _client(officer)
    changed = client.patch(f"/api/people/{person.uuid}/", {"version": 1, "phone": "+506 8888 0000"}, format="json")
    assert changed.status_code == 200
    stored = Person.objects.get(uuid=person.uuid)
    assert (stored.phone, stored.given_name, stored.family_name, stored.place_of_birth) == (
        "+506 8888 0000", "Maxamed", "Warsame", "Kismayo")
    assert (stored.birth_date, stored.birth_date_precision, stored.fear_of_return) == (
        dt.date(1994, 1, 1), "year", "expressed")
    assert AuditEvent.objects.get(action="person.corrected", object_uuid=person.uuid).details["fields"] == ["phone"]
    # A new date is a date known unless it is sent as estimated.
    estimated = client.patch(f"/api/people/{person.uuid}/", {"version": 2, "age": 30}, format="json")
    assert estimated.json()["birth_date_precision"] == "estimated"
    known = client.patch(f"/api/people/{person.uuid}/", {"version": 3, "birth_date": "1994-03"}, format="json")
    assert (known.json()["birth_date"], known.json()["birth_date_precision"]) == ("1994-03-01", "month")
    unversioned = client.patch(f"/api/people/{person.uuid}/", {"phone": "1"}, format="json")
    assert unversioned.status_code == 400 and "version" in unversioned.json()


def test_a_field_the_api_does_not_know_is_refused_by_name_never_dropped(cast, officer):
    person = make_person(officer)
    arrival = make_arrival(officer, cast.point)
    client = _client(officer)
    misspelt = client.patch(f"/api/people/{person.uuid}/", {"version": 1, "famly_name": "Warsane", "sex": "F"},
                            format="json")
    assert misspelt.status_code == 400
    assert "family_name" in misspelt.json()["famly_name"][0] and "sex" not in misspelt.json()
    assert Person.objects.get(uuid=person.uuid).version == 1
    try:
        arabic = client.patch(f"/api/people/{person.uuid}/", {"version": 1, "famly_name": "Warsane"}, format="json",
                              HTTP_ACCEPT_LANGUAGE="ar").json()["famly_name"][0]
    finally:
        translation.activate("en")
    assert arabic.startswith("هذا الحقل غير معروف") and "family_name، " in arabic
    # Documents and aliases have endpoints of their own; a correction does not take them silently.
    assert "documents" in client.patch(f"/api/people/{person.uuid}/", {"version": 1, "documents": []},
                                       format="json").json()
    batch = client.post(f"/api/arrivals/{arrival.uuid}/people/", {"people": [
        _person(), _person(given_name="Amina", birth_place="Gode", age="thirty")]}, format="json")
    assert batch.status_code == 400
    assert set(batch.json()["people"]["1"]) == {"birth_place", "age"}
    assert Person.objects.count() == 1
    assert client.patch(f"/api/arrivals/{arrival.uuid}/", {"deaths": 2}, format="json").status_code == 400
    assert client.post(f"/api/people/{person.uuid}/aliases/", {"name": "Mohamed", "type": "nickname"},
                       format="json").status_code == 400
    assert client.post(f"/api/people/{person.uuid}/documents/", {"kind": "national_id", "number": "SO-1",
                                                                 "country": "SOM"}, format="json").status_code == 400


def test_documents_aliases_and_history_of_a_person(cast, officer):
    person = make_person(officer)
    client = _client(officer)
    assert client.post(f"/api/people/{person.uuid}/documents/", {"kind": "national_id", "number": "SO-77",
                                                                "issuing_country": "SOM"}, format="json").status_code == 201
    assert client.post(f"/api/people/{person.uuid}/documents/", {"kind": "national_id", "number": "",
                                                                "issuing_country": "SOM"}, format="json").status_code == 400
    assert client.post(f"/api/people/{person.uuid}/aliases/", {"name": "Mohamed Abdi"}, format="json").status_code == 201
    actions = [e["action"] for e in client.get(f"/api/people/{person.uuid}/history/").json()["results"]]
    assert {"person.registered", "person.document_added", "person.alias_added"} <= set(actions)
    assert [p["given_name"] for p in client.get("/api/people/", {"name": "Mohamed Abdi"}).json()["results"]]


def test_groups_show_an_unaccompanied_child_and_can_be_created_from_registered_people(cast, officer):
    year = timezone.now().year
    child = make_person(officer, given_name="Kevin", birth_date=str(year - 14))
    companion = make_person(officer, given_name="Luis", birth_date="1990")
    client = _client(officer)
    created = client.post("/api/groups/", {"kind": "travel_group", "members": [
        {"person": str(companion.uuid), "relationship_to_head": "head"},
        {"person": str(child.uuid), "relationship_to_head": "travel_companion"}]}, format="json")
    assert created.status_code == 201
    statuses = {m["person"]: m["child_status"] for m in created.json()["members"]}
    assert statuses[str(child.uuid)] == "unaccompanied"
    assert client.get("/api/groups/").json()["count"] == 1
    assert client.get(f"/api/groups/{created.json()['uuid']}/").status_code == 200
    no_head = client.post("/api/groups/", {"kind": "family", "members": [
        {"person": str(child.uuid), "relationship_to_head": "child"}]}, format="json")
    assert no_head.status_code == 400


def test_arrivals_are_filtered_updated_and_bad_arrivals_refused(cast, officer):
    arrival = make_arrival(officer, cast.point, mode="land")
    client = _client(officer)
    assert client.get("/api/arrivals/", {"mode": "sea"}).json()["count"] == 0
    assert client.get("/api/arrivals/", {"registration_point": str(cast.point.uuid)}).json()["count"] == 1
    updated = client.patch(f"/api/arrivals/{arrival.uuid}/", {"deaths_reported": 2}, format="json")
    assert updated.status_code == 200 and Arrival.objects.get(uuid=arrival.uuid).deaths_reported == 2
    bad = client.post("/api/arrivals/", {"registration_point": str(cast.point.uuid), "mode": "land",
                                         "sea_event": "interception", "arrived_at": timezone.now().isoformat()},
                      format="json")
    assert bad.status_code == 400 and "sea_event" in bad.json()
    future = client.post("/api/arrivals/", {"registration_point": str(cast.point.uuid), "mode": "air",
                                            "arrived_at": (timezone.now() + dt.timedelta(days=2)).isoformat()},
                         format="json")
    assert future.status_code == 400 and "future" in future.json()["arrived_at"][0]
    assert _client(cast.outsider).get(f"/api/arrivals/{arrival.uuid}/").status_code == 404


def test_listing_people_and_opening_an_arrival_are_audited_reads(cast, officer):
    person = make_person(officer)
    arrival = make_arrival(officer, cast.point)
    client = _client(officer)
    client.get("/api/people/")
    listed = AuditEvent.objects.get(action="people.listed")
    assert listed.details["people"] == [str(person.uuid)] and listed.channel == "api"
    client.get(f"/api/arrivals/{arrival.uuid}/")
    assert AuditEvent.objects.filter(action="arrival.viewed", object_uuid=arrival.uuid).exists()


def test_a_client_asks_for_earlier_registrations_then_records_the_person_as_arriving_again(cast, officer):
    client = _client(officer)
    earlier = make_person(officer, given_name="Tesfaye", father_name="Gebremedhin", family_name="", sex="M",
                          birth_date="1995-02-11", nationality_declared="ERI")
    found = client.get("/api/people/candidates/", {"given_name": "Tesfay", "father_name": "Gebremedin",
                                                   "birth_date": "1995", "sex": "M", "nationality": "ERI"})
    assert found.status_code == 200
    best = found.json()[0]
    assert best["person"]["uuid"] == str(earlier.uuid) and best["probability"] > 0.5
    assert any("sounds like" in reason or "spelled close" in reason for reason in best["reasons"])
    assert AuditEvent.objects.filter(action="people.searched", channel="api",
                                     purpose="registration duplicate check").exists()
    assert _client(cast.outsider).get("/api/people/candidates/", {"given_name": "Tesfaye",
                                                                  "father_name": "Gebremedhin"}).json() == []
    # The name as the documents write it, in Ge'ez, and nothing in Latin letters.
    in_script = client.get("/api/people/candidates/", {"name_in_original_script": "ተስፋዬ ገብረመድህን",
                                                       "birth_date": "1995-02-11"}).json()
    assert [c["person"]["uuid"] for c in in_script][:1] == [str(earlier.uuid)]

    arrival = make_arrival(officer, cast.point)
    url = f"/api/arrivals/{arrival.uuid}/people/"
    child = _person(given_name="Selam", father_name="Tesfay", sex="F", birth_date="2019", fear_of_return="unable_to_answer",
                    fear_of_return_notes="Too young")
    groups = [{"kind": "family", "members": [{"person": 0, "relationship_to_head": "head"},
                                             {"person": 1, "relationship_to_head": "child"}]}]
    refused = client.post(url, {"people": [_person(given_name="Tesfay"), child], "groups": groups,
                                "already_registered": {"0": str(make_person(cast.outsider).uuid), "5": str(earlier.uuid)}},
                          format="json")
    assert refused.status_code == 400 and set(refused.json()["already_registered"]) == {"0", "5"}
    landed = client.post(url, {"people": [_person(given_name="Tesfay"), child], "groups": groups,
                               "already_registered": {"0": str(earlier.uuid)}}, format="json")
    assert landed.status_code == 201, landed.json()
    assert [p["given_name"] for p in landed.json()] == ["Selam"]
    assert set(arrival.memberships.values_list("person_id", flat=True)) == {earlier.uuid, Person.objects.get(
        given_name="Selam").uuid}
    assert Group.objects.get().memberships.filter(person=earlier, relationship_to_head="head").exists()
