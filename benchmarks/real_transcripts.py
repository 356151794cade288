"""How whole real transcripts come through: words kept, speakers, first and last times, per style.

    python benchmarks/real_transcripts.py FOLDER [--manifest FOLDER/manifest.jsonl] [--json]

FOLDER holds transcript files written by others (not bundled: their licences
vary), and ``manifest.jsonl`` one line per file::

    {"file": "otter_txt/ep62.md", "style": "otter_txt", "speakers": ["Emma", "Kelly"],
     "first_time": 0.0, "last_time": 3321.0, "repo": "owner/name", "path": "..."}

``speakers`` are the labels the file itself uses; ``first_time``/``last_time`` the
starts of its first and last spoken lines as the file states them (null when
untimed). Everything goes through the product: one ``podsift ingest`` of the
folder, then ``podsift show ID --json`` per file.

Words kept compares the words podsift stored with the source's spoken words,
counted here by a deliberately simple reference that knows each style's layout
from the manifest (it never sniffs): caption cues without timings, numbers,
headers and markup, rolling repeats counted once; JSON text fields; text files
without times, labels, markup and credit lines. It is approximate by a few
percent, which is why the goal is a band (97-103%).
"""

from __future__ import annotations

import argparse
import html
import json
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

import checkout  # noqa: F401  (this checkout's podsift, here and in the commands it starts)

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_TAG = re.compile(r"<[^>\n]*>|\{\\[^{}\n]*\}")  # markup, and ASS overrides such as {\c&HFFF000&}
_TIME = re.compile(r"[\[(]?\b\d{1,3}(?::\d{1,2}){1,2}(?:[.,]\d{1,3})?\b[\])]?")
_CAPTION_SKIP = re.compile(
    r"^\s*(?:WEBVTT.*|Kind:.*|Language:.*|Style:.*|NOTE\b.*|\d+|.*-->.*|"
    r"\d+:\d{2}:\d{2}\.\d+,\d+:\d{2}:\d{2}\.\d+)\s*$"
)
_MARKUP = re.compile(
    r"^\s*(?:#{1,6}\s.*|[-*+]\s+\[.*\]\(.*\).*|!\[.*|\{[{%].*|\[[^\]]+\]:\s.*|<[^>]+>\s*|-{3,}|"
    r"(?:transcribed|transcription) by.*|.*otter\.ai.*|table of contents|links:?)\s*$",
    re.IGNORECASE,
)


_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\s]*\)")


def words(text: str) -> int:
    return len(_WORD.findall(html.unescape(_LINK.sub(r"\1", text))))


def _rolling_words(lines: list[str]) -> int:
    """Words of rolling captions, each line counted once: a line seen in the last few
    (a caption scrolls through two or three cues) adds nothing; a line that grows one
    of them adds only its new words."""
    recent: list[str] = []
    total = 0
    for line in lines:
        if line in recent:
            continue
        grown = next((r for r in recent if line.startswith(r)), None)
        total += words(line) - (words(grown) if grown else 0)
        if grown:
            recent.remove(grown)
        recent = (recent + [line])[-4:]
    return total


def reference_words(path: Path, style: str, speakers: list[str]) -> int:
    """The source's spoken words, by a reference reader that is told the style."""
    text = path.read_text(encoding="utf-8", errors="replace").lstrip("\ufeff").replace("\r\n", "\n")
    if path.suffix == ".json":
        data = json.loads(text)
        if isinstance(data, dict):
            keys = ("segments", "utterances", "turns", "transcript", "results")
            lists = [data[k] for k in keys if isinstance(data.get(k), list)]
            entries = lists[0] if lists else []
            entries = [(e.get("alternatives") or [{}])[0] if isinstance(e, dict) and "alternatives" in e else e
                       for e in entries]
        else:
            entries = data
        return sum(words(str(e.get("text") or e.get("body") or e.get("transcript") or ""))
                   for e in entries if isinstance(e, dict))
    labels = sorted((re.escape(s) for s in speakers), key=len, reverse=True)
    label = (re.compile(rf"^\W*(?:{'|'.join(labels)})(?:\W*?:|\*\*|__|\]|(?<=\.)\s|\s(?=\[?\(?\d)|\s*$)")
             if labels else None)
    if path.suffix in (".vtt", ".srt", ".sbv") or any(k in style for k in ("vtt", "srt", "sbv")):
        lines = [_TAG.sub("", ln).strip() for ln in text.split("\n") if not _CAPTION_SKIP.match(ln)]
        lines = [ln for ln in lines if ln]
        if label:
            lines = [label.sub("", ln) for ln in lines]
        if "rolling" in style or "auto" in style:
            return _rolling_words(lines)
        return sum(words(ln) for ln in lines)
    if text.startswith("---"):
        end = text.find("\n---", 3)
        text = text[end + 4:] if end > 0 else text
    heading = re.search(r"^#{1,6}\s.*transcript.*$", text, re.IGNORECASE | re.MULTILINE)
    if heading:
        text = text[heading.end():]
    total = 0
    for line in text.split("\n"):
        if _MARKUP.match(line):
            continue
        line = _TIME.sub(" ", _TAG.sub("", line))
        if label:
            line = label.sub("", line)
        total += words(line.replace("**", " ").replace("__", " "))
    return total


def podsift(*args: str, db: Path) -> str:
    result = subprocess.run([sys.executable, "-m", "podsift", "--db", str(db), *args],
                            capture_output=True, text=True, check=False)  # fmt: skip
    if result.returncode not in (0, 1):
        raise SystemExit(result.stderr)
    return result.stdout


def measure(folder: Path, manifest: Path) -> list[dict[str, Any]]:
    entries = [json.loads(line) for line in manifest.read_text().splitlines() if line.strip()]
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "real.db"
        report = json.loads(podsift("--json", "ingest", "--no-embed", "--no-entities", str(folder), db=db))
        by_path = {Path(f["path"]).resolve(): f for f in report["files"]}
        for entry in entries:
            path = (folder / entry["file"]).resolve()
            outcome = by_path.get(path)
            row: dict[str, Any] = {"file": entry["file"], "style": entry["style"], "set": entry.get("set")}
            if not outcome or not outcome.get("episode_id"):
                row |= {"error": (outcome or {}).get("error", "not ingested"), "words_pct": 0.0,
                        "speakers_ok": False, "times_ok": False}
                rows.append(row)
                continue
            episode = json.loads(podsift("--json", "show", outcome["episode_id"], db=db))
            segments = episode["segments"]
            got = sum(words(s["text"]) + sum(words(d) for d in s["directions"]) for s in segments)
            want = reference_words(path, entry["style"], entry.get("speakers") or [])
            # A label's own delimiter ("Q.", "Name:") is not part of the name.
            found = {s.casefold().rstrip(".:") for s in episode["speakers"]}
            expected = {s.casefold().rstrip(".:") for s in entry.get("speakers") or []}
            timed = [s for s in segments if s["start"] is not None and s["text"]]  # speech, not [Music]
            starts = [s["start"] for s in timed]
            first, last = entry.get("first_time"), entry.get("last_time")
            if first is None:
                times_ok = episode["times_estimated"] or not starts
            else:
                # Joined cues start a segment at its first cue, so the file's last start must fall
                # inside the last segment, and its first start be the first segment's (2 s either way).
                end = timed[-1]["end"] if timed and timed[-1]["end"] is not None else (starts or [0])[-1]
                times_ok = (not episode["times_estimated"] and bool(starts) and abs(starts[0] - first) <= 2
                            and starts[-1] - 2 <= last <= end + 2)
            row |= {
                "format": episode["source_format"], "words": got, "reference_words": want,
                "words_pct": round(100 * got / want, 1) if want else 0.0,
                "speakers_ok": found == expected,
                "speakers": sorted(episode["speakers"])[:8], "speakers_missing": sorted(expected - found)[:8],
                "speakers_extra": sorted(found - expected)[:8],
                "times_ok": times_ok, "first": starts[0] if starts else None, "last": starts[-1] if starts else None,
            }
            rows.append(row)
    return rows


def table(rows: list[dict[str, Any]]) -> str:
    by_style: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_style[row["style"]].append(row)
    out = ["| style | files | words kept % (each) | whole (97-103%) | speakers right | times right |",
           "|---|---|---|---|---|---|"]
    for style, group in sorted(by_style.items()):
        pcts = [r["words_pct"] for r in group]
        whole = sum(1 for p in pcts if 97 <= p <= 103)
        out.append(
            f"| {style} | {len(group)} | {', '.join(f'{p:.0f}' for p in pcts)} | {whole}/{len(group)} "
            f"| {sum(r['speakers_ok'] for r in group)}/{len(group)} | {sum(r['times_ok'] for r in group)}/{len(group)} |"
        )
    total = len(rows)
    whole = sum(1 for r in rows if 97 <= r["words_pct"] <= 103)
    out.append(f"| **all** | {total} | | {whole}/{total} | {sum(r['speakers_ok'] for r in rows)}/{total} "
               f"| {sum(r['times_ok'] for r in rows)}/{total} |")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--manifest", type=Path)
    parser.add_argument("--set", choices=("fixture", "heldout"), help="only the files of this set")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = measure(args.folder, args.manifest or args.folder / "manifest.jsonl")
    if args.set:
        rows = [r for r in rows if r.get("set") == args.set]
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    for row in rows:
        flag = "" if 97 <= row["words_pct"] <= 103 and row["speakers_ok"] and row["times_ok"] else "  <--"
        print(f"{row['file'][:55]:55} {row.get('format', row.get('error', ''))[:16]:16} "
              f"{row['words_pct']:6.1f}% spk={'ok' if row['speakers_ok'] else ('-', row.get('speakers_missing'), '+', row.get('speakers_extra'))} "
              f"times={'ok' if row['times_ok'] else (row.get('first'), row.get('last'))}{flag}")
    print()
    print(table(rows))


if __name__ == "__main__":
    main()
