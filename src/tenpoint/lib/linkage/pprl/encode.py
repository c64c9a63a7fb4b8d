"""Cryptographic long-term keys (CLKs): records to hardened Bloom filters, clkhash-compatible.

Follows clkhash 0.18 (``bloomfilter.py``, ``comparators.py``, ``key_derivation.py``) so a
partner running clkhash with the same v3 schema and secret gets the same bits for the same
values, except for the Tenpoint hardening steps, which clkhash does not know:

- keys: HKDF(secret, salt, info) gives two ``keySize`` keys per feature, in schema order,
  ignored features included (clkhash's ``generate_key_lists`` with two hashing methods);
- tokens: n-grams of the value padded with n-1 spaces (positional ones as ``"{i} {gram}"``),
  the whole value for ``exact``, the neighbourhood of the number for ``numeric``;
- ``bitsPerFeature`` spreads a fixed number of insertions over the tokens, the first
  ``bits % tokens`` tokens getting one more;
- ``blakeHash``: blake2b(token, key=feature key, salt=str(i)) read as 32 little-endian
  uint16, each modulo l; ``doubleHash``: HMAC-SHA1 + i * HMAC-MD5 modulo l (Schnell 2011);
- bit 0 is the most significant bit of byte 0 (bitarray's default), serialised as base64.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import math
from collections.abc import Callable, Sequence
from datetime import datetime

import numpy as np
import numpy.typing as npt
import pandas as pd
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from tenpoint.lib.linkage.pprl.schema import Feature, Hardening, Schema, SchemaError
from tenpoint.lib.linkage.records import LinkageInputError
from tenpoint.lib.names import name_skeleton, name_tokens, normalise_name

MIN_SECRET_BYTES = 16
Bits = npt.NDArray[np.uint8]


def check_secret(secret: bytes) -> bytes:
    """The secret as used: surrounding whitespace (a trailing newline) does not count."""
    secret = secret.strip()
    if not secret:
        raise LinkageInputError("the secret is empty; both countries need the same secret of at least "
                                f"{MIN_SECRET_BYTES} bytes (e.g. `openssl rand -base64 32 > KEY`)")
    if len(secret) < MIN_SECRET_BYTES:
        raise LinkageInputError(f"the secret is {len(secret)} bytes long; it needs at least {MIN_SECRET_BYTES} "
                                "(e.g. `openssl rand -base64 32 > KEY`): a short secret can be guessed, and with it "
                                "every encoding can be recomputed from guessed names")
    return secret


# scrypt's cost for the key check: 43 ms and 16 MiB per guessed secret here, against 0.4 ms to
# encode a guessed record with it (2026-12-05), so the check is never the cheaper way to test a
# guessed secret (PPRL.md, threat model).
KEY_CHECK_SCRYPT = {"n": 2 ** 14, "r": 8, "p": 1}


def key_check(secret: bytes) -> str:
    """A short value, written beside each CLK, that is equal for equal secrets and says nothing
    else: the matcher can tell two files were encoded with different secrets without learning
    either (the "key check value" of payment cryptography)."""
    derived = hashlib.scrypt(check_secret(secret), salt=b"tenpoint/pprl/key-check/1", dklen=8,
                             **KEY_CHECK_SCRYPT)
    return derived.hex()


def feature_keys(schema: Schema, secret: bytes) -> list[tuple[bytes, bytes]]:
    """Two keys per feature (ignored ones too), as clkhash's ``generate_key_lists``."""
    algorithm = hashes.SHA256() if schema.kdf_hash == "SHA256" else hashes.SHA512()
    count = 2 * len(schema.features)
    material = HKDF(algorithm=algorithm, length=count * schema.kdf_key_size, salt=schema.kdf_salt,
                    info=schema.kdf_info).derive(secret)
    size = schema.kdf_key_size
    keys = [material[i * size:(i + 1) * size] for i in range(count)]
    return [(keys[2 * i], keys[2 * i + 1]) for i in range(len(schema.features))]


def _hardening_key(schema: Schema, secret: bytes, index: int, step: Hardening) -> bytes:
    # A separate HKDF context: the hardening key is unrelated to the clkhash feature keys.
    return HKDF(algorithm=hashes.SHA256(), length=64, salt=schema.kdf_salt,
                info=f"x-tenpoint-hardening/{index}/{step.type}".encode()).derive(secret)


def format_value(feature: Feature, value: object) -> str:
    """The string clkhash would hash for this value ("" when missing).

    clkhash refuses values that break the format (wrong case, too long); Tenpoint folds the
    case and cuts to ``maxLength`` instead, which gives the same string for every value
    clkhash accepts.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        text = ""
    else:
        text = str(value).strip()
    if feature.missing_sentinel is not None and text == feature.missing_sentinel:
        return feature.missing_replacement or ""
    if not text:
        return ""
    if feature.format_type == "string":
        if feature.case == "lower":
            text = text.lower()
        elif feature.case == "upper":
            text = text.upper()
        if feature.max_length is not None:
            text = text[:feature.max_length]
    elif feature.format_type == "integer":
        try:
            text = str(int(text, 10))
        except ValueError:
            raise ValueError(f"{feature.identifier}: {text!r} is not an integer") from None
    elif feature.format_type == "date" and feature.date_format:
        try:
            text = datetime.strptime(text, feature.date_format).strftime("%Y%m%d")  # noqa: DTZ007 - a date, no zone
        except ValueError:
            raise ValueError(f"{feature.identifier}: {text!r} does not match {feature.date_format!r}") from None
    return text


def tokenize(feature: Feature, text: str) -> list[str]:
    """clkhash's comparator tokenisation."""
    if not text:
        return []
    if feature.comparison == "exact":
        return [text]
    if feature.comparison == "numeric":
        return _numeric_tokens(feature, text)
    n = feature.n
    if n > 1:
        text = " " * (n - 1) + text + " " * (n - 1)
    if feature.positional:
        return [f"{i + 1} {text[i:i + n]}" for i in range(len(text) - n + 1)]
    return [text[i:i + n] for i in range(len(text) - n + 1)]


def _numeric_tokens(feature: Feature, text: str) -> list[str]:
    interval = round(feature.threshold_distance * 10 ** feature.fractional_precision)
    try:
        value = int(text, 10) * 10 ** feature.fractional_precision
    except ValueError:
        number = float(text)
        value = round(number * 10 ** feature.fractional_precision) if feature.fractional_precision else int(number)
    value *= 2 * feature.resolution
    residue = value % interval
    if residue:
        value = value - residue if residue < interval / 2 else value + (interval - residue)
    return [str(value + i * interval) for i in range(-feature.resolution, feature.resolution + 1)]


def bits_per_token(feature: Feature, count: int) -> list[int]:
    if feature.strategy == "bitsPerToken":
        return [feature.strategy_value] * count
    k, residue = divmod(feature.strategy_value, count)
    return [k + 1] * residue + [k] * (count - residue)


class _TokenHasher:
    """Bit positions of a token for one feature, cached (names repeat a lot)."""

    def __init__(self, feature: Feature, keys: tuple[bytes, bytes], length: int) -> None:
        self.feature = feature
        self.keys = keys
        self.length = length
        self.cache: dict[tuple[str, int], npt.NDArray[np.int64]] = {}

    def positions(self, token: str, k: int) -> npt.NDArray[np.int64]:
        cached = self.cache.get((token, k))
        if cached is None:
            data = token.encode(self.feature.encoding)
            cached = self._blake(data, k) if self.feature.hash_type == "blakeHash" else self._double(data, k)
            self.cache[(token, k)] = cached
        return cached

    def _blake(self, data: bytes, k: int) -> npt.NDArray[np.int64]:
        digests = b"".join(hashlib.blake2b(data, key=self.keys[0], salt=str(i).encode()).digest()
                           for i in range((k + 31) // 32))
        shorts = np.frombuffer(digests, dtype="<u2")[:k].astype(np.int64)
        return shorts % self.length

    def _double(self, data: bytes, k: int) -> npt.NDArray[np.int64]:
        key_sha1, key_md5 = self.keys
        first = int.from_bytes(hmac.new(key_sha1, data, hashlib.sha1).digest(), "big") % self.length
        step = int.from_bytes(hmac.new(key_md5, data, hashlib.md5).digest(), "big") % self.length
        counter = 0
        while self.feature.prevent_singularity and step == 0:
            step = int.from_bytes(hmac.new(key_md5, data + chr(counter).encode(), hashlib.md5).digest(),
                                  "big") % self.length
            counter += 1
        return (first + np.arange(k, dtype=np.int64) * step) % self.length


def _value_positions(feature: Feature, hasher: _TokenHasher, text: str) -> npt.NDArray[np.int64]:
    """The bit positions one formatted value sets: its tokens' positions, in token order."""
    tokens = tokenize(feature, text)
    if not tokens:
        return np.empty(0, dtype=np.int64)
    found = [hasher.positions(token, k) for token, k in zip(tokens, bits_per_token(feature, len(tokens)), strict=True)
             if k]
    return np.concatenate(found) if found else np.empty(0, dtype=np.int64)


def encode(frame: pd.DataFrame, schema: Schema, secret: bytes,
           progress: Callable[[str], None] | None = None) -> Bits:
    """Encode each row of ``frame`` as a CLK: uint8 array (rows, l // 8), packed as clkhash does.

    ``frame`` has one column per hashed feature identifier; values are formatted and tokenised
    as the schema says. Raises ``SchemaError`` for a feature with no column and ``ValueError``
    for a value its format refuses.
    """
    secret = check_secret(secret)
    missing = [f.identifier for f in schema.hashed_features if f.identifier not in frame.columns]
    if missing:
        raise SchemaError(f"the schema hashes {', '.join(missing)} but the records have no such column(s); "
                          f"available: {', '.join(map(str, frame.columns))}")
    length = schema.l * 2 ** schema.xor_folds
    rows_count = len(frame)
    keys = feature_keys(schema, secret)
    rows: list[int] = []
    sizes: list[int] = []
    positions: list[npt.NDArray[np.int64]] = []
    for feature, feature_key in zip(schema.features, keys, strict=True):
        if feature.ignored:
            continue
        hasher = _TokenHasher(feature, feature_key, length)
        # Names, years and countries repeat: each distinct value is formatted, tokenised and
        # hashed once (100,000 generated records: 15.6 s -> 8.5 s; benchmarks/linkage/pprl_encode.py).
        by_value: dict[tuple[str, str], npt.NDArray[np.int64]] = {}
        values: Sequence[object] = frame[feature.identifier].tolist()
        holding = 0
        for row, value in enumerate(values):
            key = (type(value).__name__, str(value))
            found = by_value.get(key)
            if found is None:
                found = _value_positions(feature, hasher, format_value(feature, value))
                by_value[key] = found
            if found.size:
                holding += 1
                positions.append(found)
                rows.append(row)
                sizes.append(found.size)
        if progress:
            # A feature empty on one side costs every pair its bits there (PPRL.md, "Which values").
            share = f"{holding / rows_count:.1%}" if rows_count else "no records"
            progress(f"hashed {feature.identifier}: a value in {share} of the records")
    bits = np.zeros((rows_count, length), dtype=bool)
    if positions:
        bits[np.repeat(np.asarray(rows, dtype=np.int64), sizes), np.concatenate(positions)] = True
    for _ in range(schema.xor_folds):
        half = bits.shape[1] // 2
        bits = bits[:, :half] ^ bits[:, half:]
    packed = np.packbits(bits, axis=1)
    for index, step in enumerate(schema.hardening):
        packed = harden(packed, step, _hardening_key(schema, secret, index, step))
    return packed


def harden(packed: Bits, step: Hardening, key: bytes) -> Bits:
    """Apply one hardening step to packed filters (see PPRL.md for what each protects)."""
    if step.type == "rule90":
        # Cellular automaton rule 90 (Schnell & Borgs 2018): each bit becomes the XOR of its two
        # neighbours (cyclic), so no bit is any more the image of a single n-gram.
        bits = np.unpackbits(packed, axis=1).astype(bool)
        return np.packbits(np.roll(bits, 1, axis=1) ^ np.roll(bits, -1, axis=1), axis=1)
    if step.type == "blip":
        return _blip(packed, step.flip_probability, key)
    raise SchemaError(f"unknown hardening {step.type!r}")


def _blip(packed: Bits, probability: float, key: bytes) -> Bits:
    """BLoom-and-flIP (Schnell & Borgs 2016; Alaggan et al. 2012): flip each bit with ``probability``.

    The coin flips come from keyed blake2b of the filter itself, so the same record gives the
    same encoding (re-encoding a file does not leak the true bits by averaging) while the flips
    look random to anyone without the secret. 16-bit uniforms: a bit flips when u < p * 65536.
    """
    length = packed.shape[1] * 8
    blocks = (length + 31) // 32  # each 64-byte digest gives 32 uniforms
    limit = round(probability * 65536)
    out = packed.copy()
    for row in range(packed.shape[0]):
        data = packed[row].tobytes()
        stream = b"".join(hashlib.blake2b(data + block.to_bytes(4, "big"), key=key).digest() for block in range(blocks))
        flips = np.frombuffer(stream, dtype="<u2")[:length] < limit
        out[row] ^= np.packbits(flips)
    return out


def to_base64(packed: Bits) -> list[str]:
    return [base64.b64encode(row.tobytes()).decode("ascii") for row in packed]


def prepare_records(frame: pd.DataFrame) -> pd.DataFrame:
    """The records-file frame with the columns the default schema hashes.

    Names: ``name_tokens`` (normalised, particles dropped) joined by spaces, and the
    ``name_skeleton`` of each token, so Mohamed/Muhammad/Maxamed share their skeleton bigrams;
    per field (``given_name``, ``given_name_skeleton``, ...) and both fields as one (``names``,
    ``names_skeleton``: given then family tokens), which the default schema hashes so that names
    split or swapped between the two fields still agree.
    The birth date is split in year, month and day so partial dates still agree on the year, and
    written whole (``birth_date``, ``YYYY-MM-DD``) where it is complete. The clerk's 1 January is
    a year only: its month and day are left empty, as ``features`` does for the Splink model (two
    namesakes both put down as born on 1 January otherwise shared 230 bits of their date).
    Since schema version 4 also ``core_name``, the first given and the first family name token
    (what a clerk keeps when a compound surname or a patronymic chain is cut short), and
    ``birth_month_day_any_order``, the month and day as one token with the smaller number first,
    so a date whose day and month were swapped (2005-02-08 for 2005-08-02) still agrees there.
    """
    prepared = frame.copy()
    for column in ("given_name", "family_name"):
        tokens = [name_tokens(str(value)) for value in frame[column].fillna("")]
        prepared[column] = [" ".join(t) for t in tokens]
        prepared[f"{column}_skeleton"] = [" ".join(s for s in map(name_skeleton, t) if s) for t in tokens]
        prepared[f"{column}_normalised"] = [normalise_name(str(v)) for v in frame[column].fillna("")]
    prepared["core_name"] = [" ".join(tokens[:1] + family[:1]) for tokens, family in
                             zip(*(map(str.split, prepared[column]) for column in ("given_name", "family_name")),
                                 strict=True)]
    for suffix in ("", "_skeleton"):
        prepared[f"names{suffix}"] = [f"{given} {family}".strip() for given, family in
                                      zip(prepared[f"given_name{suffix}"], prepared[f"family_name{suffix}"], strict=True)]
    if {"birth_year", "birth_month", "birth_day"} <= set(frame.columns):
        written: dict[str, list[str]] = {"birth_year": [], "birth_month": [], "birth_day": [], "birth_date": [],
                                         "birth_month_day_any_order": []}
        for year, month, day in zip(*(frame[column] for column in ("birth_year", "birth_month", "birth_day")),
                                    strict=True):
            year, month, day = (None if pd.isna(v) else int(v) for v in (year, month, day))
            if (month, day) == (1, 1):
                month, day = None, None
            written["birth_year"].append("" if year is None else f"{year:04d}")
            written["birth_month"].append("" if month is None else f"{month:02d}")
            written["birth_day"].append("" if day is None else f"{day:02d}")
            written["birth_date"].append(f"{year:04d}-{month:02d}-{day:02d}" if None not in (year, month, day)
                                         else "")
            written["birth_month_day_any_order"].append(
                "" if month is None or day is None else "-".join(f"{part:02d}" for part in sorted((month, day))))
        for column, values in written.items():
            prepared[column] = values
    return prepared
