"""`link encode` speed: N generated records encoded with the default schema, against another checkout's code.

Run: ``.venv/bin/python benchmarks/linkage/pprl_encode.py [--records 100000] [--baseline-src PATH] [--repeat 2]``

``--baseline-src`` is the ``src`` folder of another checkout (e.g. ``git worktree add /tmp/old REV``
then ``/tmp/old/src``): the two take turns, each in a fresh process, on the same file and secret,
and must write the same encodings (the script says so and fails otherwise).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The digest covers record_id and clk only: since 2026-12-05 the file also says which schema and
# secret made it, which a checkout from before does not write.
_WORKER = """
import csv, hashlib, sys, time
from pathlib import Path
from tenpoint.lib.linkage.pprl.files import run_encode
started = time.perf_counter()
run_encode(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
seconds = time.perf_counter() - started
with open(sys.argv[3], newline="", encoding="utf-8") as handle:
    encodings = "\\n".join(",".join(row[:2]) for row in csv.reader(handle))
print(seconds, hashlib.sha256(encodings.encode()).hexdigest())
"""


def run(src: Path, records: Path, key: Path, out: Path) -> tuple[float, str]:
    environment = dict(os.environ, PYTHONPATH=str(src))
    done = subprocess.run([sys.executable, "-c", _WORKER, str(records), str(key), str(out)], capture_output=True,
                          text=True, env=environment, check=True)
    seconds, digest = done.stdout.split()
    return float(seconds), digest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--baseline-src", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=2)
    options = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from tenpoint.lib.linkage.generator import generate

    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        generate(options.records, seed=4, messiness=0.5).drop(columns=["true_person_id"]).to_csv(
            folder / "records.csv", index=False)
        (folder / "key").write_text("a secret of more than sixteen bytes\n", encoding="utf-8")
        sides = {"this checkout": ROOT / "src"}
        if options.baseline_src is not None:
            sides = {"baseline": options.baseline_src, **sides}
        times: dict[str, list[float]] = {label: [] for label in sides}
        digests: dict[str, set[str]] = {label: set() for label in sides}
        for _ in range(options.repeat):
            for label, src in sides.items():
                seconds, digest = run(src, folder / "records.csv", folder / "key", folder / f"{label}.csv")
                times[label].append(seconds)
                digests[label].add(digest)
    print(f"# link encode {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC: {options.records:,} generated "
          f"records, default schema")
    for label, src in sides.items():
        print(f"{label} ({src}): median {statistics.median(times[label]):.1f} s "
              f"({', '.join(f'{t:.1f}' for t in times[label])}), "
              f"{options.records / statistics.median(times[label]):,.0f} records/s")
    same = len(set().union(*digests.values())) == 1
    print(f"same encodings: {'yes' if same else 'NO'}")
    if not same:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
