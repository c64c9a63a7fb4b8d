"""Every page and API endpoint meets malformed query values with a page or a refusal, never a
server error: a hand-edited or truncated link must not cost an officer a 500 (or, on PostgreSQL,
a NUL byte an exception from the database).

The parameter names are read from the source, so a view that starts reading a new one is covered
without editing this file."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tenpoint.accounts.access import rule_for
from tenpoint.accounts.roles import role_catalogue
from tenpoint.accounts.tests.test_permission_matrix import ROUTES, _url, _world
from tenpoint.linkage.selectors import NAME_PARTS
from tenpoint.registry.models import Person
from tenpoint.testing.factories import make_arrival

SOURCE = Path(__file__).resolve().parents[2]
# request.GET.get("x"), query.get("x"), request.query_params["x"], request.GET.getlist("x") …
_READS = re.compile(r"""(?:GET|query_params|query|params)(?:\.get(?:list)?\(\s*|\[)["'](\w+)["']""")
_GET_FORMS = re.compile(r"(\w+Form)\(request\.GET")
_FORM_FIELD = re.compile(r"^\s+(\w+) = forms\.\w+\(", re.MULTILINE)

# Each name alone too, with the values most likely to reach a parser or the database unchecked.
ALONE = ("abc", "a\x00b")
MALFORMED = ["abc", "-1", "99999999999999999999", "2026-13-45", "a\x00b", "'\"<script>", "x" * 3000]


def _query_names() -> list[str]:
    names: set[str] = set()
    form_names: set[str] = set()
    texts = [p.read_text(encoding="utf-8") for p in SOURCE.rglob("*.py")
             if "tests" not in p.parts and "migrations" not in p.parts]
    for text in texts:
        names.update(_READS.findall(text))
        form_names.update(_GET_FORMS.findall(text))
    for text in texts:  # the fields of the forms bound to the query string are parameters too
        for form in form_names:
            found = re.search(rf"^class {form}\(.*?(?=^class |\Z)", text, re.MULTILINE | re.DOTALL)
            if found:
                names.update(_FORM_FIELD.findall(found.group(0)))
    # Read in a loop over a tuple, or by DRF and Django themselves:
    return sorted(names | set(NAME_PARTS) | {"page", "format", "next", "q", "ordering"})


QUERY_NAMES = _query_names()


def test_the_parameter_scan_finds_what_the_views_read():
    # If the scan broke, the test below would pass having sent nothing the views look at.
    for name in ("page", "pending", "same_as", "urgency", "birth_date", "action", "since", "family_name"):
        assert name in QUERY_NAMES, name


def _reader_of(rule: Any, users: list[Any]) -> Any:
    return next((user for user in users if rule.allows(user)), None)


@pytest.mark.parametrize("value", MALFORMED, ids=["letters", "negative", "overflow", "impossible-date", "nul",
                                                  "markup", "long"])
def test_no_page_fails_on_a_malformed_query_value(client, cast, tmp_path, value):
    world = _world(cast, tmp_path)
    users = [cast[role] for role in sorted(role_catalogue().roles)]
    objects = world.records[("own", "ordinary")]
    reached = 0
    for name, route in sorted(ROUTES.items()):
        rule = rule_for(name)
        assert rule is not None
        if name == "accounts:logout":
            continue
        user = _reader_of(rule, users)
        url = _url(route, objects, rule.object, cast, name)
        if user is not None:
            client.force_login(user)
        # All names at once, then each alone: a view that stops at the first bad value must not
        # hide a second one. The test client raises any exception a view lets through.
        # (Not "format" at once: DRF answers an unknown format with 404 before the view reads anything.)
        queries = [{n: value for n in QUERY_NAMES if n != "format"}]
        if value in ALONE:
            queries += [{n: value} for n in QUERY_NAMES]
        for number, query in enumerate(queries):
            response = client.get(url, query)
            assert response.status_code < 500, f"{name} {url} {query} → {response.status_code}"
            if "\x00" in value:  # refused before any view reads it, with a page that says why
                assert response.status_code == 400, f"{name} {url} {query} → {response.status_code}"
            reached += number == 0 and response.status_code == 200
    # Otherwise the pages were reached, not only refused: a malformed value is ignored or named, and
    # the few that name a record (?arrival=, ?pending=, ?country=) answer 404 for one not there.
    assert "\x00" in value or reached > len(ROUTES) * 0.6, reached


def test_a_nul_character_is_refused_with_a_page_that_says_why_and_nothing_is_saved(client, cast, officer):
    officer.preferred_language = "es"
    officer.save()
    client.force_login(officer)
    arrival = make_arrival(officer, cast.point)
    page = client.get("/people/search/", {"name": "Moha\x00med"})
    assert page.status_code == 400
    assert "un carácter NUL" in page.content.decode()
    before = Person.objects.count()
    posted = client.post(f"/people/new/?arrival={arrival.uuid}",
                         {"given_name": "Ali\x00", "family_name": "Hassan", "sex": "M"})
    assert posted.status_code == 400
    assert Person.objects.count() == before
    api = client.get("/api/people/", {"name": "Ali\x00"})
    assert api.status_code == 400 and "NUL" in api.json()["detail"]
    assert client.get("/people/search/", {"name": "Mohamed"}).status_code == 200


def _nul_body(route_name: str, cast: Any, person: Person) -> dict[str, Any]:
    """A body each endpoint would otherwise accept, or get far with, with a NUL in one value."""
    nul = "Ali\x00"
    bodies: dict[str, dict[str, Any]] = {
        "api-token": {"username": nul, "password": "x"},
        "arrival-people": {"people": [{"given_name": nul, "family_name": "Hassan", "sex": "M",
                                       "fear_of_return": "no"}]},
        "group-list": {"kind": "family", "members": [{"person": str(person.uuid), "relationship_to_head": nul}]},
        "person-aliases": {"given_name": nul, "family_name": "Hassan"},
        "person-documents": {"kind": "passport", "number": nul},
    }
    return bodies.get(route_name, {"registration_point": str(cast.point.uuid), "notes": nul, "given_name": nul,
                                   "family_name": nul, "name": nul})


def test_a_nul_character_in_an_api_body_is_refused_before_anything_reads_it(client, cast, tmp_path):
    # JSON carries a NUL escaped ("\u0000"), so the query and form check cannot see it. On
    # PostgreSQL it reached the database from the sign-in lock-out (a 500); in a group's members,
    # which no text field checks, it came back as "No such person".
    world = _world(cast, tmp_path)
    objects = world.records[("own", "ordinary")]
    person = objects["person"]
    users = [cast[role] for role in sorted(role_catalogue().roles)]
    refused: set[str] = set()
    before = Person.objects.count()
    for name, route in sorted(ROUTES.items()):
        rule = rule_for(name)
        url = _url(route, objects, rule.object, cast, name) if rule else ""
        if not url.startswith("/api/") or name in ("api-docs", "api-schema"):
            continue
        for method in ("post", "put", "patch"):
            for user in users:
                client.force_login(user)
                response = getattr(client, method)(url, _nul_body(name, cast, person), content_type="application/json")
                assert response.status_code < 500, f"{method} {url} as {user} → {response.status_code}"
                if response.status_code in (401, 403, 404, 405):
                    continue  # not this user's, or not a write: nothing read the body
                assert response.status_code == 400, f"{method} {url} as {user} → {response.status_code}"
                assert "NUL" in response.json()["detail"], response.json()
                refused.add(f"{method} {name}")
    assert Person.objects.count() == before
    # The token, the arrivals, a boat, groups, people, their aliases and documents: every write there is.
    assert {"post api-token", "post arrival-list", "patch arrival-detail", "put arrival-detail", "post arrival-people",
            "post group-list", "post person-list", "patch person-detail", "post person-aliases",
            "post person-documents"} <= refused, sorted(refused)


def test_the_api_refusal_of_a_nul_speaks_the_callers_language(client, cast, officer):
    officer.preferred_language = "fr"
    officer.save()
    client.force_login(officer)
    response = client.post("/api/people/", {"given_name": "Ali\x00"}, content_type="application/json")
    assert response.status_code == 400
    assert "NUL" in response.json()["detail"] and "Rien n" in response.json()["detail"], response.json()
