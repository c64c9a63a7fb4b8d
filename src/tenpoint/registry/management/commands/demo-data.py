from __future__ import annotations

import argparse
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tenpoint.audit.services import Actor
from tenpoint.common.demo import demo_user, ensure_demo_accounts, ensure_demo_partners
from tenpoint.lib.demography import generate_arrivals
from tenpoint.registry.models import Person
from tenpoint.registry.services import (
    ArrivalInput,
    BatchRefused,
    DocumentInput,
    GroupInput,
    GroupMemberInput,
    PersonInput,
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
            done += len(people)
            print(f"\rregistered {done}/{options['people']} people", end="", file=sys.stderr, flush=True)
        print(file=sys.stderr)
        self.stdout.write(f"Loaded {done} demo people.")
