"""Who is responsible for each child in a group. Pure logic over simple values, no database.

A child (under 18) with a parent or legal guardian in the group is accompanied; with adult
relatives but no parent or guardian, separated; with no adult relative at all, unaccompanied.
Travel companions never count as responsible adults, whatever their age.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

ADULT_AGE = 18

_RELATIVES = frozenset(
    {"head", "spouse", "child", "stepchild", "parent", "sibling", "grandchild", "grandparent",
     "niece_nephew", "aunt_uncle", "cousin", "other_relative", "legal_guardian", "ward"}
)


class ChildStatus(StrEnum):
    ACCOMPANIED = "accompanied"
    SEPARATED = "separated"
    UNACCOMPANIED = "unaccompanied"


@dataclass(frozen=True)
class Member:
    key: object
    relationship_to_head: str
    age: int | None  # None: unknown age, never treated as an adult

    @property
    def is_child(self) -> bool:
        return self.age is not None and self.age < ADULT_AGE

    @property
    def is_adult(self) -> bool:
        return self.age is not None and self.age >= ADULT_AGE


def _parents_or_guardians(child: Member, members: list[Member]) -> list[Member]:
    others = [m for m in members if m.key != child.key and m.is_adult]
    relation = child.relationship_to_head
    if relation in {"child", "stepchild", "ward"}:
        return [m for m in others if m.relationship_to_head in {"head", "spouse"}]
    if relation in {"head", "sibling"}:
        # The head's parents and guardian are also the head's siblings'.
        return [m for m in others if m.relationship_to_head in {"parent", "legal_guardian"}]
    if relation == "grandchild":
        # Which "child" of the head is the parent is not recorded: any adult child may be.
        return [m for m in others if m.relationship_to_head in {"child", "stepchild"}]
    return []


def child_statuses(members: list[Member]) -> dict[object, ChildStatus]:
    statuses: dict[object, ChildStatus] = {}
    for member in members:
        if not member.is_child:
            continue
        if _parents_or_guardians(member, members):
            statuses[member.key] = ChildStatus.ACCOMPANIED
            continue
        # A travel companion is related to nobody in the group, so nobody there is family.
        adult_relatives = [] if member.relationship_to_head == "travel_companion" else [
            m for m in members
            if m.key != member.key and m.is_adult and m.relationship_to_head in _RELATIVES
        ]
        statuses[member.key] = ChildStatus.SEPARATED if adult_relatives else ChildStatus.UNACCOMPANIED
    return statuses
