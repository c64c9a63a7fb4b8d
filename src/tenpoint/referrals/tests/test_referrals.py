from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from tenpoint.audit.services import Actor
from tenpoint.common.errors import BusinessRuleViolation
from tenpoint.dataprotection import services as dataprotection
from tenpoint.dataprotection.services import ConsentRequired
from tenpoint.lib.profiling.tests.test_profiling_cases import BASELINE
from tenpoint.referrals import services
from tenpoint.referrals.models import Referral, Service
from tenpoint.referrals.selectors import overdue_referrals
from tenpoint.registry.selectors import get_person
from tenpoint.screening import services as screening
from tenpoint.testing.factories import make_person


@pytest.fixture
def shelter(cast) -> Service:
    return Service.objects.create(organisation=cast.other_organisation, name="Albergue Golfito", kind="shelter",
                                  country="CRI", location="Golfito", languages=["spa"], capacity=40)


@pytest.fixture
def child(cast, officer):
    person = make_person(officer, given_name="Kevin", family_name="Mejía", birth_date=str(timezone.now().year - 15),
                         nationality_declared="HND")
    result = screening.record_screening(Actor(officer), person, {
        **BASELINE, "age_years": 15, "travelling_with": ["alone"], "caregiver_present": "no",
        "child_works_or_married": "no"})
    suggestion = result.suggestions.get(flag="unaccompanied_child")
    screening.decide_flag(Actor(cast["child_protection_officer"]), suggestion, confirm=True, reason="Alone at the border")
    return person


def _consent(user, person, recipient=None, purpose="referral"):
    return dataprotection.record_consent(Actor(user), person, purpose=purpose, decision="given",
                                         explained_by="L. Vargas", language="spa", recipient=recipient)


def test_a_referral_needs_consent_and_shares_only_what_the_service_needs(cast, child, shelter):
    protection = cast["child_protection_officer"]
    with pytest.raises(ConsentRequired):
        services.send_referral(Actor(protection), child, service=shelter, urgency="immediate",
                               because_of=["unaccompanied_child"])
    _consent(protection, child, recipient=cast.other_organisation)
    referral = services.send_referral(Actor(protection), child, service=shelter, urgency="immediate",
                                      because_of=["unaccompanied_child"], field_groups=["contact"])
    assert referral.due_at - referral.sent_at == dt.timedelta(days=1)
    assert referral.shared_field_groups == ["contact", "identity"]
    seen = get_person(Actor(cast.outsider), child.uuid)  # the shelter's organisation now sees the child
    assert seen.fear_of_return == ""  # protection notes were not shared


def test_a_referral_cannot_rest_on_an_unconfirmed_flag(cast, child, shelter):
    protection = cast["child_protection_officer"]
    _consent(protection, child)
    with pytest.raises(BusinessRuleViolation, match="confirmed flags"):
        services.send_referral(Actor(protection), child, service=shelter, urgency="high", because_of=["child_at_risk"])


def test_the_receiving_service_answers_and_declining_needs_a_reason_and_ends_sharing(cast, child, shelter):
    protection = cast["child_protection_officer"]
    _consent(protection, child)
    referral = services.send_referral(Actor(protection), child, service=shelter, urgency="high",
                                      because_of=["unaccompanied_child"])
    with pytest.raises(PermissionDenied):
        services.respond(Actor(protection), referral, status="accepted")
    responder = cast.outsider  # a registration officer of the shelter's organisation: may not answer
    with pytest.raises(PermissionDenied):
        services.respond(Actor(responder), referral, status="received")
    responder.role = "case_worker"
    responder.save()
    with pytest.raises(BusinessRuleViolation):
        services.respond(Actor(responder), referral, status="declined", note="")
    services.respond(Actor(responder), referral, status="declined", note="No places left tonight")
    with pytest.raises(Http404):
        get_person(Actor(responder), child.uuid)
    assert list(referral.events.values_list("status", flat=True)) == ["sent", "declined"]


def test_completion_carries_feedback_and_a_manager_can_revoke_an_open_referral(cast, child, shelter):
    protection = cast["child_protection_officer"]
    _consent(protection, child)
    receiver = cast.outsider
    receiver.role = "case_worker"
    receiver.save()
    first = services.send_referral(Actor(protection), child, service=shelter, urgency="high", because_of=["unaccompanied_child"])
    services.respond(Actor(receiver), first, status="accepted")
    services.respond(Actor(receiver), first, status="completed", note="Placed in the children's wing; BIA started")
    assert Referral.objects.get(pk=first.pk).feedback.startswith("Placed")
    second = services.send_referral(Actor(protection), child, service=shelter, urgency="normal", because_of=[])
    with pytest.raises(PermissionDenied):
        services.revoke(Actor(protection), second, reason="x")
    services.revoke(Actor(cast["supervisor"]), second, reason="Sent twice by mistake")
    assert Referral.objects.get(pk=second.pk).status == "revoked"


def test_overdue_referrals_appear_on_the_supervisors_page(client, cast, child, shelter):
    protection = cast["child_protection_officer"]
    _consent(protection, child)
    referral = services.send_referral(Actor(protection), child, service=shelter, urgency="immediate",
                                      because_of=["unaccompanied_child"])
    assert list(overdue_referrals(cast["supervisor"])) == []
    Referral.objects.filter(pk=referral.pk).update(due_at=timezone.now() - dt.timedelta(hours=3))
    client.force_login(cast["supervisor"])
    page = client.get(reverse("referrals:overdue")).content.decode()
    assert referral.reference in page
    client.force_login(cast["registration_officer"])
    assert client.get(reverse("referrals:overdue")).status_code == 403


def test_a_transfer_needs_consent_and_hands_the_case_over(cast, child):
    protection = cast["child_protection_officer"]
    with pytest.raises(ConsentRequired):
        services.transfer_case(Actor(protection), child, organisation=cast.other_organisation, reason="Shelter takes the case")
    _consent(protection, child, purpose="transfer")
    services.transfer_case(Actor(protection), child, organisation=cast.other_organisation, reason="Shelter takes the case")
    child.refresh_from_db()
    assert child.owner_organisation == cast.other_organisation
    assert get_person(Actor(protection), child.uuid).given_name == "Kevin"  # the former owner keeps identity
