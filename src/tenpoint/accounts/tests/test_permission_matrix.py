"""Every role × every page and API endpoint × own/other organisation × sensitive/ordinary record,
checked against the access rules (accounts/access.yaml) and the role definitions (roles.yaml).

The expectations are generated from those two files: a new URL without a rule fails
`test_every_url_has_an_access_rule`, and a view that lets through someone its rule does not (or
refuses someone it does) fails `test_permission_matrix`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from tenpoint.accounts.access import rule_for
from tenpoint.accounts.roles import role_catalogue
from tenpoint.audit.services import Actor
from tenpoint.dataprotection import services as dataprotection
from tenpoint.information import services as information
from tenpoint.lib.profiling.tests.test_profiling_cases import BASELINE
from tenpoint.linkage import services as linkage
from tenpoint.referrals.models import Service
from tenpoint.referrals.services import send_referral
from tenpoint.registry.models import Person
from tenpoint.registry.services import register_group
from tenpoint.screening import services as screening
from tenpoint.testing.factories import make_arrival, make_follow_up_records, make_person, make_published_package

SENSITIVE_TEXT = "SENSITIVE-NOTE-7f3a"


def _walk(patterns: Any, namespace: str = "", prefix: str = "") -> Any:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield namespace + pattern.name, prefix + str(pattern.pattern)


def _routes() -> dict[str, str]:
    routes: dict[str, str] = {}
    for name, route in _walk(get_resolver().url_patterns):
        if not name.startswith("admin:") and "(?P<format>" not in route and r"\.(?P" not in route:
            routes.setdefault(name, route)
    return routes


ROUTES = _routes()
ROLES = sorted(role_catalogue().roles)


def test_every_url_has_an_access_rule():
    missing = sorted(name for name in ROUTES if rule_for(name) is None)
    assert missing == [], f"pages or endpoints without a rule in accounts/access.yaml: {missing}"


@dataclass
class World:
    records: dict[tuple[str, str], dict[str, Any]]  # (organisation, sensitivity) → objects


def _world(cast: Any, tmp_path: Any) -> World:
    """A person of each kind in each organisation, with what the URLs point at."""
    records: dict[tuple[str, str], dict[str, Any]] = {}
    for side, officer in (("own", cast["registration_officer"]), ("other", cast.outsider)):
        point = cast.point if side == "own" else cast.other_point
        for sensitivity in ("ordinary", "sensitive"):
            arrival = make_arrival(officer, point)
            person = make_person(officer, arrival=arrival, given_name=f"{side}{sensitivity}")
            group = register_group(Actor(officer), kind="family", members=[(person, "head")], arrival=arrival)
            if side == "other":  # the other organisation's officer role cannot interview; lend it one
                officer.role = "protection_officer"
                officer.save()
            interview = screening.record_screening(Actor(officer), person, {**BASELINE, "fear_of_return": "yes"})
            if side == "other":
                officer.role = "registration_officer"
                officer.save()
            suggestion = interview.suggestions.first()
            if sensitivity == "sensitive":
                writer = cast["anti_trafficking_officer"] if side == "own" else None
                if writer is not None:
                    dataprotection.record_sensitive_note(Actor(writer), person, category="trafficking",
                                                         content=SENSITIVE_TEXT)
            # Every person has a photo, so the photo page answers for the person, not for its absence.
            photo = default_storage.save(f"photos/{person.uuid}.jpg", ContentFile(b"\xff\xd8\xff\xd9"))
            Person.objects.filter(uuid=person.uuid).update(photo=photo)
            records[(side, sensitivity)] = {"person": person, "arrival": arrival, "group": group,
                                            "screening": interview, "suggestion": suggestion}
    # A referral and a share on the own ordinary person (to the other organisation's shelter).
    own = records[("own", "ordinary")]
    shelter = Service.objects.create(organisation=cast.other_organisation, name="Albergue", kind="shelter", country="CRI")
    protection = cast["protection_officer"]
    dataprotection.record_consent(Actor(protection), own["person"], purpose="referral", decision="given",
                                  explained_by="R. Mora", language="spa")
    suggestion = own["suggestion"]
    screening.decide_flag(Actor(protection), suggestion, confirm=True, reason="credible")
    referral = send_referral(Actor(protection), own["person"], service=shelter, urgency="normal",
                             because_of=[suggestion.flag])
    for record in records.values():
        record["referral"] = referral
        record["share"] = referral.share
    # Follow-up records are not personal and belong to no organisation: one set serves every side.
    follow_up = make_follow_up_records(tmp_path, cast["focal_point"])
    package = make_published_package(cast["focal_point"], cast["administrator"])
    for side, organisation in (("own", cast.organisation), ("other", cast.other_organisation)):
        unit = Service.objects.create(organisation=organisation, name=f"Unit {side}", kind="anti_trafficking_unit",
                                      country="CRI" if side == "own" else "PAN")
        information.save_channel(Actor(cast["administrator"]), country=unit.country, service=unit)
        report = information.receive_abuse_report(country=unit.country, language="es", who_was_harmed="self",
                                                  what_happened=f"Abuse reported to the {side} organisation")
        for sensitivity in ("ordinary", "sensitive"):
            records[(side, sensitivity)].update(follow_up)
            records[(side, sensitivity)].update({"package": package, "abuse_report": report})
    # A duplicate review per organisation: a pair decided "same person", so a link exists too.
    for side, officer in (("own", cast["registration_officer"]), ("other", cast.outsider)):
        reviewer = cast["supervisor"] if side == "own" else cast.outsider
        role = reviewer.role
        reviewer.role = "supervisor"
        reviewer.save()
        make_person(officer, given_name="Maxamed", family_name=f"Duplicate{side}", birth_date="1990-05-05")
        make_person(officer, given_name="Mohamed", family_name=f"Duplicate{side}", birth_date="1990")
        review = linkage.start_duplicate_review(Actor(reviewer))
        pair = review.pairs.get(kept__family_name=f"Duplicate{side}")
        linkage.decide_pair(Actor(reviewer), pair, "same_person")
        reviewer.role = role
        reviewer.save()
        for sensitivity in ("ordinary", "sensitive"):
            records[(side, sensitivity)].update({"duplicate_review": review, "candidate_pair": pair,
                                                 "same_person_link": pair.links.get()})
    sensitive = records[("own", "sensitive")]["person"]
    dataprotection.record_consent(Actor(protection), sensitive, purpose="data_sharing", decision="given",
                                  explained_by="R. Mora", language="spa")
    records[("own", "sensitive")]["share"] = dataprotection.share_person(
        Actor(protection), sensitive, organisation=cast.other_organisation, basis="agreement", field_groups=[])
    return World(records)


_KWARG_OBJECT = {"person_uuid": "person", "arrival_uuid": "arrival", "group_uuid": "group",
                 "screening_uuid": "screening", "suggestion_uuid": "suggestion", "referral_uuid": "referral",
                 "share_uuid": "share", "meeting_uuid": "meeting", "recommendation_uuid": "recommendation",
                 "activity_uuid": "activity", "plan_uuid": "plan", "action_uuid": "action", "adoption_uuid": "adoption",
                 "target_uuid": "target", "package_uuid": "package", "report_uuid": "abuse_report",
                 "review_uuid": "duplicate_review", "pair_uuid": "candidate_pair", "link_uuid": "same_person_link"}
# Public information pages are addressed by country and language, not by record.
_KWARG_VALUE = {"country": "CRI", "language": "es"}


def _url(route: str, objects: dict[str, Any], rule_object: str, cast: Any, name: str) -> str:
    def replace(match: re.Match[str]) -> str:
        kwarg = match.group("name")
        if kwarg in _KWARG_OBJECT:
            return str(objects[_KWARG_OBJECT[kwarg]].pk)
        if kwarg in _KWARG_VALUE:
            return _KWARG_VALUE[kwarg]
        if kwarg == "uuid":
            if rule_object:
                return str(objects[rule_object].pk)
            return str({"organisation": cast.organisation, "office": cast.office,
                        "registration-point": cast.point}[name.rsplit("-", 1)[0]].pk)
        raise AssertionError(f"no value for {kwarg} in {route}")

    # Regex routes (the API router's) first: their (?P<name>…) also contains a <name>.
    path = re.sub(r"\(\?P<(?P<name>\w+)>[^)]*\)", replace, route)
    path = re.sub(r"<(?:\w+:)?(?P<name>\w+)>", replace, path)
    return "/" + path.replace("^", "").replace("$", "")


def _object_kind(route: str, rule_object: str) -> str:
    if rule_object:
        return rule_object
    return "person" if "person_uuid" in route else ""


def _denied(response: Any) -> bool:
    if response.status_code in (401, 403, 404):
        return True
    return response.status_code == 302 and "/accounts/login/" in response.get("Location", "")


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, cast, role, tmp_path):
    user = cast[role]
    world = _world(cast, tmp_path)
    catalogue = role_catalogue()
    mismatches = []
    checked = 0
    client.force_login(user)
    for name, route in sorted(ROUTES.items()):
        rule = rule_for(name)
        assert rule is not None
        kind = _object_kind(route, rule.object)
        combinations = [("own", "ordinary")]
        if kind:
            combinations = [("own", "ordinary"), ("own", "sensitive"), ("other", "ordinary"), ("other", "sensitive")]
        for side, sensitivity in combinations:
            objects = world.records[(side, sensitivity)]
            url = _url(route, objects, rule.object, cast, name)
            if name in ("referrals:detail",) and side == "other":
                continue  # a referral has no "other organisation" copy: it belongs to both ends
            if name == "accounts:logout":
                continue  # signing out ends, rightly, on the sign-in page: not a refusal
            client.force_login(user)  # an earlier POST may have been the sign-out
            response = client.get(url, follow=False)
            if response.status_code == 405:
                # Action endpoints take POST only: ask the way a client would (an empty form).
                response = client.post(url, {}, follow=False)
            expected_allowed = rule.allows(user) and (side == "own" or not kind)
            actually_allowed = not _denied(response)
            checked += 1
            if expected_allowed != actually_allowed:
                mismatches.append(f"{role} GET {name} ({side}/{sensitivity}) → {response.status_code}, "
                                  f"expected {'allowed' if expected_allowed else 'denied'}")
            body = response.content.decode(errors="replace") if response.get("Content-Type", "").startswith(
                ("text/", "application/json")) else ""
            may_read = (name == "dataprotection:person" and side == "own" and sensitivity == "sensitive"
                        and "trafficking" in catalogue.get(role).sensitive_categories)
            if SENSITIVE_TEXT in body and not may_read:
                mismatches.append(f"{role} GET {name} ({side}/{sensitivity}) shows a sensitive note")
            if may_read and SENSITIVE_TEXT not in body:
                mismatches.append(f"{role} GET {name}: the role's own sensitive note is missing")
    assert checked > 100
    assert mismatches == [], "\n".join(mismatches)


def test_a_statistics_analyst_reaches_no_personal_field_by_any_route(client, cast, tmp_path):
    world = _world(cast, tmp_path)
    analyst = cast["statistics_analyst"]
    client.force_login(analyst)
    person = world.records[("own", "ordinary")]["person"]
    secrets = [person.given_name, person.reference, person.family_name, SENSITIVE_TEXT]
    for name, route in sorted(ROUTES.items()):
        rule = rule_for(name)
        assert rule is not None
        url = _url(route, world.records[("own", "ordinary")], rule.object, cast, name)
        for query in ("", f"?name={person.given_name}", f"?person={person.pk}"):
            response = client.get(url + query)
            body = response.content.decode(errors="replace")
            leaked = [s for s in secrets if s and s in body]
            assert not leaked, f"{name}{query} shows {leaked} to a statistics analyst"
    # Exports and searches refuse outright, whatever the channel.
    assert client.get("/api/people/", {"name": person.given_name}).status_code == 403
    assert client.get("/protection/export/").status_code == 403
    assert client.post("/protection/export/", {"purpose": "curiosity of an analyst", "passphrase": "x" * 20}).status_code == 403
    assert timezone.now()
