"""`podsift tune`: its time and peak memory, and search quality before and after, in one run.

    python benchmarks/tune.py --db EMBEDDED.db [--questions FILE] [--holdout] [--json]

Works on a copy of the given archive (an embedded one: `podsift ingest
../shared/seeds ../shared/corpus/dtc`). Everything runs through the `podsift`
command, so the figures are the product's own:

1. `podsift eval` in lexical, semantic and hybrid mode with the base model;
2. `podsift tune` (wall time, and peak RSS of the process);
3. `podsift eval` again: semantic and hybrid now use the tuned model.

With --holdout, step 2 is `podsift tune --holdout QUESTIONS`: the episodes the
questions are about are left out of training, so the "after" figures show what
tuning does for episodes it never saw, the case of a user who asks about an
episode added after tuning.

Questions are split into two halves by id (odd and even numbers). Choices were
tuned looking at the odd half only; both halves are reported.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
QUESTIONS = REPO.parent / "shared" / "eval" / "dev-questions.jsonl"
KINDS = ("all", "keyword", "paraphrase", "specific")


def podsift(db: Path, *args: str) -> tuple[str, float]:
    """Run a podsift command; its standard output and its own peak RSS in MB."""
    command = [sys.executable, "-m", "podsift", "--db", str(db), *args]
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        child = subprocess.Popen(command, stdout=out, stderr=err, text=True, env=os.environ | {"COLUMNS": "200"})
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if child.returncode != 0:
            sys.exit(f"{' '.join(command[2:])} failed:\n{err.read()}")
        return out.read(), usage.ru_maxrss / 1024


def split(questions: Path, folder: Path) -> dict[str, Path]:
    """The question file, and its odd and even halves by id number."""
    lines = [line for line in questions.read_text(encoding="utf-8").splitlines() if line.strip()]
    halves: dict[str, list[str]] = {"odd": [], "even": []}
    for line in lines:
        number = int(re.sub(r"\D", "", json.loads(line)["id"]) or 0)
        halves["odd" if number % 2 else "even"].append(line)
    out = {"all": questions}
    for name, chosen in halves.items():
        out[name] = folder / f"{name}.jsonl"
        out[name].write_text("\n".join(chosen) + "\n", encoding="utf-8")
    return out


def scores(db: Path, files: dict[str, Path], mode: str) -> dict[str, dict[str, float]]:
    """Per question half: hit@1/5/10, MRR@10 and paraphrase hit@5."""
    out = {}
    for half, path in files.items():
        report = json.loads(podsift(db, "eval", str(path), "--mode", mode, "--json")[0])["metrics"]
        out[half] = {
            "hit@1": report["hit@1"], "hit@5": report["hit@5"], "hit@10": report["hit@10"],
            "mrr@10": report["mrr@10"],
            "paraphrase hit@5": report["by_kind"].get("paraphrase", {}).get("hit@5", 0.0),
            "p50 ms": report["latency_ms"]["p50"],
        }  # fmt: skip
    return out


def table(rows: list[tuple[str, dict[str, dict[str, float]]]]) -> str:
    columns = ("hit@1", "hit@5", "hit@10", "mrr@10", "paraphrase hit@5", "p50 ms")
    lines = ["| run | half | " + " | ".join(columns) + " |", "|---|---|" + "---|" * len(columns)]
    for name, by_half in rows:
        for half, values in by_half.items():
            lines.append(f"| {name} | {half} | " + " | ".join(f"{values[c]:g}" for c in columns) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="an embedded archive (it is copied, not changed)")
    parser.add_argument("--questions", type=Path, default=QUESTIONS)
    parser.add_argument("--holdout", action="store_true", help="leave the questions' episodes out of training")
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "archive.db"
        subprocess.run([sys.executable, "-m", "podsift", "--db", str(args.db), "backup", str(db)], check=True)
        files = split(args.questions, folder)
        rows = [(f"{mode} (base model)", scores(db, files, mode)) for mode in ("lexical", "semantic", "hybrid")]

        command = ["tune", "--json", "--epochs", str(args.epochs)]
        if args.holdout:
            command += ["--holdout", str(args.questions)]
        started = time.perf_counter()
        output, peak_mb = podsift(db, *command)
        wall = time.perf_counter() - started
        tuned = json.loads(output)
        label = "tuned, question episodes held out" if args.holdout else "tuned"
        rows += [(f"{mode} ({label})", scores(db, files, mode)) for mode in ("semantic", "hybrid")]

    summary = {
        "tune": tuned | {"wall_seconds": round(wall, 1), "peak_rss_mb": round(peak_mb)},
        "rows": {name: values for name, values in rows},
    }
    if args.json:
        print(json.dumps(summary, indent=2))
        return
    print(f"podsift tune: {tuned['pairs']} pairs ({tuned['question_pairs']} question, {tuned['title_pairs']} title) "
          f"from {tuned['episodes']} episodes; {tuned['steps']} steps in {tuned['seconds']:.0f} s, "
          f"{tuned['embedded']} texts re-embedded; whole command {wall:.0f} s; "
          f"peak RSS {peak_mb:.0f} MB")  # fmt: skip
    print(table(rows))


if __name__ == "__main__":
    main()
