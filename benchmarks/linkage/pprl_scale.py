"""`link match` at scale: the default rule on N x N encodings, one thread against every core, same run.

Run: ``.venv/bin/python benchmarks/linkage/pprl_scale.py [--records 60000] [--append]`` (``--append``
adds the output to benchmarks/linkage/RESULTS-pprl.md).

Synthetic 1024-bit filters about 45 % full (the fill of Tenpoint's default schema); half of the
second file are copies of the first file's records with 10 % of their bits flipped (true pairs
scoring about 0.85-0.95), the rest unrelated. Both runs must find the same pairs; the script says
so. ``TENPOINT_DICE_THREADS`` is set per run, in a fresh process each, so the kernel library and
the caches start cold alike.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import time
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).with_name("RESULTS-pprl.md")

_WORKER = """
import hashlib, json, sys, time
import numpy as np
from tenpoint.lib.linkage.pprl.dice import default_threads
from tenpoint.lib.linkage.pprl.files import match
n = int(sys.argv[1])
rng = np.random.default_rng(2)
a = np.packbits(rng.random((n, 1024)) < 0.45, axis=1)
b = np.packbits(rng.random((n, 1024)) < 0.45, axis=1)
b[: n // 2] = a[: n // 2] ^ np.packbits(rng.random((n // 2, 1024)) < 0.1, axis=1)
started = time.perf_counter()
i, j, score = match(a, b, sure_from=0.85)
seconds = time.perf_counter() - started
digest = hashlib.sha256(i.tobytes() + j.tobytes()).hexdigest()[:16]
print(json.dumps({"threads": default_threads(), "seconds": seconds, "pairs": len(i), "digest": digest}))
"""


def run(records: int, threads: str | None) -> dict[str, Any]:
    environment = dict(os.environ)
    environment.pop("TENPOINT_DICE_THREADS", None)
    if threads is not None:
        environment["TENPOINT_DICE_THREADS"] = threads
    done = subprocess.run([sys.executable, "-c", _WORKER, str(records)], capture_output=True, text=True,
                          env=environment, check=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main(records: int) -> None:
    print(f"# link match at scale {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC: "
          f"{records:,} x {records:,} encodings, default rule from 0.85")
    one = run(records, "1")
    every = run(records, None)
    for label, result in (("TENPOINT_DICE_THREADS=1", one), ("every core (the default)", every)):
        print(f"{label}: {result['threads']} thread(s), {result['seconds']:.1f} s, {result['pairs']:,} pairs")
    same = one["digest"] == every["digest"]
    print(f"same pairs: {'yes' if same else 'NO'}; speed-up {float(one['seconds']) / float(every['seconds']):.2f}x")
    if not same:
        raise SystemExit(1)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=60_000, help="records in each file (default 60,000)")
    parser.add_argument("--append", action="store_true", help="append the output to RESULTS-pprl.md")
    options = parser.parse_args()
    buffer = io.StringIO()
    try:
        with redirect_stdout(buffer):
            main(options.records)
    finally:
        sys.stdout.write(buffer.getvalue())
    if options.append:
        with RESULTS.open("a", encoding="utf-8") as handle:
            handle.write("\n```\n" + buffer.getvalue() + "```\n")
