"""`link match` at scale: the default rule on N x N encodings, one thread against every core, same run.

Run: ``.venv/bin/python benchmarks/linkage/pprl_scale.py [--records 60000] [--append] [--every-core-only]``
(``--append`` adds the output to benchmarks/linkage/RESULTS-pprl.md; ``--every-core-only`` skips the
one-thread run, about twice as long as the default's on two cores: for a million records).

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
import hashlib, json, resource, sys, time
import numpy as np
from tenpoint.lib.linkage.pprl.dice import default_threads
from tenpoint.lib.linkage.pprl.files import match
n = int(sys.argv[1])
rng = np.random.default_rng(2)

def bits(rows, fill):
    # In slices: a million rows of 1,024 random floats at once would take 8 GB, and the peak
    # memory reported would be this script's, not the matching's.
    out = np.empty((rows, 128), dtype=np.uint8)
    for start in range(0, rows, 5_000):
        stop = min(rows, start + 5_000)
        out[start:stop] = np.packbits(rng.random((stop - start, 1024)) < fill, axis=1)
    return out

a = bits(n, 0.45)
b = bits(n, 0.45)
b[: n // 2] = a[: n // 2] ^ bits(n // 2, 0.1)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
i, j, score = match(a, b, sure_from=0.85)
seconds = time.perf_counter() - started
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
digest = hashlib.sha256(i.tobytes() + j.tobytes()).hexdigest()[:16]
print(json.dumps({"threads": default_threads(), "seconds": seconds, "pairs": len(i), "digest": digest,
                  "rss_before_mib": before / 1024, "rss_peak_mib": after / 1024}))
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


def _memory(result: dict[str, Any]) -> str:
    return (f"peak memory (every core): {result['rss_peak_mib']:,.0f} MiB, of which "
            f"{result['rss_before_mib']:,.0f} MiB before matching (Python, numpy, the two files of encodings)")


def main(records: int, *, every_core_only: bool = False) -> None:
    print(f"# link match at scale {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC: "
          f"{records:,} x {records:,} encodings, default rule from 0.85")
    every = run(records, None)
    one = None if every_core_only else run(records, "1")
    shown = [("every core (the default)", every, " (one thread not run: --every-core-only)" if one is None else "")]
    if one is not None:
        shown.insert(0, ("TENPOINT_DICE_THREADS=1", one, ""))
    for label, result, note in shown:
        print(f"{label}: {result['threads']} thread(s), {result['seconds']:.1f} s, {result['pairs']:,} pairs{note}")
    print(_memory(every))
    if one is None:
        return
    same = one["digest"] == every["digest"]
    print(f"same pairs: {'yes' if same else 'NO'}; speed-up {float(one['seconds']) / float(every['seconds']):.2f}x")
    if not same:
        raise SystemExit(1)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=60_000, help="records in each file (default 60,000)")
    parser.add_argument("--append", action="store_true", help="append the output to RESULTS-pprl.md")
    parser.add_argument("--every-core-only", action="store_true", help="skip the one-thread run")
    options = parser.parse_args()
    buffer = io.StringIO()
    try:
        with redirect_stdout(buffer):
            main(options.records, every_core_only=options.every_core_only)
    finally:
        sys.stdout.write(buffer.getvalue())
    if options.append:
        with RESULTS.open("a", encoding="utf-8") as handle:
            handle.write("\n```\n" + buffer.getvalue() + "```\n")
