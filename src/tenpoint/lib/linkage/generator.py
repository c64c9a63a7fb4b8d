"""Synthetic registration records with ground truth, for the routes Tenpoint serves.

People are drawn from five naming traditions and registered one or more times at
different points, each registration making the errors clerks make:

- Somali and Ethiopian/Eritrean patronymic chains (given + father + grandfather), written
  whole, cut short or split elsewhere; siblings share the father and grandfather names;
- Arabic names with many spellings (Mohamed / Muhammad / Maxamed, Abdi / Cabdi) and al-
  prefixes written, dropped or glued;
- Spanish names with two surnames, the second often dropped;
- French / Haitian names with compound given names (Jean-Baptiste, Marie-Carmelle).

Errors: spelling variants, typos, given/family swap, dropped surname, year-only or
1 January dates, estimated years (±1-2), day/month swap, false or missing nationality.
Hard negatives on purpose: relatives sharing surnames, twins (same birth date and family
name; a brother and a sister sometimes named by one name's forms for a man and for a woman,
Daniel / Daniela, Jean / Jeanne, Samir / Samira), namesakes (common names, same year). A clerk
now and then writes the other sex. ``messiness`` (0..1) scales every error rate.

Deterministic for a given seed. ``python -m tenpoint.lib.linkage.generator --help``.
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

# Each inner tuple: spellings of one name seen in registration records, canonical first.
_SOMALI_MALE = (
    ("Mohamed", "Maxamed", "Mohammed", "Muhammad", "Mohamud"), ("Abdi", "Cabdi", "Abdiy"),
    ("Ahmed", "Axmed", "Ahmad"), ("Hassan", "Xasan", "Hasan"), ("Ali", "Cali"), ("Omar", "Cumar", "Umar"),
    ("Abdullahi", "Cabdullahi", "Abdilahi"), ("Yusuf", "Yuusuf", "Yousuf"), ("Ibrahim", "Ibraahim"),
    ("Abdirahman", "Cabdiraxmaan", "Abdirahmaan"), ("Osman", "Cismaan", "Usman"), ("Farah", "Faarax"),
    ("Hussein", "Xuseen", "Husein"), ("Said", "Saciid", "Saeed"), ("Jama", "Jaamac"), ("Warsame",),
    ("Abdikarim", "Cabdikariim"), ("Ismail", "Ismaaciil"), ("Aden", "Aadan", "Adan"), ("Nur", "Nuur"),
    ("Mohamud", "Maxamuud", "Mahmoud"), ("Dahir", "Daahir"), ("Guled", "Guuleed"), ("Mukhtar", "Mukhtaar"),
)
_SOMALI_FEMALE = (
    ("Fadumo", "Faduma", "Fatuma", "Fatima"), ("Amina", "Aamina"), ("Hawa", "Xawa"), ("Asha", "Aasha"),
    ("Halima", "Xaliimo", "Halimo"), ("Khadija", "Khadiija", "Xadiijo", "Hadija"), ("Maryan", "Maryam"),
    ("Sahra", "Sahro", "Zahra"), ("Ifrah", "Ifra"), ("Hodan", "Hodon"), ("Nasra", "Nasro"), ("Ubah", "Ubax"),
    ("Deeqa", "Deqa"), ("Ayan", "Ayaan"), ("Sagal",), ("Hibo", "Hiba"),
)
_HABESHA_MALE = (
    ("Tesfaye", "Tesfay", "Tesfai"), ("Haile", "Hayle"), ("Mekonnen", "Mekonen", "Mekonin"),
    ("Gebre", "Ghebre", "Gebreh"), ("Tsegaye", "Tsegay", "Tsegai"), ("Yohannes", "Yohanes", "Johannes"),
    ("Berhane", "Berhan", "Birhane"), ("Mulugeta", "Mulgeta"), ("Kidane", "Kidan"), ("Tekle", "Teklay"),
    ("Amanuel", "Emanuel", "Amanual"), ("Dawit", "Dawitt", "Dawid"), ("Biniam", "Biniyam", "Binyam"),
    ("Abraham", "Abrham"), ("Samuel", "Samiel"), ("Yonas", "Yonatan", "Jonas"), ("Solomon", "Selomon"),
    ("Tewolde", "Tewelde", "Tewolde"), ("Habte", "Habtay"), ("Ghirmay", "Girmay", "Germay"),
    ("Mehari", "Mihreteab", "Meharie"), ("Negash", "Negasi"), ("Woldu", "Weldu"), ("Zerai", "Zeray"),
)
_HABESHA_FEMALE = (
    ("Selam", "Salam"), ("Hiwot", "Hewot"), ("Tigist", "Tgist"), ("Meron", "Miron"), ("Senait", "Senayt"),
    ("Helen", "Hellen"), ("Ruth", "Rut"), ("Saba", "Sabah"), ("Almaz", "Almas"), ("Eden", "Edén"),
    ("Feven", "Fiven"), ("Luwam", "Luam"), ("Winta", "Wintana"), ("Yordanos", "Yordanose"),
)
_ARABIC_MALE = (
    ("Mohamed", "Mohammed", "Muhammad", "Mohammad", "Mohamad"), ("Ahmed", "Ahmad", "Ahmet"),
    ("Mahmoud", "Mahmud", "Mahmood"), ("Mustafa", "Mostafa", "Moustafa"), ("Youssef", "Yousef", "Yusuf", "Yousif"),
    ("Omar", "Umar", "Omer"), ("Khaled", "Khalid", "Khaleed"), ("Abdallah", "Abdullah", "Abdulla"),
    ("Abdelrahman", "Abdulrahman", "Abdel Rahman", "Abderrahmane"), ("Ibrahim", "Ebrahim", "Brahim"),
    ("Hussein", "Hussain", "Husein", "Hosein"), ("Ali",), ("Hamza", "Hamzah"), ("Karim", "Kareem"),
    ("Tarek", "Tariq", "Tarik"), ("Walid", "Waleed"), ("Osama", "Usama", "Oussama"), ("Bilal", "Belal"),
    ("Samir", "Sameer"), ("Adel", "Adil"), ("Jamal", "Gamal"), ("Salah", "Salaheddine"), ("Anas",),
)
_ARABIC_FEMALE = (
    ("Fatima", "Fatma", "Fatimah"), ("Aisha", "Aicha", "Ayesha"), ("Mariam", "Maryam", "Meryem"),
    ("Khadija", "Khadidja", "Hadija"), ("Nour", "Noor", "Nur"), ("Rania", "Ranya"), ("Huda", "Hoda"),
    ("Amal",), ("Salma", "Selma"), ("Yasmin", "Yasmine", "Jasmin"), ("Zainab", "Zeinab", "Zaynab"),
    ("Layla", "Leila", "Laila"), ("Hanan", "Hanane"), ("Samira", "Sameera"),
)
_ARABIC_FAMILY = (
    ("Hassan", "Hasan"), ("Al-Hassan", "Alhassan", "El Hassan"), ("Ibrahim", "Ebrahim"), ("Al-Masri", "Elmasri"),
    ("Haddad",), ("Khalil", "Khaleel"), ("Abdelaziz", "Abdulaziz"), ("Al-Tayeb", "Eltayeb", "Al Tayyib"),
    ("Osman", "Othman", "Usman"), ("Mansour", "Mansur"), ("Saleh", "Salih"), ("Youssef", "Yousef"),
    ("Al-Amin", "Elamin", "Al Amin"), ("Idris", "Idriss", "Edris"), ("Adam", "Adem"), ("Ismail", "Ismael"),
    ("Al-Sayed", "Elsayed", "El Sayed"), ("Hamid", "Hamed"), ("Nasser", "Nasir", "Naser"), ("Suleiman", "Sulaiman", "Sliman"),
    ("Abdallah", "Abdullah"), ("Al-Khatib", "Elkhatib"), ("Mahmoud", "Mahmud"), ("Bakr", "Bakri"),
)
_SPANISH_MALE = (
    ("José", "Jose"), ("Luis",), ("Carlos",), ("Juan",), ("Jesús", "Jesus"), ("Miguel",), ("Pedro",),
    ("José Luis", "Jose Luis", "José-Luis"), ("Juan Carlos",), ("Andrés", "Andres"), ("Jorge",), ("Daniel",),
    ("Ángel", "Angel"), ("Víctor", "Victor"), ("Rafael",), ("Fernando",), ("Wilmer", "Wilmar"), ("Yorman", "Jorman"),
)
_SPANISH_FEMALE = (
    ("María", "Maria"), ("María José", "Maria Jose", "Mariajose"), ("Ana",), ("Carmen",), ("Yolanda",),
    ("Daniela",), ("Gabriela",), ("Andrea",), ("Yulimar", "Julimar"), ("Rosa",), ("Luz Marina",), ("Génesis", "Genesis"),
)
_SPANISH_FAMILY = (
    ("García", "Garcia"), ("Rodríguez", "Rodriguez"), ("González", "Gonzalez"), ("Pérez", "Perez"),
    ("Hernández", "Hernandez"), ("López", "Lopez"), ("Martínez", "Martinez"), ("Sánchez", "Sanchez"),
    ("Ramírez", "Ramirez"), ("Torres",), ("Flores",), ("Rivera",), ("Gómez", "Gomez"), ("Díaz", "Diaz"),
    ("Morales",), ("Castillo",), ("Jiménez", "Jimenez", "Gimenez"), ("Vásquez", "Vasquez", "Vazquez"),
    ("Rojas",), ("Mendoza",), ("Herrera",), ("Medina",), ("Suárez", "Suarez"), ("Contreras",),
)
_FRENCH_MALE = (
    ("Jean",), ("Jean-Baptiste", "Jean Baptiste", "Jn Baptiste"), ("Pierre",), ("Jean-Claude", "Jean Claude"),
    ("Wilson", "Wilsonn"), ("Jacques",), ("Emmanuel", "Emanuel"), ("Frantz", "Franz"), ("Junior",), ("Ricardo",),
    ("Stanley",), ("Mackenson", "Makenson"), ("Wisly", "Wesly"), ("Peterson", "Pierson"), ("Lovens", "Lovensky"),
)
_FRENCH_FEMALE = (
    ("Marie",), ("Marie-Carmelle", "Marie Carmelle", "Carmelle"), ("Nadège", "Nadege"), ("Guerline", "Gerline"),
    ("Widline", "Wideline"), ("Fabienne", "Fabiène"), ("Mirlande", "Myrlande"), ("Roseline", "Rosline"),
    ("Sherline", "Cherline"), ("Esther",), ("Judith",), ("Rose-Marie", "Rose Marie", "Rosemarie"),
)
_FRENCH_FAMILY = (
    ("Joseph",), ("Jean-Baptiste", "Jean Baptiste"), ("Pierre",), ("Louis",), ("Charles",), ("Saint-Fleur", "St Fleur", "Saintfleur"),
    ("Jean-Louis", "Jean Louis"), ("Desir", "Désir"), ("Augustin",), ("Etienne", "Étienne"), ("Alexis",), ("Michel",),
    ("Dorvil", "Dorvilus"), ("Celestin", "Célestin"), ("Francois", "François"), ("Noel", "Noël"), ("Baptiste",),
)

# One name's forms for a man and for a woman, (man's spellings, woman's spellings): what parents
# who name a boy and a girl alike give them. Somali and Habesha names are not formed so.
_ONE_NAME_FORMS = {
    "spanish": (
        (("Daniel",), ("Daniela",)), (("Gabriel",), ("Gabriela",)), (("Fernando",), ("Fernanda",)),
        (("Luis",), ("Luisa",)), (("Juan",), ("Juana",)), (("José", "Jose"), ("Josefa",)), (("Carlos",), ("Carla",)),
        (("Ángel", "Angel"), ("Ángela", "Angela")), (("Víctor", "Victor"), ("Victoria",)),
        (("Mario",), ("María", "Maria")),
    ),
    "french": (
        (("Jean",), ("Jeanne",)), (("Daniel",), ("Danielle",)), (("Emmanuel", "Emanuel"), ("Emmanuelle",)),
        (("Louis",), ("Louise",)), (("Pierre",), ("Pierrette",)), (("Michel",), ("Michelle", "Michèle")),
        (("Joseph",), ("Joséphine", "Josephine")), (("Jacques",), ("Jacqueline",)),
    ),
    "arabic": (
        (("Samir", "Sameer"), ("Samira", "Sameera")), (("Jamal", "Gamal"), ("Jamila", "Gamila")),
        (("Karim", "Kareem"), ("Karima", "Kareema")), (("Amin", "Amine"), ("Amina", "Aminah")),
        (("Nabil", "Nabeel"), ("Nabila", "Nabeela")), (("Farid",), ("Farida",)), (("Said", "Saeed"), ("Saida", "Saeeda")),
    ),
}
# Of twins a boy and a girl, in a tradition that forms names so, the share named by one name.
ONE_NAME_TWINS = 0.3
# How often a clerk writes the other sex, at messiness 1.
SEX_WRITTEN_WRONGLY = 0.02

_NATIONALITIES = {
    "somali": (("SOM", 0.9), ("KEN", 0.05), ("ETH", 0.05)),
    "habesha": (("ERI", 0.55), ("ETH", 0.45)),
    "arabic": (("SDN", 0.35), ("SYR", 0.2), ("YEM", 0.1), ("EGY", 0.15), ("LBY", 0.1), ("TCD", 0.1)),
    "spanish": (("VEN", 0.5), ("COL", 0.2), ("HND", 0.15), ("CUB", 0.15)),
    "french": (("HTI", 0.7), ("CMR", 0.1), ("CIV", 0.1), ("GIN", 0.1)),
}
# Nationalities a person is wrongly or strategically registered under.
_CONFUSED = {"SOM": "ETH", "ETH": "ERI", "ERI": "ETH", "KEN": "SOM", "SDN": "SSD", "SYR": "IRQ", "YEM": "SAU",
             "EGY": "SDN", "LBY": "TUN", "TCD": "SDN", "VEN": "COL", "COL": "VEN", "HND": "GTM", "CUB": "DOM",
             "HTI": "DOM", "CMR": "NGA", "CIV": "MLI", "GIN": "MLI"}
_CULTURES = (("somali", 0.28), ("habesha", 0.22), ("arabic", 0.2), ("spanish", 0.15), ("french", 0.15))
_SOURCES = ("ITA-LAMPEDUSA", "MLT-HALFAR", "ESP-CEUTA", "GRC-LESVOS", "MEX-TAPACHULA", "PAN-DARIEN",
            "NER-AGADEZ", "DJI-OBOCK", "YEM-ADEN", "LBY-TRIPOLI")
_KEYBOARD_NEAR = {"a": "s", "e": "r", "i": "o", "o": "i", "u": "y", "n": "m", "m": "n", "s": "a", "r": "t",
                  "t": "r", "h": "j", "d": "f", "l": "k", "b": "v", "k": "l", "f": "d", "g": "h", "y": "u"}


@dataclass
class _Person:
    person_id: str
    culture: str
    sex: str
    given: tuple[str, ...]  # spelling group of the given name
    family: list[tuple[str, ...]]  # spelling groups: surname(s), or father + grandfather
    year: int
    month: int
    day: int
    date_known: bool
    nationality: str
    # The family the person travels with (``households=True``): a namesake from another family
    # has a family of its own.
    family_number: int = 0
    # The name a twin was given in its form for a man or a woman, where the parents named a boy and
    # a girl alike; ``given`` is then the name the main stream drew, spelt and mistyped as before
    # so that every other value stays what it was (see ``_record``).
    given_form: tuple[str, ...] | None = None


def _weighted(rng: random.Random, options: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([o for o, _ in options], weights=[w for _, w in options])[0]


def _zipf(rng: random.Random, groups: tuple[tuple[str, ...], ...]) -> tuple[str, ...]:
    # Common names are very common: that is where namesakes come from.
    return rng.choices(groups, weights=[1 / (i + 1) for i in range(len(groups))])[0]


def _given_groups(culture: str, sex: str) -> tuple[tuple[str, ...], ...]:
    table = {
        "somali": (_SOMALI_MALE, _SOMALI_FEMALE), "habesha": (_HABESHA_MALE, _HABESHA_FEMALE),
        "arabic": (_ARABIC_MALE, _ARABIC_FEMALE), "spanish": (_SPANISH_MALE, _SPANISH_FEMALE),
        "french": (_FRENCH_MALE, _FRENCH_FEMALE),
    }[culture]
    return table[0] if sex == "M" else table[1]


def _family_groups(rng: random.Random, culture: str) -> list[tuple[str, ...]]:
    if culture == "somali":
        return [_zipf(rng, _SOMALI_MALE), _zipf(rng, _SOMALI_MALE)]  # father, grandfather
    if culture == "habesha":
        return [_zipf(rng, _HABESHA_MALE), _zipf(rng, _HABESHA_MALE)]
    if culture == "arabic":
        # Often registered with the father's name before the family name.
        parts = [_zipf(rng, _ARABIC_FAMILY)]
        return [_zipf(rng, _ARABIC_MALE), *parts] if rng.random() < 0.3 else parts
    if culture == "spanish":
        return [_zipf(rng, _SPANISH_FAMILY), _zipf(rng, _SPANISH_FAMILY)]
    return [_zipf(rng, _FRENCH_FAMILY)]


def _people(rng: random.Random, needed_records: int, messiness: float, *, one_name_twins: float,
            forms_rng: random.Random) -> list[tuple[_Person, int]]:
    """Families of people, each with a number of registrations, until enough records. Twins named
    by one name draw from ``forms_rng``, so every other value is what it would be without them."""
    out: list[tuple[_Person, int]] = []
    total = 0
    next_id = 0
    families = 0
    while total < needed_records:
        families += 2  # one number for the family, one for a namesake of another family
        culture = _weighted(rng, _CULTURES)
        family = _family_groups(rng, culture)
        nationality = _weighted(rng, _NATIONALITIES[culture])
        size = rng.choices((1, 2, 3, 4), weights=(60, 20, 12, 8))[0]
        twins = size >= 2 and rng.random() < 0.25
        base_year = rng.randint(1950, 2012)
        members: list[_Person] = []
        for index in range(size):
            given_form: tuple[str, ...] | None = None
            sex = rng.choice("MF")
            given = _zipf(rng, _given_groups(culture, sex))
            if twins and index == 1:
                # Twins: same birth date and family name, different given name.
                first = members[0]
                while given[0] == first.given[0]:
                    given = _zipf(rng, _given_groups(culture, sex))
                year, month, day = first.year, first.month, first.day
                forms = _ONE_NAME_FORMS.get(culture, ())
                if sex != first.sex and forms and forms_rng.random() < one_name_twins:
                    his, hers = forms_rng.choice(forms)
                    first.given_form = his if first.sex == "M" else hers
                    given_form = his if sex == "M" else hers
            else:
                year = min(2020, base_year + rng.randint(0, 12) * (index > 0))
                month, day = rng.randint(1, 12), rng.randint(1, 28)
            members.append(_Person(f"p{next_id:07d}", culture, sex, given, family, year, month, day,
                                   date_known=rng.random() > 0.25 * messiness, nationality=nationality,
                                   family_number=families, given_form=given_form))
            next_id += 1
        if rng.random() < 0.05:
            # A namesake from another family: same common name, same year, different person.
            model = members[0]
            members.append(_Person(f"p{next_id:07d}", model.culture, model.sex, model.given, model.family,
                                   model.year, rng.randint(1, 12), rng.randint(1, 28), True,
                                   _weighted(rng, _NATIONALITIES[model.culture]), family_number=families + 1,
                                   given_form=model.given_form))
            next_id += 1
        for person in members:
            count = rng.choices((1, 2, 3, 4, 5), weights=(45, 25, 15, 10, 5))[0]
            out.append((person, count))
            total += count
    return out


def _typo(rng: random.Random, word: str) -> str:
    letters = [i for i, ch in enumerate(word) if ch.isalpha()]
    if len(letters) < 3:
        return word
    i = rng.choice(letters[1:])  # first letters are usually right
    kind = rng.random()
    if kind < 0.3:
        return word[:i] + word[i + 1:]
    if kind < 0.55:
        return word[:i] + word[i] + word[i:]
    if kind < 0.8 and i + 1 < len(word):
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    return word[:i] + _KEYBOARD_NEAR.get(word[i].lower(), "e") + word[i + 1:]


def _spell(rng: random.Random, group: tuple[str, ...], p_variant: float) -> str:
    return rng.choice(group) if rng.random() < p_variant else group[0]


def _record(rng: random.Random, person: _Person, m: float, *, sex_written_wrongly: float,
            side_rng: random.Random) -> dict[str, str]:
    """One registration of ``person``. What the main stream ``rng`` draws is what it drew before
    twins named alike and sexes written wrongly existed; those draw from ``side_rng``."""
    p_variant = 0.4 * m
    given = _spell(rng, person.given, p_variant)
    form = _spell(side_rng, person.given_form, p_variant) if person.given_form else None
    parts = [_spell(rng, g, p_variant) for g in person.family]
    if person.culture in ("somali", "habesha") and rng.random() < 0.35 * m:
        # Patronymic chain split elsewhere or cut short.
        if rng.random() < 0.5:
            given, parts = f"{given} {parts[0]}", parts[1:]
        else:
            parts = parts[:1]
    if person.culture == "spanish" and rng.random() < 0.4 * m:
        parts = parts[:1]  # second surname dropped
    if person.culture == "arabic" and rng.random() < 0.3 * m:
        last = parts[-1]
        parts[-1] = last[3:] if last.lower().startswith(("al-", "el ")) else "Al-" + last
    family = " ".join(parts)
    if rng.random() < 0.1 * m:
        given = _typo(rng, given)
        form = form and _typo(side_rng, form)
    given = form or given
    if rng.random() < 0.1 * m:
        family = _typo(rng, family)
    if rng.random() < 0.06 * m:
        given, family = family, given
    if rng.random() < 0.2:
        given, family = given.upper(), family.upper()  # some points register in capitals
    year, month, day = person.year, person.month, person.day
    if not person.date_known:
        # The person does not know the date: the clerk estimates the year and writes
        # either the year or 1 January.
        year += rng.choice((0, 0, 0, -1, 1))
        birth_date = f"{year}" if rng.random() < 0.5 else f"{year}-01-01"
    else:
        roll = rng.random()
        if roll < 0.03 * m:
            birth_date = ""
        elif roll < 0.11 * m:
            birth_date = f"{year}"
        elif roll < 0.19 * m:
            birth_date = f"{year}-01-01"
        elif roll < 0.26 * m:
            birth_date = f"{year + rng.choice((-2, -1, 1, 2))}-{month:02d}-{day:02d}"
        elif roll < 0.31 * m and day <= 12:
            birth_date = f"{year}-{day:02d}-{month:02d}"
        elif roll < 0.35 * m:
            birth_date = f"{year}-{month:02d}-{min(28, max(1, day + rng.choice((-10, -1, 1, 10)))):02d}"
        else:
            birth_date = f"{year}-{month:02d}-{day:02d}"
    nationality = person.nationality
    roll = rng.random()
    if roll < 0.1 * m:
        nationality = _CONFUSED.get(nationality, "")
    elif roll < 0.2 * m:
        nationality = ""
    sex = person.sex if rng.random() > 0.04 * m else ""
    if sex and side_rng.random() < sex_written_wrongly * m:
        sex = "F" if sex == "M" else "M"
    return {"source": rng.choice(_SOURCES), "given_name": given, "family_name": family, "sex": sex,
            "birth_date": birth_date, "nationality": nationality, "true_person_id": person.person_id}


# How often a family member registers with the family when the family registers (else alone,
# or with people the record does not name: no household).
REGISTERS_WITH_FAMILY = 0.8


def _households(people: list[tuple[_Person, int]], rows: list[dict[str, str]], seed: int) -> None:
    """Give each row a ``household_id``: the family's k-th registration holds the k-th record of
    each member registered at least k times, each member with it at REGISTERS_WITH_FAMILY, else
    alone (empty), and its records share one source (one post). Drawn from a random stream of its
    own, so every other column stays as it was."""
    rng = random.Random(f"households-{seed}")
    position = 0
    by_family: dict[int, list[tuple[int, int]]] = {}  # family -> (first row, count) of each member
    for person, count in people:
        by_family.setdefault(person.family_number, []).append((position, count))
        position += count
    for family, members in by_family.items():
        for k in range(max(count for _, count in members)):
            source = ""
            for first, count in members:
                if k < count and first + k < len(rows):
                    row = rows[first + k]
                    together = len(members) > 1 and rng.random() < REGISTERS_WITH_FAMILY
                    row["household_id"] = f"h{family:07d}-{k}" if together else ""
                    if together:
                        # Registered together, at one post: the first member's.
                        source = source or row["source"]
                        row["source"] = source


def generate(records: int, *, seed: int = 0, messiness: float = 0.5, households: bool = False,
             one_name_twins: float = ONE_NAME_TWINS, sex_written_wrongly: float = SEX_WRITTEN_WRONGLY) -> pd.DataFrame:
    """``records`` rows: record_id, source, given_name, family_name, sex, birth_date, nationality, true_person_id;
    with ``households``, also household_id (the people registered together, see ``_households``).

    ``one_name_twins`` and ``sex_written_wrongly`` draw from random streams of their own: at 0 the
    file is what it was before they existed (until 2026-12-03), value for value."""
    if records < 1:
        raise ValueError("records must be at least 1")
    for name, value in (("messiness", messiness), ("one_name_twins", one_name_twins),
                        ("sex_written_wrongly", sex_written_wrongly)):
        if not 0 <= value <= 1:
            raise ValueError(f"{name} must be between 0 and 1")
    rng = random.Random(seed)
    rows: list[dict[str, str]] = []
    people = _people(rng, records, messiness, one_name_twins=one_name_twins,
                     forms_rng=random.Random(f"one-name-twins-{seed}"))
    # The side stream also spells and mistypes the forms twins named alike are registered under.
    side_rng = random.Random(f"sex-written-wrongly-{seed}")
    for person, count in people:
        rows.extend(_record(rng, person, messiness, sex_written_wrongly=sex_written_wrongly, side_rng=side_rng)
                    for _ in range(count))
    if households:
        _households(people, rows, seed)
    rows = rows[:records]
    rng.shuffle(rows)  # registrations arrive interleaved, not grouped by person
    frame = pd.DataFrame(rows)
    frame.insert(0, "record_id", [f"r{i:07d}" for i in range(1, len(frame) + 1)])
    return frame[["record_id", "source", "given_name", "family_name", "sex", "birth_date", "nationality",
                  *(["household_id"] if households else []), "true_person_id"]]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write synthetic registration records with ground truth.")
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--out", type=Path, required=True, help="records CSV (the `link dedupe` contract)")
    parser.add_argument("--truth", type=Path, required=True, help="record_id,true_person_id CSV")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--messiness", type=float, default=0.5)
    parser.add_argument("--households", action="store_true", help="add household_id (people registered together)")
    parser.add_argument("--one-name-twins", type=float, default=ONE_NAME_TWINS,
                        help="share of a boy and a girl twins named by one name's two forms, where the tradition does")
    parser.add_argument("--sex-written-wrongly", type=float, default=SEX_WRITTEN_WRONGLY,
                        help="how often a clerk writes the other sex, at messiness 1")
    args = parser.parse_args(argv)
    frame = generate(args.records, seed=args.seed, messiness=args.messiness, households=args.households,
                     one_name_twins=args.one_name_twins, sex_written_wrongly=args.sex_written_wrongly)
    frame.drop(columns=["true_person_id"]).to_csv(args.out, index=False)
    frame[["record_id", "true_person_id"]].to_csv(args.truth, index=False)


if __name__ == "__main__":
    main()
