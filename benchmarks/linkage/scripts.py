"""Names written in Arabic and Ge'ez script against their Latin spellings: do they get one key?

    .venv/bin/python benchmarks/linkage/scripts.py [--epitran-python PATH] [--no-append]

A person registered once in Latin letters and once in the script of their documents is found
only if both writings of each name get the same key (``names.name_key`` of each token, joined:
the key the registration search and the Splink model's name levels compare). For each list of
names below, and each way of romanising the script, it prints:

- **agree**: the share of (Latin spelling, script) pairs of one name whose keys are equal;
- **false**: how many (script name, Latin spelling of *another* name of the list) pairs share a
  key, against how many there are: a key that agrees with everything would score well on
  "agree" alone;
- the time to romanise and key one script name (caches cleared; epitran's own time, in another
  process, is printed apart).

Ways of romanising:

- **anyascii alone** (Tenpoint until 2026-12-01): the script step of ``normalise_name`` off and the
  script spellings off the list of known names;
- **Tenpoint**: ``names.normalise_name`` as it is (Arabic letters as clerks romanise them, three
  Ge'ez series, then anyascii);
- **epitran** (with ``--epitran-python``: a Python that has epitran installed, e.g.
  ``python3 -m venv /tmp/epi && /tmp/epi/bin/pip install epitran``): epitran's ara-Arab,
  amh-Ethi or tir-Ethi pronunciation (IPA), its letters folded to the Latin letters clerks use
  (``IPA_TO_LATIN``), then the same keys.

Lists: the demography's Arabic and Ge'ez spellings (``lib.demography.origins``; the Tenpoint rules
were written looking at these) and ``names_in_script.csv``, the linkage generator's spelling groups
(Maxamed, Cabdi, Xasan …) with the names written in script for this benchmark, measured after the
rules were fixed. Appends its output to RESULTS.md unless ``--no-append``.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import platform
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
RESULTS = Path(__file__).with_name("RESULTS.md")
HELD_OUT = Path(__file__).with_name("names_in_script.csv")

# IPA as epitran writes it, to the Latin letters registration clerks use for the same sounds.
IPA_TO_LATIN = {
    "ħ": "h", "ʕ": "a", "ʔ": "", "θ": "th", "ð": "dh", "ʃ": "sh", "x": "kh", "χ": "kh", "ɣ": "gh", "ʒ": "zh",
    "d͡ʒ": "j", "t͡ʃ": "ch", "t͡s": "ts", "ˤ": "", "ː": "", "ʼ": "", "j": "y", "ɨ": "", "ə": "e", "ɛ": "e",
    "æ": "a", "ɑ": "a", "ɔ": "o", "ɾ": "r", "ɡ": "g", "ŋ": "ng", "ɲ": "ny", "β": "b", "ʁ": "r", "ɪ": "i",
    "ʊ": "u", "\u0361": "",
}

# (list, script, language code for epitran, Latin spellings, the name in script)
Pair = tuple[str, str, str, tuple[str, ...], str]


def _pairs() -> list[Pair]:
    from tenpoint.lib.demography.origins import ARABIC_SCRIPT, GEEZ, ORIGINS

    eritrean = {name for origin in ORIGINS if origin.country == "ERI"
                for name in (*origin.male, *origin.female, *origin.family)}
    pairs: list[Pair] = [("demography, Arabic", "Arabic", "ara-Arab", (latin,), written)
                         for latin, written in ARABIC_SCRIPT.items()]
    pairs += [("demography, Ge'ez", "Ge'ez", "tir-Ethi" if latin in eritrean else "amh-Ethi", (latin,), written)
              for latin, written in GEEZ.items()]
    with HELD_OUT.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            language = "ara-Arab" if row["script"] == "Arabic" else "amh-Ethi"
            pairs.append((f"generator's spellings, {row['script']}", row["script"], language,
                          tuple(row["latin_spellings"].split("|")), row["in_script"]))
    return pairs


def _key(name: str) -> str:
    from tenpoint.lib import names

    return "".join(names.name_key(token) for token in names.name_tokens(name))


def _clear_caches() -> None:
    from tenpoint.lib import names

    names.normalise_name.cache_clear()
    names.name_skeleton.cache_clear()


@contextlib.contextmanager
def _anyascii_alone() -> Iterator[None]:
    """``names`` as it was before the script step: anyascii alone, no script spellings known."""
    from tenpoint.lib import names

    romanised, known = names._romanised_script, dict(names.KNOWN_NAMES)
    # The spellings known_names.yaml lists in script, as looked up, less those it also lists in Latin.
    listed = yaml.safe_load(names.KNOWN_NAMES_FILE.read_text(encoding="utf-8"))["names"].values()
    latin = {spelling for entry in listed for spelling in entry.get("latin", [])}
    script_spellings = {names.normalise_name(spelling).replace(" ", "")
                        for entry in listed for spelling in entry.get("script", [])} - latin
    names._romanised_script = lambda text: text  # type: ignore[assignment]
    for spelling in (*script_spellings, "hassen", "hasen"):  # these two came with the script step
        names.KNOWN_NAMES.pop(spelling, None)
    _clear_caches()
    try:
        yield
    finally:
        names._romanised_script = romanised  # type: ignore[assignment]
        names.KNOWN_NAMES.clear()
        names.KNOWN_NAMES.update(known)
        _clear_caches()


def _epitran_romaniser(python: str, pairs: list[Pair]) -> Callable[[str], str]:
    """Each script name through epitran in ``python``, its IPA folded to Latin letters."""
    wanted = sorted({(language, written) for _, _, language, _, written in pairs})
    program = (
        "import json, sys, epitran\n"
        "wanted = json.load(sys.stdin)\n"
        "loaded = {code: epitran.Epitran(code) for code in {code for code, _ in wanted}}\n"
        "json.dump([loaded[code].transliterate(text) for code, text in wanted], sys.stdout)\n"
    )
    started = time.perf_counter()
    done = subprocess.run([python, "-c", program], input=json.dumps(wanted), capture_output=True, text=True,
                          check=True)
    print(f"epitran: {len(wanted)} names transliterated in {time.perf_counter() - started:.1f} s "
          f"(loading its maps included)")
    ipa = dict(zip((text for _, text in wanted), json.loads(done.stdout), strict=True))
    folds = sorted(IPA_TO_LATIN.items(), key=lambda item: -len(item[0]))

    def romanise(text: str) -> str:
        latin = ipa.get(text, text)
        for sound, letters in folds:
            latin = latin.replace(sound, letters)
        return latin

    return romanise


def _measure(pairs: list[Pair], romanise: Callable[[str], str] | None = None
             ) -> dict[str, tuple[int, int, int, int, float]]:
    """Per list: (pairs agreeing, pairs, false agreements, pairs of different names, seconds per
    script name to romanise and key it, caches cleared)."""
    lists: dict[str, tuple[int, int, int, int, float]] = {}
    for title in dict.fromkeys(p[0] for p in pairs):
        rows = [p for p in pairs if p[0] == title]
        _clear_caches()
        started = time.perf_counter()
        script_keys = [_key(romanise(written) if romanise else written) for *_, written in rows]
        per_name = (time.perf_counter() - started) / len(rows)
        latin_keys = [[_key(latin) for latin in spellings] for _, _, _, spellings, _ in rows]
        agree = sum(key == latin for key, keys in zip(script_keys, latin_keys, strict=True) for latin in keys)
        total = sum(len(keys) for keys in latin_keys)
        false = others = 0
        for i, key in enumerate(script_keys):
            for j, keys in enumerate(latin_keys):
                if rows[j][4] == rows[i][4]:
                    continue  # the same name in script (Muhammad and Mohammed are one محمد)
                others += len(keys)
                false += sum(key == latin for latin in keys)
        lists[title] = (agree, total, false, others, per_name)
    return lists


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--epitran-python", help="a Python with epitran installed (compared too)")
    parser.add_argument("--no-append", action="store_true", help="do not append the output to RESULTS.md")
    args = parser.parse_args()
    pairs = _pairs()
    out = io.StringIO()

    def say(line: str = "") -> None:
        print(line)
        out.write(line + "\n")

    say(f"## {datetime.now(UTC):%Y-%m-%d %H:%M} UTC — names in script against their Latin spellings "
        f"(`scripts.py`), {platform.machine()}, Python {platform.python_version()}")
    say()
    say("| list | romanised by | agree | false agreements | time per script name |")
    say("|---|---|---|---|---|")
    methods: list[tuple[str, contextlib.AbstractContextManager[None], Callable[[str], str] | None]] = [
        ("anyascii alone (before)", _anyascii_alone(), None), ("Tenpoint", contextlib.nullcontext(), None)]
    if args.epitran_python:
        methods.append(("epitran + IPA folded", _anyascii_alone(), _epitran_romaniser(args.epitran_python, pairs)))
    for label, context, romanise in methods:
        with context:
            measured = _measure(pairs, romanise)
        for title, (agree, total, false, others, per_name) in measured.items():
            say(f"| {title} | {label} | {agree / total:.3f} ({agree} of {total}) | {false} of {others:,} | "
                f"{per_name * 1e6:.0f} µs |")
        if label == "Tenpoint":
            # Keys over-join on purpose (Omar, Umar, Amer and Ammar are all "amr"); the scorer and
            # the model's finer levels tell them apart. The same count for the Latin names alone.
            for title, (*_, others, _seconds) in measured.items():
                rows = [p for p in pairs if p[0] == title]
                false = sum(_key(rows[i][3][0]) == _key(latin) for i in range(len(rows)) for j in range(len(rows))
                            if rows[j][4] != rows[i][4] for latin in rows[j][3])
                say(f"| {title} | (Latin name against the Latin spellings of the others, for reference) | – | "
                    f"{false} of {others:,} | – |")
    say()
    if not args.no_append:
        with RESULTS.open("a", encoding="utf-8") as handle:
            handle.write("\n" + out.getvalue())


if __name__ == "__main__":
    main()
