"""Privacy-preserving record linkage: hardened Bloom-filter encodings (CLKs) and Dice matching.

Each country encodes its records locally with a secret shared under an agreement; matching
runs on the encodings only. Encodings follow clkhash's v3 linkage schema (see ``schema``)
without depending on clkhash or anonlink. Threat model and hardening: ``PPRL.md``.

Plain functions, no Django: ``encode``, ``dice_pairs``, ``greedy_one_to_one``,
``clear_best_pairs``, ``match``; the
``link encode`` / ``link match`` commands call ``run_encode`` / ``run_match``.
"""

from __future__ import annotations

from tenpoint.lib.linkage.pprl.dice import (
    clear_best_pairs,
    dice_pairs,
    dice_score,
    greedy_one_to_one,
    kernel_name,
    popcounts,
)
from tenpoint.lib.linkage.pprl.encode import check_secret, encode, key_check, prepare_records, to_base64
from tenpoint.lib.linkage.pprl.files import (
    DEFAULT_THRESHOLD,
    EncodedFile,
    match,
    read_encoded,
    run_encode,
    run_match,
)
from tenpoint.lib.linkage.pprl.schema import (
    FEBRL_SCHEMA,
    Schema,
    SchemaError,
    default_schema_dict,
    default_schema_json,
    load_schema,
    parse_schema,
    schema_id,
)

__all__ = [
    "DEFAULT_THRESHOLD",
    "FEBRL_SCHEMA",
    "EncodedFile",
    "Schema",
    "SchemaError",
    "check_secret",
    "clear_best_pairs",
    "default_schema_dict",
    "default_schema_json",
    "dice_pairs",
    "dice_score",
    "encode",
    "greedy_one_to_one",
    "kernel_name",
    "key_check",
    "load_schema",
    "match",
    "parse_schema",
    "popcounts",
    "prepare_records",
    "read_encoded",
    "run_encode",
    "run_match",
    "schema_id",
    "to_base64",
]
