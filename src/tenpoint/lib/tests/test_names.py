"""Names written in Arabic and Ge'ez script meet their Latin spellings, and the spellings of one
name in Latin letters meet each other (issue 5: transliteration-aware name normalisation). Plain
functions: no database needed."""

from __future__ import annotations

import pytest

from tenpoint.lib.names import (
    KNOWN_NAMES_FILE,
    KnownNamesError,
    given_and_family_of_one_string,
    known_name,
    load_known_names,
    name_key,
    name_keys,
    name_skeleton,
    name_tokens,
    normalise_name,
    other_sex_forms,
)


def _key(name: str) -> str:
    return "".join(name_key(token) for token in name_tokens(name))


@pytest.mark.parametrize(("latin", "written"), [
    ("Ali", "علي"), ("Omar", "عمر"), ("Ahmed", "أحمد"), ("Ibrahim", "إبراهيم"), ("Aisha", "عائشة"),
    ("Osama", "أسامة"), ("Mustafa", "مصطفى"), ("Abdullahi", "عبد الله"), ("Abdullah", "عبدالله"),
    ("Abdelaziz", "عبد العزيز"), ("Nasreldin", "نصر الدين"), ("Fadlalla", "فضل الله"),
    ("Al-Hassan", "الحسن"), ("Alhashimi", "الهاشمي"), ("Mohamed", "محمد"), ("Maxamed", "محمد"),
])
def test_a_name_written_in_arabic_script_gets_the_key_of_its_latin_spelling(latin: str, written: str) -> None:
    assert _key(written) == _key(latin)


def test_vowel_marks_and_the_stretching_stroke_change_nothing() -> None:
    # Clerks write عَلِيّ or عـلي as often as علي.
    assert normalise_name("عَلِيّ") == normalise_name("عـلي") == normalise_name("علي")


def test_particles_written_in_arabic_are_dropped_as_their_latin_forms_are() -> None:
    assert name_tokens("حسن بن علي") == ["hsn", "aly"]
    assert name_keys("حسن بن علي") == name_keys("Hassan bin Ali") == {"hsn", "al"}
    assert name_keys("أبو بكر") == name_keys("Abu Bakr")


def test_twins_named_hassan_and_hussein_stay_apart_in_any_script() -> None:
    assert name_key("حسن") == name_key("Hassan") == name_key("ሀሰን") == "hasan"
    assert name_key("حسين") == name_key("Hussein") == name_key("ሁሴን") == "husayn"
    assert name_key("محمود") == name_key("Mahmoud") != name_key("محمد") == name_key("Mohamed")
    assert name_key("حامد") == name_key("Hamid") != name_key("حمد") == name_key("Hamad")
    assert name_key("أحمد") == name_key("Ahmed") == name_key("Axmed") == name_key("አሕመድ") != name_key("Mohamed")
    assert len({name_key("José"), name_key("Jesús"), name_key("Josué")}) == 3  # one skeleton, js


@pytest.mark.parametrize(("latin", "written"), [
    ("Yusuf", "يوسف"), ("Yahya", "يحيى"), ("Yasmin", "ياسمين"), ("Jasmin", "ياسمين"), ("Ismail", "إسماعيل"),
    ("Ismaaciil", "إسماعيل"), ("Saciid", "سعيد"), ("Jaamac", "جامع"),
])
def test_a_somali_or_jota_spelling_meets_the_name_in_arabic_script(latin: str, written: str) -> None:
    assert _key(written) == _key(latin)


@pytest.mark.parametrize(("somali", "other"), [
    ("Saciid", "Said"), ("Jaamac", "Jama"), ("Ismaaciil", "Ismail"), ("Cabdiraxmaan", "Abdirahman"),
    ("Mascuud", "Masud"),
])
def test_the_somali_ayn_written_c_inside_a_name_is_left_out_as_other_spellings_leave_it(somali: str,
                                                                                       other: str) -> None:
    assert name_skeleton(somali) == name_skeleton(other)


def test_a_c_that_is_no_ayn_stays() -> None:
    # No long vowel written twice: Latin spelling, where c is a k or an s.
    assert name_skeleton("Ricardo") == "rkrd" and name_skeleton("Lucia") == "lk"
    assert name_skeleton("Isaac") == name_skeleton("Isak") == "ask"
    # The first letter is the ayn only where Somali writes it so (Cabdi, Cali), not in Cooper.
    assert name_skeleton("Cooper") == "kpr"


@pytest.mark.parametrize(("y", "j"), [
    ("Yorman", "Jorman"), ("Yeferson", "Jeferson"), ("Yohannes", "Johannes"), ("Yasmin", "Jasmin"),
    ("Yonas", "Jonas"),
])
def test_an_initial_y_before_a_vowel_is_a_j(y: str, j: str) -> None:
    assert name_skeleton(y) == name_skeleton(j)


@pytest.mark.parametrize(("sudanese", "other"), [
    ("Tarig", "Tariq"), ("Ishag", "Ishaq"), ("Elsadig", "Al-Sadiq"), ("Siddig", "Siddiq"), ("Ishag", "Isaac"),
])
def test_a_final_g_is_the_sudanese_q(sudanese: str, other: str) -> None:
    assert name_skeleton(sudanese) == name_skeleton(other)


def test_a_g_that_is_no_q_stays() -> None:
    assert name_skeleton("Gamal") == "gml" and name_skeleton("Hagar") == "hgr"
    assert name_skeleton("Wang") == "ang" and name_skeleton("Craig") == "krk"


def test_a_known_names_spelling_of_another_skeleton_is_keyed_as_the_known_name_too() -> None:
    # Chad writes Mohamed "Mahamat": a skeleton of its own, found by Mohamed's key and scored as it.
    assert name_keys("Mahamat") == {"mt", "md"} and "md" in name_keys("Mohamed")
    assert name_key("Mahamat") == name_key("Mohamed") == "muhammad"
    assert name_key("Hossain") == name_key("Hussen") == name_key("Hussein") != name_key("Hassan")


def test_the_known_names_file_gives_each_spelling_in_either_script_its_name() -> None:
    known = load_known_names(KNOWN_NAMES_FILE.read_text(encoding="utf-8"))
    assert known.version >= 1
    assert known.spellings["xasan"] == "hasan" and known.spellings["hossain"] == "husayn"
    assert known_name("XASAN") == "hasan" and known_name("حسين") == known_name("ሁሴን") == "husayn"
    assert known_name("Warsame") is None


_GOOD_KNOWN_NAMES = """format: 1
version: 3
names:
  hasan:
    latin: [hassan, xasan]
    script: [حسن]
  husayn:
    latin: [hussein]
"""
# The same list with the optional section on how names are made feminine.
_GOOD_SEX_FORMS = _GOOD_KNOWN_NAMES + """other_sex_forms:
  added: [a, ne]
  replaced: [[o, a]]
  pairs: [[jamal, jamila]]
"""


@pytest.mark.parametrize(("change", "message"), [
    (("format: 1", "format: 2"), "line 1: expected `format: 1`"),
    (("version: 3", "version: three"), "line 2: expected `version:` and a whole number"),
    (("[hassan, xasan]", "[hassan, Xasan]"), "line 5: hasan.latin: 'Xasan' would never be looked up; write it as "
                                             "names are compared: 'xasan'"),
    (("latin: [hussein]", "latin: [hussein, xasan]"), "line 8: 'xasan' is already listed under hasan (line 5)"),
    (("latin: [hussein]", "latin: [hussein, hussein]"), "line 8: 'hussein' is already listed under husayn (line 8)"),
    (("  husayn:", "  hsn:"), "line 7: the known name 'hsn' must be lower-case letters a-z with its vowels"),
    (("latin: [hussein]", "spellings: [hussein]"), "line 8: husayn: unknown key 'spellings'"),
    (("latin: [hussein]", "latin: hussein"), "line 8: husayn.latin must be a list of spellings"),
    (("script: [حسن]", "script: [حسن"), "not YAML"),
    (("added: [a, ne]", "added: [a, Ne]"), "line 10: other_sex_forms.added: 'Ne' must be lower-case letters a-z"),
    (("replaced: [[o, a]]", "replaced: [o, a]"), "line 11: other_sex_forms.replaced: each entry is [masculine, "
                                                 "feminine], e.g. [o, a]"),
    (("pairs: [[jamal, jamila]]", "pairs: [[jamal, jamal]]"), "line 12: other_sex_forms.pairs: 'jamal' twice"),
    (("added: [a, ne]", "endings: [a, ne]"), "line 10: other_sex_forms: unknown key 'endings'"),
    (("added: [a, ne]", "added: a"), "line 10: other_sex_forms.added must be a list"),
])
def test_a_known_names_file_with_a_mistake_is_refused_with_its_line(change: tuple[str, str], message: str) -> None:
    load_known_names(_GOOD_SEX_FORMS)  # the file before the mistake is fine
    with pytest.raises(KnownNamesError) as refused:
        load_known_names(_GOOD_SEX_FORMS.replace(*change), source="known_names.yaml")
    assert str(refused.value).startswith("known_names.yaml: ") and message in str(refused.value)


@pytest.mark.parametrize(("man", "woman"), [("Daniel", "Daniela"), ("Daniel", "Danielle"), ("Jean", "Jeanne"),
                                          ("Louis", "Louise"), ("Victor", "Victoria"), ("Mario", "María"),
                                          ("Antonio", "Antonia"), ("Samir", "Samira"), ("Jamal", "Jamila"),
                                          ("José", "Josefa"), ("Joseph", "Joséphine"), ("Pierre", "Pierrette"),
                                          ("Paul", "Paulette"), ("Georges", "Georgette")])
def test_a_womans_form_of_a_mans_name_is_known_from_the_data_file(man: str, woman: str) -> None:
    assert other_sex_forms(name_tokens(man)[0], name_tokens(woman)[0])
    assert not other_sex_forms(name_tokens(woman)[0], name_tokens(man)[0])  # his is not made from hers


@pytest.mark.parametrize(("man", "woman"), [("Saeed", "Saida"), ("Kareem", "Karima"), ("Emanuel", "Emmanuelle"),
                                          ("Nabil", "Nabeela")])
def test_one_names_two_forms_spelt_apart_still_meet(man: str, woman: str) -> None:
    assert other_sex_forms(name_tokens(man)[0], name_tokens(woman)[0])


def test_names_that_are_not_one_names_forms_for_a_man_and_a_woman_are_not_taken_for_them() -> None:
    for one, other in (("daniel", "daniel"), ("mohamed", "muhammad"), ("hassan", "hussein"), ("an", "ana"),
                       ("carlos", "carmen"),
                       # A woman's record with the sex written wrongly beside another spelling of her
                       # own name: a man's name ending in a vowel (or an h after one) is met as
                       # written only, since its key is its stem's (Aamina, Amin: amn).
                       ("aamina", "amina"), ("ifrah", "ifra"), ("xawa", "hawa"),
                       # Two neighbouring letters swapped: a typing slip, not a form.
                       ("roas", "rosa"), ("geber", "gebre"), ("sherlien", "sherline")):
        assert not other_sex_forms(one, other)


def test_the_other_sex_forms_section_is_read_as_written() -> None:
    forms = load_known_names(_GOOD_SEX_FORMS).other_sex_forms
    assert forms.masculine_forms("jeanne") == {"jean"}  # "e" is not among this file's endings
    assert forms.masculine_forms("maria") == {"mario", "mari"}
    assert forms.masculine_forms("jamila") == {"jamal", "jamil", "jamilo"}
    assert load_known_names(_GOOD_KNOWN_NAMES).other_sex_forms.masculine_forms("daniela") == frozenset()


def test_an_initial_y_before_a_consonant_is_a_vowel_in_latin_letters_and_a_y_in_script() -> None:
    assert name_skeleton("Yvonne") == name_skeleton("Ivonne") == "abn"
    assert name_skeleton("Yonas") != name_skeleton("Anas")
    assert normalise_name("يوسف") == "yiwsf" and normalise_name("ይርጋ") == "yirga"
    assert _key("ይርጋ") == _key("Yirga")


@pytest.mark.parametrize(("latin", "written"), [
    ("Tesfaye", "ተስፋዬ"), ("Yohannes", "ዮሐንስ"), ("Endale", "እንዳለ"), ("Idris", "እድሪስ"), ("Tekle", "ተኽለ"),
    ("Teklit", "ተኽሊት"), ("Adugna", "አዱኛ"), ("Mohammed", "መሐመድ"),
])
def test_a_name_written_in_geez_gets_the_key_of_its_latin_spelling(latin: str, written: str) -> None:
    assert _key(written) == _key(latin)


def test_latin_names_are_normalised_as_before() -> None:
    assert normalise_name("José-Luis  GARCÍA") == "jose luis garcia"
    assert normalise_name("N'Diaye") == "ndiaye"
    assert name_tokens("Al-Amin") == ["amin"]


@pytest.mark.parametrize(("written", "given", "family"), [
    ("Jaime Padilla", "Jaime", "Padilla"),
    ("Ibrahim Idris Mohammed", "Ibrahim", "Idris Mohammed"),
    # The particles before the first name belong to it: Abu Bakr is a given name, not Abu.
    ("Abu Bakr Omar", "Abu Bakr", "Omar"),
    ("El Sayed Ahmed Hassan", "El Sayed", "Ahmed Hassan"),
    ("أبو بكر عمر", "أبو بكر", "عمر"),
    ("  Mina  ", "Mina", ""),
    # A particle alone is the name.
    ("Abu", "Abu", ""),
])
def test_a_name_written_as_one_string_is_read_as_given_then_family_names(written, given, family):
    assert given_and_family_of_one_string(written) == (given, family)
