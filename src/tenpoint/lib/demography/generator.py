"""Generate arrivals of people, families and travel groups, seedable and deterministic."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import random
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from tenpoint.lib.demography.origins import ORIGINS, ROUTES, Origin

ORIGIN_BY_COUNTRY = {o.country: o for o in ORIGINS}


@dataclass
class DemoPerson:
    values: dict[str, Any]  # keyword arguments of registry.services.PersonInput
    documents: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class DemoGroup:
    kind: str
    members: list[tuple[int, str]]  # (position in the arrival, relationship to the head)


@dataclass
class DemoArrival:
    point: str  # key of a demo registration point
    route: str
    arrived_at: dt.datetime
    mode: str
    circumstance: str
    sea_event: str
    country_of_departure: str
    intended_destination: str
    vessel_or_vehicle: str
    place_of_apprehension: str
    deaths_reported: int
    missing_reported: int
    people: list[DemoPerson]
    groups: list[DemoGroup]


# Route → (registration points, mode, departure countries, destinations, group size range)
ROUTE_SETTINGS: dict[str, dict[str, Any]] = {
    "darien": {"points": ["paso_canoas"], "mode": "land", "departure": ["PAN"], "destination": ["USA", "MEX", "CAN"],
               "vehicle": "Bus from Panamá (Planes de Gualaca)"},
    "north": {"points": ["penas_blancas"], "mode": "land", "departure": ["NIC"], "destination": ["USA", "MEX"],
              "vehicle": "On foot across the border"},
    "gulf_of_aden": {"points": ["ras_al_ara", "mayfa_hajar"], "mode": "sea", "departure": ["SOM", "DJI"],
                     "destination": ["SAU", "YEM"], "vehicle": "Skiff from Bosaso"},
    "air": {"points": ["juan_santamaria"], "mode": "air", "departure": ["COL", "PAN", "ESP", "TUR"],
            "destination": ["CRI", "USA"], "vehicle": "Commercial flight"},
    "yemen_inland": {"points": ["aden_mobile"], "mode": "land", "departure": ["YEM"], "destination": ["SAU"],
                     "vehicle": ""},
}
ROUTE_WEIGHTS = {"darien": 40, "north": 20, "gulf_of_aden": 25, "air": 8, "yemen_inland": 7}


def _weighted(rng: random.Random, weights: Mapping[str, float]) -> str:
    keys = [k for k, w in weights.items() if w > 0]
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


# Names are drawn by their rank in a pool (most common first) with Zipf-like weights
# 1 / (rank + offset): with a hundred names or more, the first is some 11 % of given names (Maxamed
# in Somalia, José in Honduras, before clerks' respellings) and 7–9 % of family names (Joseph in
# Haiti, Diallo in Guinea), and the long tail of rarer names keeps strangers from sharing a whole
# name. A larger offset flattens the head.
GIVEN_NAME_OFFSET = 1.0
FAMILY_NAME_OFFSET = 3.0


@functools.cache
def _cumulative_weights(size: int, offset: float) -> tuple[float, ...]:
    # Computed once per pool size and offset, not per name drawn.
    return tuple(itertools.accumulate(1 / (rank + offset) for rank in range(1, size + 1)))


def _draw(rng: random.Random, names: Sequence[str], offset: float = GIVEN_NAME_OFFSET) -> str:
    """The name ``rng.choices(names, cum_weights=...)[0]`` draws (one random number, bisected into
    the cumulative weights, as it does), without its per-call checks, which made drawing a name five
    times slower than ``rng.choice``: the command generates up to 2 million people."""
    weights = _cumulative_weights(len(names), offset)
    return names[bisect.bisect(weights, rng.random() * weights[-1], 0, len(names) - 1)]


def _spelled(rng: random.Random, origin: Origin, name: str) -> str:
    """Clerks write the same name differently: use a known variant now and then."""
    variant = origin.respelling.get(name)
    if variant is not None and rng.random() < 0.3:
        return variant
    return name


def _birth_date(rng: random.Random, age: int, on: dt.date) -> tuple[str, bool, int | None]:
    """(birth_date text, estimated, stated age): many people know only a year, some only an age."""
    year = on.year - age
    roll = rng.random()
    if roll < 0.45:
        month = rng.randint(1, 12)
        day = rng.randint(1, 28)
        candidate = dt.date(year, month, day)
        if candidate > on.replace(year=on.year - age):
            candidate = candidate.replace(year=year - 1)
        return candidate.isoformat(), False, None
    if roll < 0.65:
        return f"{year}-01-01", False, None  # the clerk's 1 January
    if roll < 0.85:
        return str(year), False, None
    return "", True, age


NAME_PARTS = ("given_name", "father_name", "grandfather_name", "family_name", "second_family_name")


def _names(rng: random.Random, origin: Origin, sex: str, family_name: str | None,
           father: str | None) -> dict[str, Any]:
    given = _spelled(rng, origin, _draw(rng, origin.male if sex == "M" else origin.female))
    values: dict[str, Any] = {"given_name": given}
    if origin.pattern == "patronymic":
        values["father_name"] = father or _spelled(rng, origin, _draw(rng, origin.male))
        values["grandfather_name"] = _spelled(rng, origin, _draw(rng, origin.male))
    elif origin.pattern == "arabic":
        values["father_name"] = father or _draw(rng, origin.male)
        values["family_name"] = family_name or _draw(rng, origin.family, FAMILY_NAME_OFFSET)
    elif origin.pattern == "iberian":
        first = family_name or _draw(rng, origin.family, FAMILY_NAME_OFFSET)
        second = _draw(rng, origin.family, FAMILY_NAME_OFFSET)
        values["family_name"] = _spelled(rng, origin, first)
        if rng.random() < 0.85:  # the second surname is often dropped at the border
            values["second_family_name"] = _spelled(rng, origin, second)
    else:
        values["family_name"] = family_name or _draw(rng, origin.family, FAMILY_NAME_OFFSET)
    if origin.script:
        # The whole name (an Arabic family name too), and only where every part has a known
        # spelling in the script: a clerk's respelling (Getachaw) or a rarer name has none.
        parts = [origin.script.get(values[part]) for part in NAME_PARTS if values.get(part)]
        if all(parts) and rng.random() < 0.7:
            values["name_in_original_script"] = " ".join(p for p in parts if p)
    return values


def _person(rng: random.Random, origin: Origin, *, sex: str, age: int, on: dt.date, family_name: str | None = None,
            father: str | None = None, fear_bias: float = 0.4) -> DemoPerson:
    birth, estimated, stated_age = _birth_date(rng, age, on)
    values = _names(rng, origin, sex, family_name, father)
    nationality_roll = rng.random()
    if nationality_roll < 0.06:
        values.update(nationality_declared="", nationality_declared_status="unknown")
    elif nationality_roll < 0.10:
        values.update(nationality_declared=origin.country, nationality_declared_status="disputed")
    else:
        values.update(nationality_declared=origin.country, nationality_declared_status="known")
    language = rng.choice(origin.languages)
    fear = rng.random() < fear_bias
    values.update(
        sex=sex, birth_date=birth or None, birth_date_estimated=estimated, age=stated_age,
        languages=[language], interpreter_language=language if language not in ("spa", "fra") else "",
        fear_of_return="expressed" if fear else ("unable_to_answer" if age < 5 else "not_expressed"),
        fear_of_return_notes=("Says armed men threatened the family." if fear else
                              ("Too young to answer." if age < 5 else "")),
    )
    documents = []
    if age >= 16 and rng.random() < 0.35:
        documents.append({"kind": "passport" if rng.random() < 0.6 else "national_id",
                          "number": f"{origin.country[:2]}{rng.randint(1000000, 9999999)}",
                          "issuing_country": origin.country,
                          "authenticity": "doubtful" if rng.random() < 0.08 else "not_checked"})
    return DemoPerson(values, documents)


def _family(rng: random.Random, origin: Origin, on: dt.date, fear_bias: float) -> tuple[list[DemoPerson], DemoGroup]:
    head_age = rng.randint(24, 48)
    head_sex = "M" if rng.random() < 0.7 else "F"
    head = _person(rng, origin, sex=head_sex, age=head_age, on=on, fear_bias=fear_bias)
    family_name = head.values.get("family_name")
    people = [head]
    members = [(0, "head")]
    if rng.random() < 0.75:
        spouse = _person(rng, origin, sex="F" if head_sex == "M" else "M", age=max(18, head_age + rng.randint(-6, 3)),
                         on=on, fear_bias=fear_bias)
        people.append(spouse)
        members.append((1, "spouse"))
    father = head.values["given_name"] if head_sex == "M" else None
    for _ in range(rng.randint(1, 4)):
        child = _person(rng, origin, sex=rng.choice("MF"), age=rng.randint(0, min(17, head_age - 17)), on=on,
                        family_name=family_name, father=father, fear_bias=0)
        members.append((len(people), "child"))
        people.append(child)
    return people, DemoGroup("family", members)


def _unused(number: str, used: set[str]) -> str:
    """``number``, or the next one up if another person already holds it (registration refuses a
    document recorded twice: 200,000 demo people drew the same passport number). Counted up, not
    drawn again, so everything else generated stays as it was."""
    prefix, digits = number[:2], int(number[2:])
    while number in used:
        digits += 1
        number = f"{prefix}{digits}"
    used.add(number)
    return number


def generate_arrivals(people: int, *, seed: int = 2026, until: dt.datetime | None = None) -> Iterator[DemoArrival]:
    """Arrivals over the 90 days before `until` until `people` people have been produced."""
    rng = random.Random(seed)
    until = until or dt.datetime(2026, 11, 1, 12, tzinfo=dt.UTC)
    produced = 0
    document_numbers: set[str] = set()
    while produced < people:
        route = _weighted(rng, ROUTE_WEIGHTS)
        settings = ROUTE_SETTINGS[route]
        arrived_at = until - dt.timedelta(minutes=rng.randint(60, 90 * 24 * 60))
        on = arrived_at.date()
        size = min(people - produced, rng.randint(20, 90) if settings["mode"] == "sea" else rng.randint(3, 40))
        fear_bias = 0.55 if route in ("darien", "north") else 0.3
        arrival_people: list[DemoPerson] = []
        groups: list[DemoGroup] = []
        while len(arrival_people) < size:
            origin = ORIGIN_BY_COUNTRY[_weighted(rng, ROUTES[route])]
            roll = rng.random()
            family_share = 0.45 if route in ("darien", "north") else 0.12
            if roll < family_share and size - len(arrival_people) >= 3:
                members, group = _family(rng, origin, on, fear_bias)
                members = members[: size - len(arrival_people)]
                offset = len(arrival_people)
                group.members = [(offset + i, r) for i, r in group.members if i < len(members)]
                arrival_people.extend(members)
                if len(group.members) > 1:
                    groups.append(group)
            elif roll < family_share + 0.07:
                # An unaccompanied teenager.
                arrival_people.append(_person(rng, origin, sex="M" if rng.random() < 0.8 else "F",
                                              age=rng.randint(13, 17), on=on, fear_bias=fear_bias + 0.2))
            else:
                sex = "M" if rng.random() < (0.85 if route == "gulf_of_aden" else 0.65) else "F"
                arrival_people.append(_person(rng, origin, sex=sex, age=rng.randint(18, 60), on=on, fear_bias=fear_bias))
        for person in arrival_people:
            for document in person.documents:
                document["number"] = _unused(document["number"], document_numbers)
        sea_event = ""
        deaths = missing = 0
        if settings["mode"] == "sea":
            sea_event = rng.choices(["irregular_landing", "rescue_in_distress", "interception"], weights=[70, 20, 10])[0]
            if sea_event == "rescue_in_distress" and rng.random() < 0.4:
                deaths, missing = rng.randint(0, 6), rng.randint(0, 12)
        inland = route == "yemen_inland"
        yield DemoArrival(
            point=rng.choice(settings["points"]), route=route, arrived_at=arrived_at, mode=settings["mode"],
            circumstance="inland_apprehension" if inland else "entry", sea_event=sea_event,
            country_of_departure=rng.choice(settings["departure"]), intended_destination=rng.choice(settings["destination"]),
            vessel_or_vehicle=settings["vehicle"], place_of_apprehension="Lahj governorate, road to Aden" if inland else "",
            deaths_reported=deaths, missing_reported=missing, people=arrival_people, groups=groups)
        produced += size
