from __future__ import annotations

import csv
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from tenpoint.audit.services import Actor
from tenpoint.registry.importer import ImportRefused, import_people_file
from tenpoint.registry.models import Group, Person
from tenpoint.testing.factories import make_arrival, make_person

HEADER = ["given_name", "father_name", "family_name", "sex", "birth_date", "age", "nationality_declared",
          "languages", "fear_of_return", "document_kind", "document_number", "document_issuing_country", "group",
          "relationship_to_head"]


def _csv(rows: list[list[str]], header: list[str] = HEADER, encoding: str = "utf-8") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def _row(i: int = 0, **values: str) -> list[str]:
    base = {"given_name": f"Abdi{i}", "father_name": "Cali", "family_name": "", "sex": "M", "birth_date": "1990",
            "age": "", "nationality_declared": "SOM", "languages": "som", "fear_of_return": "expressed",
            "document_kind": "", "document_number": "", "document_issuing_country": "", "group": "",
            "relationship_to_head": ""}
    base.update(values)
    return [base[h] for h in HEADER]


@pytest.fixture
def arrival(cast, officer):
    return make_arrival(officer, cast.point)


def test_a_family_file_lands_with_its_group(cast, officer, arrival):
    rows = [_row(0, group="F1", relationship_to_head="head"), _row(1, sex="F", group="F1", relationship_to_head="spouse"),
            _row(2, birth_date="2019", group="F1", relationship_to_head="child")]
    report = import_people_file(Actor(officer), _csv(rows), filename="boat.csv", arrival=arrival)
    assert report.people == 3 and report.groups == 1
    assert Group.objects.get().memberships.count() == 3


def test_every_problem_is_named_by_line_and_column_and_nothing_lands(cast, officer, arrival):
    make_person(officer, documents=[])
    rows = [_row(0), _row(1, birth_date="2099-02-01"), _row(2, birth_date="1990-01-01", age="8"),
            _row(3, nationality_declared="ZZZ"), _row(4, document_kind="passport", document_number="P1"),
            _row(5, document_kind="passport", document_number="P-1"), _row(6, fear_of_return=""), _row(7, age="ten")]
    with pytest.raises(ImportRefused) as refused:
        import_people_file(Actor(officer), _csv(rows), filename="boat.csv", arrival=arrival)
    found = {(e.line, e.column) for e in refused.value.errors}
    assert {(3, "birth_date"), (4, "age"), (5, "nationality_declared"), (7, "document_number"), (8, "fear_of_return"),
            (9, "age")} <= found
    assert Person.objects.count() == 1  # only the one made before


@pytest.mark.parametrize("content, words", [
    (b"", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00binary", "not"),
    ("given_name,fear_of_return\nJos\xe9,expressed\n".encode("latin-1"), "not UTF-8"),
    (b"given_name,colour,fear_of_return\nAmina,blue,expressed\n", "unknown column"),
    (b"given_name\nAmina\n", "required column"),
    (b"given_name,fear_of_return\nAmina,expressed,extra,cells\n", "cells but the header"),
    (b"given_name,fear_of_return\n", "no people"),
])
def test_malformed_files_are_refused_with_a_clear_message(cast, officer, arrival, content, words):
    with pytest.raises(ImportRefused) as refused:
        import_people_file(Actor(officer), content, filename="file.csv", arrival=arrival)
    assert words in str(refused.value.errors[0])
    assert Person.objects.count() == 0


@pytest.mark.parametrize("content, line, words", [
    (b'given_name,fear_of_return\nAmina,expressed\n"Hodan,expressed\nAbdi,expressed\n', 3, "never closed"),
    (b'given_name,fear_of_return\nAmina,expressed\nAbdi,expressed\n"Hodan"x,expressed\n', 4, "not well-formed"),
])
def test_a_quote_left_open_is_refused_on_its_line_not_read_as_the_rest_of_the_file(cast, officer, arrival, content,
                                                                                   line, words):
    with pytest.raises(ImportRefused) as refused:
        import_people_file(Actor(officer), content, filename="file.csv", arrival=arrival)
    assert (refused.value.errors[0].line, words in refused.value.errors[0].message) == (line, True)
    assert Person.objects.count() == 0


def test_a_quote_doubled_inside_a_value_lands_as_one_quote(cast, officer, arrival):
    content = (b'given_name;fear_of_return;fear_of_return_notes\n'
               b'Amina;expressed;"She said ""they will take my son"", twice."\n')
    import_people_file(Actor(officer), content, filename="file.csv", arrival=arrival)
    assert Person.objects.get().fear_of_return_notes == 'She said "they will take my son", twice.'


def test_the_same_file_is_not_imported_twice_into_an_arrival(cast, officer, arrival):
    content = _csv([_row(0)])
    import_people_file(Actor(officer), content, filename="boat.csv", arrival=arrival)
    with pytest.raises(ImportRefused, match="Nothing was imported") as refused:
        import_people_file(Actor(officer), content, filename="boat-again.csv", arrival=arrival)
    assert "already imported" in str(refused.value.errors[0])


def test_an_xlsx_file_with_an_hxl_row_lands_and_its_errors_carry_row_numbers(cast, officer, arrival):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append(["#affected+name+first", "", "", "#affected+sex", "#affected+birth", "", "#affected+nationality"]
                 + [""] * (len(HEADER) - 7))
    sheet.append(_row(0))
    sheet.append(_row(1, birth_date="2098"))
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(ImportRefused) as refused:
        import_people_file(Actor(officer), buffer.getvalue(), filename="boat.xlsx", arrival=arrival)
    assert [(e.line, e.column) for e in refused.value.errors] == [(4, "birth_date")]
    sheet.delete_rows(4)
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert import_people_file(Actor(officer), buffer.getvalue(), filename="boat.xlsx", arrival=arrival).people == 1


def test_ten_thousand_rows_land_and_one_bad_row_keeps_them_all_out(cast, officer, arrival):
    rows = [_row(i) for i in range(10_000)]
    rows[9_876] = _row(9_876, sex="M", birth_date="1890")
    with pytest.raises(ImportRefused) as refused:
        import_people_file(Actor(officer), _csv(rows), filename="big.csv", arrival=arrival)
    assert [e.line for e in refused.value.errors] == [9_878]
    assert Person.objects.count() == 0
    rows[9_876] = _row(9_876)
    assert import_people_file(Actor(officer), _csv(rows), filename="big.csv", arrival=arrival).people == 10_000


def test_the_command_imports_and_exits_non_zero_with_line_numbers(cast, officer, arrival, tmp_path):
    good = tmp_path / "good.csv"
    good.write_bytes(_csv([_row(0), _row(1)]))
    output = io.StringIO()
    call_command("import", "people", str(good), "--user", officer.username, "--arrival", str(arrival.uuid),
                 stdout=output, stderr=io.StringIO())
    assert "imported 2 people" in output.getvalue()
    bad = tmp_path / "bad.csv"
    bad.write_bytes(_csv([_row(0), _row(1, birth_date="31/12/1990")]))
    with pytest.raises(CommandError, match="line 3, birth_date"):
        call_command("import", "people", str(bad), "--user", officer.username, "--arrival", str(arrival.uuid),
                     stderr=io.StringIO())


def _import_a_large_file_and_read_the_name_keys_catalogue(officer, arrival, monkeypatch, column: str) -> float:
    """Import three people as if three were a large import; ``column`` of pg_class for the name keys."""
    from django.db import connection

    from tenpoint.registry import importer
    from tenpoint.registry.models import PersonNameKey

    monkeypatch.setattr(importer, "LARGE_IMPORT", 3)
    import_people_file(Actor(officer), _csv([_row(i, family_name=f"Warsame{i}") for i in range(3)]),
                       filename="boat.csv", arrival=arrival)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM pg_class WHERE relname = %s", [PersonNameKey._meta.db_table])
        (value,) = cursor.fetchone()
    return value


def test_the_command_lands_nothing_until_told_who_of_the_file_is_registered_already(cast, officer, arrival, tmp_path):
    from tenpoint.registry.models import ArrivalPerson

    earlier = make_person(officer, given_name="Maxamed", father_name="Cabdi", family_name="Warsame", sex="M",
                          birth_date="1985-03-02", nationality_declared="SOM")
    boat = tmp_path / "boat.csv"
    boat.write_bytes(_csv([_row(0), _row(1, given_name="Mohamed", father_name="Abdi", family_name="Warsame",
                                             birth_date="1985-03-02")]))
    command = ["import", "people", str(boat), "--user", officer.username, "--arrival", str(arrival.uuid)]
    with pytest.raises(CommandError, match=f"line 3: .*may be {earlier.reference} ") as held:
        call_command(*command, stderr=io.StringIO())
    assert "--same-as" in str(held.value) and Person.objects.count() == 1
    with pytest.raises(CommandError, match="No person you may see has the reference CRI-NOSUCH"):
        call_command(*command, "--same-as", "3=CRI-NOSUCH", stderr=io.StringIO())
    output = io.StringIO()
    call_command(*command, "--same-as", f"3={earlier.reference.lower()}", stdout=output, stderr=io.StringIO())
    assert "imported 1 people" in output.getvalue() and "1 registered before" in output.getvalue()
    assert Person.objects.count() == 2 and ArrivalPerson.objects.filter(arrival=arrival, person=earlier).exists()


def test_the_command_registers_the_people_it_would_ask_about_as_new_when_told_to(cast, officer, arrival, tmp_path):
    make_person(officer, given_name="Maxamed", father_name="Cabdi", family_name="Warsame", sex="M",
                birth_date="1985-03-02", nationality_declared="SOM")
    boat = tmp_path / "boat.csv"
    boat.write_bytes(_csv([_row(1, given_name="Mohamed", father_name="Abdi", family_name="Warsame",
                                birth_date="1985-03-02")]))
    call_command("import", "people", str(boat), "--user", officer.username, "--arrival", str(arrival.uuid),
                 "--new-people", stdout=io.StringIO(), stderr=io.StringIO())
    assert Person.objects.count() == 2


def test_a_large_import_refreshes_the_planners_statistics(cast, officer, arrival, monkeypatch):
    from django.db import connection

    from tenpoint.registry.models import PersonNameKey

    if connection.vendor != "postgresql":
        pytest.skip("planner statistics are refreshed on PostgreSQL only (the suite runs there with DATABASE_URL)")
    estimated_rows = _import_a_large_file_and_read_the_name_keys_catalogue(officer, arrival, monkeypatch, "reltuples")
    # ANALYZE counted the rows of this transaction (a small table is read whole).
    assert estimated_rows == PersonNameKey.objects.count() > 0


@pytest.mark.django_db(transaction=True)
def test_a_large_import_outside_a_transaction_also_vacuums_the_name_keys(cast, officer, arrival, monkeypatch):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("vacuuming is PostgreSQL's (the suite runs there with DATABASE_URL)")
    visible_pages = _import_a_large_file_and_read_the_name_keys_catalogue(officer, arrival, monkeypatch,
                                                                          "relallvisible")
    # Only VACUUM marks pages all-visible, which lets the search read the key index alone.
    assert visible_pages > 0


@pytest.mark.django_db
def test_postgresql_does_not_compile_the_search_queries_while_an_officer_waits():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("JIT is PostgreSQL's (the suite runs there with DATABASE_URL)")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def test_unknown_columns_are_listed_as_the_officers_language_lists_them(cast, officer, arrival):
    from django.utils import translation

    content = b"given_name,colour,shoe_size,fear_of_return\nAmina,blue,38,expressed\n"
    with translation.override("ar"), pytest.raises(ImportRefused) as refused:
        import_people_file(Actor(officer), content, filename="file.csv", arrival=arrival)
    error = refused.value.errors[0]
    assert error.column == "colour، shoe_size"
    assert "given_name، father_name، grandfather_name" in error.message
