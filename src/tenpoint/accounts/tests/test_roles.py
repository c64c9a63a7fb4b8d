from __future__ import annotations

import pytest

from tenpoint.accounts.roles import RoleDefinitionError, parse_roles, role_catalogue


def test_the_shipped_roles_load_and_every_permission_is_declared():
    catalogue = role_catalogue()
    assert {"registration_officer", "statistics_analyst", "data_protection_officer"} <= set(catalogue.roles)
    for role in catalogue.roles.values():
        assert role.permissions <= set(catalogue.permissions)


def test_a_statistics_analyst_sees_no_sensitive_category_and_no_person():
    analyst = role_catalogue().get("statistics_analyst")
    assert not analyst.sensitive_categories
    assert "registry.view_person" not in analyst.permissions


@pytest.mark.parametrize("text, message", [
    ("version: 2\nroles: {}", "version: 1"),
    ("version: 1\npermissions: {a: b}\nroles: {x: {label: {en: X}, permissions: [nope]}}", "unknown permission"),
    ("version: 1\npermissions: {a: b}\nroles: {x: {label: {es: X}, permissions: [a]}}", "English label"),
    ("version: 1\npermissions: {a: b}\nsensitive_categories: [sgbv]\n"
     "roles: {x: {label: {en: X}, permissions: [a], sensitive_categories: [gossip]}}", "unknown sensitive"),
])
def test_a_bad_role_file_is_refused_at_load_with_the_reason(text, message):
    with pytest.raises(RoleDefinitionError, match=message):
        parse_roles(text)
