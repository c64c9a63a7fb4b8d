"""Reads and validates the follow-up seed files (followup/data/*.yaml, shape in data/README.md).

Plain Python, no database: the import service stores what this returns. Every problem is reported
with the file and the path of the item, and nothing is stored unless every file is valid."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"

THEMES = {"human_rights", "protection", "profiling_referral", "trafficking", "smuggling", "children", "detention",
          "border_management", "reception", "asylum", "statelessness", "legal_migration", "return",
          "durable_solutions", "data", "information", "cooperation", "root_causes", "stranded_migrants", "other"}
LEVELS = {"national", "regional", "international"}
ADDRESSEES = {"states", "civil_society", "unhcr", "iom", "international_organisations", "regional_bodies",
              "all_stakeholders", "co_organisers", "secretariat"}
MEETING_KINDS = {"conference", "workshop", "meeting"}
AGREEMENT_STATUSES = {"proposed", "adopted", "in_progress", "implemented", "not_implemented"}
ACTIVITY_STATUSES = {"planned", "in_progress", "done", "dropped"}


class SeedFileError(ValueError):
    """One or more seed files are not as data/README.md describes; `problems` lists each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Item:
    key: str
    text: str
    fields: dict[str, Any]


@dataclass
class SeedMeeting:
    key: str
    title: str
    kind: str
    place: str
    country: str
    starts_on: dt.date
    ends_on: dt.date | None
    organisers: list[str]
    working_groups: list[tuple[str, str, list[Item]]]  # (key, title, recommendations)
    recommendations: list[Item]  # not under a working group
    agreements: list[Item]
    activities: list[Item]
    action_plan: dict[str, Any] | None

    def all_recommendations(self) -> list[tuple[str | None, Item]]:
        found: list[tuple[str | None, Item]] = [(group, item) for group, _t, items in self.working_groups
                                                for item in items]
        return found + [(None, item) for item in self.recommendations]


@dataclass
class SeedFile:
    seed: str
    title: str
    corrections: list[str]
    content_hash: str
    meetings: list[SeedMeeting] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        plans = [m.action_plan for m in self.meetings if m.action_plan]
        return {
            "meetings": len(self.meetings),
            "working_groups": sum(len(m.working_groups) for m in self.meetings),
            "recommendations": sum(len(m.all_recommendations()) for m in self.meetings),
            "agreements": sum(len(m.agreements) for m in self.meetings),
            "follow_up_activities": sum(len(m.activities) for m in self.meetings),
            "action_plan_areas": sum(len(p["areas"]) for p in plans),
            "targets": sum(len(a["targets"]) for p in plans for a in p["areas"]),
            "actions": sum(len(a["actions"]) for p in plans for a in p["areas"]),
        }


class _Reader:
    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[str] = []

    def problem(self, where: str, message: str) -> None:
        self.problems.append(f"{self.name}: {where}: {message}")

    def text(self, node: dict[str, Any], key: str, where: str, *, required: bool = True) -> str:
        value = node.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(where, f"'{key}' is missing")
            return ""
        if not isinstance(value, (str, int)):
            self.problem(where, f"'{key}' should be text")
            return ""
        return " ".join(str(value).split())

    def choice(self, node: dict[str, Any], key: str, allowed: set[str], where: str, default: str | None = None) -> str:
        value = node.get(key, default)
        if value not in allowed:
            self.problem(where, f"'{key}' is {value!r}; expected one of {', '.join(sorted(allowed))}")
            return default or sorted(allowed)[0]
        return str(value)

    def date(self, node: dict[str, Any], key: str, where: str, *, required: bool = False) -> dt.date | None:
        value = node.get(key)
        if value is None:
            if required:
                self.problem(where, f"'{key}' is missing")
            return None
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.problem(where, f"'{key}' {value!r} is not a date (YYYY-MM-DD)")
            return None

    def strings(self, node: dict[str, Any], key: str, where: str, allowed: set[str] | None = None) -> list[str]:
        value = node.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(where, f"'{key}' should be a list of words")
            return []
        if allowed is not None:
            unknown = [v for v in value if v not in allowed]
            if unknown:
                self.problem(where, f"'{key}' has unknown value(s) {', '.join(unknown)}")
        return list(value)

    def items(self, node: dict[str, Any], key: str, where: str, keys_seen: set[str], kind: str) -> list[Item]:
        found: list[Item] = []
        raw = node.get(key) or []
        if not isinstance(raw, list):
            self.problem(where, f"'{key}' should be a list")
            return found
        for index, entry in enumerate(raw, start=1):
            at = f"{where} {key}[{index}]"
            if not isinstance(entry, dict):
                self.problem(at, "should be a mapping with key and text")
                continue
            item_key = self.text(entry, "key", at)
            if item_key in keys_seen:
                self.problem(at, f"key {item_key!r} is used twice in this meeting")
            keys_seen.add(item_key)
            fields: dict[str, Any] = {}
            if kind == "recommendation":
                fields = {"theme": self.choice(entry, "theme", THEMES, at, "other"),
                          "level": self.choice(entry, "level", LEVELS, at, "national"),
                          "addressees": self.strings(entry, "addressees", at, ADDRESSEES)}
            elif kind == "agreement":
                fields = {"status": self.choice(entry, "status", AGREEMENT_STATUSES, at),
                          "obstacles": self.text(entry, "obstacles", at, required=False)}
            elif kind == "activity":
                fields = {"theme": self.choice(entry, "theme", THEMES, at, "other"),
                          "heading": self.text(entry, "group", at, required=False),
                          "responsible": self.strings(entry, "responsible", at),
                          "status": self.choice(entry, "status", ACTIVITY_STATUSES, at, "planned"),
                          "due_on": self.date(entry, "due_on", at)}
            found.append(Item(item_key, self.text(entry, "text", at), fields))
        return found

    def action_plan(self, node: Any, where: str) -> dict[str, Any] | None:
        if node is None:
            return None
        if not isinstance(node, dict) or not isinstance(node.get("areas"), list):
            self.problem(where, "'action_plan' needs a list of areas")
            return None
        areas = []
        for a_index, area in enumerate(node["areas"], start=1):
            at = f"{where} action_plan.areas[{a_index}]"
            targets = [{"key": self.text(t, "key", f"{at} targets[{i}]"), "text": self.text(t, "text", f"{at} targets[{i}]"),
                        "due_on": self.date(t, "due_on", f"{at} targets[{i}]")}
                       for i, t in enumerate(area.get("targets") or [], start=1)]
            actions = [{"key": self.text(x, "key", f"{at} actions[{i}]"), "text": self.text(x, "text", f"{at} actions[{i}]"),
                        "heading": self.text(x, "heading", f"{at} actions[{i}]", required=False),
                        "cites": self.text(x, "cites", f"{at} actions[{i}]", required=False)}
                       for i, x in enumerate(area.get("actions") or [], start=1)]
            for kind, entries in (("target", targets), ("action", actions)):
                keys = [str(e["key"]) for e in entries]
                for duplicate in sorted({k for k in keys if keys.count(k) > 1}):
                    self.problem(at, f"{kind} key {duplicate!r} is used twice")
            areas.append({"key": self.text(area, "key", at), "title": self.text(area, "title", at),
                          "targets": targets, "actions": actions})
        return {"title": self.text(node, "title", where, required=False) or "Action Plan", "areas": areas}

    def meeting(self, node: Any, index: int) -> SeedMeeting | None:
        where = f"meetings[{index}]"
        if not isinstance(node, dict):
            self.problem(where, "should be a mapping")
            return None
        where = f"meeting {node.get('key', index)}"
        seen: set[str] = set()
        groups = []
        for g_index, group in enumerate(node.get("working_groups") or [], start=1):
            at = f"{where} working_groups[{g_index}]"
            group_key = self.text(group, "key", at)
            groups.append((group_key, self.text(group, "title", at),
                           self.items(group, "recommendations", f"{where} group {group_key}", seen, "recommendation")))
        keys = [g[0] for g in groups]
        for duplicate in sorted({k for k in keys if keys.count(k) > 1}):
            self.problem(where, f"working group key {duplicate!r} is used twice")
        country = self.text(node, "country", where)
        if country and not re.fullmatch(r"[A-Z]{3}", country):
            self.problem(where, f"country {country!r} is not an ISO 3166 alpha-3 code")
        starts_on = self.date(node, "starts_on", where, required=True)
        return SeedMeeting(
            key=self.text(node, "key", where), title=self.text(node, "title", where),
            kind=self.choice(node, "kind", MEETING_KINDS, where), place=self.text(node, "place", where),
            country=country, starts_on=starts_on or dt.date(1900, 1, 1), ends_on=self.date(node, "ends_on", where),
            organisers=self.strings(node, "organisers", where), working_groups=groups,
            recommendations=self.items(node, "recommendations", where, seen, "recommendation"),
            agreements=self.items(node, "agreements", where, set(), "agreement"),
            activities=self.items(node, "follow_up_activities", where, set(), "activity"),
            action_plan=self.action_plan(node.get("action_plan"), where))


def read_seed_file(path: Path) -> tuple[SeedFile | None, list[str]]:
    raw = path.read_bytes()
    reader = _Reader(path.name)
    try:
        document = yaml.safe_load(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        return None, [f"{path.name}: not UTF-8 text (byte {error.start})"]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f"line {mark.line + 1}: " if mark is not None else ""
        return None, [f"{path.name}: {line}not valid YAML ({getattr(error, 'problem', error)})"]
    if not isinstance(document, dict):
        return None, [f"{path.name}: should be a mapping with seed, title and meetings"]
    seed = reader.text(document, "seed", "top")
    if seed and seed != path.stem:
        reader.problem("top", f"'seed' is {seed!r} but the file is named {path.stem!r}")
    corrections = document.get("corrections") or []
    if not isinstance(corrections, list):
        reader.problem("top", "'corrections' should be a list")
        corrections = []
    seed_file = SeedFile(seed=seed, title=reader.text(document, "title", "top"),
                         corrections=[str(c) for c in corrections], content_hash=hashlib.sha256(raw).hexdigest())
    meetings = document.get("meetings")
    if not isinstance(meetings, list) or not meetings:
        reader.problem("top", "'meetings' should list at least one meeting")
        meetings = []
    for index, node in enumerate(meetings, start=1):
        meeting = reader.meeting(node, index)
        if meeting is not None:
            seed_file.meetings.append(meeting)
    return seed_file, reader.problems


def read_seed_directory(directory: Path = DATA_DIR) -> list[SeedFile]:
    """Every seed file of the directory, in name order; SeedFileError lists all problems of all files."""
    files: list[SeedFile] = []
    problems: list[str] = []
    for path in sorted(directory.glob("*.yaml")):
        seed_file, file_problems = read_seed_file(path)
        problems.extend(file_problems)
        if seed_file is not None:
            files.append(seed_file)
    if not files and not problems:
        problems.append(f"{directory}: no seed files (*.yaml)")
    # The same meeting may appear in several documents; its description must agree.
    described: dict[str, tuple[str, tuple[Any, ...]]] = {}
    for seed_file in files:
        for meeting in seed_file.meetings:
            facts = (meeting.kind, meeting.country, meeting.starts_on)
            earlier = described.setdefault(meeting.key, (seed_file.seed, facts))
            if earlier[1] != facts:
                problems.append(f"{seed_file.seed}: meeting {meeting.key}: kind, country or start date differ "
                                f"from {earlier[0]}")
    if problems:
        raise SeedFileError(problems)
    return files


# An item is a bracketed numeral (printed "(iv)", sometimes "(IV)"); a bare numeral opens a section.
_CITATION_PART = re.compile(r"\(\s*([ivxIVX]+)\s*\)|\b([IVX]+)\b")


@dataclass
class Citation:
    printed: str
    keys: list[str]  # working-group key + "-" + item, e.g. "I-iv"
    unreadable: str = ""


def parse_citation(printed: str) -> Citation:
    """'I (i), (ii) II (i)' → ['I-i', 'I-ii', 'II-i']: a Roman numeral opens a section, the
    bracketed numerals that follow are its items. A repeated citation counts once."""
    keys: list[str] = []
    section: str | None = None
    leftover = _CITATION_PART.sub("", printed).replace(",", "").replace(";", "").replace("and", "").strip()
    for match in _CITATION_PART.finditer(printed):
        if match.group(2):
            section = match.group(2)
        elif section is None:
            return Citation(printed, keys, unreadable="an item comes before any section")
        else:
            key = f"{section}-{match.group(1).lower()}"
            if key not in keys:
                keys.append(key)
    if leftover:
        return Citation(printed, keys, unreadable=f"cannot read {leftover!r}")
    return Citation(printed, keys)
