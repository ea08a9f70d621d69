"""Throughput of the pipeline, stage by stage, on the seed and on the seed repeated to
about 1 MB, with plain GiNZA (spacy.load("ja_ginza"), default pipeline) on the seed for
comparison, and peak memory. Prints figures; asserts nothing.

    .venv/bin/python benchmarks/throughput.py [--size CHARS] [--no-ginza-baseline]
"""
from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "raw" / "2022" / "ch04-sec08_ict-international-strategy.txt"


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_pipeline(label: str, text: str) -> None:
    from extract.pipeline import process_text

    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    rows = process_text("bench.txt", text, 2022, timings)
    total = time.perf_counter() - t0
    print(f"\n{label}: {len(text):,} chars")
    print(f"  {'whole pipeline':<28} {len(text) / total:>12,.0f} chars/s  ({total:.2f} s)")
    for stage, seconds in timings.items():
        print(f"  {stage:<28} {len(text) / max(seconds, 1e-9):>12,.0f} chars/s  ({seconds:.3f} s)")
    counts = ", ".join(f"{k} {len(v)}" for k, v in rows.items() if isinstance(v, list))
    print(f"  rows: {counts}")
    print(f"  peak memory so far: {peak_mib():,.0f} MiB")


def measure_plain_ginza(text: str) -> None:
    import spacy

    t0 = time.perf_counter()
    nlp = spacy.load("ja_ginza")
    load = time.perf_counter() - t0
    # Sudachi refuses inputs over ~49 KB: feed paragraphs, as any user would.
    paragraphs = [p for p in text.split("\n") if p.strip()]
    t0 = time.perf_counter()
    for _ in nlp.pipe(paragraphs, batch_size=64):
        pass
    seconds = time.perf_counter() - t0
    print(f"\nplain GiNZA (default pipeline: {', '.join(nlp.pipe_names)}), load {load:.1f} s")
    print(f"  {len(text):,} chars: {len(text) / seconds:,.0f} chars/s  ({seconds:.2f} s)")
    print(f"  peak memory so far: {peak_mib():,.0f} MiB")


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--size", type=int, default=1_000_000, help="characters of repeated seed (default 1,000,000)")
    p.add_argument("--no-ginza-baseline", action="store_true", help="skip plain GiNZA")
    args = p.parse_args(argv)
    seed = SEED.read_text(encoding="utf-8")
    big = (seed + "\n\n") * max(1, args.size // (len(seed) + 2))

    from extract.recognize import nlp

    t0 = time.perf_counter()
    nlp.ginza()
    nlp.tagger()
    print(f"models loaded once per process: {time.perf_counter() - t0:.1f} s")
    measure_pipeline("seed", seed)
    measure_pipeline("seed repeated", big)
    if not args.no_ginza_baseline:
        measure_plain_ginza(seed)     # the seed is enough for a rate; 1 MB takes minutes
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
