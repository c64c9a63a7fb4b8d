from __future__ import annotations

import html

import pytest
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from tenpoint.registry.models import Group, Person
from tenpoint.testing.factories import make_arrival, make_person


def _row(i: int, **values: str) -> dict[str, str]:
    return {f"p-{i}-{k}": v for k, v in values.items()}


def test_an_officer_registers_an_arrival_then_a_family_on_the_batch_screen(client, cast, officer):
    client.force_login(officer)
    response = client.post(reverse("registry:arrival_new"), {
        "registration_point": str(cast.point.uuid), "arrived_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "circumstance": "entry", "mode": "sea", "sea_event": "rescue_in_distress", "country_of_departure": "SOM",
        "deaths_reported": "2", "missing_reported": "5"})
    assert response.status_code == 302
    batch_url = response["Location"]
    year = timezone.now().year
    data = {"rows": "5", "save": "1",
            **_row(0, given_name="Ahmed", family_name="Hassan", sex="M", birth_date="1985", nationality_declared="SOM",
                   fear_of_return="expressed", group="F1", relationship="head"),
            **_row(1, given_name="Faadumo", family_name="Cali", sex="F", age="34", nationality_declared="SOM",
                   fear_of_return="expressed", group="F1", relationship="spouse"),
            **_row(2, given_name="Yusuf", family_name="Ahmed", sex="M", birth_date=str(year - 9),
                   fear_of_return="unable_to_answer", fear_of_return_notes="Too young", group="F1", relationship="child")}
    response = client.post(batch_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Person.objects.count() == 3
    group = Group.objects.get()
    assert group.kind == "family" and group.memberships.count() == 3


def _family_rows(father: str) -> dict[str, str]:
    return {"rows": "5", "save": "1",
            **_row(0, given_name=father, father_name="Abdi", family_name="Warsame", sex="M", birth_date="1985",
                   nationality_declared="SOM", fear_of_return="expressed", group="F1", relationship="head"),
            **_row(1, given_name="Aamina", father_name=father, family_name="Warsame", sex="F", birth_date="2016",
                   fear_of_return="unable_to_answer", fear_of_return_notes="Too young", group="F1",
                   relationship="child")}


def test_a_batch_holds_a_person_registered_before_until_the_officer_chooses(client, cast, officer):
    from tenpoint.audit.models import AuditEvent
    from tenpoint.registry.models import ArrivalPerson

    earlier = make_person(officer, given_name="Maxamed", father_name="Cabdi", family_name="Warsame", sex="M",
                          birth_date="1985-03-02", nationality_declared="SOM")
    arrival = make_arrival(officer, cast.point)
    client.force_login(officer)
    url = reverse("registry:batch", args=[arrival.uuid])
    page = client.post(url, _family_rows("Mohamed")).content.decode()
    assert Person.objects.count() == 1  # nothing saved yet
    assert 'data-testid="held-for-candidates"' in page and 'data-row-candidates="0"' in page
    assert 'data-row-candidates="1"' not in page and f'value="{earlier.uuid}"' in page
    checked = page.split('name="candidates_checked" value="')[1].split('"')[0]

    # A row refused for another reason keeps the officer's choice and the earlier record shown.
    page = client.post(url, {**_family_rows("Mohamed"), "candidates_checked": checked, "p-0-same_as": str(earlier.uuid),
                             "p-1-fear_of_return_notes": ""}).content.decode()
    assert Person.objects.count() == 1 and 'data-row-errors="1"' in page
    assert f'value="{earlier.uuid}" checked' in page and f'name="candidates_checked" value="{checked}"' in page

    # The officer asked him: it is the man registered before. He is not registered again; his
    # earlier record arrives with this boat, at the head of the family typed with him.
    response = client.post(url, {**_family_rows("Mohamed"), "candidates_checked": checked,
                                 "p-0-same_as": str(earlier.uuid)})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Person.objects.count() == 2
    assert ArrivalPerson.objects.filter(arrival=arrival, person=earlier).exists()
    family = Group.objects.get()
    assert {(m.person_id, m.relationship_to_head) for m in family.memberships.all()} >= {(earlier.uuid, "head")}
    event = AuditEvent.objects.filter(action="people.registered").latest("id")
    assert event.details["already_registered"] == [str(earlier.uuid)] and event.details["count"] == 1


def test_a_batch_row_written_only_in_the_script_of_the_documents_is_held_against_its_latin_record(
        client, cast, officer):
    earlier = make_person(officer, given_name="Ali", father_name="Omar", family_name="Al-Hassan", sex="M",
                          birth_date="1988-03-15", nationality_declared="YEM", languages=["ara"])
    arrival = make_arrival(officer, cast.point)
    client.force_login(officer)
    page = client.post(reverse("registry:batch", args=[arrival.uuid]), {
        "rows": "5", "save": "1",
        **_row(0, name_in_original_script="علي عمر الحسن", sex="M", birth_date="1988-03-15",
               nationality_declared="YEM", fear_of_return="expressed")}).content.decode()
    assert Person.objects.count() == 1  # nothing saved yet
    assert 'data-row-candidates="0"' in page and f'value="{earlier.uuid}"' in page


def test_a_held_batch_saves_everyone_when_the_officer_says_they_are_new(client, cast, officer):
    make_person(officer, given_name="Maxamed", father_name="Cabdi", family_name="Warsame", sex="M",
                birth_date="1985-03-02", nationality_declared="SOM")
    arrival = make_arrival(officer, cast.point)
    client.force_login(officer)
    url = reverse("registry:batch", args=[arrival.uuid])
    page = client.post(url, _family_rows("Mohamed")).content.decode()
    checked = page.split('name="candidates_checked" value="')[1].split('"')[0]
    # A name changed after the check is checked again: still held, nothing saved.
    page = client.post(url, {**_family_rows("Maxamed"), "candidates_checked": checked}).content.decode()
    assert Person.objects.count() == 1 and 'data-testid="held-for-candidates"' in page
    checked = page.split('name="candidates_checked" value="')[1].split('"')[0]
    response = client.post(url, {**_family_rows("Maxamed"), "candidates_checked": checked, "p-0-same_as": ""})
    assert response.status_code == 302
    assert Person.objects.count() == 3


def test_one_bad_row_saves_nobody_and_keeps_what_was_typed(client, cast, officer):
    arrival = make_arrival(officer, cast.point)
    client.force_login(officer)
    data = {"rows": "5", "save": "1",
            **_row(0, given_name="Rosa", family_name="Mejía", fear_of_return="not_expressed"),
            **_row(3, given_name="Kevin", family_name="Mejía", birth_date="2099-01-01")}
    response = client.post(reverse("registry:batch", args=[arrival.uuid]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert Person.objects.count() == 0
    assert 'data-row-errors="3"' in page and "never skipped" in page and "after the arrival" in page
    assert 'value="Rosa"' in page


def test_the_person_page_is_audited_and_hidden_from_other_organisations(client, cast, officer):
    person = make_person(officer)
    client.force_login(officer)
    assert client.get(reverse("registry:person", args=[person.uuid])).status_code == 200
    client.force_login(cast.outsider)
    assert client.get(reverse("registry:person", args=[person.uuid])).status_code == 404
    client.force_login(cast["statistics_analyst"])
    assert client.get(reverse("registry:person", args=[person.uuid])).status_code == 403


def test_a_stale_correction_is_refused_and_overwrites_nothing(client, cast, officer):
    person = make_person(officer)
    client.force_login(officer)
    url = reverse("registry:person_edit", args=[person.uuid])
    form = {"given_name": "Maxamed", "family_name": "Warsame", "sex": "M", "fear_of_return": "expressed",
            "nationality_declared": "SOM", "nationality_declared_status": "known", "nationality_assessed_status": "unknown"}
    assert client.post(url, {**form, "family_name": "Warsame Cali", "version": "1"}).status_code == 302
    response = client.post(url, {**form, "given_name": "Other", "version": "1"})
    assert "Someone else changed this record" in response.content.decode()
    assert Person.objects.get(uuid=person.uuid).family_name == "Warsame Cali"


def test_the_search_page_finds_a_misspelled_name_with_reasons(client, cast, officer):
    make_person(officer, given_name="Mohammed", father_name="", family_name="Abdullahi")
    client.force_login(officer)
    page = client.get(reverse("registry:search"), {"name": "Mohamned Abdulahi"}).content.decode()
    assert "Mohammed Abdullahi" in page
    # The reasons name the words as typed and as the record writes them.
    assert html.escape("“Abdulahi” sounds like “Abdullahi”") in page
    partial = client.get(reverse("registry:search"), {"name": "Mohamed"}, HTTP_HX_REQUEST="true").content.decode()
    assert partial.startswith('<div id="results"')
    bad = client.get(reverse("registry:search"), {"birth": "yesterday"}).content.decode()
    assert "YYYY-MM-DD" in bad


def test_pages_work_in_arabic_right_to_left(client, cast, officer):
    officer.preferred_language = "ar"
    officer.save()
    client.force_login(officer)
    page = client.get(reverse("registry:home")).content.decode()
    assert 'dir="rtl"' in page and 'lang="ar"' in page


def test_the_import_page_lists_line_errors_and_lands_nothing(client, cast, officer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    arrival = make_arrival(officer, cast.point)
    client.force_login(officer)
    upload = SimpleUploadedFile("boat.csv", b"given_name,fear_of_return\nAmina,expressed\nYonas,\n", "text/csv")
    page = client.post(reverse("registry:import", args=[arrival.uuid]), {"file": upload}).content.decode()
    assert 'data-testid="import-errors"' in page and "<td>3</td>" in page
    assert Person.objects.count() == 0
    upload = SimpleUploadedFile("boat.csv", b"given_name,fear_of_return\nAmina,expressed\n", "text/csv")
    assert client.post(reverse("registry:import", args=[arrival.uuid]), {"file": upload}).status_code == 302
    assert Person.objects.count() == 1


def test_the_import_page_names_the_line_of_a_quote_left_open_in_the_officers_language(client, cast, officer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    officer.preferred_language = "es"
    officer.save()
    arrival = make_arrival(officer, cast.point)
    client.force_login(officer)
    upload = SimpleUploadedFile("boat.csv", b'given_name,fear_of_return\nAmina,expressed\n"Yonas,expressed\n'
                                            b"Hodan,expressed\n", "text/csv")
    page = client.post(reverse("registry:import", args=[arrival.uuid]), {"file": upload}).content.decode()
    assert "<td>3</td>" in page and "nunca se cierran" in page
    assert Person.objects.count() == 0


def test_a_photo_needs_the_persons_consent_and_is_served_only_within_scope(client, cast, officer, tmp_path, settings):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from tenpoint.audit.services import Actor
    from tenpoint.dataprotection.services import record_consent

    settings.MEDIA_ROOT = tmp_path
    person = make_person(officer)
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "navy").save(buffer, "JPEG")
    client.force_login(officer)
    url = reverse("registry:person_photo_upload", args=[person.uuid])
    client.post(url, {"photo": SimpleUploadedFile("p.jpg", buffer.getvalue(), "image/jpeg")})
    assert not Person.objects.get(uuid=person.uuid).photo  # no consent yet
    record_consent(Actor(officer), person, purpose="photo", decision="given", explained_by="R. Mora", language="som")
    client.post(url, {"photo": SimpleUploadedFile("p.jpg", buffer.getvalue(), "image/jpeg")})
    stored = Person.objects.get(uuid=person.uuid).photo
    # Encrypted at rest: the file on disk is no picture; the page serves the picture as taken.
    on_disk = (tmp_path / stored.name).read_bytes()
    assert on_disk.startswith(b"enc1:") and buffer.getvalue() not in on_disk
    client.post(url, {"photo": SimpleUploadedFile("p.jpg", b"not a picture", "image/jpeg")})
    served = client.get(reverse("registry:person_photo", args=[person.uuid]))
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    assert served.content == buffer.getvalue() and served["Cache-Control"] == "no-store"
    client.force_login(cast.outsider)
    assert client.get(reverse("registry:person_photo", args=[person.uuid])).status_code == 404


IMPORT_HEADER = "given_name,father_name,family_name,sex,birth_date,nationality_declared,fear_of_return,group,relationship_to_head"


def test_an_import_holds_a_person_registered_before_until_the_officer_chooses(client, cast, officer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tenpoint.audit.models import AuditEvent
    from tenpoint.audit.services import Actor
    from tenpoint.registry import selectors
    from tenpoint.registry.models import ArrivalPerson, ImportRecord, PendingImport

    earlier = make_person(officer, given_name="Maxamed", father_name="Cabdi", family_name="Warsame", sex="M",
                          birth_date="1985-03-02", nationality_declared="SOM")
    arrival = make_arrival(officer, cast.point)
    client.force_login(officer)
    url = reverse("registry:import", args=[arrival.uuid])
    content = (f"{IMPORT_HEADER}\nMohamed,Abdi,Warsame,M,1985-03-02,SOM,expressed,F1,head\n"
               "Aamina,Mohamed,Warsame,F,2016,SOM,expressed,F1,child\n").encode()
    page = client.post(url, {"file": SimpleUploadedFile("boat.csv", content, "text/csv")}).content.decode()
    assert Person.objects.count() == 1  # nothing imported yet
    assert 'data-testid="held-for-candidates"' in page and 'data-line="2"' in page and 'data-line="3"' not in page
    assert f'value="{earlier.uuid}"' in page
    pending = PendingImport.objects.get()
    assert b"Mohamed" not in bytes(pending.encrypted_content)  # held encrypted, as photos are
    assert AuditEvent.objects.filter(action="registry.import_held", object_uuid=pending.uuid).exists()
    with pytest.raises(Http404):  # held for the officer who uploaded it, nobody else
        selectors.get_pending_import(Actor(cast["supervisor"]), str(pending.uuid), arrival)

    # The officer asked him: it is the man registered before. He is not registered again; his
    # earlier record arrives with this boat, at the head of the family of his line.
    response = client.post(url, {"pending": str(pending.uuid), "line-2-same_as": str(earlier.uuid)})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Person.objects.count() == 2 and not PendingImport.objects.exists()
    assert ArrivalPerson.objects.filter(arrival=arrival, person=earlier).exists()
    family = Group.objects.get()
    assert {(m.person_id, m.relationship_to_head) for m in family.memberships.all()} >= {(earlier.uuid, "head")}
    event = AuditEvent.objects.filter(action="people.registered").latest("id")
    assert event.details["already_registered"] == [str(earlier.uuid)] and event.details["count"] == 1
    assert ImportRecord.objects.get().people_count == 1
    # Held no longer: the choices cannot be posted twice.
    assert client.post(url, {"pending": str(pending.uuid), "line-2-same_as": ""}).status_code == 404
    again = client.post(url, {"file": SimpleUploadedFile("boat.csv", content, "text/csv")}).content.decode()
    assert "already imported" in again and Person.objects.count() == 2


def test_a_held_import_lands_everyone_as_new_and_a_bad_line_is_named_before_anything_is_held(client, cast, officer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tenpoint.registry.models import PendingImport

    make_person(officer, given_name="Maxamed", father_name="Cabdi", family_name="Warsame", sex="M",
                birth_date="1985-03-02", nationality_declared="SOM")
    arrival = make_arrival(officer, cast.point)
    client.force_login(officer)
    url = reverse("registry:import", args=[arrival.uuid])
    held_line = "Mohamed,Abdi,Warsame,M,1985-03-02,SOM,expressed,,\n"
    # A line the registry refuses (born in the future) is named first: the officer chooses once,
    # for a file that will land.
    bad = f"{IMPORT_HEADER}\n{held_line}Yonas,Tesfay,Haile,M,2099-01-01,ERI,expressed,,\n".encode()
    page = client.post(url, {"file": SimpleUploadedFile("boat.csv", bad, "text/csv")}).content.decode()
    assert 'data-testid="import-errors"' in page and "<td>3</td>" in page
    assert 'data-testid="held-for-candidates"' not in page and not PendingImport.objects.exists()
    # So is a family without a head.
    headless = f"{IMPORT_HEADER}\n{held_line}Yonas,Tesfay,Haile,M,1999-01-01,ERI,expressed,F1,spouse\n".encode()
    page = client.post(url, {"file": SimpleUploadedFile("boat.csv", headless, "text/csv")}).content.decode()
    assert "needs exactly one head" in page and not PendingImport.objects.exists()
    good = f"{IMPORT_HEADER}\n{held_line}Yonas,Tesfay,Haile,M,1999-01-01,ERI,expressed,,\n".encode()
    page = client.post(url, {"file": SimpleUploadedFile("boat.csv", good, "text/csv")}).content.decode()
    pending = PendingImport.objects.get()
    # Another organisation's person cannot be chosen (a forged form): the line is a new person.
    elsewhere = make_person(cast.outsider, given_name="Maxamed", father_name="Cabdi", family_name="Warsame")
    response = client.post(url, {"pending": str(pending.uuid), "line-2-same_as": str(elsewhere.uuid)})
    assert response.status_code == 302 and Person.objects.count() == 4  # two new, nobody recognised
    assert not elsewhere.arrival_memberships.exists()


def test_a_file_larger_than_an_officer_can_wait_for_is_checked_in_the_background_then_asked_about(
        client, cast, officer, monkeypatch):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tenpoint.registry import importer
    from tenpoint.registry.models import ArrivalPerson, PendingImport

    monkeypatch.setattr(importer, "CHECK_FILES_UP_TO", 1)
    monkeypatch.setattr(importer, "FILE_CHECK_CHUNK", 1)
    earlier = make_person(officer, given_name="Maxamed", father_name="Cabdi", family_name="Warsame", sex="M",
                          birth_date="1985-03-02", nationality_declared="SOM")
    arrival = make_arrival(officer, cast.point)
    client.force_login(officer)
    url = reverse("registry:import", args=[arrival.uuid])
    content = (f"{IMPORT_HEADER}\nYonas,Tesfay,Haile,M,1999-01-01,ERI,expressed,,\n"
               "Mohamed,Abdi,Warsame,M,1985-03-02,SOM,expressed,,\n").encode()
    response = client.post(url, {"file": SimpleUploadedFile("boat.csv", content, "text/csv")})
    pending = PendingImport.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"?pending={pending.uuid}")
    assert Person.objects.count() == 1  # nothing imported while the file is checked
    assert (pending.check_status, pending.lines_checked, pending.held_lines) == ("done", 2, [3])
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="held-for-candidates"' in page and 'data-line="3"' in page and 'data-line="2"' not in page
    assert f'value="{earlier.uuid}"' in page
    response = client.post(url, {"pending": str(pending.uuid), "line-3-same_as": str(earlier.uuid)})
    assert response.status_code == 302 and Person.objects.count() == 2  # Yonas new, Mohamed arrived again
    assert ArrivalPerson.objects.filter(arrival=arrival, person=earlier).exists()


def test_a_background_check_shows_its_progress_and_its_file_cannot_land_before_it_ends(client, cast, officer):
    from tenpoint.audit.services import Actor
    from tenpoint.registry import importer
    from tenpoint.registry.models import PendingImport

    arrival = make_arrival(officer, cast.point)
    content = f"{IMPORT_HEADER}\nYonas,Tesfay,Haile,M,1999-01-01,ERI,expressed,,\n".encode()
    pending = importer.hold_file_for_choices(Actor(officer), content, filename="boat.csv", arrival=arrival, held=0,
                                             lines_to_check=1)
    # Being checked by a process of another machine, which noted its progress a moment ago.
    PendingImport.objects.filter(pk=pending.pk).update(runner="another-machine:4242")
    client.force_login(officer)
    url = reverse("registry:import", args=[arrival.uuid])
    page = client.get(f"{url}?pending={pending.uuid}").content.decode()
    assert 'data-testid="file-being-checked"' in page and 'http-equiv="refresh"' in page and "0 of 1" in page
    response = client.post(url, {"pending": str(pending.uuid)})
    assert "still being checked" in response.content.decode() and Person.objects.count() == 0
    PendingImport.objects.filter(pk=pending.pk).update(check_status="failed")
    assert 'data-testid="file-check-failed"' in client.get(f"{url}?pending={pending.uuid}").content.decode()


def test_a_background_check_stopped_by_a_restart_resumes_from_its_last_note(client, cast, officer):
    import datetime as dt

    from django.utils import timezone

    from tenpoint.audit.services import Actor
    from tenpoint.registry import importer
    from tenpoint.registry.models import PendingImport

    make_person(officer, given_name="Maxamed", father_name="Cabdi", family_name="Warsame", sex="M",
                birth_date="1985-03-02", nationality_declared="SOM")
    make_person(officer, given_name="Hodan", father_name="Cali", family_name="Farah", sex="F",
                birth_date="1990-05-01", nationality_declared="SOM")
    arrival = make_arrival(officer, cast.point)
    content = (f"{IMPORT_HEADER}\nHodan,Ali,Farah,F,1990-05-01,SOM,expressed,,\n"
               "Yonas,Tesfay,Haile,M,1999-01-01,ERI,expressed,,\n"
               "Mohamed,Abdi,Warsame,M,1985-03-02,SOM,expressed,,\n").encode()
    pending = importer.hold_file_for_choices(Actor(officer), content, filename="boat.csv", arrival=arrival, held=0,
                                             lines_to_check=3)
    # A process of another machine checked two lines (and held nobody in them), and has been silent for an hour.
    PendingImport.objects.filter(pk=pending.pk).update(
        lines_checked=2, runner="a-host-gone:1", progress_at=timezone.now() - dt.timedelta(hours=1))
    client.force_login(officer)
    page = client.get(f"{reverse('registry:import', args=[arrival.uuid])}?pending={pending.uuid}").content.decode()
    pending.refresh_from_db()
    # Resumed at line 4, not from the start: Hodan (line 2) was not looked up again.
    assert (pending.check_status, pending.lines_checked, pending.held_lines) == ("done", 3, [4])
    assert 'data-line="4"' in page and 'data-line="2"' not in page
