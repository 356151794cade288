"""Test speech: sentences read by espeak-ng, and how far a transcript is from them."""

from __future__ import annotations

import re
import shutil
import subprocess
import wave
from pathlib import Path

# Varied everyday sentences (numbers, names, technical words), none from the archive.
SENTENCES = [
    "The garden was full of bright yellow flowers.",
    "My brother plays the guitar every Sunday morning.",
    "Coffee tastes better with warm milk.",
    "We moved the database to a bigger server last week.",
    "The train to the city leaves at half past seven.",
    "Please send me the report before the meeting starts.",
    "Our team trained a small model on customer reviews.",
    "She wrote three chapters of her book during the summer.",
    "The weather will be cold and windy tomorrow.",
    "He fixed the bug by reading the logs carefully.",
    "Children were playing football in the park after school.",
    "The new dashboard shows sales for every region.",
]


def speak_apart(path: Path, sentences: list[str], gap: float = 1.0) -> list[float]:
    """Read each sentence on its own and join them with ``gap`` seconds of silence into one WAV.

    Returns when each sentence starts, in seconds: the truth that transcript times are checked against.
    """
    assert shutil.which("espeak-ng"), "the audio tests speak with espeak-ng: apt-get install -y espeak-ng"
    frames: list[bytes] = []
    starts: list[float] = []
    params = None
    at = 0.0
    for n, sentence in enumerate(sentences):
        part = path.with_name(f"{path.stem}.{n}.wav")
        subprocess.run(["espeak-ng", "-s", "150", "-w", str(part), sentence], check=True)
        with wave.open(str(part)) as w:
            params = w.getparams()
            data = w.readframes(w.getnframes())
            rate, width = w.getframerate(), w.getsampwidth() * w.getnchannels()
        part.unlink()
        if n:
            frames.append(b"\0" * (int(gap * rate) * width))
            at += gap
        starts.append(at)
        frames.append(data)
        at += len(data) / width / rate
    assert params is not None
    with wave.open(str(path), "wb") as out:
        out.setparams(params)
        out.writeframes(b"".join(frames))
    return starts


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def word_error_rate(truth: str, heard: str) -> float:
    """(substitutions + insertions + deletions) / words in the truth, over lowercase words."""
    from rapidfuzz.distance import Levenshtein

    expected = words(truth)
    return Levenshtein.distance(expected, words(heard)) / max(1, len(expected))
