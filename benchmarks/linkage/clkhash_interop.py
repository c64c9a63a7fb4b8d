"""A partner on clkhash: its own output read by `link match`, and `link encode`'s JSON read by clkhash.

clkhash 0.18.3 needs Python 3.11 at most and pins old numpy and pydantic, so it runs in a
virtual environment of its own, never in Tenpoint's:

    python3.11 -m venv /tmp/ckvenv && /tmp/ckvenv/bin/pip install clkhash==0.18.3
    .venv/bin/python benchmarks/linkage/clkhash_interop.py --clkhash-python /tmp/ckvenv/bin/python

N generated records are prepared as `link encode` prepares them (the derived columns a partner
must supply, PPRL.md) and encoded with the default schema without Tenpoint's hardening, which
clkhash does not know: by clkhash as anonlink-client's ``hash`` command does
(``generate_clk_from_csv``, then ``{"clks": [...]}``), and by `tenpoint link encode`. The script
prints how many records `link match` pairs with their own row, at which Dice, and how many of
Tenpoint's ``--format clkhash-json`` filters clkhash reads back as the bitarrays it made itself.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from tenpoint.lib.linkage.generator import generate
from tenpoint.lib.linkage.pprl import default_schema_dict, prepare_records
from tenpoint.lib.linkage.pprl.schema import HARDENING_KEY
from tenpoint.lib.linkage.records import read_records

CONTRACT = ["record_id", "source", "given_name", "family_name", "sex", "birth_date", "nationality"]
TENPOINT = [str(Path(sys.executable).with_name("tenpoint"))]
_CLKHASH = """
import json, sys
from clkhash.clk import generate_clk_from_csv
from clkhash.schema import from_json_file
from clkhash.serialization import deserialize_bitarray, serialize_bitarray
schema_path, partner_csv, key, out, ours = sys.argv[1:]
with open(schema_path) as handle:
    schema = from_json_file(handle)
with open(partner_csv) as handle, open(key, "rb") as secret:
    clks = [serialize_bitarray(bf) for bf in generate_clk_from_csv(handle, secret.read().decode(), schema,
                                                                   progress_bar=False)]
with open(out, "w") as handle:
    json.dump({"clks": clks}, handle)
with open(ours) as handle:
    tenpoint = json.load(handle)["clks"]
same = sum(deserialize_bitarray(a) == deserialize_bitarray(b) for a, b in zip(tenpoint, clks))
print(f"clkhash read Tenpoint's {len(tenpoint)} filters (--format clkhash-json): {same} the bitarrays it made")
"""


def tenpoint(*arguments: str) -> None:
    subprocess.run([*TENPOINT, *arguments], check=True, capture_output=True, text=True)


def main(clkhash_python: str, records: int, seed: int) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        generate(records, seed=seed)[CONTRACT].to_csv(folder / "records.csv", index=False)
        schema = default_schema_dict()
        schema.pop(HARDENING_KEY)
        (folder / "schema.json").write_text(json.dumps(schema), encoding="utf-8")
        (folder / "key").write_bytes(b"interop secret of the agreement 2026")
        identifiers = [feature["identifier"] for feature in schema["features"]]
        prepare_records(read_records(folder / "records.csv").frame)[identifiers].to_csv(folder / "partner.csv",
                                                                                         index=False)
        common = ["--secret-file", str(folder / "key"), "--schema", str(folder / "schema.json")]
        tenpoint("link", "encode", str(folder / "records.csv"), *common, "--out", str(folder / "a.csv"))
        tenpoint("link", "encode", str(folder / "records.csv"), *common, "--out", str(folder / "ours.json"),
                 "--format", "clkhash-json")
        done = subprocess.run([clkhash_python, "-c", _CLKHASH, str(folder / "schema.json"), str(folder / "partner.csv"),
                               str(folder / "key"), str(folder / "partner.json"), str(folder / "ours.json")],
                              check=True, capture_output=True, text=True)
        version = subprocess.run([clkhash_python, "-c", "import clkhash; print(clkhash.__version__)"],
                                 check=True, capture_output=True, text=True).stdout.strip()
        tenpoint("link", "match", str(folder / "a.csv"), str(folder / "partner.json"), "--schema",
                 str(folder / "schema.json"), "--out", str(folder / "pairs.csv"))
        with (folder / "records.csv").open(encoding="utf-8") as handle:
            ids = [row["record_id"] for row in csv.DictReader(handle)]
        with (folder / "pairs.csv").open(encoding="utf-8") as handle:
            pairs = list(csv.DictReader(handle))
        own = sum(ids[int(pair["record_id_b"])] == pair["record_id_a"] for pair in pairs)
        scores = sorted(float(pair["score"]) for pair in pairs)
        print(f"# clkhash {version} and Tenpoint, {records} generated records (seed {seed}), default schema without "
              "hardening")
        print(f"link match read clkhash's output: {len(pairs)} pairs, {own} of them a record with its own row; "
              f"Dice from {scores[0]:.4f} to {scores[-1]:.4f}" if pairs else "link match found no pairs")
        print(done.stdout.strip())


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clkhash-python", required=True, help="a Python with clkhash 0.18.3 installed")
    parser.add_argument("--records", type=int, default=300)
    parser.add_argument("--seed", type=int, default=5)
    arguments = parser.parse_args()
    main(arguments.clkhash_python, arguments.records, arguments.seed)
