"""Another base model (`podsift embed --model FOLDER`): search and answer quality, latency and cost against the archive's current one.

    python benchmarks/base_model.py --db EMBEDDED.db --model FOLDER [--questions FILE] [--json]

Works on a copy of the given archive (embedded with its current base model, as
`podsift ingest ../shared/seeds ../shared/corpus/dtc` leaves it). Everything runs
through the `podsift` command, so the figures are the product's own:

1. `podsift eval` in semantic and hybrid mode, and `eval --ask`, with the current model;
2. `podsift embed --model FOLDER` (wall time, peak RSS; texts that already have
   vectors under the folder's name are not embedded again);
3. the same evals with the new model.

After each model's `eval --ask`, `podsift calibrate` fits abstention to the archive's
own questions and `eval --ask` runs again (the "calibrated" rows).

Query latency is each eval's p50 with the model loaded; the ratio of the two runs
is printed because this machine is noisy. Rows are all questions and two halves by
id (odd and even): nothing here was tuned on either.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import checkout  # noqa: F401  (this checkout's podsift, here and in the commands it starts)
from tune import QUESTIONS, answers, podsift, print_tables, scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="an embedded archive (it is copied, not changed)")
    parser.add_argument("--model", type=Path, required=True, help="a sentence-transformers model folder")
    parser.add_argument("--questions", type=Path, default=QUESTIONS)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "archive.db"
        subprocess.run([sys.executable, "-m", "podsift", "--db", str(args.db), "backup", str(db)], check=True)
        before = json.loads(podsift(db, "embed", "--json")[0])  # catch up, so the first run is whole
        rows = [(f"{mode}, current model", scores(db, args.questions, mode)) for mode in ("semantic", "hybrid")]
        asked = [("current model", answers(db, args.questions))]
        calibrations = {"current model": json.loads(podsift(db, "calibrate", "--json")[0])}
        asked.append(("current model, calibrated", answers(db, args.questions)))
        started = time.perf_counter()
        output, peak_mb = podsift(db, "embed", "--model", str(args.model), "--json")
        wall = time.perf_counter() - started
        switched = json.loads(output)
        name = switched["model"]
        rows += [(f"{mode}, {name}", scores(db, args.questions, mode)) for mode in ("semantic", "hybrid")]
        asked.append((name, answers(db, args.questions)))
        calibrations[name] = json.loads(podsift(db, "calibrate", "--json")[0])
        asked.append((f"{name}, calibrated", answers(db, args.questions)))

    ratio = {mode: round(rows[i + 2][1]["all"]["p50 ms"] / max(rows[i][1]["all"]["p50 ms"], 1e-9), 2)
             for i, mode in enumerate(("semantic", "hybrid"))}  # fmt: skip
    summary = {
        "embed": switched | {"caught_up_before": before["embedded"], "wall_seconds": round(wall, 1),
                             "peak_rss_mb": round(peak_mb)},
        "latency_ratio": ratio, "search": dict(rows), "ask": dict(asked), "calibrate": calibrations,
    }  # fmt: skip
    if args.json:
        print(json.dumps(summary, indent=2))
        return
    print(f"podsift embed --model {args.model}: {switched['embedded']} texts embedded with {name} in {wall:.0f} s "
          f"(peak RSS {peak_mb:.0f} MB); p50 query latency {name} / current: semantic {ratio['semantic']}x, "
          f"hybrid {ratio['hybrid']}x")  # fmt: skip
    for model, calibration in calibrations.items():
        print(f"podsift calibrate, {model}: threshold {calibration['threshold']} from {calibration['questions']} "
              f"archive questions (declines {calibration['false_abstention']:.1%} of them, "
              f"{calibration['declined_elsewhere']:.1%} without their own episode)")  # fmt: skip
    print_tables(rows, asked)


if __name__ == "__main__":
    main()
