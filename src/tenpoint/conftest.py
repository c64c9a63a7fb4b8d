"""The shared cast of test users: one per role in the government border authority, and one
registration officer from another organisation (who must never see the first one's people)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tenpoint.accounts.models import User
from tenpoint.accounts.roles import role_catalogue
from tenpoint.partners.models import Office, Organisation, RegistrationPoint
from tenpoint.testing import factories


@dataclass
class Cast:
    organisation: Organisation
    office: Office
    point: RegistrationPoint
    users: dict[str, User]
    other_organisation: Organisation
    other_office: Office
    other_point: RegistrationPoint
    outsider: User  # registration officer of another organisation, same country

    def __getitem__(self, role: str) -> User:
        return self.users[role]


@pytest.fixture(autouse=True)
def _fresh_search_vocabulary() -> None:
    """The search keeps the name-key vocabulary in memory, read incrementally by row id; every
    test starts from an empty database, so it must start from an empty vocabulary too."""
    from tenpoint.registry.selectors import forget_key_vocabulary

    forget_key_vocabulary()


@pytest.fixture
def cast(db: None) -> Cast:
    organisation = factories.make_organisation()
    office = factories.make_office(organisation)
    point = factories.make_point(office)
    users = {role: factories.make_user(role, role, office) for role in role_catalogue().roles}
    other = factories.make_organisation(name="Cruz Roja Costarricense", kind="red_cross", acronym="CRC")
    other_office = factories.make_office(other, name="Golfito")
    other_point = factories.make_point(other_office, name="Golfito reception centre", kind="reception_centre")
    outsider = factories.make_user("outsider", "registration_officer", other_office)
    return Cast(organisation, office, point, users, other, other_office, other_point, outsider)


@pytest.fixture
def officer(cast: Cast) -> User:
    return cast["registration_officer"]


# Browser fixtures (`chromium`, `page`, `phone_page`) for every app's Playwright tests.
from tenpoint.testing.browser import chromium, page, phone_page  # noqa: E402, F401
