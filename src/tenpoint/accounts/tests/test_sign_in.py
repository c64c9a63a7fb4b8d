from __future__ import annotations

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tenpoint.audit.models import AuditEvent
from tenpoint.testing.factories import PASSWORD


def _sign_in(client, username, password, token=""):
    return client.post(reverse("accounts:login"), {"username": username, "password": password, "otp_token": token})


def test_it_signs_in_and_audits_it(client, officer):
    response = _sign_in(client, officer.username, PASSWORD)
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="user.signed_in", object_uuid=officer.uuid).exists()


def test_it_locks_the_account_after_five_failures_even_with_the_right_password(client, officer, settings):
    settings.LOGIN_FAILURE_LIMIT = 5
    for _ in range(5):
        assert _sign_in(client, officer.username, "wrong password").status_code == 200
    response = _sign_in(client, officer.username, PASSWORD)
    assert response.status_code == 200
    assert "locked" in response.content.decode()
    assert AuditEvent.objects.filter(action="user.sign_in_failed").count() == 5


def test_the_api_token_endpoint_shares_the_lock_out(client, officer, settings):
    settings.LOGIN_FAILURE_LIMIT = 2
    url = reverse("api-token")
    assert client.post(url, {"username": officer.username, "password": "nope"}).status_code == 400
    assert client.post(url, {"username": officer.username, "password": "nope"}).status_code == 400
    assert client.post(url, {"username": officer.username, "password": PASSWORD}).status_code == 403


def _device_token(device: TOTPDevice, drift: int = 0) -> str:
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift)
    return format(code, f"0{device.digits}d")


def test_an_account_with_two_step_sign_in_needs_the_code(client, officer):
    client.force_login(officer)
    client.get(reverse("accounts:two_factor"))
    device = TOTPDevice.objects.get(user=officer, confirmed=False)
    assert client.post(reverse("accounts:two_factor"), {"token": "000000" if _device_token(device) != "000000" else "111111"}).status_code == 200
    # django-otp throttles after a wrong code (growing delay); the test does not wait it out.
    device.refresh_from_db()
    device.throttle_reset()
    assert client.post(reverse("accounts:two_factor"), {"token": _device_token(device)}).status_code == 302
    client.logout()
    assert _sign_in(client, officer.username, PASSWORD).status_code == 200  # no code: refused
    device.refresh_from_db()
    # A code is accepted once (replay protection): sign in with the next period's code,
    # within the one-step drift the device tolerates.
    assert _sign_in(client, officer.username, PASSWORD, _device_token(device)).status_code == 200
    device.refresh_from_db()
    device.throttle_reset()
    assert _sign_in(client, officer.username, PASSWORD, _device_token(device, drift=1)).status_code == 302


@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/profile/"])
def test_pages_carry_a_strict_content_security_policy(client, officer, path):
    client.force_login(officer)
    response = client.get(path, follow=True)
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
