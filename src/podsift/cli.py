"""The podsift command line.

Commands import what they use inside their bodies, so `podsift episodes` never
pays for the parsers and `podsift ingest` starts fast.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, Optional

import typer

if TYPE_CHECKING:
    from podsift.model import Episode
    from podsift.store import SQLiteStore

app = typer.Typer(
    help="Turn transcripts of spoken conversations into a searchable, citable knowledge base.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DEFAULT_DB = "podsift.db"


class _Settings:
    db: str = DEFAULT_DB
    json: bool = False


settings = _Settings()

JsonFlag = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]


@app.callback()
def _global(
    db: Annotated[
        str,
        typer.Option(envvar="PODSIFT_DB", help="The database file.", show_default=True),
    ] = DEFAULT_DB,
    as_json: JsonFlag = False,
) -> None:
    settings.db = db
    settings.json = as_json


def fail(message: str, code: int = 1) -> NoReturn:
    typer.echo(f"podsift: error: {message}", err=True)
    raise typer.Exit(code)


def emit_json(value: Any) -> None:
    typer.echo(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def open_db(must_exist: bool = True) -> "SQLiteStore":
    import sqlite3

    from podsift.store import open_store

    if must_exist and not Path(settings.db).exists():
        fail(f"no database at {settings.db}; run `podsift ingest PATH` first")
    try:
        return open_store(settings.db)
    except sqlite3.DatabaseError as err:
        fail(f"{settings.db}: not a usable podsift database ({err})")
    except OSError as err:
        fail(f"{settings.db}: cannot open ({err.strerror or err})")


def load_episode(episode_id: str) -> "Episode":
    with open_db() as store:
        episode = store.get_episode(episode_id)
    if episode is None:
        fail(f"no episode {episode_id!r} in {settings.db} (see `podsift episodes`)")
    return episode


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Transcript files or folders (recursive).")],
    max_size: Annotated[
        float, typer.Option(help="Reject files larger than this many MB.")
    ] = 50,
    workers: Annotated[
        Optional[int], typer.Option(help="Parse and store in this many processes (default: this one).")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Parse transcripts in any supported format and store them.

    Unchanged files are skipped; changed files replace their episode.
    """
    from podsift.ingest import FileOutcome, ingest as run_ingest

    as_json = as_json or settings.json
    store = open_db(must_exist=False)
    progress = _progress() if not as_json and sys.stderr.isatty() else None
    task = None

    def on_start(total: int) -> None:
        nonlocal task
        if progress is not None:
            progress.start()
            task = progress.add_task("Ingesting", total=total)

    def on_file(outcome: FileOutcome) -> None:
        if outcome.status == "failed":
            message = f"podsift: error: {outcome.path}: {outcome.error}"
            (progress.console.print(message, markup=False, highlight=False, style=None)
             if progress else typer.echo(message, err=True))  # fmt: skip
        elif not as_json:
            for note in outcome.notes:
                line = f"podsift: note: {outcome.path}: {note}"
                (progress.console.print(line, markup=False, highlight=False)
                 if progress else typer.echo(line, err=True))  # fmt: skip
        if progress is not None and task is not None:
            progress.update(task, advance=1, description=Path(outcome.path).name[:40])
            progress.refresh()

    try:
        summary = run_ingest(
            paths, store, on_file=on_file, on_start=on_start,
            max_bytes=int(max_size * 1024 * 1024), workers=workers,
        )  # fmt: skip
    except KeyboardInterrupt:
        fail("interrupted; every episode stored so far is complete", 130)
    finally:
        if progress is not None:
            progress.stop()
        store.close()

    counts = summary.counts()
    if as_json:
        emit_json(
            {
                "database": settings.db,
                "counts": counts,
                "files": [vars(o) for o in summary.outcomes],
            }
        )
    else:
        total = len(summary.outcomes)
        segments = sum(o.segments for o in summary.outcomes)
        typer.echo(
            f"{total} file{'s' * (total != 1)}: {counts['added']} added, {counts['updated']} updated, "
            f"{counts['unchanged']} unchanged, {counts['failed']} failed "
            f"({segments} segments stored in {settings.db})"
        )
    if summary.failed:
        raise typer.Exit(1)


@app.command()
def episodes(as_json: JsonFlag = False) -> None:
    """List stored episodes."""
    with open_db() as store:
        rows = store.list_episodes()
    if as_json or settings.json:
        emit_json([vars(row) for row in rows])
        return
    if not rows:
        typer.echo("No episodes yet; run `podsift ingest PATH`.")
        return
    from rich.console import Console
    from rich.table import Table

    from podsift.text import format_timestamp

    table = Table(box=None, header_style="bold")
    table.add_column("id", no_wrap=True, min_width=max(len(r.id) for r in rows))
    table.add_column("title", no_wrap=True, overflow="ellipsis", ratio=1)
    table.add_column("format", no_wrap=True)
    for column in ("segments", "chapters", "duration"):
        table.add_column(column, justify="right", no_wrap=True)
    for row in rows:
        table.add_row(
            row.id, row.title or "", row.source_format or "", str(row.segments),
            str(row.chapters), format_timestamp(row.duration) if row.duration else "",
        )  # fmt: skip
    # Piped output has no width to fit; keep rows whole for grep and friends.
    Console(highlight=False, width=None if sys.stdout.isatty() else 200).print(table)


@app.command()
def show(
    episode_id: Annotated[str, typer.Argument(metavar="ID", help="Episode id.")],
    as_json: JsonFlag = False,
) -> None:
    """Print an episode's timeline: chapters, speakers, times and words."""
    episode = load_episode(episode_id)
    if as_json or settings.json:
        emit_json(episode_json(episode))
        return
    typer.echo(timeline_text(episode), nl=False)


@app.command()
def report(
    episode_id: Annotated[str, typer.Argument(metavar="ID", help="Episode id.")],
    as_json: JsonFlag = False,
) -> None:
    """Show what was repaired while parsing an episode."""
    episode = load_episode(episode_id)
    repairs = [vars(r) for r in episode.repairs]
    if as_json or settings.json:
        emit_json({"id": episode.id, "source_path": episode.source_path, "repairs": repairs})
        return
    typer.echo(f"{episode.id} ({episode.source_format}, from {episode.source_path})")
    if not repairs:
        typer.echo("Nothing needed repair.")
        return
    typer.echo(f"{len(repairs)} repair{'s' * (len(repairs) != 1)}:")
    for r in episode.repairs:
        where = f" [{r.where}]" if r.where else ""
        typer.echo(f"  {r.kind}{where}: {r.detail}")


@app.command()
def export(
    episode_id: Annotated[str, typer.Argument(metavar="ID", help="Episode id.")],
    format: Annotated[
        str, typer.Option("--format", "-f", help="vtt, srt, json or md.")
    ] = "vtt",
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Write an episode's timeline as WebVTT, SRT, Podcasting 2.0 JSON or Markdown."""
    from podsift import formats

    if format not in formats.EXPORT_FORMATS:
        fail(f"unknown format {format!r}; choose one of {', '.join(formats.EXPORT_FORMATS)}", 2)
    episode = load_episode(episode_id)
    text = formats.render(episode, format)
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as err:
        fail(f"{output}: cannot write ({err.strerror or err})")
    if as_json or settings.json:
        emit_json({"id": episode.id, "format": format, "output": str(output), "bytes": len(text.encode())})
    else:
        typer.echo(f"Wrote {episode.id} as {format} to {output}", err=True)


def episode_json(episode: "Episode") -> dict[str, Any]:
    """An episode as `show --json` prints it."""
    fields = {
        k: v for k, v in vars(episode).items() if k not in ("chapters", "segments", "repairs")
    }
    return {
        **fields,
        "chapters": [{"title": c.title, "start": c.start} for c in episode.chapters],
        "segments": [
            {
                "start": s.start,
                "end": s.end,
                "speaker": s.speaker,
                "text": s.text,
                "directions": s.directions,
                "chapter": chapter.title if (chapter := episode.chapter_of(s.ordinal)) else None,
            }
            for s in episode.segments
        ],
        "repairs": len(episode.repairs),
    }


def timeline_text(episode: "Episode") -> str:
    """A readable timeline for the terminal."""
    from podsift.text import format_timestamp

    facts = [episode.source_format or "unknown format"]
    if episode.duration:
        facts.append(format_timestamp(episode.duration))
    facts.append(f"{len(episode.segments)} segments, {len(episode.chapters)} chapters")
    if episode.guests:
        facts.append("guests: " + ", ".join(episode.guests))
    lines = [episode.title or episode.id, " · ".join(facts), ""]
    chapter_at = {c.first_segment: c for c in episode.chapters}
    for seg in episode.segments:
        if (chapter := chapter_at.get(seg.ordinal)) is not None:
            heading = f"== {chapter.title} ({format_timestamp(chapter.start)})"
            lines += ([] if lines[-1] == "" else [""]) + [heading, ""]
        words = "  ".join(filter(None, [seg.text, " ".join(seg.directions)]))
        who = f"{seg.speaker or '?'}: " if seg.text else ""
        lines.append(f"[{format_timestamp(seg.start)}] {who}{words}")
    return "\n".join(lines) + "\n"


def _progress() -> Any:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    # No refresh thread: the ingester forks parser processes, and forking while
    # another thread holds a lock can hang the child.
    return Progress(
        TextColumn("{task.description:<40}"), BarColumn(), MofNCompleteColumn(),
        TimeElapsedColumn(), console=Console(stderr=True), transient=True, auto_refresh=False,
    )  # fmt: skip


def main() -> None:
    try:
        app()
    except BrokenPipeError:
        # `podsift show X | head` closes the pipe early; that is not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
