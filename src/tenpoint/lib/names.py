"""Name normalisation and spelling-tolerant keys for the names of the routes Tenpoint serves.

Pure Python (no Django). Two layers:
- ``normalise_name`` folds any script to lower-case ASCII, drops accents and punctuation:
  Arabic script as clerks romanise it (علي "aly", the key of Ali), three Ge'ez series likewise,
  everything else through anyascii;
- ``name_skeleton`` maps spellings that clerks produce for the same spoken name to one
  key: Mohamed / Muhammad / Mohammed / Maxamed → ``md``; Youssef / Yusuf / Yousif → ``asf``.
  Keys are for finding candidates, so they over-join on purpose (Mahmoud is ``md`` too, Hassan
  and Hussein are both ``hsn``); scoring (``lib.linkage``) tells such names apart, with
  ``KNOWN_NAMES`` / ``name_key``.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from anyascii import anyascii

_NON_LETTERS = re.compile(r"[^a-z ]+")
_SPACES = re.compile(r"\s+")

# Particles that are written, dropped or glued on freely (al-Hassan / Hassan / Alhassan,
# de la Cruz / Cruz, Abdi bin Ali) and so must not decide a match.
PARTICLES = frozenset(
    {"al", "el", "ul", "ad", "ar", "as", "at", "az", "ash", "bin", "ben", "ibn", "bint", "binti",
     "abu", "de", "del", "la", "las", "los", "da", "das", "do", "dos", "du", "des", "le", "van",
     "von", "y", "e", "wa", "w", "wad", "ould", "ag", "mac", "mc"}
)

# Ordered: longest patterns first. Each folds a spelling variant seen in registration
# records onto one form (Somali x for Arabic ḥ, French ou for u, Spanish j/h, …).
_FOLDS: tuple[tuple[str, str], ...] = (
    ("kh", "h"), ("gh", "g"), ("sh", "s"), ("ch", "s"), ("dh", "d"), ("th", "t"), ("ph", "f"),
    ("ou", "u"), ("oo", "u"), ("ee", "i"), ("ie", "i"), ("ey", "i"), ("ay", "i"), ("ei", "i"),
    ("ck", "k"), ("q", "k"), ("c", "k"), ("x", "h"), ("z", "s"), ("v", "b"),
    ("w", "u"),
)


_SOMALI_AYN_PREFIXES = ("cabd", "cali", "cumar", "cism", "caa", "caw", "cusm", "cid", "cub")
# Inside a name Somali writes the ʿayn as c too, in words that write a long vowel twice (Saciid,
# Jaamac, Ismaaciil: Said, Jama, Ismail). In such a word a c that is not "ch", "ck" or "cc" is the
# ʿayn. Isaac is the one common Latin name so written.
_SOMALI_LONG_VOWEL = re.compile("aa|ee|ii|oo|uu")
_SOMALI_AYN = re.compile("(?<![ck])c(?![chk])")
_LATIN_NAMES_WITH_LONG_VOWEL_AND_C = frozenset({"isaac"})


# Arabic script as clerks romanise it, letter by letter, before anyascii (which writes the rest of
# the world's scripts). anyascii drops alif and the hamza seats and writes ʿayn as a backtick, so
# علي (Ali) became "ly", عمر (Omar) "mr", أحمد (Ahmed) "hmd", and a name that begins with a vowel
# never met its Latin spelling: 56 % of the demography's Arabic-script names shared their Latin
# spelling's key (benchmarks/linkage/scripts.py). Short vowels are not written in Arabic, long ones
# are (ا و ي); the skeleton keeps consonants only, so what matters is the consonants and whether
# the name begins with a vowel.
_ARABIC_LETTERS = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ء": "", "ؤ": "u", "ئ": "i", "ى": "a", "ة": "a",
    "ع": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r",
    "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "dh", "غ": "gh", "ف": "f", "ق": "q",
    "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": "w", "ي": "y", "\u0670": "a",
    # Persian, Dari and Pashto letters (Afghan names on the same routes).
    "پ": "p", "چ": "ch", "ژ": "zh", "ک": "k", "گ": "g", "ی": "y",
}
# Ge'ez: anyascii writes the syllables well (ተስፋዬ tesfaye), except three series. እ (a name's first
# vowel: Endale, Idris) it drops; Tigrinya's ኸ is a k sound that Latin writes k (ተኽለ Tekle, ተኸስተ
# Tekeste), not h; ኘ is written gn (አዱኛ Adugna), not ny.
_GEEZ_SYLLABLES = {
    "እ": "e", "ዕ": "e",
    **{h: k for h, k in zip("ኸኹኺኻኼኽኾ", "ከኩኪካኬክኮ", strict=True)},
    **{ny: "gn" + vowel for ny, vowel in zip("ኘኙኚኛኜኝኞ", ("e", "u", "i", "a", "e", "", "o"), strict=True)},
}
_SCRIPT_LETTERS = str.maketrans({**_ARABIC_LETTERS, **_GEEZ_SYLLABLES})
_ARABIC = "\u0621-\u064a\u0671-\u06d3"
_HAS_ARABIC = re.compile(f"[{_ARABIC}]")
_WRITTEN_IN_SCRIPT = re.compile(f"[{_ARABIC}\u1200-\u139f\u2d80-\u2ddf\uab00-\uab2f]")
_INITIAL_Y_BEFORE_CONSONANT = re.compile(r"\by(?=[b-df-hj-np-tv-z])")
# Vowel marks, shadda, sukun, tatweel and Quranic marks: clerks leave them out, so they must not count.
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0640\u06d6-\u06ed]")
# عبد ال… (Abd al-…) is one name in Latin: Abdulrahman, Abdelaziz, Abdullah.
_ABD_AL = re.compile(f"عبد\\s*ال(?=[{_ARABIC}])")
# … الدين and … الله (Izz al-Din, Fadl Allah) are one name in Latin too: Ezzeldin, Nasreddin, Fadlalla.
_COMPOUND = re.compile(f"(?<=[{_ARABIC}])\\s+(?=ال(?:دين|له)(?![{_ARABIC}]))")
# The article before a name of two letters or more, and the particles of descent, as their Latin
# forms, so that name_tokens drops them as it drops al-, bin and abu.
_ARABIC_ARTICLE = re.compile(f"(?<![{_ARABIC}])ال(?=[{_ARABIC}]{{2}})")
_ARABIC_PARTICLES = {"بن": "bin", "ابن": "ibn", "بنت": "bint", "أبو": "abu", "ابو": "abu"}
_ARABIC_PARTICLE = re.compile(f"(?<![{_ARABIC}])({'|'.join(_ARABIC_PARTICLES)})(?![{_ARABIC}])")


def _romanised_script(text: str) -> str:
    """Arabic and Ge'ez letters as clerks romanise them (the rest is left to anyascii)."""
    if _HAS_ARABIC.search(text):
        text = _ARABIC_MARKS.sub("", text)
        text = _ARABIC_PARTICLE.sub(lambda found: f" {_ARABIC_PARTICLES[found.group(1)]} ", text)
        text = _ABD_AL.sub("abdul", text)
        text = _COMPOUND.sub("", text)
        text = _ARABIC_ARTICLE.sub("al-", text)
    return text.translate(_SCRIPT_LETTERS)


@lru_cache(maxsize=200_000)
def normalise_name(text: str) -> str:
    """Lower-case ASCII letters and single spaces; hyphens become spaces, apostrophes go."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", anyascii(_romanised_script(text)))
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    ascii_only = ascii_only.replace("-", " ").replace("'", "").replace("`", "")
    normalised = _SPACES.sub(" ", _NON_LETTERS.sub(" ", ascii_only)).strip()
    if _WRITTEN_IN_SCRIPT.search(text):
        # An initial ي or ይ is the consonant y with a vowel the script leaves unwritten (يوسف
        # "ywsf", ይርጋ "yrga"); written "yi", it is read as Yusuf's and Yirga's y.
        normalised = _INITIAL_Y_BEFORE_CONSONANT.sub("yi", normalised)
    return normalised


def words_as_written(*names: str) -> dict[str, str]:
    """Each name token → the word it was read from (علي for "aly", José for "jose"), so that what
    is said about a token names the word as the record writes it. A word read as no token, or as
    several (عبد الله is one name, "abdullah"), is left out: the token is shown then."""
    written: dict[str, str] = {}
    for name in names:
        for word in name.split():
            tokens = name_tokens(word)
            # Al-Hassan is one name ("hassan"); Jean-Baptiste two, read part by part.
            parts = [(word, tokens)] if len(tokens) == 1 else [(part, name_tokens(part)) for part in word.split("-")]
            for part, part_tokens in parts:
                if len(part_tokens) == 1 and part_tokens[0] not in written:
                    written[part_tokens[0]] = part
    return written


# Names whose spellings fold onto one skeleton but which are different names (twins are often
# Hassan and Hussein, and Mahmoud is not Mohamed), or onto other skeletons but are one name: a
# data file that people who know the routes' names tune (known_names.yaml), checked at load.
KNOWN_NAMES_FILE = Path(__file__).with_name("known_names.yaml")
_KNOWN_NAME = re.compile(r"[a-z]+")


class KnownNamesError(ValueError):
    """The known-names file is wrong; the message says where (file and line) and what to mend."""


# A shorter stem is not a name (An / Ana).
MIN_NAME_STEM = 3


@dataclass(frozen=True)
class OtherSexForms:
    """How a given name's form for a woman is made from its form for a man (Daniel / Daniela,
    Jean / Jeanne, Mario / María): the ``other_sex_forms`` section of known_names.yaml."""

    added: tuple[str, ...] = ()  # endings the feminine form adds
    replaced: tuple[tuple[str, str], ...] = ()  # (masculine ending, feminine ending)
    # A woman's name → the men's names it is made from where no ending rule says so (Jamila → Jamal).
    pairs: dict[str, frozenset[str]] = dataclasses.field(default_factory=dict)

    def masculine_forms(self, token: str) -> frozenset[str]:
        """The masculine names ``token`` (a name token, as ``name_tokens`` writes it) may be the
        feminine form of: Daniela → {daniel}, Jeanne → {jean, jeann}, María → {mario, mari, mar}.
        Each candidate keeps at least three letters. Only meaningful beside a record of a man."""
        forms = set(self.pairs.get(token, ()))
        for ending in self.added:
            if token.endswith(ending) and len(token) - len(ending) >= MIN_NAME_STEM:
                forms.add(token[:-len(ending)])
        for masculine, feminine in self.replaced:
            if token.endswith(feminine) and len(token) - len(feminine) >= MIN_NAME_STEM:
                forms.add(token[:-len(feminine)] + masculine)
        forms.discard(token)
        return frozenset(forms)


@dataclass(frozen=True)
class KnownNames:
    """The known-names list: its version and, for each spelling as looked up, the name it is of;
    and how names are made feminine (which changes no key, so no version)."""

    version: int
    spellings: dict[str, str]
    other_sex_forms: OtherSexForms = OtherSexForms()


def load_known_names(text: str, source: str = "known_names.yaml") -> KnownNames:
    """Read and check a known-names document (the format of known_names.yaml).

    Latin spellings must be written as ``normalise_name`` writes them, or they would never be
    looked up; a spelling (as looked up) belongs to one name only; a known name is written with
    its vowels, so that it can never equal a skeleton (``name_key`` relies on it).
    """
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        raise KnownNamesError(f"{source}: {where}not YAML: {getattr(error, 'problem', None) or error}") from None

    def fail(node: yaml.Node | None, message: str) -> KnownNamesError:
        line = f"line {node.start_mark.line + 1}: " if node is not None else ""
        return KnownNamesError(f"{source}: {line}{message}")

    def mapping(node: yaml.Node | None, what: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        if not isinstance(node, yaml.MappingNode):
            raise fail(node, f"{what} must be a mapping")
        return {str(key.value): (key, value) for key, value in node.value}

    top = mapping(root, "the file")
    format_node = top.get("format", (None, None))[1]
    if not isinstance(format_node, yaml.ScalarNode) or format_node.value != "1":
        raise fail(format_node or root, "expected `format: 1`")
    version_node = top.get("version", (None, None))[1]
    if not isinstance(version_node, yaml.ScalarNode) or not version_node.value.isdigit() or int(version_node.value) < 1:
        raise fail(version_node or root, "expected `version:` and a whole number from 1 (bump it when the list changes)")
    names_node = top.get("names", (None, root))[1]
    names = mapping(names_node, "names")
    if not names:
        raise fail(names_node, "names lists no name")
    spellings: dict[str, str] = {}
    first_seen: dict[str, tuple[str, int]] = {}
    for name, (name_key_node, entry) in names.items():
        if not _KNOWN_NAME.fullmatch(name) or not any(letter in "aeiou" for letter in name[1:]):
            raise fail(name_key_node, f"the known name {name!r} must be lower-case letters a-z with its vowels "
                                      "(a name without them could be taken for a skeleton)")
        fields = mapping(entry, f"the entry of {name}")
        unknown = sorted(set(fields) - {"latin", "script"})
        if unknown:
            raise fail(fields[unknown[0]][0], f"{name}: unknown key {unknown[0]!r}; expected latin and script")
        if not fields:
            raise fail(entry, f"{name}: lists no spelling")
        for field, (_, sequence) in fields.items():
            if not isinstance(sequence, yaml.SequenceNode):
                raise fail(sequence, f"{name}.{field} must be a list of spellings, e.g. [hassan, xasan]")
            for item in sequence.value:
                written = str(item.value) if isinstance(item, yaml.ScalarNode) else ""
                looked_up = normalise_name(written).replace(" ", "")
                if not looked_up:
                    raise fail(item, f"{name}.{field}: {written!r} has no letters")
                if field == "latin" and written != looked_up:
                    raise fail(item, f"{name}.latin: {written!r} would never be looked up; write it as names are "
                                     f"compared: {looked_up!r}")
                line = item.start_mark.line + 1
                if looked_up in first_seen and (spellings[looked_up] != name or first_seen[looked_up][0] == written):
                    other, other_line = spellings[looked_up], first_seen[looked_up][1]
                    raise fail(item, f"{written!r} is already listed under {other} (line {other_line}); a spelling "
                                     "belongs to one name only")
                spellings.setdefault(looked_up, name)
                first_seen.setdefault(looked_up, (written, line))
    other_sex_forms = (_other_sex_forms(top["other_sex_forms"][1], fail, mapping) if "other_sex_forms" in top
                       else OtherSexForms())
    return KnownNames(version=int(version_node.value), spellings=spellings, other_sex_forms=other_sex_forms)


def _other_sex_forms(node: yaml.Node, fail: Callable[[yaml.Node | None, str], KnownNamesError],
                     mapping: Callable[[yaml.Node | None, str], dict[str, tuple[yaml.Node, yaml.Node]]]
                     ) -> OtherSexForms:
    """Read and check the ``other_sex_forms`` section: ``added`` endings, ``replaced`` endings as
    [masculine, feminine] and irregular ``pairs`` as [masculine, feminine], all in a-z letters."""
    fields = mapping(node, "other_sex_forms")
    unknown = sorted(set(fields) - {"added", "replaced", "pairs"})
    if unknown:
        raise fail(fields[unknown[0]][0], f"other_sex_forms: unknown key {unknown[0]!r}; expected added, replaced "
                                          "and pairs")

    def items(key: str) -> list[yaml.Node]:
        sequence = fields.get(key, (None, None))[1]
        if sequence is None:
            return []
        if not isinstance(sequence, yaml.SequenceNode):
            raise fail(sequence, f"other_sex_forms.{key} must be a list")
        return list(sequence.value)

    def letters(item: yaml.Node, key: str) -> str:
        written = str(item.value) if isinstance(item, yaml.ScalarNode) else ""
        if not _KNOWN_NAME.fullmatch(written):
            raise fail(item, f"other_sex_forms.{key}: {written!r} must be lower-case letters a-z")
        return written

    def two(item: yaml.Node, key: str, example: str) -> tuple[str, str]:
        if not isinstance(item, yaml.SequenceNode) or len(item.value) != 2:
            raise fail(item, f"other_sex_forms.{key}: each entry is [masculine, feminine], e.g. {example}")
        masculine, feminine = (letters(value, key) for value in item.value)
        if masculine == feminine:
            raise fail(item, f"other_sex_forms.{key}: {masculine!r} twice")
        return masculine, feminine

    pairs: dict[str, set[str]] = {}
    for item in items("pairs"):
        masculine, feminine = two(item, "pairs", "[jamal, jamila]")
        pairs.setdefault(feminine, set()).add(masculine)
    return OtherSexForms(
        added=tuple(letters(item, "added") for item in items("added")),
        replaced=tuple(two(item, "replaced", "[o, a]") for item in items("replaced")),
        pairs={feminine: frozenset(forms) for feminine, forms in pairs.items()})


_KNOWN = load_known_names(KNOWN_NAMES_FILE.read_text(encoding="utf-8"), source=str(KNOWN_NAMES_FILE))
KNOWN_NAMES: dict[str, str] = _KNOWN.spellings
# Stored search keys depend on the list: the registry records the version its keys were built
# with (registry.NameKeyState), and a system check says when the file has moved past it.
KNOWN_NAMES_VERSION: int = _KNOWN.version
OTHER_SEX_FORMS: OtherSexForms = _KNOWN.other_sex_forms


@lru_cache(maxsize=100_000)
def other_sex_forms(masculine: str, feminine: str) -> bool:
    """Whether two given-name tokens (as ``name_tokens`` writes them) are one name's forms for a man
    and for a woman: Daniel / Daniela, Jean / Jeanne, Samir / Samira, Mario / María, and so
    respelled (Saeed / Saida, Kareem / Karima: ``other_sex_form_keys``). Brothers and sisters,
    twins among them, are named so; a clerk who mistakes one's sex seldom changes the name to
    match."""
    return (masculine != feminine and not _one_swap_apart(masculine, feminine)
            and bool(other_sex_form_keys(masculine, "M") & other_sex_form_keys(feminine, "F")))


def _one_swap_apart(one: str, other: str) -> bool:
    """Two neighbouring letters swapped (Gebre / Geber, Rosa / Roas): a typing slip, never how a
    name is made feminine."""
    if len(one) != len(other):
        return False
    apart = [i for i, (a, b) in enumerate(zip(one, other, strict=True)) if a != b]
    return len(apart) == 2 and apart[1] == apart[0] + 1 and one[apart[0]] == other[apart[1]] \
        and one[apart[1]] == other[apart[0]]


@lru_cache(maxsize=50_000)
def other_sex_form_keys(token: str, sex: str) -> frozenset[str]:
    """What a first given name meets the other sex's by: a man's name as written, a woman's as the
    men's names it may be made from (Daniela → daniel); and, where that man's name ends in a
    consonant, its key too (``name_key``, written ``~key``), so that one name's two forms spelt
    apart still meet (Saeed / Saida, Kareem / Karima, Emanuel / Emmanuelle). Not for a man's name
    ending in a vowel (or an h after one: Ifrah, Aminah): its key is the key of its own stem
    (Amina and Amin, amn), and a woman's record with the sex written wrongly would meet the
    other spellings of her own name."""
    if sex == "M":
        men = {token}
    elif sex == "F":
        men = set(OTHER_SEX_FORMS.masculine_forms(token))
    else:
        return frozenset()
    keys = {f"~{name_key(name)}" for name in men if _ends_in_consonant(name)}
    return frozenset(men | keys)


def _ends_in_consonant(token: str) -> bool:
    return bool(token) and token[-1] not in "aeiouy" and not (token[-1] == "h" and token[-2:-1] in tuple("aeiouy"))


def given_and_family_of_one_string(name: str) -> tuple[str, str]:
    """A name written as one string (an alias, the name on a document): the given name is its first
    word with the particles before it (Abu Bakr, El Sayed, أبو بكر), the family name the rest."""
    words = name.split()
    first = 0
    while first < len(words) - 1 and normalise_name(words[first]) in PARTICLES:
        first += 1
    return " ".join(words[:first + 1]), " ".join(words[first + 1:])


def name_tokens(text: str) -> list[str]:
    """Meaningful tokens of a name: particles dropped unless they are the whole name."""
    tokens = normalise_name(text).split()
    kept = [_without_glued_article(t) for t in tokens if t not in PARTICLES]
    return kept or tokens


def given_names_for_linkage(given_name: str, father_name: str = "", grandfather_name: str = "") -> str:
    """A person's given names as linkage compares them: the given name, then in a patronymic chain
    the father's and grandfather's."""
    return " ".join(filter(None, (given_name, father_name, grandfather_name)))


def first_given_name_token(given_name: str, father_name: str = "", grandfather_name: str = "") -> str:
    """The first token of the given names as linkage compares them (``given_names_for_linkage``):
    what twins and siblings differ in, and what says a sex (``lib.linkage.features.sex_said_by_name``).
    "" where there is none. Stored for each person (``registry.Person.first_given_name_token``): a
    change to how ``name_tokens`` reads names needs a migration that writes the tokens again, as the
    name keys' changes had."""
    return next(iter(name_tokens(given_names_for_linkage(given_name, father_name, grandfather_name))), "")


# Spanish, Portuguese, French and Haitian names that begin with "al"/"el" and a consonant: not
# the Arabic article. Stripped, Alvarenga lost its first syllable and never met its misspelling
# Alarenga (a vowel follows, so it kept it).
_LATIN_AL_EL_NAMES = frozenset({
    "albert", "alberta", "albertina", "albertine", "alberto", "albino", "albina", "alfred", "alfredo",
    "alfonse", "alfonso", "alfonsina", "almudena", "aldemar", "aldair", "aldana", "aldama", "alfaro",
    "almanza", "almonte", "almeida", "almaraz", "almazan", "almendarez", "almagro", "albarran", "albornoz",
    "alburquerque", "albuquerque", "aldrete", "alderete", "alzate", "altamirano", "altamira", "altagracia",
    "altuve", "altidor", "almonor", "albeiro", "elmira", "elmire", "elbert", "elberth", "elsita",
})


def _without_glued_article(token: str) -> str:
    """``alhassan`` → ``hassan``: the Arabic article glued on without a hyphen.

    Only before a consonant Arabic transliteration writes (no v or p; c only as the French
    "ch" of Elchami), and never in a Latin name that begins so. "Al" alone, or a short name
    (Elmi, Alma), stays as written; so does a vowel after it (Alexis, Elias, Alamin).
    """
    if not token.startswith(("al", "el")) or len(token) <= 5 or token in _LATIN_AL_EL_NAMES:
        return token
    rest = token[2:]
    if rest[0] in "aeiouvp" or (rest[0] == "c" and not rest.startswith("ch")):
        return token
    return rest


@lru_cache(maxsize=200_000)
def name_skeleton(token: str) -> str:
    """Consonant skeleton of one token after folding spelling variants.

    The first letter is kept (as a vowel marker when it is one) because the initial is the
    part of a name clerks get right most often.
    """
    word = normalise_name(token).replace(" ", "")
    if not word:
        return ""
    # Somali writes the Arabic ʿayn as a leading c: Cabdi = Abdi, Cali = Ali.
    if word.startswith(_SOMALI_AYN_PREFIXES):
        word = word[1:]
    if _SOMALI_LONG_VOWEL.search(word) and word not in _LATIN_NAMES_WITH_LONG_VOWEL_AND_C:
        word = word[0] + _SOMALI_AYN.sub("", word[1:])
    # An initial y sounded as a consonant is written j as often: Yorman / Jorman and Yeferson /
    # Jeferson (Venezuela), Yohannes / Johannes, Yasmin / Jasmin. Read as a vowel, it also met every
    # name beginning with one (Yonas and Anas). Before a consonant it is a vowel (Yvonne, Ysabel),
    # except in a name romanised from script (``normalise_name``).
    if word[0] == "y" and len(word) > 2 and word[1] in "aeiou":
        word = "j" + word[1:]
    # Sudanese spelling writes the ق that ends a name as g (Tarig, Ishag, Elsadig, Siddig: Tariq,
    # Ishaq, al-Sadiq, Siddiq); a g after a vowel at the end of a name is read so.
    if len(word) > 3 and word.endswith("g") and word[-2] in "aeiou":
        word = word[:-1] + "q"
    for pattern, replacement in _FOLDS:
        word = word.replace(pattern, replacement)
    first = word[0]
    rest = "".join(ch for ch in word[1:] if ch not in "aeiouyh")
    skeleton = (("a" if first in "aeiouy" else first) + rest) if first != "h" else "h" + rest
    # Doubled consonants are a spelling choice (Mohammed / Mohamed).
    return re.sub(r"(.)\1+", r"\1", skeleton)


def name_keys(*names: str) -> set[str]:
    """All skeleton keys of all tokens of the given names (for search indexes); a spelling of a
    known name whose skeleton is not the known name's (Chad's Mahamat, ``mt``) gets that one too
    (Mohamed's ``md``), so that each is found by the other."""
    keys: set[str] = set()
    for name in names:
        for token in name_tokens(name):
            skeleton = name_skeleton(token)
            if skeleton:
                keys.add(skeleton)
            known = known_name(token)
            if known is not None:
                keys.add(name_skeleton(known))
    return keys


def known_name(token: str) -> str | None:
    """The known name a spelling is of (Xasan → ``hasan``), None if it is not on the list."""
    return KNOWN_NAMES.get(normalise_name(token).replace(" ", ""))


def name_key(token: str) -> str:
    """The key two spellings of one name share, for scoring: the known name where there is one
    (Hassan and Xasan are ``hasan``, Hussein is ``husayn``), else the skeleton.

    A known name is a whole word with vowels, so it never equals a skeleton (vowels only first).
    """
    return known_name(token) or name_skeleton(token)
