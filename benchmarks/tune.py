"""`podsift tune`: its time and peak memory, and search quality before and after, in one run.

    python benchmarks/tune.py --db EMBEDDED.db [--questions FILE] [--holdout] [--keep DIR] [--json]

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

Every table has rows for all questions and for two halves by id (odd and even
numbers): choices were made looking at the odd half only.
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
from typing import Any

import checkout  # noqa: F401  (this checkout's podsift, here and in the commands it starts)

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


def half_of(question_id: str) -> str:
    return "odd" if int(re.sub(r"\D", "", question_id) or 0) % 2 else "even"


def scores(db: Path, questions: Path, mode: str) -> dict[str, dict[str, float]]:
    """hit@1/5/10, MRR@10 and paraphrase hit@5: over all questions, and per half by id."""
    from podsift.evaluate import metrics

    report = json.loads(podsift(db, "eval", str(questions), "--mode", mode, "--json")[0])
    out = {}
    for half in ("all", "odd", "even"):
        chosen = [r for r in report["results"] if half == "all" or half_of(r["id"]) == half]
        overall = metrics(r["rank"] for r in chosen)
        paraphrase = metrics(r["rank"] for r in chosen if r["kind"] == "paraphrase")
        out[half] = {
            "hit@1": overall["hit@1"], "hit@5": overall["hit@5"], "hit@10": overall["hit@10"],
            "mrr@10": overall["mrr@10"], "paraphrase hit@5": paraphrase["hit@5"],
            "p50 ms": report["metrics"]["latency_ms"]["p50"],
        }  # fmt: skip
    return out


def answers(db: Path, questions: Path) -> dict[str, dict[str, float]]:
    """`eval --ask`: citation hit, keyword recall, abstention recall and false abstention, per half."""
    report = json.loads(podsift(db, "eval", str(questions), "--ask", "--json")[0])
    out = {}
    for half in ("all", "odd", "even"):
        chosen = [r for r in report["results"] if half == "all" or half_of(r["id"]) == half]
        answerable = [r for r in chosen if r["kind"] != "unanswerable"]
        unanswerable = [r for r in chosen if r["kind"] == "unanswerable"]
        recalls = [r["keyword_recall"] for r in answerable if r.get("keyword_recall") is not None]
        out[half] = {
            "citation hit": round(sum(bool(r["citation_hit"]) for r in answerable) / len(answerable), 3),
            "keyword recall": round(sum(recalls) / len(recalls), 3) if recalls else 0.0,
            "abstained": f"{sum(r['abstained'] for r in unanswerable)}/{len(unanswerable)}",
            "false abstention": round(sum(r["abstained"] for r in answerable) / len(answerable), 3),
        }
    return out


def table(rows: list[tuple[str, dict[str, dict[str, Any]]]], columns: tuple[str, ...]) -> str:
    lines = ["| run | half | " + " | ".join(columns) + " |", "|---|---|" + "---|" * len(columns)]
    for name, by_half in rows:
        for half, values in by_half.items():
            lines.append(f"| {name} | {half} | " + " | ".join(str(values[c]) for c in columns) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="an embedded archive (it is copied, not changed)")
    parser.add_argument("--questions", type=Path, default=QUESTIONS)
    parser.add_argument("--holdout", action="store_true", help="leave the questions' episodes out of training")
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--tune-option", action="append", default=[], metavar="OPTION",
                        help="pass an option to `podsift tune` (repeatable), e.g. --tune-option=--same-episode-negatives")  # fmt: skip
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="work in DIR (new or empty) and keep the tuned archive there, for `podsift calibrate` "
                             "or `eval --ask` afterwards")  # fmt: skip
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.keep and args.keep.exists() and any(args.keep.iterdir()):
        sys.exit(f"{args.keep}: not empty; give a new or empty folder")

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        db = folder / "archive.db"
        subprocess.run([sys.executable, "-m", "podsift", "--db", str(args.db), "backup", str(db)], check=True)
        rows = [
            (f"{mode} (base model)", scores(db, args.questions, mode)) for mode in ("lexical", "semantic", "hybrid")
        ]
        asked = [("base model", answers(db, args.questions))]

        command = ["tune", "--json", "--epochs", str(args.epochs), *args.tune_option]
        if args.holdout:
            command += ["--holdout", str(args.questions)]
        started = time.perf_counter()
        output, peak_mb = podsift(db, *command)
        wall = time.perf_counter() - started
        tuned = json.loads(output)
        label = "tuned, question episodes held out" if args.holdout else "tuned"
        rows += [(f"{mode} ({label})", scores(db, args.questions, mode)) for mode in ("semantic", "hybrid")]
        asked.append((label, answers(db, args.questions)))

    summary = {
        "tune": tuned | {"wall_seconds": round(wall, 1), "peak_rss_mb": round(peak_mb)},
        "search": dict(rows),
        "ask": dict(asked),
    }
    if args.json:
        print(json.dumps(summary, indent=2))
        return
    calibration = tuned["calibration"]
    print(f"podsift tune: {tuned['pairs']} pairs ({tuned['question_pairs']} question, {tuned['title_pairs']} title) "
          f"from {tuned['episodes']} episodes; {tuned['steps']} steps in {tuned['seconds']:.0f} s, "
          f"{tuned['embedded']} texts re-embedded; whole command {wall:.0f} s; peak RSS {peak_mb:.0f} MB; "
          f"abstention threshold {calibration['threshold']} (declines {calibration['false_abstention']:.1%} of "
          f"{calibration['questions']} held-out archive questions)")  # fmt: skip
    print_tables(rows, asked)


def print_tables(
    rows: list[tuple[str, dict[str, dict[str, Any]]]], asked: list[tuple[str, dict[str, dict[str, Any]]]]
) -> None:
    """The search table, then the answer table, as Markdown."""
    print(table(rows, ("hit@1", "hit@5", "hit@10", "mrr@10", "paraphrase hit@5", "p50 ms")))
    print()
    print(table(asked, ("citation hit", "keyword recall", "abstained", "false abstention")))


if __name__ == "__main__":
    main()
