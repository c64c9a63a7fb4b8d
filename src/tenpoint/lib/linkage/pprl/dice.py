"""Dice similarity of packed Bloom filters: all pairs above a threshold, and 1:1 assignment.

Two kernels with identical results (tests check it against plain Python):

- a small C kernel (``_dice.c``), compiled with the system gcc at first use into a cache
  directory, loaded with ctypes and run on one thread per core (shares of a's rows). It is
  built on the machine that runs it, so ``-march=native`` is safe; it falls back to
  ``-mpopcnt`` and then plain ``-O3``.
  Nothing is built at ``pip install`` time, so a clean clone needs no compiler to install.
- a numpy kernel (``np.bitwise_count`` on uint64 words, rows blocked to stay in cache), used
  when gcc is missing or fails, or when ``TENPOINT_DICE_KERNEL=numpy``.

Filters are ``uint8`` arrays of shape (n, bits // 8) as produced by ``np.packbits`` (the
clkhash byte layout); the kernels view them as uint64 words, so bits must be a multiple of 64.
"""

from __future__ import annotations

import ctypes
import hashlib
import logging
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import numpy.typing as npt

logger = logging.getLogger(__name__)

_SOURCE = Path(__file__).with_name("_dice.c")
_FLAG_SETS = (("-O3", "-march=native"), ("-O3", "-mpopcnt"), ("-O3",))
_lock = threading.Lock()
_library: ctypes.CDLL | None = None
_library_tried = False

Bits = npt.NDArray[np.uint8]
Pairs = tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float64]]


def _cache_dir() -> Path:
    configured = os.environ.get("TENPOINT_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tenpoint"


def _compile(target: Path) -> bool:
    gcc = shutil.which(os.environ.get("CC", "gcc")) or shutil.which("gcc")
    if not gcc:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    for flags in _FLAG_SETS:
        # Build beside the target then rename: concurrent processes never load a half-written file.
        handle, temporary = tempfile.mkstemp(suffix=".so", dir=target.parent)
        os.close(handle)
        command = [gcc, *flags, "-shared", "-fPIC", "-o", temporary, str(_SOURCE)]
        try:
            result = subprocess.run(command, capture_output=True, timeout=120, check=False)
        except (OSError, subprocess.TimeoutExpired) as error:
            logger.info("dice kernel: %s failed: %s", " ".join(command), error)
            result = None
        if result is not None and result.returncode == 0:
            os.replace(temporary, target)
            return True
        if result is not None:
            logger.info("dice kernel: %s failed: %s", " ".join(command), result.stderr.decode(errors="replace"))
        Path(temporary).unlink(missing_ok=True)
    return False


def _load() -> ctypes.CDLL | None:
    """The compiled kernel, building it on first use; ``None`` means use numpy."""
    global _library, _library_tried
    with _lock:
        if _library_tried:
            return _library
        _library_tried = True
        if os.environ.get("TENPOINT_DICE_KERNEL", "").lower() == "numpy":
            return None
        # The key names the source, the compiler flags' target (this CPU) and Python's ABI,
        # so a changed kernel or a home directory shared between machines never loads a stale build.
        try:
            # A wheel built without package data would lack the C source: then numpy it is.
            source = _SOURCE.read_bytes()
            key = hashlib.sha256(
                source + platform.machine().encode() + platform.processor().encode()
                + _cpu_flags().encode() + sys.version.encode()
            ).hexdigest()[:16]
            target = _cache_dir() / f"dice-{key}.so"
            if not target.exists() and not _compile(target):
                return None
            library = ctypes.CDLL(str(target))
        except OSError as error:
            logger.info("dice kernel: cannot build or load the C kernel, using numpy: %s", error)
            return None
        i64, u64p, u32p = ctypes.c_int64, ctypes.POINTER(ctypes.c_uint64), ctypes.POINTER(ctypes.c_uint32)
        library.tp_dice_pairs.restype = i64
        library.tp_dice_pairs.argtypes = [
            u64p, i64, u64p, i64, i64, u32p, u32p, u32p,
            ctypes.POINTER(ctypes.c_int64), ctypes.POINTER(ctypes.c_int64), ctypes.POINTER(ctypes.c_double), i64,
        ]
        library.tp_greedy.restype = None
        i64p, u8p = ctypes.POINTER(ctypes.c_int64), ctypes.POINTER(ctypes.c_uint8)
        library.tp_greedy.argtypes = [i64p, i64, i64p, i64p, u8p, u8p, u8p]
        _library = library
        return library


def _cpu_flags() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith(("flags", "Features")):
                return line
    except OSError:
        pass
    return ""


def kernel_name() -> str:
    """``"c"`` or ``"numpy"``: which kernel ``dice_pairs`` uses here (builds the C one if needed)."""
    return "c" if _load() is not None else "numpy"


def _words(bits: Bits) -> npt.NDArray[np.uint64]:
    array = np.ascontiguousarray(bits, dtype=np.uint8)
    if array.ndim != 2 or array.shape[1] % 8:
        raise ValueError(f"filters must be a 2-d uint8 array with a multiple of 8 bytes per row, got {array.shape}")
    return array.view(np.uint64)


def popcounts(bits: Bits) -> npt.NDArray[np.uint32]:
    """Number of bits set in each filter."""
    return np.bitwise_count(_words(bits)).sum(axis=1, dtype=np.uint32)


def dice_score(count_a: int, count_b: int, common: int) -> float:
    """The score the kernels give: 2|a∩b| / (|a|+|b|), 0 for two empty filters."""
    total = count_a + count_b
    return 2.0 * common / total if total else 0.0


def _least_common(threshold: float, bits: int) -> npt.NDArray[np.uint32]:
    """``need[t]``: least |a∩b| with ``dice_score >= threshold`` when |a|+|b| = t.

    Computed with the very expression the score uses, so the kernels' integer test agrees
    with ``dice_score(...) >= threshold`` to the last bit of the double.
    """
    need = np.empty(2 * bits + 1, dtype=np.uint32)
    impossible = bits + 1  # more than any intersection can be
    for total in range(2 * bits + 1):
        best = impossible
        for common in range(max(0, int(threshold * total / 2) - 1), total // 2 + 1):
            if dice_score(total, 0, common) >= threshold if total else threshold <= 0.0:
                best = common
                break
        need[total] = best
    return need


def default_threads() -> int:
    """Threads for the C kernel: ``TENPOINT_DICE_THREADS``, else the cores this process may use."""
    configured = os.environ.get("TENPOINT_DICE_THREADS", "").strip()
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def dice_pairs(a_bits: Bits, b_bits: Bits, threshold: float, *, kernel: str | None = None,
               threads: int | None = None, progress: Callable[[int, int], None] | None = None) -> Pairs:
    """All pairs (i, j) with Dice(a_bits[i], b_bits[j]) >= threshold, and their scores.

    Returned sorted by i then j. ``kernel`` forces ``"c"`` or ``"numpy"`` (for tests and
    benchmarks); by default the C kernel is used when it can be built. The C kernel runs on
    ``threads`` threads (default ``default_threads()``): ctypes lets go of the GIL during the
    call, so each thread compares its own share of a's rows on its own core. ``progress``, if
    given, is called with (rows of a compared, rows of a) as blocks finish (C kernel only).
    """
    a_words, b_words = _words(a_bits), _words(b_bits)
    if a_words.shape[1] != b_words.shape[1]:
        raise ValueError(f"filters differ in length: {a_words.shape[1] * 64} and {b_words.shape[1] * 64} bits")
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold {threshold} must be between 0 and 1")
    words = a_words.shape[1]
    need = _least_common(threshold, words * 64)
    pa, pb = popcounts(a_bits), popcounts(b_bits)
    library = None if kernel == "numpy" else _load()
    if kernel == "c" and library is None:
        raise RuntimeError("the C Dice kernel cannot be built here (is gcc installed?)")
    if library is None:
        i, j, s = _numpy_pairs(a_words, b_words, pa, pb, need)
    else:
        i, j, s = _c_pairs(library, a_words, b_words, pa, pb, need, threads or default_threads(), progress)
    order = np.lexsort((j, i))
    return i[order], j[order], s[order]


def _c_pairs(library: ctypes.CDLL, a: npt.NDArray[np.uint64], b: npt.NDArray[np.uint64],
             pa: npt.NDArray[np.uint32], pb: npt.NDArray[np.uint32], need: npt.NDArray[np.uint32],
             threads: int = 1, progress: Callable[[int, int], None] | None = None) -> Pairs:
    na = a.shape[0]
    # Contiguous shares of a's rows, one per thread, concatenated in order: the result is the
    # same as one thread's. A thread gets at least 64 rows (a few hundred microseconds of work
    # against b's thousands; starting it costs tens).
    threads = max(1, min(threads, na // 64))
    if threads == 1:
        return _c_pairs_rows(library, a, b, pa, pb, need, 0, na, _ProgressCounter(na, progress))
    bounds = np.linspace(0, na, threads + 1).astype(np.int64)
    counter = _ProgressCounter(na, progress)
    with ThreadPoolExecutor(max_workers=threads) as pool:
        shares = list(pool.map(lambda k: _c_pairs_rows(library, a, b, pa, pb, need, int(bounds[k]),
                                                       int(bounds[k + 1]), counter), range(threads)))
    return _concatenate([share[0] for share in shares], [share[1] for share in shares],
                        [share[2] for share in shares])


class _ProgressCounter:
    """Rows of a compared so far, across threads; reports each time a block finishes."""

    def __init__(self, total: int, progress: Callable[[int, int], None] | None) -> None:
        self.total, self.done, self.progress = total, 0, progress
        self.lock = threading.Lock()

    def add(self, rows: int) -> None:
        if self.progress is None:
            return
        with self.lock:
            self.done += rows
            self.progress(self.done, self.total)


def _c_pairs_rows(library: ctypes.CDLL, a: npt.NDArray[np.uint64], b: npt.NDArray[np.uint64],
                  pa: npt.NDArray[np.uint32], pb: npt.NDArray[np.uint32], need: npt.NDArray[np.uint32],
                  first: int, last: int, counter: _ProgressCounter) -> Pairs:
    """Pairs of a's rows first..last-1 against all of b (one thread's share)."""
    nb, words = b.shape[0], a.shape[1]
    na = last - first
    # Rows of a per call: bounds the output buffer a call may need to grow to.
    block = max(1, min(na, 4_000_000 // max(nb, 1)))
    capacity = max(4 * nb, 1 << 16)
    out_i, out_j = np.empty(capacity, np.int64), np.empty(capacity, np.int64)
    out_s = np.empty(capacity, np.float64)
    found_i: list[npt.NDArray[np.int64]] = []
    found_j: list[npt.NDArray[np.int64]] = []
    found_s: list[npt.NDArray[np.float64]] = []

    def pointer(array: npt.NDArray[np.generic], kind: type[ctypes._SimpleCData]) -> ctypes._Pointer:
        return array.ctypes.data_as(ctypes.POINTER(kind))

    b_pointer, pb_pointer, need_pointer = pointer(b, ctypes.c_uint64), pointer(pb, ctypes.c_uint32), pointer(
        need, ctypes.c_uint32)
    for start in range(first, last, block):
        stop = min(last, start + block)
        a_block, pa_block = a[start:stop], np.ascontiguousarray(pa[start:stop])
        while True:
            found = library.tp_dice_pairs(
                pointer(a_block, ctypes.c_uint64), stop - start, b_pointer, nb, words,
                pointer(pa_block, ctypes.c_uint32), pb_pointer, need_pointer,
                pointer(out_i, ctypes.c_int64), pointer(out_j, ctypes.c_int64), pointer(out_s, ctypes.c_double),
                capacity,
            )
            if found <= capacity:
                break
            # More pairs than room (a low threshold): grow and redo this block.
            capacity = int(found)
            out_i, out_j = np.empty(capacity, np.int64), np.empty(capacity, np.int64)
            out_s = np.empty(capacity, np.float64)
        found_i.append(out_i[:found] + start)
        found_j.append(out_j[:found].copy())
        found_s.append(out_s[:found].copy())
        counter.add(stop - start)
    return _concatenate(found_i, found_j, found_s)


def _numpy_pairs(a: npt.NDArray[np.uint64], b: npt.NDArray[np.uint64], pa: npt.NDArray[np.uint32],
                 pb: npt.NDArray[np.uint32], need: npt.NDArray[np.uint32]) -> Pairs:
    na, nb = a.shape[0], b.shape[0]
    found_i: list[npt.NDArray[np.int64]] = []
    found_j: list[npt.NDArray[np.int64]] = []
    found_s: list[npt.NDArray[np.float64]] = []
    # 8 x 1024-row tiles: the temporaries (1 MiB for 1024-bit filters) stay near the cache;
    # tiles from 4 x 4096 to 32 x 2048 measured within 15% of each other.
    a_tile, b_tile = 8, 1024
    for j0 in range(0, nb, b_tile):
        b_block = b[j0:j0 + b_tile]
        pb_block = pb[j0:j0 + b_tile].astype(np.int64)
        for i0 in range(0, na, a_tile):
            a_block = a[i0:i0 + a_tile]
            common = np.bitwise_count(a_block[:, None, :] & b_block[None, :, :]).sum(axis=2, dtype=np.int64)
            total = pa[i0:i0 + a_tile, None].astype(np.int64) + pb_block[None, :]
            hit_i, hit_j = np.nonzero(common >= need[total])
            if hit_i.size:
                hit_common, hit_total = common[hit_i, hit_j], total[hit_i, hit_j]
                score = np.where(hit_total > 0, 2.0 * hit_common / np.maximum(hit_total, 1), 0.0)
                found_i.append(hit_i.astype(np.int64) + i0)
                found_j.append(hit_j.astype(np.int64) + j0)
                found_s.append(score)
    return _concatenate(found_i, found_j, found_s)


def _concatenate(found_i: list[npt.NDArray[np.int64]], found_j: list[npt.NDArray[np.int64]],
                 found_s: list[npt.NDArray[np.float64]]) -> Pairs:
    if not found_i:
        return np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0, np.float64)
    return np.concatenate(found_i), np.concatenate(found_j), np.concatenate(found_s)


def greedy_one_to_one(i: npt.NDArray[np.int64], j: npt.NDArray[np.int64],
                      score: npt.NDArray[np.float64]) -> Pairs:
    """Keep each record in at most one pair: best scores first, as anonlink's greedy solver.

    Ties are broken by (i, j) so the result does not depend on the kernel's output order;
    the result is returned best first. Since pairs are taken in descending score, the result
    at a higher threshold is this result restricted to scores above it.
    """
    i = np.ascontiguousarray(i, dtype=np.int64)
    j = np.ascontiguousarray(j, dtype=np.int64)
    score = np.ascontiguousarray(score, dtype=np.float64)
    if i.size == 0:
        return i, j, score
    order = np.ascontiguousarray(np.lexsort((j, i, -score)), dtype=np.int64)
    library = _load()
    if library is not None:
        taken_a = np.zeros(int(i.max()) + 1, np.uint8)
        taken_b = np.zeros(int(j.max()) + 1, np.uint8)
        keep = np.zeros(i.size, np.uint8)
        u8p, i64p = ctypes.POINTER(ctypes.c_uint8), ctypes.POINTER(ctypes.c_int64)
        library.tp_greedy(order.ctypes.data_as(i64p), ctypes.c_int64(i.size), i.ctypes.data_as(i64p),
                          j.ctypes.data_as(i64p), taken_a.ctypes.data_as(u8p), taken_b.ctypes.data_as(u8p),
                          keep.ctypes.data_as(u8p))
        chosen = order[keep[order].astype(bool)]
    else:
        used_i: set[int] = set()
        used_j: set[int] = set()
        kept: list[int] = []
        for position, left, right in zip(order.tolist(), i[order].tolist(), j[order].tolist(), strict=True):
            if left in used_i or right in used_j:
                continue
            used_i.add(left)
            used_j.add(right)
            kept.append(position)
        chosen = np.asarray(kept, dtype=np.int64)
    return i[chosen], j[chosen], score[chosen]


def _top_two(group: npt.NDArray[np.int64], other: npt.NDArray[np.int64], score: npt.NDArray[np.float64],
             size: int) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """Per group: best score, the ``other`` index of that best (lowest on ties), second-best score (-1: none)."""
    best = np.full(size, -1.0)
    best_other = np.full(size, -1, np.int64)
    second = np.full(size, -1.0)
    if group.size == 0:
        return best, best_other, second
    order = np.lexsort((other, -score, group))
    g, o, s = group[order], other[order], score[order]
    first = np.flatnonzero(np.r_[True, g[1:] != g[:-1]])
    best[g[first]], best_other[g[first]] = s[first], o[first]
    following = first + 1
    following = following[following < g.size]
    following = following[g[following] == g[following - 1]]
    second[g[following]] = s[following]
    return best, best_other, second


def clear_best_pairs(a_bits: Bits, b_bits: Bits, floor: float, margin: float, *, kernel: str | None = None,
                     progress: Callable[[int, int], None] | None = None) -> Pairs:
    """Pairs (i, j) that are each other's best candidate and stand out from the rest.

    Candidates are the pairs at Dice >= ``floor``. A pair is kept when j is i's best candidate
    and i is j's, and its score exceeds both records' second-best candidate (or ``floor``
    when a record has no other) by at least ``margin``. Mutual best pairs are one-to-one by
    construction. Rows of a are taken in blocks and reduced to their two best candidates at
    once, so memory stays proportional to the number of records, not of candidate pairs.
    Returned best first, ties by (i, j). ``progress`` is called with (rows of a done, rows of a)
    after each block.
    """
    na, nb = a_bits.shape[0], b_bits.shape[0]
    empty: Pairs = (np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0, np.float64))
    if na == 0 or nb == 0:
        return empty
    a_best, a_best_j, a_second = np.full(na, -1.0), np.full(na, -1, np.int64), np.full(na, -1.0)
    b_best, b_best_i, b_second = np.full(nb, -1.0), np.full(nb, -1, np.int64), np.full(nb, -1.0)
    # At least 64 rows per thread, so that a large b (16 rows of a a block at a million) still
    # keeps every core busy; the candidates of one block stay few (pairs at >= floor are rare).
    block = max(1, (1 << 24) // nb, 64 * (1 if kernel == "numpy" else default_threads()))
    for start in range(0, na, block):
        stop = min(na, start + block)
        i, j, score = dice_pairs(a_bits[start:stop], b_bits, floor, kernel=kernel)
        a_best[start:stop], a_best_j[start:stop], a_second[start:stop] = _top_two(i, j, score, stop - start)
        best, best_i, second = _top_two(j, i + start, score, nb)
        # The two best of the union of two top-two lists.
        b_second = np.maximum(np.minimum(b_best, best), np.maximum(b_second, second))
        replace = best > b_best
        b_best_i = np.where(replace, best_i, b_best_i)
        b_best = np.where(replace, best, b_best)
        if progress is not None:
            progress(stop, na)
    rows = np.flatnonzero(a_best_j >= 0)
    cols = a_best_j[rows]
    score = a_best[rows]
    keep = ((b_best_i[cols] == rows) & (score - np.maximum(a_second[rows], floor) >= margin)
            & (score - np.maximum(b_second[cols], floor) >= margin))
    rows, cols, score = rows[keep], cols[keep], score[keep]
    order = np.lexsort((cols, rows, -score))
    return rows[order].astype(np.int64), cols[order].astype(np.int64), score[order]
