"""Audio transcription with the bundled faster-whisper tiny.en: speed, word error rate, memory.

    python benchmarks/transcribe.py [--rounds N] [--repeat K]

The synthetic set is the sentences in tests/speech.py read by espeak-ng one by one, a
second apart, K times over (default 3: about 2.5 minutes of speech). Each round runs the
real `podsift ingest FILE.wav` in a fresh process and reads the episode back with
`podsift show --json`, so the figures are the product's own path:

- real-time factor: seconds of audio per second of wall time, as ingest reports it
  (transcription only), and for the whole command (process start and model load too);
- word error rate against the text that was read, and how far each segment's start is
  from when its sentence was spoken;
- peak resident memory of the ingest process.

The baseline in the same run is a one-sentence file: its wall time is mostly process start
and model load, so the long file's extra time over it is the transcription's own cost.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import checkout  # noqa: F401  (this checkout's podsift, here and in the commands it starts)

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
from speech import SENTENCES, speak_apart, word_error_rate  # noqa: E402

_RTF = re.compile(r"transcribed ([\d.]+) s of audio in ([\d.]+) s \(([\d.]+)x real time\)")


def ingest_once(wav: Path, work: Path, env: dict[str, str]) -> dict[str, float | list[dict]]:
    db = work / f"{wav.stem}-{time.monotonic_ns()}.db"
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "podsift", "--db", str(db), "ingest", str(wav), "--no-embed",
                             "--no-entities", "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env)  # fmt: skip
    _, _, usage = os.wait4(proc.pid, 0)  # this child's own peak memory, not the run's
    wall = time.perf_counter() - t0
    out = proc.stdout.read() if proc.stdout else ""
    if proc.stdout:
        proc.stdout.close()
    if proc.stderr:
        proc.stderr.close()
    notes = json.loads(out)["files"][0]["notes"]
    match = next(m for m in map(_RTF.search, notes) if m)
    shown = subprocess.run([sys.executable, "-m", "podsift", "--db", str(db), "show", wav.stem, "--json"],
                           capture_output=True, text=True, env=env, check=True)  # fmt: skip
    return {"audio": float(match.group(1)), "transcribe": float(match.group(2)), "rtf": float(match.group(3)),
            "wall": wall, "peak_mb": usage.ru_maxrss / 1024, "segments": json.loads(shown.stdout)["segments"]}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=3, help="how many times the sentences are read")
    args = parser.parse_args()
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        sentences = SENTENCES * args.repeat
        starts = speak_apart(work / "synthetic.wav", sentences)
        speak_apart(work / "one.wav", SENTENCES[:1])
        long_runs, short_runs = [], []
        for n in range(args.rounds):  # interleaved, so machine noise hits both alike
            short_runs.append(ingest_once(work / "one.wav", work, env))
            long_runs.append(ingest_once(work / "synthetic.wav", work, env))
            print(f"round {n + 1}: {long_runs[-1]['rtf']:.1f}x real time", file=sys.stderr)

    last = long_runs[-1]
    segments = last["segments"]
    assert isinstance(segments, list)
    wer = word_error_rate(" ".join(sentences), " ".join(s["text"] for s in segments))
    offsets = [abs(s["start"] - t) for s, t in zip(segments, starts)] if len(segments) == len(sentences) else []

    def med(runs: list[dict], key: str) -> float:
        return statistics.median(float(r[key]) for r in runs)

    audio = med(long_runs, "audio")
    print(f"synthetic set: {len(sentences)} sentences, {audio:.1f} s of espeak-ng speech; {args.rounds} rounds; "
          f"{os.cpu_count()} CPUs")  # fmt: skip
    print(f"{'':34} {'median':>9}")
    print(f"{'real-time factor (transcription)':34} {med(long_runs, 'rtf'):8.1f}x")
    print(f"{'real-time factor (whole command)':34} {audio / med(long_runs, 'wall'):8.1f}x")
    print(f"{'wall, synthetic set':34} {med(long_runs, 'wall'):8.2f} s")
    print(f"{'wall, one sentence (baseline)':34} {med(short_runs, 'wall'):8.2f} s")
    extra = med(long_runs, "wall") - med(short_runs, "wall")
    print(f"{'extra wall over the baseline':34} {extra:8.2f} s  ({audio / max(extra, 1e-9):.1f}x real time)")
    print(f"{'peak RSS of ingest':34} {max(float(r['peak_mb']) for r in long_runs):8.0f} MB")
    print(f"{'word error rate':34} {wer:8.3f}  (goal < 0.3)")
    if offsets:
        print(f"{'segment start vs spoken, max':34} {max(offsets):8.2f} s  (goal <= 1 s; {len(segments)} segments)")
    else:
        print(f"segments: {len(segments)} for {len(sentences)} sentences (not one each: start offsets not compared)")


if __name__ == "__main__":
    main()
