"""Explainable profiling rules. Pure Python (no Django).

A ruleset (YAML, versioned) maps questionnaire answers and registration facts to *suggested*
flags. Each suggestion carries the rule, the answers that triggered it and the guidance it rests
on. Nothing here decides anything: a person confirms or dismisses every suggestion.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tenpoint.lib.xlsform.expressions import Expression, ExpressionError, parse

# Facts the registry provides beside the answers; rules refer to them as ${fact_…}.
FACTS = frozenset({
    "fact_age", "fact_sex", "fact_nationality", "fact_nationality_status", "fact_registration_country",
    "fact_extra_continental", "fact_child_status", "fact_arrival_mode", "fact_sea_event",
    "fact_at_detention_facility", "fact_fear_of_return",
})
URGENCIES = ("immediate", "high", "normal")


class RulesetError(ValueError):
    pass


@dataclass(frozen=True)
class FlagDefinition:
    code: str
    labels: dict[str, str]
    sensitive_category: str
    standard_codes: dict[str, str]
    description: dict[str, str]

    def label(self, language: str) -> str:
        return self.labels.get(language) or self.labels["en"]


@dataclass(frozen=True)
class Rule:
    id: str
    flag: str
    when: Expression
    explanation: dict[str, str]
    guidance: str

    def explain(self, language: str) -> str:
        return self.explanation.get(language) or self.explanation["en"]


@dataclass(frozen=True)
class Pathway:
    flag: str
    service_kind: str
    urgency: str
    only_if: Expression | None = None


@dataclass(frozen=True)
class Ruleset:
    name: str
    version: str
    flags: dict[str, FlagDefinition]
    rules: list[Rule]
    pathways: list[Pathway]
    due_days: dict[str, int]


@dataclass
class Suggestion:
    flag: str
    rule_id: str
    evidence: dict[str, Any]
    explanation: str
    guidance: str
    sensitive_category: str
    also_triggered_by: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SuggestedReferral:
    service_kind: str
    urgency: str
    because_of: tuple[str, ...]


def _expression(text: str, where: str, known: frozenset[str]) -> Expression:
    try:
        expression = parse(str(text))
    except ExpressionError as error:
        raise RulesetError(f"{where}: {error}") from None
    unknown = expression.references - known
    if unknown:
        raise RulesetError(f"{where}: refers to unknown answers or facts: {', '.join(sorted(unknown))}")
    return expression


def parse_ruleset(text: str, *, question_names: Iterable[str], source: str = "rules") -> Ruleset:
    document = yaml.safe_load(text)
    if not isinstance(document, dict) or document.get("format") != 1:
        raise RulesetError(f"{source}: expected `format: 1`.")
    known = frozenset(question_names) | FACTS
    flags: dict[str, FlagDefinition] = {}
    for code, spec in (document.get("flags") or {}).items():
        if "en" not in (spec.get("label") or {}):
            raise RulesetError(f"{source}: flag {code} has no English label.")
        flags[code] = FlagDefinition(code, dict(spec["label"]), str(spec.get("sensitive_category") or ""),
                                     dict(spec.get("codes") or {}), dict(spec.get("description") or {}))
    rules: list[Rule] = []
    seen: set[str] = set()
    for spec in document.get("rules") or []:
        rule_id = str(spec.get("id", ""))
        where = f"{source}: rule {rule_id or '?'}"
        if not rule_id or rule_id in seen:
            raise RulesetError(f"{where}: every rule needs a unique id.")
        seen.add(rule_id)
        if spec.get("flag") not in flags:
            raise RulesetError(f"{where}: unknown flag {spec.get('flag')}.")
        if "en" not in (spec.get("explanation") or {}):
            raise RulesetError(f"{where}: needs an English explanation.")
        if not spec.get("guidance"):
            raise RulesetError(f"{where}: needs the guidance it rests on.")
        rules.append(Rule(rule_id, spec["flag"], _expression(spec.get("when", ""), where, known),
                          dict(spec["explanation"]), str(spec["guidance"])))
    pathways: list[Pathway] = []
    for number, spec in enumerate(document.get("pathways") or [], start=1):
        where = f"{source}: pathway {number}"
        if spec.get("flag") not in flags:
            raise RulesetError(f"{where}: unknown flag {spec.get('flag')}.")
        if spec.get("urgency") not in URGENCIES:
            raise RulesetError(f"{where}: urgency must be one of {', '.join(URGENCIES)}.")
        for kind in spec.get("services") or []:
            only_if = _expression(spec["only_if"], where, known) if spec.get("only_if") else None
            pathways.append(Pathway(spec["flag"], str(kind), spec["urgency"], only_if))
    due_days = {k: int(v) for k, v in (document.get("due_days") or {}).items()}
    if set(due_days) != set(URGENCIES):
        raise RulesetError(f"{source}: due_days must give a number of days for {', '.join(URGENCIES)}.")
    unused = set(flags) - {r.flag for r in rules}
    if unused:
        raise RulesetError(f"{source}: flags without any rule: {', '.join(sorted(unused))}.")
    return Ruleset(str(document.get("name", source)), str(document.get("version", "")), flags, rules, pathways, due_days)


def load_ruleset(path: Path, *, question_names: Iterable[str]) -> Ruleset:
    return parse_ruleset(path.read_text(encoding="utf-8"), question_names=question_names, source=path.name)


def suggest_flags(ruleset: Ruleset, answers: Mapping[str, Any], facts: Mapping[str, Any],
                  language: str = "en") -> list[Suggestion]:
    """Every flag whose rules hold, once per flag, with the first rule's evidence and the ids of
    the other rules that also hold."""
    values = {**answers, **facts}
    by_flag: dict[str, Suggestion] = {}
    for rule in ruleset.rules:
        if not rule.when.is_true(values):
            continue
        if rule.flag in by_flag:
            by_flag[rule.flag].also_triggered_by.append(rule.id)
            continue
        evidence = {name: values.get(name) for name in sorted(rule.when.references)
                    if values.get(name) not in (None, "", [])}
        by_flag[rule.flag] = Suggestion(rule.flag, rule.id, evidence, rule.explain(language), rule.guidance,
                                        ruleset.flags[rule.flag].sensitive_category)
    return list(by_flag.values())


def suggest_referrals(ruleset: Ruleset, confirmed_flags: Iterable[str], answers: Mapping[str, Any],
                      facts: Mapping[str, Any]) -> list[SuggestedReferral]:
    """Services that the *confirmed* flags call for, most urgent first, one per kind of service."""
    values = {**answers, **facts}
    confirmed = set(confirmed_flags)
    best: dict[str, tuple[int, list[str]]] = {}
    for pathway in ruleset.pathways:
        if pathway.flag not in confirmed:
            continue
        if pathway.only_if is not None and not pathway.only_if.is_true(values):
            continue
        rank = URGENCIES.index(pathway.urgency)
        current = best.get(pathway.service_kind)
        if current is None or rank < current[0]:
            best[pathway.service_kind] = (rank, sorted({pathway.flag, *(current[1] if current else [])}))
        else:
            current[1].append(pathway.flag)
    return sorted(
        (SuggestedReferral(kind, URGENCIES[rank], tuple(sorted(set(flags)))) for kind, (rank, flags) in best.items()),
        key=lambda r: (URGENCIES.index(r.urgency), r.service_kind))
