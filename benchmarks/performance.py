"""Speed and memory of the pipeline, in one run, on the seed, on the five books
(benchmarks/data/books/) and on the seed repeated to about 1 M characters:

- whole process (`python -m extract DIR --jobs N`): wall time and CPU of the process
  tree and peak memory of its largest process; cold without a cache, cold filling an
  empty cache, and warm (the same cache, unchanged inputs and rules);
- stage by stage in one process (CPU seconds, so characters/s per core), with what
  share of the text the model reads;
- plain GiNZA (spacy.load("ja_ginza"), its default pipeline) over the same text, as
  the baseline: over the whole seed, and over every K-th paragraph of the books (the
  rate of a sample; all of them would take minutes; the seed repeated is the seed's
  paragraphs, so the seed's rate).

Prints the figures and writes them to a JSON file. Asserts nothing. The machine's
load is recorded: on shared cores take the best of a few runs (--repeat).

    .venv/bin/python benchmarks/performance.py [--jobs N] [--repeat R] [--json PATH]
        [--sample K] [--batch-sizes 1,8,32,64,256] [--check-windows]

--batch-sizes times the model on the books' windows at each nlp.pipe batch size;
--check-windows compares the model's entities on the windows with those it finds on
whole sentences (the margin's test). Both take a minute or more.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))          # this checkout's package, not an installed one
SEED = ROOT / "raw" / "2022" / "ch04-sec08_ict-international-strategy.txt"
BOOKS = ROOT / "benchmarks" / "data" / "books"
REPEATS = 60


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="--jobs of the whole-process runs")
    p.add_argument("--repeat", type=int, default=1, help="whole-process runs of each kind; the best is kept")
    p.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "performance.json", help="where to write")
    p.add_argument("--sample", type=int, default=20, help="plain GiNZA reads every K-th paragraph of the books")
    p.add_argument("--batch-sizes", default="", help="comma-separated nlp.pipe batch sizes to time")
    p.add_argument("--check-windows", action="store_true", help="windows against whole sentences")
    args = p.parse_args(argv)

    report: dict = {"machine": machine(), "jobs": args.jobs, "repeat": args.repeat, "corpora": {}}
    with tempfile.TemporaryDirectory(prefix="extract-bench-") as tmp:
        tmp = Path(tmp)
        corpora = {"seed": seed_folder(tmp)}
        if any(BOOKS.glob("*/*.txt")):
            corpora["five books"] = BOOKS
        else:
            print(f"five books: skipped, {BOOKS.relative_to(ROOT)} holds no books", flush=True)
        corpora[f"seed x{REPEATS}"] = repeated_seed(tmp)
        for name, folder in corpora.items():
            texts = read_texts(folder)
            print(f"\n== {name}: {len(texts)} file(s), {sum(map(len, texts.values())):,} characters", flush=True)
            figures = {"files": len(texts), "chars": sum(map(len, texts.values()))}
            figures["process"] = whole_process(folder, tmp / "out", tmp / f"cache-{len(report['corpora'])}",
                                               args.jobs, args.repeat, figures["chars"])
            figures["stages"] = stages(texts)
            report["corpora"][name] = figures
        baseline(report, args.sample)
        if args.batch_sizes and "five books" in report["corpora"]:
            report["batch_sizes"] = batch_sizes(read_texts(BOOKS), [int(x) for x in args.batch_sizes.split(",")])
        if args.check_windows and "five books" in report["corpora"]:
            report["windows_vs_sentences"] = check_windows(read_texts(BOOKS))
    report["machine"]["load_after"] = list(os.getloadavg())
    summary(report)
    args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten to {args.json}")
    return 0


# --- inputs -------------------------------------------------------------------

def seed_folder(tmp: Path) -> Path:
    folder = tmp / "seed" / "2022"
    folder.mkdir(parents=True)
    shutil.copy(SEED, folder / SEED.name)
    return folder.parent


def repeated_seed(tmp: Path) -> Path:
    folder = tmp / f"seed-x{REPEATS}" / "2022"
    folder.mkdir(parents=True)
    text = SEED.read_text(encoding="utf-8")
    (folder / f"seed-x{REPEATS}.txt").write_text("\n\n".join([text] * REPEATS), encoding="utf-8")
    return folder.parent


def read_texts(folder: Path) -> dict[str, str]:
    """doc_id → decoded text of every file of a folder, as a run finds them."""
    from extract.inputs import sources
    from extract.read.reading import read_document

    return {s.doc_id: read_document(s.path).text for s in sources(folder)}


def machine() -> dict:
    from extract.recognize.nlp import versions

    return {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
            "load_before": list(os.getloadavg()),
            "versions": versions(("spacy", "thinc", "ja-ginza", "numpy", "blis", "fugashi", "pandas"))}


# --- whole process ------------------------------------------------------------

def whole_process(folder: Path, out: Path, cache: Path, jobs: int, repeat: int, chars: int) -> dict:
    """Best of `repeat` runs of each kind: no cache; an empty cache (filled); warm."""
    runs = {}
    kinds = [("cold, no cache", ["--no-cache"], True), ("cold, filling the cache", [], True),
             ("warm cache", [], False)]
    for label, extra, clear in kinds:
        best = None
        for _ in range(repeat):
            if clear:
                shutil.rmtree(cache, ignore_errors=True)
            r = run_extract([str(folder), "--out", str(out), "--quiet", "--jobs", str(jobs), *extra], cache)
            if best is None or r["wall_s"] < best["wall_s"]:
                best = r
        best["chars_per_s"] = round(chars / best["wall_s"])
        runs[label] = best
        print(f"  {label:<26} {best['wall_s']:7.2f} s wall  {best['cpu_s']:7.2f} s CPU  "
              f"{best['chars_per_s']:>10,} chars/s  peak {best['peak_mib']:,.0f} MiB/process", flush=True)
    return runs


# Starts `python -m extract` from a small process of its own: the peak memory of a
# process started straight from this one would count this one's (it loads GiNZA), since
# Linux carries a process's peak over its exec.
LAUNCHER = """
import json, os, sys, time
t0 = time.perf_counter()
pid = os.posix_spawn(sys.executable, [sys.executable, "-m", "extract", *sys.argv[1:]], os.environ,
                     file_actions=[(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0)])
_, status, usage = os.wait4(pid, 0)
print(json.dumps({"wall_s": time.perf_counter() - t0, "code": os.waitstatus_to_exitcode(status),
                  "cpu_s": usage.ru_utime + usage.ru_stime, "maxrss_kb": usage.ru_maxrss}))
"""


def run_extract(args: list[str], cache: Path) -> dict:
    """Wall and CPU time of the process tree (its workers are waited for, so counted), and
    the peak memory of its largest process."""
    env = {**os.environ, "EXTRACT_CACHE_DIR": str(cache),
           "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-c", LAUNCHER, *args], env=env, cwd=ROOT, capture_output=True,
                          text=True)
    if done.returncode != 0 or not done.stdout.strip():
        raise SystemExit(f"benchmark launcher failed: {done.stderr}")
    r = json.loads(done.stdout)
    if r["code"] != 0:
        raise SystemExit(f"extract failed ({r['code']}): {done.stderr}")
    return {"wall_s": round(r["wall_s"], 3), "cpu_s": round(r["cpu_s"], 3),
            "peak_mib": round(r["maxrss_kb"] / 1024, 1)}


# --- stages in one process ----------------------------------------------------

def stages(texts: dict[str, str]) -> dict:
    """CPU seconds of each stage over every text, in this process, without a cache."""
    from extract.inputs import locate
    from extract.pipeline import process_text
    from extract.recognize import nlp

    t0 = time.process_time()
    nlp.ginza()
    nlp.tagger()
    load = time.process_time() - t0
    model = {"windows": 0, "chars": 0, "cpu_s": 0.0}
    real = nlp.read_chunk

    def counted(chunk):
        t = time.process_time()
        try:
            return real(chunk)
        finally:
            model["cpu_s"] += time.process_time() - t
            model["windows"] += len(chunk)
            model["chars"] += sum(map(len, chunk))

    nlp.read_chunk = counted
    timings: dict[str, float] = {}
    try:
        for doc_id, text in texts.items():
            process_text(doc_id, text, locate((), tuple(doc_id.split("/")))[0], timings)
    finally:
        nlp.read_chunk = real
    chars = sum(map(len, texts.values()))
    total = sum(timings.values())
    out = {"model_load_cpu_s": round(load, 2), "whole_pipeline": rate(chars, total),
           "stage": {stage: rate(chars, s) for stage, s in timings.items()},
           "model": {**rate(model["chars"], model["cpu_s"]), "windows": model["windows"],
                     "chars_read": model["chars"], "share_of_text": round(model["chars"] / chars, 4)}}
    print(f"  one process, CPU (model loaded once: {load:.1f} s):")
    print(f"    {'whole pipeline':<26} {out['whole_pipeline']['chars_per_s']:>10,} chars/s  ({total:.2f} s)")
    for stage, r in out["stage"].items():
        print(f"    {stage:<26} {r['chars_per_s']:>10,} chars/s  ({r['cpu_s']:.2f} s)")
    m = out["model"]
    print(f"    of which GiNZA: {m['windows']:,} windows, {m['chars_read']:,} chars "
          f"({m['share_of_text']:.1%} of the text) at {m['chars_per_s']:,} chars/s ({m['cpu_s']:.2f} s)")
    return out


def rate(chars: int, seconds: float) -> dict:
    return {"cpu_s": round(seconds, 3), "chars_per_s": round(chars / seconds) if seconds > 0 else None}


# --- plain GiNZA ----------------------------------------------------------------

def baseline(report: dict, sample: int) -> None:
    import spacy

    t0 = time.process_time()
    nlp = spacy.load("ja_ginza")
    load = time.process_time() - t0
    print(f"\n== plain GiNZA ({', '.join(nlp.pipe_names)}), load {load:.1f} s CPU")
    seed_rate = None
    for name, figures in report["corpora"].items():
        if name.startswith("seed x"):
            r = {**seed_rate, "note": "the seed's paragraphs: the seed's rate"}
        else:
            texts = read_texts(BOOKS) if name == "five books" else {SEED.name: SEED.read_text(encoding="utf-8")}
            paragraphs = [p for t in texts.values() for p in t.split("\n") if p.strip()]
            if name == "five books":
                paragraphs = paragraphs[::sample]
            r = plain_rate(nlp, paragraphs)
            if name == "seed":
                seed_rate = r
            if name == "five books":
                r["note"] = f"every {sample}th paragraph"
        figures["plain_ginza"] = r
        mine = figures["stages"]["whole_pipeline"]["chars_per_s"]
        figures["ratio_to_plain_ginza"] = round(mine / r["chars_per_s"], 1)
        print(f"  {name:<12} {r['chars_per_s']:>8,} chars/s over {r['chars']:,} chars ({r['cpu_s']:.1f} s); "
              f"the pipeline per core is {figures['ratio_to_plain_ginza']}x that", flush=True)


def plain_rate(nlp, paragraphs: list[str]) -> dict:
    t0 = time.process_time()
    for _ in nlp.pipe(paragraphs, batch_size=64):
        pass
    seconds = time.process_time() - t0
    chars = sum(map(len, paragraphs))
    return {"chars": chars, **rate(chars, seconds)}


# --- optional measurements --------------------------------------------------------

def collect_windows(texts: dict[str, str]) -> list[list[str]]:
    """The chunks of windows the entity stage hands to the model, without reading them."""
    from extract.read.document import Document
    from extract.recognize import entities, nlp

    chunks: list[list[str]] = []
    with nlp.answering(lambda groups: chunks.extend(groups) or [[[] for _ in g] for g in groups]):
        for doc_id, text in texts.items():
            entities.recognize(Document.from_text(doc_id, text, 2022))
    return chunks


def batch_sizes(texts: dict[str, str], sizes: list[int]) -> dict:
    from extract.recognize import nlp

    chunks = collect_windows(texts)
    chars = sum(len(t) for c in chunks for t in c)
    print(f"\n== nlp.pipe batch sizes over the books' {sum(map(len, chunks)):,} windows ({chars:,} chars)")
    out, default = {}, nlp.BATCH_SIZE
    try:
        for size in sizes:
            nlp.BATCH_SIZE = size
            t0 = time.process_time()
            for c in chunks:
                nlp.read_chunk(c)
            out[str(size)] = rate(chars, time.process_time() - t0)
            print(f"  batch {size:>4}: {out[str(size)]['chars_per_s']:>8,} chars/s", flush=True)
    finally:
        nlp.BATCH_SIZE = default
    return out


def check_windows(texts: dict[str, str]) -> dict:
    """The model's mentions when it reads windows and when it reads the whole sentence
    around the same words: they should be the same."""
    from extract.read.document import Document
    from extract.recognize import entities

    def mentions():
        found = set()
        for doc_id, text in texts.items():
            doc = Document.from_text(doc_id, text, 2022)
            found |= {(doc_id, m.original_span(), m.values["label"], m.values["name"])
                      for m in entities.recognize(doc) if m.priority == entities.MODEL}
        return found

    windows = mentions()
    real = entities._windows
    entities._windows = lambda spans, sentence: [(0, len(sentence))] if spans else []
    try:
        sentences = mentions()
    finally:
        entities._windows = real
    out = {"model_mentions_windows": len(windows), "model_mentions_sentences": len(sentences),
           "only_windows": sorted(map(str, windows - sentences)),
           "only_sentences": sorted(map(str, sentences - windows))}
    print(f"\n== windows against whole sentences: {len(windows)} and {len(sentences)} model mentions; "
          f"{len(out['only_windows'])} only with windows, {len(out['only_sentences'])} only with sentences")
    return out


def summary(report: dict) -> None:
    print("\n== summary")
    for name, f in report["corpora"].items():
        p = f["process"]
        print(f"  {name:<12} cold {p['cold, filling the cache']['wall_s']:.1f} s (no cache "
              f"{p['cold, no cache']['wall_s']:.1f} s), warm {p['warm cache']['wall_s']:.1f} s, "
              f"peak {max(r['peak_mib'] for r in p.values()):,.0f} MiB/process; "
              f"entities {f['stages']['stage']['entities']['chars_per_s']:,} chars/s per core; "
              f"{f.get('ratio_to_plain_ginza')}x plain GiNZA")
    print(f"  load average before {report['machine']['load_before']}, after {report['machine']['load_after']}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
