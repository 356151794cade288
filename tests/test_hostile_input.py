"""Fuzzing every parser with structured hostile values (issue 16).

Each example writes one hostile file next to a good one and runs the real CLI in
process: `ingest` must either store the hostile file or fail it with one line (never
a parser crash), the good file after it must land, and `episodes --json`, `show` and
`export` must still work and print strict JSON and no control characters. Values are
non-finite and huge numbers, negative and unreadable times, control characters and
escape sequences, YAML aliases and deep nesting, and non-http links.

Before the fix, the first example with a non-finite time broke `show` or `episodes
--json` (``round(inf)``, ``Infinity``), so every test here failed on that code.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path
from typing import Any
from unittest import mock

import typer.testing
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.main import get_command

from podsift.cli import app

EXAMPLES = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

GOOD_SRT = "1\n00:00:01,000 --> 00:00:03,000\nMaya: Good morning.\n\n2\n00:00:03,500 --> 00:00:06,000\nJonas: Morning!\n"

# Numbers as JSON and Python give them: non-finite, huge, negative, ordinary.
numbers = st.one_of(
    st.sampled_from([float("inf"), float("-inf"), float("nan"), 1e306, -1.0, 10**40, 2**63, 0, 1.5, 86400 * 8]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**30), max_value=10**30),
)
# Text with control characters and terminal escape sequences among ordinary words.
hostile_text = st.lists(
    st.one_of(
        st.sampled_from(["\x1b]0;pwned\x07", "\x1b[2J", "\x00", "\x9b31m", "\x7f", "\u202e", "Hello", "bloom filters",
                         "?", "-->", "- ", "Ana:", "[laughs]", "&#27;", "&amp;", "\\e", "\n", "  "]),  # fmt: skip
        st.text(max_size=8),
    ),
    max_size=6,
).map("".join)
# Times as caption files write them, broken in every way.
clock_text = st.one_of(
    st.sampled_from(["00:00:01,000", "-00:00:01,000", "99999999999:00:00,000", "1e306", "inf", "nan", ":::", "",
                     "9" * 5000 + ":00:00,000", "00:00:00,000", "0:01", "12"]),  # fmt: skip
    st.from_regex(r"-?\d{1,12}(:\d{1,3}){0,2}([.,]\d{1,12})?", fullmatch=True),
)
links = st.sampled_from(["javascript:alert(1)", " JaVaScRiPt:alert(1)", "data:text/html,x", "https://ok.example/a.mp3",
                         "http://[::1", "", "vbscript:x"])  # fmt: skip


def yaml_scalar(value: Any) -> str:
    """A value as YAML writes it: .inf for infinity, double-quoted escapes for control characters."""
    if isinstance(value, float):
        if value != value:
            return ".nan"
        if value in (float("inf"), float("-inf")):
            return ".inf" if value > 0 else "-.inf"
        return repr(value)
    if isinstance(value, int):
        return str(value)
    return json.dumps(value)  # JSON strings are YAML double-quoted strings (\u001b and all)


# Typer's test runner builds the click command from the app's signatures on every invoke,
# seven-eighths of an example's time; built once, the same command serves every invocation.
COMMAND = get_command(app)


def run(*args: str) -> Any:
    with mock.patch.object(typer.testing, "_get_command", lambda _: COMMAND):
        result = typer.testing.CliRunner().invoke(app, list(args), catch_exceptions=True)
    assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
    assert "Traceback" not in result.output
    return result


def check_archive(folder: Path, hostile_name: str) -> None:
    """Ingest the folder, then every command that shows the archive."""
    db = str(folder / "podsift.db")
    result = run("--db", db, "ingest", str(folder / "in"), "--no-embed", "--no-entities", "--json")
    files = {Path(f["path"]).name: f for f in json.loads(result.stdout)["files"]}
    hostile, good = files[hostile_name], files["zz-good.srt"]
    assert good["status"] == "added", good
    if hostile["status"] == "failed":
        error = hostile["error"]
        assert "\n" not in error and "please report" not in error, error  # one clear line, not a parser crash
    listed = json.loads(run("--db", db, "episodes", "--json").stdout, parse_constant=_not_json)
    assert "zz-good" in {e["id"] for e in listed}
    for entry in listed:
        shown = run("--db", db, "show", entry["id"]).stdout
        assert not CONTROLS.search(shown.replace("\n", "").replace("\t", "")), repr(shown[:300])
        as_json = json.loads(run("--db", db, "show", entry["id"], "--json").stdout, parse_constant=_not_json)
        assert not any(re.match(r"(?i)\s*(javascript|data|vbscript):", str(as_json.get(k) or ""))
                       for k in ("media_url", "page_url"))  # fmt: skip
        for fmt in ("vtt", "srt", "json", "md"):
            run("--db", db, "export", entry["id"], "--format", fmt, "--output", str(folder / f"out.{fmt}"))


def _not_json(constant: str) -> None:
    raise AssertionError(f"{constant} is not JSON")


def ingest_one(name: str, text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "in").mkdir()
        (folder / "in" / name).write_text(text, encoding="utf-8", errors="surrogatepass")
        (folder / "in" / "zz-good.srt").write_text(GOOD_SRT, encoding="utf-8")
        check_archive(folder, name)


def _safe(text: str) -> str:
    """Lone surrogates cannot be written as UTF-8; everything else goes in as it is."""
    return text.encode("utf-8", "replace").decode("utf-8")


@EXAMPLES
@given(
    times=st.lists(st.tuples(numbers, numbers), min_size=1, max_size=6),
    bodies=st.lists(hostile_text, min_size=1, max_size=6),
    duration=numbers, season=numbers, title=hostile_text, media=links, chapter_at=numbers,
    nesting=st.integers(min_value=0, max_value=3000),
)  # fmt: skip
def test_podcast_json(times: list[tuple[Any, Any]], bodies: list[str], duration: Any, season: Any, title: str,
                      media: str, chapter_at: Any, nesting: int) -> None:  # fmt: skip
    segments = [{"speaker": _safe(bodies[k % len(bodies)][:20]) or "Ana", "startTime": start, "endTime": end,
                 "body": _safe(bodies[k % len(bodies)])} for k, (start, end) in enumerate(times)]  # fmt: skip
    doc = {"version": "1.0.0", "title": _safe(title), "duration": duration, "season": season, "media_url": media,
           "page_url": media, "chapters": [{"title": "C", "startTime": chapter_at}], "segments": segments}  # fmt: skip
    text = json.dumps(doc, allow_nan=True)
    if nesting:  # an extra field nested thousands deep
        text = text[:-1] + ', "deep": ' + "[" * nesting + "1" + "]" * nesting + "}"
    ingest_one("a-hostile.json", text)


@EXAMPLES
@given(
    secs=st.lists(numbers, min_size=1, max_size=5),
    whos=st.lists(hostile_text, min_size=1, max_size=5),
    lines=st.lists(hostile_text, min_size=1, max_size=5),
    duration=numbers, season=numbers, title=hostile_text,
    alias_levels=st.integers(min_value=0, max_value=8),
    alias_field=st.sampled_from(["title", "season", "guests", "who", "extra"]),
    nesting=st.integers(min_value=0, max_value=3000),
)  # fmt: skip
def test_dtc_page(secs: list[Any], whos: list[str], lines: list[str], duration: Any, season: Any, title: str,
                  alias_levels: int, alias_field: str, nesting: int) -> None:  # fmt: skip
    anchors = ""
    top = yaml_scalar("x")
    if alias_levels:
        rows = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
        rows += [f"a{k}: &a{k} [" + ",".join([f"*a{k - 1}"] * 9) + "]" for k in range(1, alias_levels)]
        anchors = "anchors:\n" + "".join(f"  {row}\n" for row in rows)
        top = f"*a{alias_levels - 1}"
    fields = {"title": yaml_scalar(_safe(title)), "season": yaml_scalar(season), "guests": "[Ana]", "extra": "1"}
    if alias_levels and alias_field != "who":
        fields[alias_field] = top
    items = "".join(
        f"- line: {yaml_scalar(_safe(lines[k % len(lines)]))}\n  sec: {yaml_scalar(sec)}\n"
        f"  who: {top if alias_levels and alias_field == 'who' else yaml_scalar(_safe(whos[k % len(whos)]))}\n"
        for k, sec in enumerate(secs)
    )
    deep = f"deep: {'[' * nesting}1{']' * nesting}\n" if nesting else ""
    text = ("---\n" + anchors + "".join(f"{k}: {v}\n" for k, v in fields.items()) + f"duration: {yaml_scalar(duration)}\n"
            + deep + "transcript:\n- header: Start\n" + items + "---\n\nLinks\n")  # fmt: skip
    ingest_one("a-hostile.md", text)


@EXAMPLES
@given(
    cues=st.lists(st.tuples(clock_text, clock_text, hostile_text, hostile_text), min_size=1, max_size=8),
    vtt=st.booleans(),
)
def test_captions(cues: list[tuple[str, str, str, str]], vtt: bool) -> None:
    sep = "." if vtt else ","
    blocks = [
        f"{k + 1}\n{start.replace(',', sep)} --> {end.replace(',', sep)}\n{_safe(who)[:20]}: {_safe(words)}\n"
        for k, (start, end, who, words) in enumerate(cues)
    ]
    text = ("WEBVTT\n\n" if vtt else "") + "\n".join(blocks)
    ingest_one("a-hostile.vtt" if vtt else "a-hostile.srt", text)


@EXAMPLES
@given(
    times=st.lists(st.tuples(clock_text, hostile_text, hostile_text), min_size=1, max_size=6),
    form=st.sampled_from(["html", "trs", "blocks", "speaker_lines"]),
)
def test_text_and_markup_formats(times: list[tuple[str, str, str]], form: str) -> None:
    from html import escape

    if form == "html":
        body = "".join(f"<cite>{escape(_safe(who))}:</cite><time>{escape(t)}</time><p>{escape(_safe(words))}</p>"
                       for t, who, words in times)  # fmt: skip
        ingest_one("a-hostile.html", f"<html><body>{body}</body></html>")
    elif form == "trs":
        # XML 1.0 cannot hold most control characters at all: those files fail with one line.
        turns = "".join(f'<Turn speaker="s1" startTime="{escape(t)}" endTime="{escape(t)}"><Sync time="{escape(t)}"/>'
                        f"{escape(_safe(words))}</Turn>" for t, _, words in times)  # fmt: skip
        ingest_one("a-hostile.trs", '<Trans><Speakers><Speaker id="s1" name="Ana"/></Speakers><Episode>'
                                    f'<Section type="report" startTime="inf">{turns}</Section></Episode></Trans>')  # fmt: skip
    elif form == "blocks":
        ingest_one("a-hostile.txt", "".join(f"{t}\n{_safe(who)[:20]}\n{_safe(words)}\n\n" for t, who, words in times))
    else:
        ingest_one("a-hostile.txt", "".join(f"{_safe(who)[:20] or 'Ana'} [{t}]: {_safe(words)}\n" for t, who, words in times))
