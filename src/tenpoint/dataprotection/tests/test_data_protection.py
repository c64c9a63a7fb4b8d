from __future__ import annotations

import datetime as dt
import io

import pytest
import pyzipper
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import connection
from django.http import Http404
from django.utils import timezone

from tenpoint.audit.models import AuditEvent
from tenpoint.audit.services import Actor
from tenpoint.common.errors import BusinessRuleViolation
from tenpoint.common.fields import _cipher
from tenpoint.dataprotection import services
from tenpoint.dataprotection.models import ErasureRecord, SensitiveNote
from tenpoint.dataprotection.retention import RetentionSchedule, apply_retention, load_schedule
from tenpoint.dataprotection.selectors import sensitive_notes
from tenpoint.information.models import AbuseReport
from tenpoint.information.services import receive_abuse_report, save_channel
from tenpoint.lib.fieldcrypto import generate_key
from tenpoint.referrals.models import Service
from tenpoint.registry.models import Person
from tenpoint.registry.selectors import get_person, people_visible_to, person_record
from tenpoint.registry.services import correct_person
from tenpoint.testing.factories import make_person, person_input


def _consent(user, person, purpose="data_sharing", recipient=None):
    return services.record_consent(Actor(user), person, purpose=purpose, decision="given",
                                   explained_by="R. Mora with a Somali interpreter", language="som",
                                   recipient=recipient)


def test_sharing_refuses_without_consent_and_then_shows_only_the_covered_fields(cast, officer):
    person = make_person(officer, phone="+506 8888 1234")
    protection = cast["protection_officer"]
    with pytest.raises(services.ConsentRequired):
        services.share_person(Actor(protection), person, organisation=cast.other_organisation, basis="agreement",
                              field_groups=["documents"])
    assert not people_visible_to(cast.outsider).filter(uuid=person.uuid).exists()

    _consent(officer, person)
    services.share_person(Actor(protection), person, organisation=cast.other_organisation, basis="agreement",
                          field_groups=["documents"])
    seen = get_person(Actor(cast.outsider), person.uuid)
    assert seen.given_name == "Maxamed"
    assert seen.phone == ""  # contact is not covered by this share
    assert Person.objects.get(uuid=person.uuid).phone == "+506 8888 1234"  # nothing overwritten
    listed = list(people_visible_to(cast.outsider))
    assert [p.phone for p in listed] == [""]


def test_a_share_never_lets_the_recipient_rewrite_the_record(cast, officer):
    person = make_person(officer)
    _consent(officer, person)
    services.share_person(Actor(cast["protection_officer"]), person, organisation=cast.other_organisation,
                          basis="agreement", field_groups=["contact", "protection"])
    seen = get_person(Actor(cast.outsider), person.uuid)
    with pytest.raises(PermissionDenied):
        correct_person(Actor(cast.outsider), seen, person_input(given_name="Changed"), expected_version=seen.version)


def test_withdrawing_consent_ends_the_shares_that_rested_on_it(cast, officer):
    person = make_person(officer)
    consent = _consent(officer, person)
    services.share_person(Actor(cast["protection_officer"]), person, organisation=cast.other_organisation,
                          basis="agreement", field_groups=[])
    services.withdraw_consent(Actor(officer), consent, reason="The person asked to stop sharing.")
    with pytest.raises(Http404):
        get_person(Actor(cast.outsider), person.uuid)


def test_a_later_refusal_cancels_an_earlier_consent(cast, officer):
    person = make_person(officer)
    _consent(officer, person)
    services.record_consent(Actor(officer), person, purpose="data_sharing", decision="refused",
                            explained_by="R. Mora", language="som")
    with pytest.raises(services.ConsentRequired):
        services.require_consent(person, "data_sharing")


def test_only_a_role_with_the_right_overrides_consent_and_the_reason_is_kept(cast, officer):
    person = make_person(officer, birth_date=str(timezone.now().year - 12))
    with pytest.raises(PermissionDenied):
        services.override_consent(Actor(officer), person, purpose="referral", reason="x" * 30)
    with pytest.raises(BusinessRuleViolation):
        services.override_consent(Actor(cast["child_protection_officer"]), person, purpose="referral", reason="urgent")
    override = services.override_consent(
        Actor(cast["child_protection_officer"]), person, purpose="referral",
        reason="Child alone at the border post at night with signs of abuse; immediate shelter needed.")
    assert services.require_consent(person, "referral", override=override) == override
    assert AuditEvent.objects.filter(action="consent.overridden", object_uuid=person.uuid).exists()


def test_sensitive_notes_are_encrypted_at_rest_and_shown_only_to_roles_that_need_them(cast, officer):
    person = make_person(officer)
    services.record_sensitive_note(Actor(cast["anti_trafficking_officer"]), person, category="trafficking",
                                   content="Documents held by the recruiter in Tapachula.")
    with connection.cursor() as cursor:
        cursor.execute("SELECT content FROM dataprotection_sensitivenote")
        stored = cursor.fetchone()[0]
    assert stored.startswith("enc1:") and "Tapachula" not in stored
    assert [n.content for n in sensitive_notes(Actor(cast["anti_trafficking_officer"]), person)] == [
        "Documents held by the recruiter in Tapachula."]
    assert sensitive_notes(Actor(cast["protection_officer"]), person) == []  # not a category it handles
    assert sensitive_notes(Actor(officer), person) == []
    with pytest.raises(PermissionDenied):
        services.record_sensitive_note(Actor(cast["case_worker"]), person, category="trafficking", content="x")
    assert not AuditEvent.objects.filter(details__icontains="Tapachula").exists()


def test_key_rotation_re_encrypts_with_the_new_key(cast, officer, settings):
    person = make_person(officer)
    services.record_sensitive_note(Actor(cast["child_protection_officer"]), person, category="health",
                                   content="Asthma; needs an inhaler.")
    unit = Service.objects.create(organisation=cast.organisation, name="Unit", kind="anti_trafficking_unit",
                                  country="CRI")
    save_channel(Actor(cast["administrator"]), country="CRI", service=unit)
    report = receive_abuse_report(country="CRI", language="en", what_happened="Robbed at the checkpoint.",
                                  who_was_harmed="self", wants_contact=True, contact="+506 0000 0000")
    old_keys = list(settings.FIELD_ENCRYPTION_KEYS)
    new_key = generate_key()
    settings.FIELD_ENCRYPTION_KEYS = [new_key, *old_keys]
    call_command("rotate-field-keys", stdout=io.StringIO())
    settings.FIELD_ENCRYPTION_KEYS = [new_key]  # the old key is gone
    _cipher.cache_clear()
    assert SensitiveNote.objects.get(person=person).content == "Asthma; needs an inhaler."
    report = AbuseReport.objects.get(pk=report.pk)  # every encrypted field of every app, not only notes
    assert (report.what_happened, report.contact) == ("Robbed at the checkpoint.", "+506 0000 0000")


def test_key_rotation_encrypts_photos_kept_before_and_re_encrypts_the_others(cast, officer, settings, tmp_path):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from tenpoint.registry.selectors import photo_of
    from tenpoint.registry.services import set_photo

    settings.MEDIA_ROOT = tmp_path
    picture = io.BytesIO()
    Image.new("RGB", (4, 4), "teal").save(picture, "PNG")
    taken = make_person(officer, given_name="Amina")
    services.record_consent(Actor(officer), taken, purpose="photo", decision="given", explained_by="R. Mora",
                            language="som")
    taken = set_photo(Actor(officer), taken, SimpleUploadedFile("p.png", picture.getvalue(), "image/png"))
    # A photo kept before photos were encrypted: a plain file.
    before = make_person(officer, given_name="Yonas")
    plain = default_storage.save(f"photos/{before.uuid}.jpg", ContentFile(b"\xff\xd8 plain jpeg \xff\xd9"))
    Person.objects.filter(uuid=before.uuid).update(photo=plain)
    old_keys = list(settings.FIELD_ENCRYPTION_KEYS)
    settings.FIELD_ENCRYPTION_KEYS = [generate_key(), *old_keys]
    _cipher.cache_clear()
    out = io.StringIO()
    call_command("rotate-field-keys", stdout=out)
    assert "and 2 photo(s)" in out.getvalue()
    settings.FIELD_ENCRYPTION_KEYS = settings.FIELD_ENCRYPTION_KEYS[:1]  # the old key is gone
    _cipher.cache_clear()
    for person, content, kind in ((taken, picture.getvalue(), "image/png"),
                                  (before, b"\xff\xd8 plain jpeg \xff\xd9", "image/jpeg")):
        person = Person.objects.get(uuid=person.uuid)
        assert (tmp_path / person.photo.name).read_bytes().startswith(b"enc1:")
        assert photo_of(person) == (content, kind)
    assert not (tmp_path / plain).exists()  # the plain file is gone, not left beside the encrypted one


def test_exports_need_a_purpose_are_encrypted_and_defuse_spreadsheet_formulas(cast, officer):
    make_person(officer, given_name="=HYPERLINK(\"http://evil\",\"x\")")
    supervisor = cast["supervisor"]
    with pytest.raises(BusinessRuleViolation):
        services.export_people(Actor(supervisor), people_visible_to(supervisor), purpose="", passphrase="long enough pass")
    with pytest.raises(PermissionDenied):
        services.export_people(Actor(officer), people_visible_to(officer), purpose="Monthly list", passphrase="x" * 20)
    archive = services.export_people(Actor(supervisor), people_visible_to(supervisor),
                                     purpose="Monthly list for the reception centre", passphrase="a long passphrase")
    with pyzipper.AESZipFile(io.BytesIO(archive)) as opened:
        with pytest.raises(RuntimeError):
            opened.setpassword(b"wrong passphrase")
            opened.read("people.csv")
        opened.setpassword(b"a long passphrase")
        text = opened.read("people.csv").decode("utf-8-sig")
    assert "'=HYPERLINK" in text
    assert AuditEvent.objects.filter(action="people.exported", purpose="Monthly list for the reception centre").exists()


def test_an_access_request_exports_everything_held_including_sensitive_notes(cast, officer):
    person = make_person(officer)
    services.record_sensitive_note(Actor(cast["child_protection_officer"]), person, category="sgbv",
                                   content="Disclosed an assault in transit.")
    dpo = cast["data_protection_officer"]
    archive = services.export_person_record(Actor(dpo), person, purpose="Access request of 2026-11-20",
                                            passphrase="another long passphrase", registry_record=person_record(person))
    with pyzipper.AESZipFile(io.BytesIO(archive)) as opened:
        opened.setpassword(b"another long passphrase")
        content = opened.read("record.json").decode()
    assert "Maxamed" in content and "Disclosed an assault" in content


def test_erasure_removes_identity_and_keeps_what_statistics_count(cast, officer):
    person = make_person(officer, birth_date="1994-03-02", nationality_declared="SOM")
    services.erase_person(Actor(cast["data_protection_officer"]), person, reason="Erasure request of the person")
    person.refresh_from_db()
    assert person.given_name == "—" and person.family_name == "" and person.documents.count() == 0
    assert person.birth_date == dt.date(1994, 1, 1) and person.nationality_declared == "SOM" and person.sex == "M"
    assert ErasureRecord.objects.filter(person_uuid=person.uuid).exists()
    with pytest.raises(BusinessRuleViolation):
        services.erase_person(Actor(cast["data_protection_officer"]), person, reason="again")


def test_the_retention_schedule_anonymises_only_records_that_aged_out(cast, officer):
    old = make_person(officer, given_name="Old")
    recent = make_person(officer, given_name="Recent")
    Person.objects.filter(uuid=old.uuid).update(updated_at=timezone.now() - dt.timedelta(days=4000))
    schedule = load_schedule()
    assert apply_retention(Actor(None, "system"), schedule, dry_run=True) == 1
    assert apply_retention(Actor(None, "system"), RetentionSchedule(schedule.anonymise_after_days)) == 1
    assert Person.objects.get(uuid=old.uuid).given_name == "—"
    assert Person.objects.get(uuid=recent.uuid).given_name == "Recent"
    with pytest.raises(ValueError):
        load_schedule("version: 1\npeople: {anonymise_after_days: 3}")
