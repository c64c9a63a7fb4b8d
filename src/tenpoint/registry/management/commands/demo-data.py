from __future__ import annotations

import argparse
import datetime as dt
import random
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from tenpoint.audit.services import Actor
from tenpoint.common.demo import demo_user, ensure_demo_accounts, ensure_demo_partners
from tenpoint.lib.demography import generate_arrivals
from tenpoint.lib.demography.origins import ORIGINS
from tenpoint.registry.models import Person, PersonAlias
from tenpoint.registry.services import (
    ArrivalInput,
    BatchRefused,
    DocumentInput,
    GroupInput,
    GroupMemberInput,
    PersonInput,
    add_alias,
    register_arrival,
    register_people,
)

_ORGANISATION_OF_POINT = {"ras_al_ara": "yemen", "mayfa_hajar": "yemen", "aden_mobile": "yemen"}


class Command(BaseCommand):
    help = "Load realistic demo people, families and arrivals on the routes of the seeds (through the services)."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--people", type=int, default=2000)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when people are already registered.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["people"] < 1:
            raise CommandError("--people must be at least 1.")
        if options["if_empty"] and Person.objects.exists():
            self.stdout.write("Demo data already loaded; nothing to do.")
            return
        points = ensure_demo_partners()
        ensure_demo_accounts()
        done = 0
        # On a terminal one line counts up; in a log (make demo's output, CI) a line every tenth.
        on_terminal = self.stderr.isatty()
        tenth = max(1, options["people"] // 10)
        for arrival in generate_arrivals(options["people"], seed=options["seed"]):
            actor = Actor(demo_user(_ORGANISATION_OF_POINT.get(arrival.point, "dgme")), "cli")
            registered = register_arrival(actor, ArrivalInput(
                registration_point=points[arrival.point], arrived_at=arrival.arrived_at, mode=arrival.mode,
                circumstance=arrival.circumstance, place_of_apprehension=arrival.place_of_apprehension,
                sea_event=arrival.sea_event, vessel_or_vehicle=arrival.vessel_or_vehicle,
                country_of_departure=arrival.country_of_departure, route=arrival.route.replace("_", " "),
                intended_destination=arrival.intended_destination, deaths_reported=arrival.deaths_reported,
                missing_reported=arrival.missing_reported))
            people = [PersonInput(**p.values, documents=[DocumentInput(**d) for d in p.documents])
                      for p in arrival.people]
            groups = [GroupInput(g.kind, [GroupMemberInput(i, r) for i, r in g.members]) for g in arrival.groups]
            try:
                register_people(actor, people, arrival=registered, groups=groups, source="demo-data")
            except BatchRefused as refused:
                raise CommandError(f"demo arrival refused: {refused.errors or refused.group_errors}") from None
            before, done = done, done + len(people)
            if on_terminal:
                self.stderr.write(f"\rregistered {done}/{options['people']} people", _plain, ending="")
                self.stderr.flush()
            elif done // tenth > before // tenth or done >= options["people"]:
                self.stderr.write(f"registered {done}/{options['people']} people", _plain)
        if on_terminal:
            self.stderr.write("", _plain)
        again = _secondary_movements(points, seed=options["seed"], share=0.02)
        self.stdout.write(f"Loaded {done} demo people, and {again} of them registered a second time "
                          "(secondary movements, for the duplicate review).")


def _plain(text: str) -> str:
    """Progress is not an error: written without the colour Django gives a command's stderr."""
    return text


# A second clerk writes a name the way the origins' known variants say (Maxamed ↔ Mohamed), in
# either direction.
_RESPELLINGS = {written.lower(): other for origin in ORIGINS for pair in origin.variants
                for written, other in (pair, pair[::-1])}


def _respelled(rng: random.Random, name: str) -> str:
    if not name:
        return name
    if name.lower() in _RESPELLINGS:
        return _RESPELLINGS[name.lower()]
    if len(name) > 4 and rng.random() < 0.5:  # one letter dropped
        position = rng.randrange(1, len(name) - 1)
        return name[:position] + name[position + 1:]
    return name


def _journey_name(rng: random.Random, person: Person) -> str:
    """A name wholly unlike the registered one, from the same origin's names: the name someone
    travelled under (to pass as another person, or given by a smuggler)."""
    origin = next((o for o in ORIGINS if o.country == person.nationality_declared), ORIGINS[0])
    own = {person.given_name, person.family_name}
    given = rng.choice([n for n in (origin.female if person.sex == "F" else origin.male) if n not in own])
    family = rng.choice([n for n in (origin.family or origin.male) if n not in own | {given}])
    return f"{given} {family}"


def _secondary_movements(points: dict[str, Any], *, seed: int, share: float) -> int:
    """Some adults move on and are registered again by another post, inland: names respelled, the
    date of birth written as a year only, given and family name sometimes swapped, no document.

    One of them had told the first post the name they travelled under (recorded as an alias), and
    gives that name at the second: only the alias can bring the two records together."""
    rng = random.Random(seed + 1)
    officer = demo_user("dgme")
    # Ordered by what the seed decided, not by the random references, so a seed always moves the
    # same people: names and date alone left two Evelyn Martinez born in 1982 (one Honduran, one
    # Salvadoran) to the references, and two builds differed.
    adults = list(Person.objects.filter(owner_organisation=officer.organisation, birth_date__isnull=False,
                                        birth_date__year__lte=timezone.now().year - 18)
                  .order_by("family_name", "given_name", "father_name", "second_family_name", "birth_date",
                            "birth_date_precision", "sex", "nationality_declared", "place_of_birth",
                            "fear_of_return", "reference"))
    chosen = rng.sample(adults, min(len(adults), max(1, int(len(adults) * share)))) if adults else []
    if not chosen:
        return 0
    actor = Actor(officer, "cli")
    arrival = register_arrival(actor, ArrivalInput(
        registration_point=points["penas_blancas"], arrived_at=timezone.now() - dt.timedelta(days=1), mode="land",
        circumstance="inland_apprehension", place_of_apprehension="Liberia, Guanacaste", country_of_departure="CRI",
        intended_destination="USA"))
    people = []
    # Its own random stream, so that the alias does not change who else moves or how they are written.
    journey_name = _journey_name(random.Random(seed + 2), chosen[0])
    add_alias(actor, chosen[0], journey_name, kind=PersonAlias.Kind.ALIAS)
    for index, person in enumerate(chosen):
        given, family = _respelled(rng, person.given_name), _respelled(rng, person.family_name)
        if rng.random() < 0.2:
            given, family = family, given
        if index == 0:
            given, family = journey_name.split(" ", 1)
        people.append(PersonInput(
            given_name=given, family_name=family, sex=person.sex,
            birth_date=str(person.birth_date.year) if person.birth_date else "",
            nationality_declared=person.nationality_declared if rng.random() < 0.7 else "",
            languages=list(person.languages), fear_of_return=person.fear_of_return,
            fear_of_return_notes=person.fear_of_return_notes or "Registered again after moving on."))
    register_people(actor, people, arrival=arrival, source="demo-data")
    return len(people)
