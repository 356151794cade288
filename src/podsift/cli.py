"""The podsift command line.

Commands import what they use inside their bodies, so `podsift episodes` never
pays for the parsers and `podsift ingest` starts fast.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Callable, NoReturn, Optional

import typer
from typer._click.exceptions import NoSuchOption  # typer carries its own click
from typer.core import TyperCommand, TyperGroup, TyperOption

from podsift.text import agrees, counted, counted_of

if TYPE_CHECKING:
    import socket
    from collections.abc import Iterable

    from typer._click.core import Context as ClickContext
    from typer._click.core import Parameter

    from podsift.embed import Embedder
    from podsift.evaluate import Question
    from podsift.model import Episode
    from podsift.search import SearchFilters
    from podsift.search.engine import Mode
    from podsift.store import Store


def _untyped_flags(params: list[Parameter]) -> list[Parameter]:
    """Typer's rich help shows every option's type, even a flag's (`--json <bool>`),
    which reads as if the flag took a value; a blank metavar hides it."""
    for param in params:
        if isinstance(param, TyperOption) and param.is_flag and param.metavar is None:
            param.metavar = ""
    return params


class _Command(TyperCommand):
    def get_params(self, ctx: ClickContext) -> list[Parameter]:
        return _untyped_flags(super().get_params(ctx))

    def invoke(self, ctx: ClickContext) -> Any:
        try:
            return super().invoke(ctx)
        except Exception as err:
            from podsift.store import ReadOnlyArchive, lost_schema

            if isinstance(err, ReadOnlyArchive):  # a write asked of an archive that can only be read
                fail(str(err))
            if lost := lost_schema(err):  # said once here, for every command
                fail(f"{shown_location(settings.db)}: {lost}")
            raise

    def parse_args(self, ctx: ClickContext, args: list[str]) -> list[str]:
        given = list(args)  # Click's parser consumes the list it is handed
        _refuse_attached_words(self, ctx, given)
        try:
            rest = super().parse_args(ctx, args)
        except NoSuchOption as err:
            # Options of the whole program come before the command's name; say so rather than
            # suggest the command's own options.
            if err.option_name == "--db":
                names: list[str] = []
                outer = ctx
                while outer.parent is not None:  # "feed add": every command's name below the program's
                    names.insert(0, outer.info_name or "")
                    outer = outer.parent
                raise NoSuchOption("--db", message=f"--db goes before the command's name: podsift --db FILE "
                                   f"{' '.join(names)} …", ctx=ctx) from None  # fmt: skip
            words = next((a for a in given if a.startswith(err.option_name) and a != err.option_name
                          and not a.startswith("--")), None)  # fmt: skip
            if words is not None and any(p.name in ("query", "question") for p in self.params):
                # `search "-python kafka"`: the words were taken for an option.
                # A lone "-python" is likely part of a query typed in several words: show the whole query quoted.
                shown = json.dumps(words if " " in words else f"… {words}", ensure_ascii=False)
                raise NoSuchOption(err.option_name, ctx=ctx, message=(
                    f"No such option: {err.option_name}. A query with words that start with '-' goes last, "
                    f"after --, quoted whole: podsift {ctx.info_name} [OPTIONS] -- {shown}")) from None
            raise
        _refuse_repeated_options(self, ctx, given)
        _refuse_blank_paths(self, ctx, given)
        return rest


def _refuse_attached_words(command: TyperCommand, ctx: ClickContext, args: list[str]) -> None:
    """`search vector -gpt` meant "vector, without gpt"; Click read it as `-g pt` and said no
    guest is called "pt". In a command that takes a query, a word glued to a short option
    is refused unless it is a number the option takes (`-n5`), with both readings shown."""
    from typer._click.exceptions import UsageError

    if not any(p.name in ("query", "question") for p in command.params):
        return
    shorts = {opt: param for param in command.params if isinstance(param, TyperOption)
              and not param.is_flag and not param.count for opt in param.opts if len(opt) == 2}  # fmt: skip
    for arg in args:
        if arg == "--":
            return
        param = shorts.get(arg[:2]) if len(arg) > 2 and arg[0] == "-" and arg[1] != "-" else None
        if param is None:
            continue
        number = param.type_descriptor.annotation is int
        if number and arg[2:].lstrip("-").isdigit():  # a number, if out of range: Click says so
            continue
        meant = ", which is not a number" if number else f": for that, write {arg[:2]} {arg[2:]}"
        shown = json.dumps(f"… {arg}", ensure_ascii=False)
        raise UsageError(f"{arg} reads as {param.opts[0]} {arg[2:]}{meant}. To leave out the word "
                         f"{arg[1:]!r}, the query goes last, after --, quoted whole: "
                         f"podsift {ctx.info_name} [OPTIONS] -- {shown}", ctx=ctx)  # fmt: skip


def _refuse_repeated_options(command: TyperCommand | TyperGroup, ctx: ClickContext, args: list[str]) -> None:
    """Click keeps the last of an option given twice: `--speaker Maya --speaker Jonas` searched
    Jonas alone, without a word. An option that takes one value is refused when repeated."""
    from typer._click.exceptions import UsageError

    _, _, order = command.make_parser(ctx).parse_args(args=list(args))  # it consumes the list
    seen: set[str] = set()
    for param in order:
        if not isinstance(param, TyperOption) or param.multiple or param.is_flag or param.count or not param.name:
            continue
        if param.name in seen:
            raise UsageError(f"{param.opts[0]} was given more than once; it takes one value", ctx=ctx)
        seen.add(param.name)


# Parameters that name a file or folder, beyond those typed as a Path (these take URLs too).
_PATH_NAMES = {"db", "target"}


def _refuse_blank_paths(command: TyperCommand | TyperGroup, ctx: ClickContext, args: list[str]) -> None:
    """An empty name (`ingest "$DIR"` with DIR unset) reads as the current folder: `ingest ''`
    ingested every file there, `backup ''` said ". is a folder". A blank name is refused."""
    from typing import get_args

    from typer._click.exceptions import UsageError

    def names_a_path(param: Parameter) -> bool:
        annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
        return param.name in _PATH_NAMES or Path in (annotation, *get_args(annotation))

    opts, _, _ = command.make_parser(ctx).parse_args(args=list(args))
    for param in command.params:
        given = opts.get(param.name) if param.name and names_a_path(param) else None
        for value in [given] if isinstance(given, str) else given or ():
            if isinstance(value, str) and not value.strip():
                shown = param.opts[0] if isinstance(param, TyperOption) else (param.metavar or param.name or "").upper()
                raise UsageError(f"{shown} is empty: name a file or folder", ctx=ctx)


class _Group(TyperGroup):
    def get_params(self, ctx: ClickContext) -> list[Parameter]:
        return _untyped_flags(super().get_params(ctx))

    def parse_args(self, ctx: ClickContext, args: list[str]) -> list[str]:
        given = list(args)
        rest = super().parse_args(ctx, args)
        _refuse_repeated_options(self, ctx, given)  # `--db a.db --db b.db`
        _refuse_blank_paths(self, ctx, given)  # `--db ""`
        return rest


class _App(typer.Typer):
    def command(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("cls", _Command)
        return super().command(*args, **kwargs)


app = _App(
    cls=_Group,
    help="Turn transcripts of spoken conversations into a searchable, citable knowledge base.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
)

DEFAULT_DB = "podsift.db"


class _Settings:
    db: str = DEFAULT_DB
    json: bool = False


settings = _Settings()

JsonFlag = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]
# Commands that print data: --json alone picks the JSON form of it; with -o, what was written.
_DATA_JSON_HELP = ("Print {} (unless --format or -o's file name says otherwise); with -o, what was written, "
                   "as JSON.")
# What `ingest` and `sync` do with each new episode.
WhisperModelOption = Annotated[
    Optional[str],
    typer.Option("--whisper-model", envvar="PODSIFT_WHISPER_MODEL", metavar="NAME|PATH",
                 help="Speech model for audio: a size name (tiny.en, small.en...) or a model folder; "
                      "by default the bundled tiny.en.", show_envvar=True),
]
EmbedFlag = Annotated[bool, typer.Option("--embed/--no-embed", help="Embed new moments for semantic search.")]
AutoChaptersFlag = Annotated[
    bool, typer.Option("--auto-chapters/--no-auto-chapters", help="Compute chapters for episodes without any.")
]
EntitiesFlag = Annotated[
    bool, typer.Option("--entities/--no-entities", help="Find the people, organisations and tools each moment names.")
]


def _print_version(wanted: bool) -> None:
    if wanted:
        from podsift import __version__

        typer.echo(f"podsift {__version__}")
        raise typer.Exit()


@app.callback()
def _global(
    db: Annotated[
        str,
        typer.Option(envvar="PODSIFT_DB", metavar="PATH|URL", help="The database file (or a postgresql:// URL).",
                     show_default=True),
    ] = DEFAULT_DB,
    as_json: JsonFlag = False,
    version: Annotated[
        bool, typer.Option("--version", is_eager=True, callback=_print_version, help="Print podsift's version and exit.")
    ] = False,
) -> None:
    settings.db = db
    settings.json = as_json


def shown_location(location: str) -> str:
    """The database as messages show it (a URL's password masked)."""
    from podsift.store import shown_location as shown

    return shown(location)


def fail(message: str, code: int = 1) -> NoReturn:
    typer.echo(f"podsift: error: {message}", err=True)
    raise typer.Exit(code)


def safe(text: str) -> str:
    """Stored text as a terminal may show it: no escape sequences from an archive made before
    ingest stripped them (a title could otherwise retitle the window or clear the screen)."""
    from podsift.text import strip_controls

    return strip_controls(text)


def emit_json(value: Any) -> None:
    typer.echo(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def backend() -> "type[Store]":
    """The kind of store --db names, not opened: its capabilities say what commands can do with it."""
    from podsift.store import ArchiveUnavailable, store_class

    try:
        return store_class(settings.db)
    except ArchiveUnavailable as err:
        fail(str(err))


def open_db(must_exist: bool = True) -> "Store":
    from podsift.store import ArchiveUnavailable, open_store

    if must_exist and backend().local_file and not Path(settings.db).exists():
        fail(f"no database at {shown_location(settings.db)}; run `podsift ingest PATH` first")
    try:
        return open_store(settings.db)
    except ArchiveUnavailable as err:
        fail(str(err))  # no server, not a database file, a refused login: one line, not a traceback


def load_episode(episode_id: str) -> "Episode":
    with open_db() as store:
        return stored_episode(store, episode_id)


def stored_episode(store: "Store", episode_id: str) -> "Episode":
    """The episode, or one line naming the nearest id to a typo, as `remove` does."""
    from podsift.search.engine import did_you_mean

    episode = store.get_episode(episode_id)
    if episode is None:
        hint = did_you_mean(episode_id, store.episode_ids()) or " (see `podsift episodes`)"
        fail(f"no episode {episode_id[:80]!r} in {shown_location(settings.db)}{hint}", 2)  # as remove and search say it
    return episode


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(metavar="PATH", help="Transcript or audio files, or folders (recursive).",
                                                 readable=False)],  # one line each for what it cannot read, not a usage error
    max_size: Annotated[
        float, typer.Option(metavar="MB", min=0.001, help="Reject transcripts larger than this many MB (audio has no limit).")
    ] = 50,
    workers: Annotated[
        Optional[int], typer.Option(metavar="N", min=1, help="Parse and store in this many processes (default: this one).")
    ] = None,
    embed: EmbedFlag = True,
    auto_chapters: AutoChaptersFlag = True,
    entities: EntitiesFlag = True,
    whisper_model: WhisperModelOption = None,
    reread: Annotated[bool, typer.Option(
        "--reread", help="Read transcripts stored already again, as this podsift reads them (after an upgrade); "
                         "audio is never transcribed again.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Parse transcripts in any supported format, store them and index them for search.

    Word (.docx), OpenDocument (.odt) and PDF transcripts are read as the
    text they show. Audio files (mp3, m4a, aac, wav, flac, ogg, opus...) and
    the sound of videos (mp4, webm...) are transcribed first, with the audio
    extra.
    Unchanged files are skipped (--reread reads them again); changed files replace
    their episode. New text is embedded for semantic search unless --no-embed
    (`podsift embed` catches up later); text embedded before is never embedded again.
    """
    from collections import Counter

    from podsift.entities.gazetteer import GazetteerError
    from podsift.ingest import NO_SUCH_PATH, UNREADABLE_FOLDER, FileOutcome, discover, holds_nothing
    from podsift.ingest import ingest as run_ingest

    as_json = as_json or settings.json
    nothing = f"no files in {', '.join(str(p) for p in paths)}: nothing to ingest"
    held = {path: holds_nothing(path) for path in paths}
    if all(held.values()):  # before an archive is made: a mistyped path left an empty one behind
        _, failed = discover([p for p, what in held.items() if what != "empty"])
        for outcome in failed:
            typer.echo(f"podsift: error: {outcome.path}: {outcome.error}", err=True)
        if as_json and failed:  # the shape a run that stores nothing prints
            counts = dict.fromkeys(("added", "updated", "unchanged", "skipped"), 0) | {"failed": len(failed)}
            emit_json({"database": shown_location(settings.db), "counts": counts, "embedded": None,
                       "files": [vars(o) for o in failed]})  # fmt: skip
        if empty := [str(p) for p, what in held.items() if what == "empty"]:
            fail(f"no files in {', '.join(empty)}: nothing to ingest")
        raise typer.Exit(1)
    store = open_db(must_exist=False)
    bar = ProgressBar("Ingesting", enabled=not as_json)

    def on_file(outcome: FileOutcome) -> None:
        if outcome.status == "failed":
            bar.say(f"podsift: error: {outcome.path}: {outcome.error}")
        elif not as_json:
            for note in outcome.notes:
                bar.say(f"podsift: note: {outcome.path}: {note}")
        bar.advance(1, Path(outcome.path).name)

    try:
        summary = run_ingest(
            paths, store, on_file=on_file, on_start=bar.start,
            max_bytes=int(max_size * 1024 * 1024), workers=workers, auto_chapters=auto_chapters,
            entities=entities, whisper_model=whisper_model, on_audio=audio_progress(bar), reread=reread,
        )  # fmt: skip
    except GazetteerError as err:
        store.close()
        fail(str(err))
    except KeyboardInterrupt:
        store.close()
        fail("interrupted; every episode stored so far is complete", 130)
    finally:
        bar.stop()

    counts = summary.counts()
    if summary.index_note:
        typer.echo(f"podsift: note: {summary.index_note}", err=True)
    if not summary.outcomes:  # hidden files alone, say
        store.close()
        fail(nothing)
    if not as_json:
        # A missing path or a folder it could not read is counted as failed, but not called a file.
        errors = [o.error or "" for o in summary.outcomes]
        others = Counter("missing path" if e == NO_SUCH_PATH else UNREADABLE_FOLDER
                         for e in errors if e == NO_SUCH_PATH or e.startswith(UNREADABLE_FOLDER))  # fmt: skip
        total = len(summary.outcomes) - sum(others.values())
        segments = sum(o.segments for o in summary.outcomes)
        kinds = [counted(total, "file")] + [counted(n, what) for what, n in others.items()]
        typer.echo(
            (", ".join(kinds[:-1]) + " and " + kinds[-1] if len(kinds) > 1 else kinds[0])
            + f": {counts['added']} added, {counts['updated']} updated, "
            f"{counts['unchanged']} unchanged, " + (f"{counts['skipped']} skipped, " if counts["skipped"] else "")
            + f"{counts['failed']} failed "
            f"({counted(segments, 'segment')} stored in {shown_location(settings.db)})"
        )
    with store:
        embedded = embed_moments(store, as_json) if embed else None
    if as_json:
        emit_json(
            {
                "database": shown_location(settings.db),
                "counts": counts,
                "embedded": embedded,
                "files": [vars(o) for o in summary.outcomes],
            }
        )
    if summary.failed:
        raise typer.Exit(1)


feed_app = _App(cls=_Group, help="Follow podcast feeds; `podsift sync` reads their transcripts.", no_args_is_help=True)
app.add_typer(feed_app, name="feed")


def _feed_location(location: str) -> str:
    """A feed as the archive names it: an http(s) URL as given, a local file by its full path."""
    from podsift.feeds.fetch import FetchError, check_url
    from podsift.feeds.sync import is_local

    if is_local(location):
        path = Path(location)
        if not path.is_file():
            fail(f"{location}: no such feed file (give an http(s) URL or a file)")
        return str(path.resolve())
    try:
        return check_url(location)
    except FetchError as err:
        fail(f"{location}: {err}")


def _check_feed(location: str, url: str) -> None:
    """Refuse what is no feed, before anything is stored; a feed that cannot be read right now is followed, with
    a warning, as the next sync may read it."""
    from podsift.feeds.fetch import Fetcher, FetchError, FetchPolicy
    from podsift.feeds.parse import FeedError, PublisherFeed
    from podsift.feeds.sync import check_feed

    try:
        with Fetcher(FetchPolicy(retries=0, deadline=60.0)) as fetcher:  # one try, a minute at most
            later = check_feed(fetcher, url)
    except PublisherFeed as err:  # a feed, but of feeds: "not a podcast feed" would mislead
        fail(f"{location}: {err}; not followed")
    except FeedError as err:
        fail(f"{location}: not a podcast feed ({err})")
    except FetchError as err:
        fail(f"{location}: {err}; not followed")
    if later:
        typer.echo(f"podsift: warning: {location}: cannot be read right now ({later}); following it, "
                   "`podsift sync` tries again", err=True)  # fmt: skip


@feed_app.command("add")
def feed_add(
    location: Annotated[str, typer.Argument(metavar="URL|FILE", help="The feed's http(s) URL, or a feed file.")],
    as_json: JsonFlag = False,
) -> None:
    """Follow a podcast feed (RSS or Atom), once it reads as one; `podsift sync` reads its transcripts."""
    url = _feed_location(location)
    _check_feed(location, url)
    with open_db(must_exist=False) as store:
        added = store.add_feed(url)
    if as_json or settings.json:
        emit_json({"feed": url, "added": added})
    else:
        typer.echo(f"{'Following' if added else 'Already following'} {safe(url)}; `podsift sync` reads it.")


@feed_app.command("list")
def feed_list(as_json: JsonFlag = False) -> None:
    """The followed feeds, with how each last sync went."""
    with open_db() as store:
        rows = store.feeds()
    if as_json or settings.json:
        emit_json([asdict(row) for row in rows])
        return
    if not rows:
        typer.echo("No feeds followed; add one with `podsift feed add URL`.")
    for row in rows:
        typer.echo(f"{safe(row.url)}  {safe(row.title or '(untitled)')}  "
                   f"{row.synced_at or 'never'}  {safe(row.status or '')}".rstrip())  # fmt: skip


@feed_app.command("remove")
def feed_remove(
    location: Annotated[str, typer.Argument(metavar="URL|FILE", help="The feed's URL or file, as `podsift feed list` shows it.")],
    as_json: JsonFlag = False,
) -> None:
    """Stop following a feed; the episodes it brought stay."""
    url = location if "://" in location else str(Path(location).resolve())
    with open_db() as store:
        removed = store.remove_feed(url) or store.remove_feed(location)
    if as_json or settings.json:
        emit_json({"feed": location, "removed": removed})
    elif not removed:
        fail(f"{location}: not a followed feed (see `podsift feed list`)")
    else:
        typer.echo(f"No longer following {safe(location)}.")


@app.command()
def sync(
    timeout: Annotated[float, typer.Option(metavar="SECONDS", help="Seconds to wait on each connection and read.")] = 15,
    retries: Annotated[int, typer.Option(metavar="N", help="Further tries after a server error or a timeout.")] = 2,
    max_size: Annotated[float, typer.Option(metavar="MB", help="Refuse downloads larger than this many MB.")] = 20,
    allow_private: Annotated[
        bool,
        typer.Option("--allow-private/--refuse-private", help="Fetch from loopback and private addresses."),
    ] = True,
    embed: EmbedFlag = True,
    auto_chapters: AutoChaptersFlag = True,
    entities: EntitiesFlag = True,
    transcribe: Annotated[
        bool, typer.Option("--transcribe", help="Transcribe the audio of items that have no transcript (audio extra).")
    ] = False,
    whisper_model: WhisperModelOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Read every followed feed and store each item's transcript as an episode.

    Unchanged feeds and transcripts are not downloaded again; a changed transcript
    replaces its episode. Items without a transcript are skipped, or with --transcribe
    their audio is downloaded (within --max-size) and transcribed.
    """
    from podsift.feeds.fetch import Fetcher, FetchPolicy
    from podsift.feeds.sync import FeedOutcome, Transcribing
    from podsift.feeds.sync import sync as run_sync

    as_json = as_json or settings.json
    store = open_db()
    bar = ProgressBar("Syncing feeds", enabled=not as_json)

    def on_feed(outcome: FeedOutcome) -> None:
        if outcome.error:
            bar.say(f"podsift: error: {safe(outcome.url)}: {safe(outcome.error)}")
        for item in outcome.items:
            if item.status == "failed":
                bar.say(f"podsift: error: {safe(outcome.url)}: item {safe(item.title or item.guid)!r}: "
                        f"{safe(item.reason or '')}")  # fmt: skip
        bar.advance(1, outcome.title or outcome.url)

    transcribing = Transcribing(whisper_model, audio_progress(bar)) if transcribe else None
    policy = FetchPolicy(timeout=timeout, retries=max(retries, 0), max_bytes=int(max_size * 1024 * 1024),
                         allow_private=allow_private)  # fmt: skip
    try:
        with Fetcher(policy) as fetcher:
            outcomes = run_sync(store, fetcher, on_start=bar.start, on_feed=on_feed, auto_chapters=auto_chapters,
                                entities=entities, transcribing=transcribing,
                                on_item=lambda done, total: bar.track("episodes", done, total, "  episodes"))  # fmt: skip
    except KeyboardInterrupt:
        store.close()
        fail("interrupted; every episode stored so far is complete", 130)
    finally:
        bar.stop()
    if not outcomes and not as_json:
        typer.echo("No feeds followed; add one with `podsift feed add URL`.")
    if not as_json:
        for outcome in outcomes:
            c = outcome.counts()
            gone = f", {c['removed']} no longer in the feed" if c["removed"] else ""
            checked = f" ({counted(c['unchanged'], 'transcript')} unchanged)" if c["unchanged"] else ""
            state = ("failed" if outcome.error else f"not modified{checked}" if outcome.not_modified else
                     f"{c['added']} added, {c['updated']} updated, {c['unchanged']} unchanged{gone}, "
                     f"{c['skipped']} skipped, {c['failed']} failed")  # fmt: skip
            typer.echo(f"{safe(outcome.title or outcome.url)}: {state}")
            for item in outcome.items:
                if item.status == "skipped":
                    typer.echo(f"  skipped {safe(item.title or item.guid)!r}: {item.reason}")
                elif item.status == "removed":
                    typer.echo(f"  no longer in the feed: {safe(item.title or item.guid)!r}; "
                               f"its episode {item.episode_id} stays")  # fmt: skip
    with store:
        embedded = embed_moments(store, as_json) if embed else None
    if as_json:
        emit_json({
            "database": shown_location(settings.db),
            "embedded": embedded,
            "feeds": [{"url": o.url, "title": o.title, "error": o.error, "not_modified": o.not_modified,
                       "counts": o.counts(), "items": [asdict(i) for i in o.items]} for o in outcomes],
        })  # fmt: skip
    if any(o.error or o.counts()["failed"] for o in outcomes):
        raise typer.Exit(1)


def embed_moments(
    store: "Store", quiet: bool, embedder: "Embedder | None" = None,
    interrupted: str = "interrupted; the vectors finished so far are kept (`podsift embed` resumes)",
) -> int | None:  # fmt: skip
    """Embed what has no vector yet, with a progress bar; None if the model is missing.
    ``interrupted`` is what Ctrl-C says of the archive's state."""
    from podsift.embed import ModelUnavailable, active_model, embed_pending, embedder_for, pending

    active = active_model(store)
    if active.note and not quiet:
        typer.echo(f"podsift: note: {active.note}", err=True)
    if not pending(store, active.name):
        return 0
    embedder = embedder if embedder is not None and embedder.name == active.name else embedder_for(store)
    bar = ProgressBar("Embedding", enabled=not quiet)

    def on_start(total: int) -> None:
        if not bar.start(total) and not quiet:
            typer.echo(f"Embedding {_texts(total)} for semantic search…", err=True)

    try:
        count = embed_pending(store, embedder, on_start=on_start, on_batch=bar.advance)
    except ModelUnavailable as err:
        typer.echo(f"podsift: note: {err}; lexical search still works", err=True)
        return None
    except KeyboardInterrupt:
        fail(interrupted, 130)
    finally:
        bar.stop()
    if not quiet:
        typer.echo(f"Embedded {_texts(count)} with {embedder.name}.", err=True)
    return count


@app.command()
def embed(
    model: Annotated[
        Optional[str],
        typer.Option("--model", metavar="FOLDER", help="Make this sentence-transformers model folder the archive's "
                     "base model and embed everything with it (all-MiniLM-L6-v2: back to the bundled one)."),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Embed every moment that has no vector yet (after `ingest --no-embed`), or switch the base model."""
    quiet = as_json or settings.json
    with open_db() as store:
        loaded = _switch_base_model(store, model) if model is not None else None
        name = loaded.name if loaded is not None else None
        if name is None:
            count = embed_moments(store, quiet)
        else:
            count = embed_moments(store, quiet, loaded, f"interrupted; search uses {name} now, with the vectors "
                                  "finished so far (`podsift embed` makes the rest)")  # fmt: skip
    if quiet:
        emit_json({"embedded": count} | ({"model": name} if name else {}))
    elif count == 0:
        typer.echo("Every moment already has a vector." if name is None else f"Search uses {name}; every moment already has its vectors.")
    elif name is not None and count is not None:
        typer.echo(f"Search uses {name} now.")
    if count is None:
        raise typer.Exit(1)


def _switch_base_model(store: "Store", value: str) -> "Embedder":
    """Check that ``value`` loads as a sentence model, then make it the archive's base model.

    A tuned model belongs to the base it was tuned from, so switching leaves it behind
    (on disk, not used). Vectors are kept per model: switching back re-embeds nothing.
    """
    from podsift.embed import (
        ACTIVE_SETTING,
        BASE_SETTING,
        Embedder,
        ModelFolderError,
        ModelUnavailable,
        base_setting,
        claim_model_name,
        model_folder,
    )

    try:
        chosen = model_folder(value)
    except ModelFolderError as err:
        fail(f"--model {err}", 2)
    embedder = Embedder(name=chosen.name, path=chosen.path)
    if chosen.path is not None:
        try:
            embedder.model.encode(["a test sentence"])  # as sentence-transformers runs it for a large archive
        except KeyboardInterrupt:
            fail(f"interrupted while loading {value}; nothing was changed", 130)
        except ModelUnavailable as err:
            fail(str(err))
        except Exception as err:  # whatever a broken folder raises inside transformers
            fail(f"--model {value}: sentence-transformers could not load it ({type(err).__name__}: "
                 f"{str(err).splitlines()[0] if str(err) else 'no detail'})", 2)  # fmt: skip
    if dropped := claim_model_name(store, chosen):
        typer.echo(f"podsift: note: {value} holds other weights than the {chosen.name} vectors in this archive "
                   f"were made with; {agrees(dropped, 'that', 'those')} {counted(dropped, 'vector')} {agrees(dropped, 'is', 'are')} dropped and made again", err=True)  # fmt: skip
    store.set_setting(BASE_SETTING, base_setting(chosen))
    store.set_setting(ACTIVE_SETTING, "")
    return embedder


@app.command()
def tune(
    ctx: typer.Context,
    epochs: Annotated[int, typer.Option(min=1, max=20, metavar="N", help="Passes over the pairs.")] = 1,
    batch_size: Annotated[int, typer.Option(min=4, max=256, metavar="N", help="Pairs a step; the rest of a batch are each pair's negatives.")] = 32,
    base: Annotated[bool, typer.Option("--base", help="Go back to the base model (tuned ones stay on disk).")] = False,
    reranker: Annotated[
        bool, typer.Option(help="Also train a reranker that judges whether a moment answers a question "
                           "(experimental: on the dev questions it made ranking and abstention worse).")
    ] = False,
    abstain_by_cosine: Annotated[
        bool, typer.Option(help="Abstain below the tuned model's calibrated cosine instead of the base rule "
                           "(experimental: on the dev questions it declined a quarter of the answerable ones).")
    ] = False,
    max_pairs: Annotated[
        int, typer.Option(min=16, metavar="N", help="Train on at most this many pairs, sampled across the archive.")
    ] = 2400,
    rerank_questions: Annotated[
        int, typer.Option(min=8, metavar="N", help="Questions the reranker learns from (the rest calibrate it).")
    ] = 600,
    holdout: Annotated[
        Optional[Path],
        typer.Option(metavar="FILE", help="A question file whose episodes are left out of training, so that "
                     "`podsift eval` on it measures tuning on episodes it never saw."),
    ] = None,
    negatives: Annotated[
        str, typer.Option(metavar="KIND", help="What each pair is trained against: 'batch' (the other answers in "
                          "its batch), 'episode' (also a moment of its own episode, at random) or 'nearest' (also "
                          "the moment of its own episode nearest its question). Experimental beyond 'batch'.")
    ] = "batch",
    as_json: JsonFlag = False,
) -> None:
    """Fine-tune the embedding model on this archive's own question->answer and title->passage pairs.

    The tuned model is saved beside the archive and used from then on by search, ask
    and ingest; every moment is embedded once with it. Evaluation questions are never
    read. Restart a running `podsift serve` to use it.
    """
    from podsift.embed import (
        ACTIVE_SETTING,
        Embedder,
        ModelUnavailable,
        base_model,
        embed_pending,
        models_dir,
        used_model_names,
    )
    from podsift.search import Searcher
    from podsift.tune import (
        NEGATIVES,
        archive_pairs,
        calibrate_meaning,
        fine_tune,
        hold_out,
        next_model,
        sample_pairs,
        with_episode_negatives,
    )

    quiet = as_json or settings.json
    if base:
        # By name: the enum Typer's click hands back need not be the one `click` imports.
        given = [p.opts[0] for p in ctx.command.params if p.name not in ("base", "as_json")
                 and getattr(ctx.get_parameter_source(p.name or ""), "name", "") == "COMMANDLINE"]  # fmt: skip
        if given:  # "--base --epochs 2" trained nothing, silently
            verb = "has" if len(given) == 1 else "have"
            fail(f"--base goes back to the base model and trains nothing: {', '.join(given)} {verb} no use with it", 2)
    with open_db() as store:
        start = base_model(store)
        if base:
            store.set_setting(ACTIVE_SETTING, "")
            count = embed_moments(store, quiet)
            if quiet:
                emit_json({"model": start.name, "embedded": count})
            else:
                typer.echo(f"Search uses {start.name} again.")
            return
        if start.note:
            typer.echo(f"podsift: note: {start.note}", err=True)
        episodes = store.episode_ids()
        if holdout is not None:
            from podsift.evaluate import QuestionFileError, load_questions

            try:
                episodes -= {q.episode for q in load_questions(holdout) if q.episode}
            except QuestionFileError as err:
                fail(str(err), 2)
        if negatives not in NEGATIVES:
            fail(f"--negatives: {negatives!r} is not one of {', '.join(NEGATIVES)}", 2)
        pairs = sample_pairs(archive_pairs(store, episodes), max_pairs)
        if negatives != "batch":
            if not quiet:
                typer.echo("Picking a moment of each pair's own episode to train it against…", err=True)
            pairs = with_episode_negatives(store, pairs, negatives, encode=Embedder(name=start.name, path=start.path).encode,
                                           model=start.name)  # fmt: skip
        if len(pairs) < 2 * batch_size:
            smaller = len(pairs) // 4  # leaves half the pairs for a second batch and hold-out
            fail(f"only {len(pairs)} training pairs in this archive (questions followed by answers, "
                 f"titled chapters); tuning needs at least {2 * batch_size}, twice --batch-size"
                 + (f" (try --batch-size {smaller})" if smaller >= 4 else ""), 2)  # fmt: skip
        name, target = next_model(models_dir(store), start.name, used_model_names(store))
        pairs, held_out = hold_out(pairs)
        if not quiet:  # the training pairs, as --json counts them
            kinds = [p.kind for p in pairs]
            typer.echo(f"{counted(len(pairs), 'training pair')} from {counted(len({p.episode_id for p in pairs}), 'episode')} "
                       f"({kinds.count('question')} question->answer, {kinds.count('title')} title->passage), "
                       f"{len(held_out)} more held out to calibrate abstention", err=True)  # fmt: skip
        bar = ProgressBar("Tuning", enabled=not quiet)
        try:
            report = fine_tune(pairs, start.path, target, epochs=epochs, batch_size=batch_size,
                               on_start=bar.start, on_step=lambda loss: bar.advance(1, f"Tuning (loss {loss:.3f})"))  # fmt: skip
        except ModelUnavailable as err:
            fail(str(err))
        except KeyboardInterrupt:
            fail("interrupted; nothing was changed", 130)
        finally:
            bar.stop()
        embedder = Embedder(name=name, path=target)
        bar = ProgressBar("Embedding with the tuned model", enabled=not quiet)
        try:
            embedded = embed_pending(store, embedder, on_start=bar.start, on_batch=bar.advance)
        except KeyboardInterrupt:
            fail("interrupted; search still uses the previous model (run `podsift tune` again)", 130)
        finally:
            bar.stop()
        bar = ProgressBar("Calibrating abstention", enabled=not quiet)
        bar.start(len(held_out))
        try:
            calibration = calibrate_meaning(Searcher(store, embedder), held_out, lambda: bar.advance(1))
        finally:
            bar.stop()
        active: dict[str, Any] = {"name": name, "path": str(target.resolve()), "answer_threshold": calibration.threshold}
        reranked: dict[str, Any] | None = None
        if calibration.threshold is None or not abstain_by_cosine:
            del active["answer_threshold"]
        if reranker:
            reranked = _tune_reranker(store, embedder, pairs, target / "reranker", quiet, rerank_questions)
            active |= {"reranker": str((target / "reranker").resolve()), "reranker_threshold": reranked["threshold"]}
        store.set_setting(ACTIVE_SETTING, json.dumps(active))
    if quiet:
        emit_json(report.to_json() | {"model": name, "embedded": embedded, "calibration": asdict(calibration),
                                       "reranker": reranked})  # fmt: skip
        return
    typer.echo(f"Tuned {name} in {report.seconds:.0f} s ({counted(report.steps, 'step')}, loss {report.first_loss:.3f} -> "
               f"{report.last_loss:.3f}); embedded {_texts(embedded)} with it.")  # fmt: skip
    if calibration.threshold is None:
        typer.echo(f"Only {calibration.questions} held-out questions found their answer, too few to calibrate "
                   "abstention: ask keeps the base model's rule.")  # fmt: skip
    else:
        applied = "ask abstains and search labels the closest mentions" if abstain_by_cosine else (
            "ask would abstain (not applied: pass --abstain-by-cosine)")
        typer.echo(f"Below a cosine of {calibration.threshold:.3f} {applied}: that declines "
                   f"{calibration.false_abstention:.0%} of {calibration.questions} held-out questions from this "
                   f"archive, and {calibration.declined_elsewhere:.0%} of them once their own episode is left out.")  # fmt: skip
    if reranked and reranked["threshold"] is not None:
        typer.echo(f"Trained a reranker on {counted(reranked['examples'], 'example')} in {reranked['seconds']:.0f} s. Below "
                   f"{reranked['threshold']:.2f} ask and search say nothing answers: that declines "
                   f"{reranked['false_abstention']:.0%} of {counted(reranked['questions'], 'held-out archive question')}, and "
                   f"{reranked['declined_elsewhere']:.0%} of them once their own episode is left out.")  # fmt: skip
    typer.echo(f"Saved at {target}. Search, ask and ingest use it now; `podsift tune --base` goes back.")


@app.command()
def calibrate(
    off: Annotated[bool, typer.Option("--off", help="Forget the fitted threshold: ask abstains by the default rule.")] = False,
    decline: Annotated[
        Optional[float],
        typer.Option("--decline", min=0.0, max=0.5, metavar="SHARE", show_default=False,
                     help="Share of the archive's own answered questions the threshold declines (default 0.05): "
                          "lower answers more, and declines less of what the archive does not cover."),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Fit abstention to this archive: the cosine below which `ask` declines and search says
    it found only the closest mentions, measured on the archive's own interview questions.

    About 200 questions an interviewer asked are searched as `ask` searches; the threshold
    declines about 5% of those whose answer was found (--decline). Run it again after switching models
    (`embed --model`, `tune`): a threshold belongs to one model. Restart `podsift serve` to use it.
    """
    from podsift.embed import ABSTENTION_SETTING, active_model
    from podsift.search import Searcher
    from podsift.tune import FALSE_ABSTENTION, MIN_CALIBRATION, calibrate_archive

    if off and decline is not None:  # "--off --decline 0.1" fitted nothing, silently
        fail("--off forgets the threshold and fits nothing: --decline has no use with it", 2)
    quiet = as_json or settings.json
    with open_db() as store:
        if off:
            store.set_setting(ABSTENTION_SETTING, "")
            emit_json({"threshold": None}) if quiet else typer.echo("ask abstains by the default rule again.")
            return
        active = active_model(store)
        if not store.has_vectors(active.name):
            fail(f"calibrating needs {active.name} vectors: run `podsift embed` first", 2)
        bar = ProgressBar("Calibrating abstention", enabled=not quiet)
        try:
            calibration = calibrate_archive(Searcher(store), on_start=bar.start, on_progress=lambda: bar.advance(1),
                                            decline=FALSE_ABSTENTION if decline is None else decline)  # fmt: skip
        except KeyboardInterrupt:
            fail("interrupted; nothing was changed", 130)
        finally:
            bar.stop()
        applied = calibration.threshold is not None
        store.set_setting(ABSTENTION_SETTING, json.dumps({"model": active.name} | asdict(calibration)) if applied else "")
    if quiet:
        emit_json({"model": active.name, "applied": applied} | asdict(calibration))
    elif not applied:
        typer.echo(f"Only {calibration.questions} of the archive's held-out interview questions found their answer; "
                   f"calibrating needs {MIN_CALIBRATION} (a larger archive has more). ask abstains by the default rule.")  # fmt: skip
    else:
        typer.echo(f"Below a cosine of {calibration.threshold:.3f} ({active.name}) ask abstains and search labels "
                   f"the closest mentions: that declines {calibration.false_abstention:.0%} of "
                   f"{counted(calibration.questions, 'question')} from this archive whose answer was found, and "
                   f"{calibration.declined_elsewhere:.0%} of them once their own episode is left out.")  # fmt: skip


def _tune_reranker(
    store: "Store", embedder: Any, pairs: list[Any], target: Path, quiet: bool, questions: int
) -> dict[str, Any]:
    from podsift.search import Searcher
    from podsift.tune import tune_reranker

    bars: list[ProgressBar] = []

    def on_stage(label: str, total: int) -> None:
        if bars:
            bars.pop().stop()
        bars.append(ProgressBar(label, enabled=not quiet))
        bars[-1].start(total)

    try:
        return tune_reranker(Searcher(store, embedder), pairs, target, questions=questions, on_stage=on_stage,
                             on_progress=lambda: bars[-1].advance(1) if bars else None)  # fmt: skip
    except KeyboardInterrupt:
        fail("interrupted; search still uses the previous model (run `podsift tune` again)", 130)
    finally:
        if bars:
            bars.pop().stop()


def _filters(
    episode: str | None, speaker: str | None, guest: str | None, season: int | None,
    date_from: str | None, date_to: str | None, entity: str | None = None, show: str | None = None,
) -> "SearchFilters":  # fmt: skip
    from podsift.search import SearchFilters

    named = {"episode": episode, "speaker": speaker, "guest": guest, "from": date_from, "to": date_to,
             "entity": entity, "show": show}  # fmt: skip
    if blank := [flag for flag, value in named.items() if value is not None and not value.strip()]:
        # `--speaker "$WHO"` with WHO unset searched everyone, as if no filter had been given.
        fail(f"--{blank[0]} is empty: name what to keep, or leave the option out", 2)
    filters = SearchFilters(episode, speaker, guest, season, date_from, date_to, entity, show)
    if problem := filters.problem("--"):
        fail(problem, 2)
    return filters


def _mode(mode: str | None) -> "Mode | None":
    """The --mode asked for, checked (None: the archive's default)."""
    from podsift.search.engine import MODES

    if not mode:
        return None
    for known in MODES:
        if known == mode:
            return known
    fail(f"unknown mode {mode!r}; choose one of {', '.join(MODES)}", 2)


ModeOption = Annotated[
    Optional[str],
    typer.Option("--mode", "-m", metavar="MODE", help="lexical, semantic or hybrid (default: hybrid when vectors exist)."),
]
EpisodeOption = Annotated[Optional[str], typer.Option("--episode", "-e", metavar="ID", help="Only this episode id.")]
SpeakerOption = Annotated[Optional[str], typer.Option("--speaker", "-s", metavar="NAME", help="Only moments with this speaker.")]
GuestOption = Annotated[Optional[str], typer.Option("--guest", "-g", metavar="NAME", help="Only episodes with this guest.")]
SeasonOption = Annotated[Optional[int], typer.Option("--season", metavar="N", help="Only this season.")]
FromOption = Annotated[Optional[str], typer.Option("--from", metavar="DATE", help="Only episodes dated on or after (YYYY-MM-DD).")]
ToOption = Annotated[Optional[str], typer.Option("--to", metavar="DATE", help="Only episodes dated on or before (YYYY-MM-DD).")]
EntityOption = Annotated[
    Optional[str], typer.Option("--entity", metavar="NAME", help="Only moments that mention this person, organisation or tool.")
]
ShowOption = Annotated[Optional[str], typer.Option("--show", metavar="NAME", help="Only episodes of this show (any case).")]


@app.command()
def search(
    query: Annotated[str, typer.Argument(metavar="QUERY", help='What to look for. "exact phrase" and -exclude work (a query that starts with -: after --).')],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=1000, metavar="N", help="How many moments.")] = 10,
    mode: ModeOption = None,
    episode: EpisodeOption = None,
    speaker: SpeakerOption = None,
    guest: GuestOption = None,
    season: SeasonOption = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    entity: EntityOption = None,
    show: ShowOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Find the moments that match a question, with links that play from there."""
    from podsift.search import Searcher, SearchError
    from podsift.search.engine import quoted

    filters = _filters(episode, speaker, guest, season, date_from, date_to, entity, show)
    spin_while_loading(as_json)
    with open_db() as store:
        try:
            searcher = Searcher(store)
            result = searcher.find(query, mode=_mode(mode), limit=limit, filters=filters)
        except SearchError as err:
            fail(str(err), 2)
        if not result.hits:
            refuse_empty(store)
        model_note(store)
        if searcher.index_note:
            typer.echo(f"podsift: note: {searcher.index_note}", err=True)
    if as_json or settings.json:
        emit_json(result.to_json())
        return
    if result.suggestion and not result.corrected:
        typer.echo(f"Did you mean: {quoted(safe(result.suggestion))}\n")
    if result.corrected or result.match != "answers" or result.person is not None:
        typer.echo(result.message + ("\n" if result.hits else ""))
    _print_hits(result.hits)


def refuse_empty(store: "Store") -> None:
    """An archive with no episodes (an ingest that stored nothing) answers nothing: say why."""
    if not store.episode_ids():
        fail(f"no episodes in {shown_location(settings.db)} yet; run `podsift ingest PATH` first")


def spin_while_loading(as_json: bool) -> None:
    """A status line on stderr while a model loads, for a person at a terminal only: never
    in JSON output or when stderr is a pipe or a file."""
    if as_json or settings.json or not sys.stderr.isatty():
        return
    from podsift.embed import report_loading

    def status(what: str) -> Any:
        from rich.console import Console

        return Console(stderr=True).status(f"Loading {what}…")

    report_loading(status)


def model_note(store: "Store") -> None:
    """Say so on stderr when the archive's model is gone or does not load (search used the base one)."""
    from podsift.embed import active_model

    note = active_model(store).note
    if note:
        typer.echo(f"podsift: note: {note}", err=True)


def _print_hits(hits: list[Any]) -> None:
    from rich.console import Console
    from rich.text import Text

    from podsift.text import shown_span

    console = Console(highlight=False, soft_wrap=not sys.stdout.isatty())
    for n, hit in enumerate(hits, 1):
        when = shown_span(hit.start, hit.end, hit.time_estimated) if hit.start is not None else "time unknown"
        head = Text(f"{n:>2}. ", style="bold")
        head.append(when, style="cyan")
        head.append(f"  {safe(', '.join(hit.speakers)) or 'unknown speaker'}", style="bold")
        head.append(f"  ·  {safe(hit.episode_title or hit.episode_id)}")
        if hit.chapter:
            head.append(f"  ·  {safe(hit.chapter)}", style="dim")
        console.print(head)
        console.print(_marked(hit.highlighted), style=None)
        link = hit.url or (
            "(no time is known for this moment)" if hit.start is None else "(the source has no media link)"
        )
        console.print(Text(f"    {safe(link)}", style="blue"))
        if hit.more:
            more = hit.more_total
            console.print(Text(f"    + {more} more in this episode (--episode {hit.episode_id} to see them)", style="dim"))
        console.print()


def _marked(highlighted: str) -> Any:
    """The <mark>ed HTML of a hit as indented terminal text with the matches in bold."""
    import html

    from rich.text import Text

    text = Text("    ")
    for i, part in enumerate(highlighted.replace("</mark>", "<mark>").split("<mark>")):
        text.append(safe(html.unescape(part)), style="bold yellow" if i % 2 else None)
    return text


AnswererOption = Annotated[
    str,
    typer.Option("--answerer", metavar="ANSWERER", help="auto (the LLM if one is configured), extractive, or llm."),
]


def _asker(store: "Store", answerer: str) -> Any:
    from podsift.answer import Asker
    from podsift.answer.choice import AnswererError, llm_answerer
    from podsift.search import Searcher

    try:
        llm = llm_answerer(answerer)
    except AnswererError as err:
        fail(str(err), 2)
    return Asker(Searcher(store), llm)


@app.command()
def ask(
    question: Annotated[str, typer.Argument(metavar="QUESTION", help="A question in your own words.")],
    answerer: AnswererOption = "auto",
    episode: EpisodeOption = None,
    speaker: SpeakerOption = None,
    guest: GuestOption = None,
    season: SeasonOption = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    entity: EntityOption = None,
    show: ShowOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Answer a question from the archive, citing the moments every sentence rests on."""
    from podsift.search import SearchError

    filters = _filters(episode, speaker, guest, season, date_from, date_to, entity, show)
    as_json = as_json or settings.json
    spin_while_loading(as_json)
    streamed: list[str] = []

    def on_token(token: str) -> None:
        if not streamed:
            typer.echo("drafting: ", err=True, nl=False)
        streamed.append(token)
        typer.echo(token, err=True, nl=False)

    with open_db() as store:
        asker = _asker(store, answerer)
        model_note(store)
        try:
            answer = asker.ask(question, filters=filters, on_token=None if as_json else on_token)
        except SearchError as err:
            fail(str(err), 2)
        if answer.abstained and not answer.closest:
            refuse_empty(store)
        if index_note := asker.searcher.index_note:
            typer.echo(f"podsift: note: {index_note}", err=True)
    if streamed:
        typer.echo("\n", err=True, nl=False)
    for note in answer.notes:
        typer.echo(f"podsift: note: {note}", err=True)
    if as_json:
        emit_json(answer.to_json())
        return
    _print_answer(answer)


def _print_answer(answer: Any) -> None:
    from rich.console import Console
    from rich.text import Text

    from podsift.search.engine import quoted

    console = Console(highlight=False, soft_wrap=not sys.stdout.isatty())
    if answer.abstained:
        console.print(Text(safe(answer.text), style="bold"))
        if answer.suggestion:
            console.print(Text(f"Did you mean: {quoted(safe(answer.suggestion))}"))
        if answer.closest:
            console.print("\nClosest mentions:\n")
            _print_hits(answer.closest)
        return
    console.print(Text(safe(answer.text)))  # Text: "[Title @ 1:23]" is not rich markup
    console.print(Text("\nCitations:", style="bold"))
    for n, citation in enumerate(answer.citations, 1):
        line = Text(f"{n:>2}. {safe(citation.label)}")
        if citation.speaker:
            line.append(f" {safe(citation.speaker)}", style="bold")
        console.print(line)
        console.print(Text(f"    {safe(citation.url or '(no link: the source has no media or no time)')}", style="blue"))
    console.print(Text(f"\n{answer.answered_by}", style="dim"))


@app.command()
def serve(
    host: Annotated[str, typer.Option(metavar="HOST", help="Interface to listen on. Keep 127.0.0.1 unless you mean to share it.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, metavar="PORT", help="Port to listen on.")] = 8000,
    allow_ingest: Annotated[
        bool, typer.Option("--allow-ingest", help="Accept uploads at POST /api/ingest (needs PODSIFT_INGEST_TOKEN).")
    ] = False,
    allow_private_feeds: Annotated[
        bool,
        typer.Option("--allow-private-feeds",
                     help="Let POST /api/feeds fetch from loopback and private addresses (refused by default)."),
    ] = False,
    root_path: Annotated[
        str,
        typer.Option("--root-path", metavar="PATH",
                     help="The path a reverse proxy serves podsift under (as /podsift), for its links and paging."),
    ] = "",
) -> None:
    """Run the web app and the HTTP API (read-only unless --allow-ingest)."""
    from podsift.config import ConfigError, ingest_token

    try:
        token = ingest_token()
    except ConfigError as err:
        fail(str(err), 2)
    if allow_ingest and not token:
        fail("--allow-ingest needs a token: set PODSIFT_INGEST_TOKEN to a long random string", 2)
    if root_path and not re.fullmatch(r"(/[\w.~-]+)+/?", root_path):
        fail(f"--root-path {root_path!r}: give the path the proxy serves podsift under, as /podsift", 2)
    try:
        import uvicorn

        from podsift.web.app import ServerSettings, create_app
    except ImportError as err:
        fail(f"the web server needs {err.name}; reinstall podsift with its default dependencies")
    with open_db():
        pass  # the same checks and messages as every other command
    # Bound before the model loads and before saying "serving": a port in use is one line, at once.
    with listening_socket(host, port) as sock:
        if host not in ("127.0.0.1", "localhost", "::1"):
            typer.echo(f"podsift: warning: listening on {host}: anyone who can reach this machine can use the archive",
                       err=True)  # fmt: skip
        try:
            application = create_app(ServerSettings(settings.db, allow_ingest=allow_ingest, ingest_token=token,
                                                      allow_private_feeds=allow_private_feeds))
        except ConfigError as err:
            fail(str(err), 2)
        shown_host = f"[{host}]" if ":" in host else host  # an IPv6 address, as a URL writes it
        typer.echo(f"podsift: serving {shown_location(settings.db)} at http://{shown_host}:{port}/ (API docs at /docs)",
                   err=True)  # fmt: skip
        server = uvicorn.Server(uvicorn.Config(application, log_level="warning", root_path=root_path.rstrip("/")))
        server.run(sockets=[sock])
    if not server.started:
        raise typer.Exit(3)  # as uvicorn.run ends when the app fails to start (it logged why)


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to HOST:PORT, as uvicorn would bind it, or one line saying why it cannot be."""
    import errno
    import socket

    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a restarted server gets its port back at once
    try:
        sock.bind((host, port))
    except (OSError, UnicodeError) as err:
        sock.close()
        if isinstance(err, (socket.gaierror, UnicodeError)):  # no such name or address
            reason = getattr(err, "strerror", None) or err
            fail(f"cannot listen on {host!r} ({reason}): give --host a name or address of this machine", 2)
        if err.errno == errno.EADDRINUSE:
            fail(f"port {port} on {host} is in use ({err.strerror}): pick another with --port")
        fail(f"cannot listen on {host} port {port}: {err.strerror or err}")
    return sock


@app.command()
def doctor(as_json: JsonFlag = False) -> None:
    """Check the database, its schema and the embedding model; say how to fix what is wrong."""
    from podsift.doctor import diagnose

    backend()  # a URL with no PostgreSQL support installed: said in one line
    checks = diagnose(settings.db)
    if as_json or settings.json:
        emit_json([vars(c) for c in checks])
    else:
        for check in checks:
            mark = "BAD" if not check.ok else "warn" if check.warn else "note" if check.note else "ok"
            typer.echo(f"{mark:<4} {check.name}: {check.detail}")
            if check.fix:
                typer.echo(f"     fix: {check.fix}")
    if not all(c.ok for c in checks):
        raise typer.Exit(1)


@app.command()
def reindex(as_json: JsonFlag = False) -> None:
    """Cut moments an older podsift cut again, then rebuild the lexical search index from the
    database's moments (searches do it when it is missing)."""
    import time

    from podsift.ingest import recut_stale_moments
    from podsift.search.lexical_index import LexicalIndex, LexicalIndexError

    with open_db() as store:
        if store.lexical_index_dir is None:
            fail("this archive has no place on disk for a lexical index (an archive in memory)", 2)
        recut = recut_stale_moments(store)  # an upgrade's new cut reaches search without an ingest
        if recut and not (as_json or settings.json):
            typer.echo(f"cut the moments of {counted(recut, 'episode')} again, as this podsift cuts them")
        index = LexicalIndex(store)
        started = time.perf_counter()
        try:
            documents = index.rebuild()
        except LexicalIndexError as err:
            fail(str(err))
        except OSError as err:  # a folder this user cannot write (read-only media, another user's)
            fail(f"cannot write the search index at {index.path}: {err.strerror or err}; set PODSIFT_INDEXES to a "
                 "folder you can write, or copy the archive to a writable folder")  # fmt: skip
        seconds = time.perf_counter() - started
    if as_json or settings.json:
        emit_json({"index": str(index.path), "moments": documents, "recut_episodes": recut, "seconds": round(seconds, 1)})
    else:
        typer.echo(f"indexed {counted(documents, 'moment')} in {index.path} ({seconds:.1f} s)")


@app.command()
def backup(
    target: Annotated[Path, typer.Argument(metavar="FILE", help="Where to write the copy (a new file).")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite the target if it exists.")] = False,
) -> None:
    """Copy the database to a file, consistently, even while podsift serves or ingests."""
    if not backend().local_file:
        fail("backup copies SQLite files; for PostgreSQL use pg_dump, or `podsift copy FILE` for a SQLite copy", 2)
    from podsift.embed import models_beside, models_dir
    from podsift.store.sqlite_file import refusal_for_copy

    if target.is_dir():
        fail(f"{target} is a folder; name a new file in it", 2)
    if refused := refusal_for_copy(Path(settings.db), target):
        fail(refused, 2)
    if target.exists() and not force:
        fail(f"{target} exists; choose another name or pass --force", 2)
    copied_models = models_beside(target)
    with open_db() as store:
        models = models_dir(store)
        if models.is_dir() and copied_models.exists() and not force:
            fail(f"{copied_models} exists; choose another name or pass --force", 2)
        try:
            store.backup(target)  # moved onto an existing target only once whole
        except OSError as err:
            fail(f"{target}: cannot write ({err.strerror or err})")
    typer.echo(f"backed up {shown_location(settings.db)} to {target} ({target.stat().st_size / 1e6:.1f} MB)")
    if models.is_dir():  # tuned models live beside the database; a backup without them loses them
        try:
            shutil.rmtree(copied_models, ignore_errors=True)
            shutil.copytree(models, copied_models)
        except OSError as err:
            fail(f"{copied_models}: could not copy the tuned models ({err.strerror or err}); the database copy is whole")
        typer.echo(f"copied its tuned models to {copied_models}")


@app.command()
def restore(
    source: Annotated[Path, typer.Argument(metavar="FILE", help="A file written by `podsift backup`.")],
    force: Annotated[bool, typer.Option("--force", help="Replace the current database.")] = False,
) -> None:
    """Replace the database with a backup, after checking the backup is whole."""
    from podsift.embed import copy_models, models_beside
    from podsift.store.sqlite_file import RestoreError
    from podsift.store.sqlite_file import restore as restore_file

    if not backend().local_file:
        fail("restore writes SQLite files; for PostgreSQL use pg_restore", 2)
    target = Path(settings.db)
    try:
        episodes = restore_file(source, target, force=force)
    except RestoreError as err:
        fail(str(err), 2)
    typer.echo(f"restored {target} from {source} ({counted(episodes, 'episode')})")
    models = models_beside(target)
    # Models the backup kept and this archive lost come back; ones still here are never overwritten.
    try:
        missing = copy_models(models_beside(source), models)
    except OSError as err:
        fail(f"{models}: could not restore the tuned models ({err.strerror or err}); the database is restored")
    if missing:
        typer.echo(f"restored its tuned models ({', '.join(missing)}) to {models}")


@app.command(name="eval")
def evaluate(
    questions: Annotated[Path, typer.Argument(metavar="QUESTIONS.jsonl", help="A JSON Lines question file (see the README).")],
    mode: ModeOption = None,
    ask_mode: Annotated[
        bool, typer.Option("--ask", help="Score answers instead: citation hit, keyword recall, abstention.")
    ] = False,
    answerer: AnswererOption = "extractive",
    as_json: JsonFlag = False,
) -> None:
    """Score search on a question set: hit@1/5/10 and MRR@10, overall and per kind."""
    from podsift.evaluate import QuestionFileError, evaluate_ask, load_questions
    from podsift.evaluate import evaluate as run_eval
    from podsift.search import Searcher, SearchError

    if answerer != "extractive" and not ask_mode:  # search has no answerer: it was ignored
        fail(f"--answerer {answerer} scores answers, so it needs --ask", 2)
    try:
        items = load_questions(questions)
    except QuestionFileError as err:
        fail(str(err), 2)
    if not ask_mode and not any(q.answerable for q in items):  # else a table of 0.00 over no questions
        fail(f"{questions}: no question names the episode that answers it, so search has nothing to find; "
             "`--ask` scores how such questions are declined", 2)  # fmt: skip
    with open_db() as store:
        refuse_empty(store)  # every question would score 0: no measure of search at all
        _note_unknown_episodes(items, store.episode_ids())
    if ask_mode:
        with open_db() as store:
            asker = _asker(store, answerer)
            try:
                asker.ask("warm up")  # load the model before timing
                report = evaluate_ask(items, asker.ask)
            except SearchError as err:
                fail(str(err), 2)
        _note_fallbacks(report["results"])
        if as_json or settings.json:
            emit_json(report)
        else:
            _print_ask_metrics(report["metrics"], questions)
        return
    with open_db() as store:
        searcher = Searcher(store)
        chosen = _mode(mode) or searcher.default_mode()
        try:
            searcher.search("warm up", mode=chosen, limit=1)  # load the model before timing
            report = run_eval(items, lambda q: searcher.search(q, mode=chosen, limit=10))
        except SearchError as err:
            fail(str(err), 2)
    report["metrics"]["mode"] = chosen
    if as_json or settings.json:
        emit_json(report)
        return
    _print_metrics(report["metrics"], questions)


def _note_fallbacks(results: list[dict[str, Any]]) -> None:
    """Answers the LLM failed to write are quoted ones: scored silently, they passed for the model's."""
    from podsift.answer.asker import LLM_FAILED

    failed = [n for r in results for n in r["answer"]["notes"] if n.startswith(LLM_FAILED)]
    if failed:
        typer.echo(f"podsift: note: {counted_of(len(failed), len(results), 'answer', ('is', 'are'))} quoted from the archive, "
                   f"not the LLM's; the first: {failed[0]}", err=True)  # fmt: skip


def _note_unknown_episodes(items: "list[Question]", known: set[str]) -> None:
    """Questions whose episode the archive lacks can only miss: a typo in the file, or the wrong archive."""
    from podsift.search.engine import did_you_mean

    unknown = sorted({q.episode for q in items if q.episode and q.episode not in known})
    if unknown:
        count = sum(1 for q in items if q.episode in unknown)
        typer.echo(f"podsift: note: {counted(count, 'question')} {agrees(count, 'names', 'name')} an episode this archive "
                   f"lacks, so can only miss: {unknown[0][:80]!r}{did_you_mean(unknown[0], known)}"
                   + (f" and {len(unknown) - 1} more" if len(unknown) > 1 else ""), err=True)  # fmt: skip


def _print_metrics(metrics: dict[str, Any], source: Path) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{source.name}: {metrics['mode']} search", box=None, header_style="bold")
    for column in ("kind", "questions", "hit@1", "hit@5", "hit@10", "MRR@10"):
        table.add_column(column, justify="left" if column == "kind" else "right")
    rows = [("all", metrics), *metrics["by_kind"].items()]
    for kind, m in rows:
        table.add_row(
            kind, str(m["questions"]),
            *(f"{m[k]:.2f}" for k in ("hit@1", "hit@5", "hit@10", "mrr@10")),
        )  # fmt: skip
    console = Console(highlight=False)
    console.print(table)
    latency = metrics["latency_ms"]
    console.print(
        f"query latency: p50 {latency['p50']:.1f} ms, p95 {latency['p95']:.1f} ms; "
        f"{counted(metrics['skipped_unanswerable'], 'unanswerable question')} skipped"
    )


def _print_ask_metrics(metrics: dict[str, Any], source: Path) -> None:
    from rich.console import Console
    from rich.table import Table

    def share(value: float | None) -> str:
        return "–" if value is None else f"{value:.2f}"

    table = Table(title=f"{source.name}: answers", box=None, header_style="bold")
    columns = ("kind", "questions", "citation hit", "keyword recall", "abstained",
               "false abstention")  # fmt: skip
    for column in columns:
        table.add_column(column, justify="left" if column == "kind" else "right")
    for kind, m in [("all", metrics), *metrics["by_kind"].items()]:
        table.add_row(
            kind, str(m["questions"]), share(m["citation_hit"]), share(m["keyword_recall"]),
            f"{m['unanswerable_abstained']}/{m['unanswerable']}" if m["unanswerable"] else "–",
            share(m["false_abstention"]),
        )  # fmt: skip
    console = Console(highlight=False)
    console.print(table)
    latency = metrics["latency_ms"]
    console.print(
        f"abstention precision {share(metrics['abstention_precision'])}, "
        f"recall {share(metrics['abstention_recall'])}; "
        f"ask latency: p50 {latency['p50']:.1f} ms, p95 {latency['p95']:.1f} ms"
    )


TypeOption = Annotated[Optional[str], typer.Option("--type", "-t", metavar="KIND", help="Only org, tool, person or place.")]


@app.command(name="entities")
def entities_command(
    kind: TypeOption = None,
    recompute: Annotated[
        bool, typer.Option("--recompute", help="Find every episode's mentions again (after editing aliases).")
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """List the people, organisations, tools and places the archive mentions, with counts."""
    from podsift.entities.catalog import extract_again, list_entities
    from podsift.entities.gazetteer import GazetteerError

    as_json = as_json or settings.json
    with open_db() as store:
        if recompute:
            from podsift.ingest import mention_finder

            try:
                finder = mention_finder()
            except GazetteerError as err:
                fail(str(err))
            bar = ProgressBar("Finding mentions", enabled=not as_json)
            bar.start(len(store.episode_ids()))
            try:
                extract_again(store, finder, on_episode=lambda e: bar.advance(1, e))
            finally:
                bar.stop()
        try:
            rows = list_entities(store, kind)
        except ValueError as err:
            fail(str(err), 2)
        others = bool(kind) and not rows and bool(list_entities(store, None))
    if as_json:
        emit_json(rows)
        return
    if others:
        typer.echo(f"No entities of type {kind}; `podsift entities` lists those of the other types.")
        return
    if not rows:
        typer.echo("No entities yet" + (f" of type {kind}" if kind else "") + "; ingest some transcripts first.")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(box=None, header_style="bold")
    table.add_column("entity", no_wrap=True)
    table.add_column("type", no_wrap=True)
    table.add_column("mentions", justify="right")
    table.add_column("episodes", justify="right")
    from rich.markup import escape as escape_markup

    for row in rows:
        table.add_row(escape_markup(safe(row["name"])), row["type"], str(row["mentions"]), str(row["episodes"]))
    Console(highlight=False, width=None if sys.stdout.isatty() else 200).print(table)


@app.command()
def entity(
    name: Annotated[str, typer.Argument(metavar="NAME", help="A person, organisation or tool, in any spelling.")],
    as_json: JsonFlag = False,
) -> None:
    """Every moment that mentions NAME, across episodes, with who said it and what else comes up."""
    from podsift.entities.catalog import UnknownEntity, entity_report
    from podsift.text import format_timestamp

    with open_db() as store:
        try:
            report = entity_report(store, name)
        except UnknownEntity as err:
            fail(str(err), 2)
    if as_json or settings.json:
        emit_json(report.to_json())
        return
    from rich.console import Console
    from rich.markup import escape as escape_markup

    def escape(text: str) -> str:
        return escape_markup(safe(text))

    console = Console(highlight=False, width=None if sys.stdout.isatty() else 200)
    console.print(
        f"[bold]{escape(report.name)}[/bold] ({report.type}): {counted(report.mentions, 'mention')} "
        f"in {counted(report.episodes, 'episode')}"
    )
    current = None
    for m in report.moments:
        if m.episode_id != current:
            current = m.episode_id
            console.print(f"\n[bold]{escape(m.episode_title or m.episode_id)}[/bold] [dim]{escape(m.episode_id)}[/dim]")
        at = ("~" if m.time_estimated else "") + format_timestamp(m.start) if m.start is not None else "--:--"
        heard = f" [dim](heard as {escape(m.surface)!r})[/dim]" if name_differs(m.surface, report.name) else ""
        console.print(f"  {at:>9}  {escape(m.speaker or '?')}: {escape(_excerpt(m.text, m.surface))}{heard}")
        if m.url:
            console.print(f"             [dim]{escape(m.url)}[/dim]")
    if report.co_mentioned:
        console.print("\n[bold]Also named in those episodes:[/bold] " + ", ".join(
            f"{escape(c['name'])} ({c['episodes']})" for c in report.co_mentioned))  # fmt: skip


@app.command()
def graph(
    fmt: Annotated[Optional[str], typer.Option("--format", "-f", metavar="FORMAT",
                                               help="graphml (default) or json (node-link).")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="Write here instead of stdout.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help=_DATA_JSON_HELP.format("the graph as node-link JSON"))] = False,
) -> None:
    """Export who and what the archive mentions as a graph: entities, episodes and people."""
    from podsift.entities.graph import FORMATS, export_graph

    as_json = as_json or settings.json
    fmt = fmt or _format_of(output, ("graphml", "xml", "json")) or ("json" if as_json else "graphml")
    fmt = "graphml" if fmt == "xml" else fmt
    if fmt not in FORMATS:
        fail(f"--format wants one of {', '.join(FORMATS)}, not {fmt!r}", 2)
    with open_db() as store:
        text = export_graph(store, fmt)
    if not write_out(text, output, f"graph.{fmt}"):
        return
    if as_json:
        emit_json({"format": fmt, "output": str(output), "bytes": len(text.encode())})
    else:
        typer.echo(f"Wrote the {fmt} graph to {output}.", err=True)


def _format_of(output: Path | None, known: "Iterable[str]") -> str | None:
    """The format a file's name asks for (`-o talk.srt`), when no --format names one. An
    extension that names none is refused: `-o notes.txt` wrote WebVTT into it, unsaid."""
    suffix = output.suffix[1:].lower() if output is not None else ""
    if suffix and suffix not in known:
        fail(f"{output}: .{suffix} names no format this writes ({', '.join(known)}); "
             f"pass --format to choose one", 2)  # fmt: skip
    return suffix or None


def _texts(count: int) -> str:
    return counted(count, "text")


def write_out(text: str, output: Path | None, example: str) -> bool:
    """Print ``text``, or write it to ``output``; True if it went to a file. ``example`` is a file
    name to suggest when ``output`` is a folder: one whose extension names the format written."""
    if output is None:
        typer.echo(text, nl=False)
        return False
    if output.is_dir():  # a usage slip, as -o's name is: not a failure to write
        fail(f"{output} is a folder: name a file to write, as in {output / example}", 2)
    if backend().local_file:  # `-o podsift.db -f json` wrote the export over the archive
        from podsift.store.sqlite_file import refusal_for_output

        if refused := refusal_for_output(Path(settings.db), output):
            fail(refused, 2)
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as err:
        fail(f"{output}: cannot write ({err.strerror or err})")
    return True


def refuse_unwritable(target: Path) -> None:
    """One line, as `export -o` gives, for a file that cannot be made: its folder missing (a typo
    is not made into a folder), a file, or read-only. SQLite alone says only "unable to open"."""
    import errno

    folder = target.parent
    code = (errno.ENOENT if not folder.exists() else errno.ENOTDIR if not folder.is_dir()
            else errno.EACCES if not target.exists() and not os.access(folder, os.W_OK | os.X_OK) else 0)  # fmt: skip
    if code:
        fail(f"{target}: cannot write ({os.strerror(code)})")
    if not target.exists():
        # Permissions do not tell all (a read-only mount, /proc, root's access): try making it.
        try:
            os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
        except OSError as err:
            fail(f"{target}: cannot write ({err.strerror})")
        target.unlink()


def name_differs(surface: str, name: str) -> bool:
    from podsift.entities.gazetteer import name_key

    return name_key(surface) != name_key(name)


def _excerpt(text: str, surface: str, width: int = 160) -> str:
    """The part of a segment around the mention."""
    at = text.find(surface)
    if len(text) <= width or at < 0:
        return text if len(text) <= width else text[: width - 1] + "…"
    start = max(0, at - width // 2)
    piece = text[start : start + width]
    return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")


@app.command()
def episodes(as_json: JsonFlag = False) -> None:
    """List stored episodes."""
    with open_db() as store:
        rows = store.list_episodes()
    if as_json or settings.json:
        emit_json([asdict(row) for row in rows])
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
    from rich.markup import escape as escape_markup

    for row in rows:  # an id or title may hold brackets ("Talk [dQw4w9WgXcQ]"): text, not markup
        table.add_row(
            escape_markup(safe(row.id)), escape_markup(safe(row.title or "")), row.source_format or "", str(row.segments),
            str(row.chapters), format_timestamp(row.duration) if row.duration else "",
        )  # fmt: skip
    # Piped output has no width to fit; keep rows whole for grep and friends.
    Console(highlight=False, width=None if sys.stdout.isatty() else 200).print(table)


@app.command()
def remove(
    episode_ids: Annotated[list[str], typer.Argument(metavar="ID", help="Episode ids (see `podsift episodes`).")],
    as_json: JsonFlag = False,
) -> None:
    """Remove episodes from the archive, with their moments, mentions and chapters.

    Their files are not touched: ingest one again to bring it back (nothing is embedded
    again). An episode a followed feed brought is added again by the next `podsift sync`
    unless the feed is removed (`podsift feed remove URL`).
    """
    from podsift.search.engine import did_you_mean

    with open_db() as store:
        summaries = {row.id: row for row in store.list_episodes()}
        wanted = list(dict.fromkeys(episode_ids))
        if unknown := [i for i in wanted if i not in summaries]:
            fail(f"no episode {unknown[0][:80]!r} in {shown_location(settings.db)}{did_you_mean(unknown[0], summaries)}; "
                 "nothing removed (see `podsift episodes`)", 2)  # fmt: skip
        removed: list[dict[str, Any]] = []
        for episode_id in wanted:
            source = store.source_by_id(episode_id)
            store.delete_episode(episode_id)
            # A feed's episodes are read from the transcript's URL.
            fed = source is not None and (source.source_path or "").startswith(("http://", "https://"))
            removed.append({"id": episode_id, "segments": summaries[episode_id].segments, "from_feed": fed})
        store.flush_index()
    if as_json or settings.json:
        emit_json({"removed": removed})
        return
    for row in removed:
        again = ("the next `podsift sync` adds it again unless you remove its feed" if row["from_feed"]
                 else "ingest its file again to bring it back")  # fmt: skip
        typer.echo(safe(f"Removed {row['id']} ({counted(row['segments'], 'segment')}); {again}."))


@app.command()
def show(
    episode_id: Annotated[str, typer.Argument(metavar="ID", help="Episode id.")],
    as_json: JsonFlag = False,
) -> None:
    """Print an episode's timeline: chapters, speakers, times and words."""
    from podsift.people import shown_guests
    from podsift.summary import summarize
    with open_db() as store:
        episode = stored_episode(store, episode_id)
        summary = summarize(episode, store.episode_moments(episode.id))
        guests = shown_guests(store, episode.guests)
    if as_json or settings.json:
        emit_json(episode.to_json() | {"guest_names": guests, "summary": summary.to_json()})
        return
    estimated = bool(episode.extra.get("times_estimated"))
    typer.echo(safe(timeline_text(episode, summary_text(summary, estimated), guests)), nl=False)


@app.command()
def chapters(
    episode_id: Annotated[str, typer.Argument(metavar="ID", help="Episode id.")],
    recompute: Annotated[
        bool, typer.Option("--recompute", help="Compute the generated chapters again (never replaces human ones).")
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Show an episode's chapters, with their key points; generated ones are marked."""
    from podsift.ingest import recompute_chapters
    from podsift.summary import summarize
    from podsift.text import shown_time

    with open_db() as store:
        episode = stored_episode(store, episode_id)
        if recompute:
            if episode.chapters and not all(c.generated for c in episode.chapters):
                fail(f"{episode_id} has chapters a person wrote; they are kept as they are", 2)
            recompute_chapters(store, episode)
            from podsift.embed import active_model

            if store.has_vectors(active_model(store).name):  # keep hybrid search whole: new moments get vectors
                embed_moments(store, quiet=as_json or settings.json)
        summary = summarize(episode, store.episode_moments(episode.id))
    if as_json or settings.json:
        emit_json([asdict(part) for part in summary.chapters])
        return
    if not summary.chapters:
        typer.echo(f"{episode_id} has no chapters (too short to divide).")
        return
    estimated = bool(episode.extra.get("times_estimated"))
    for part in summary.chapters:
        mark = "  (generated)" if part.generated else ""
        typer.echo(f"{shown_time(part.start, estimated):>8}  {safe(part.title)}{mark}")
        if part.keyphrases:
            typer.echo(f"{'':>10}keyphrases: {safe(', '.join(part.keyphrases))}")
        for point in part.points:
            typer.echo(f"{'':>10}- [{shown_time(point.start, estimated)}] {safe(point.text)}")
    if estimated:
        typer.echo("(~ times are estimated from word counts: the source has none)")


@app.command(name="copy")
def copy_archive(
    target: Annotated[str, typer.Argument(metavar="TARGET",
                                          help="An empty archive: a new SQLite file, or a postgresql:// URL.")],  # fmt: skip
    as_json: JsonFlag = False,
) -> None:
    """Copy the whole archive into another (a SQLite file into PostgreSQL): episodes, vectors, feeds,
    settings and tuned models, with nothing parsed or embedded again."""
    from podsift.archive_copy import CopyRefused
    from podsift.archive_copy import copy_archive as run_copy
    from podsift.store import ArchiveUnavailable, open_store, store_class
    from podsift.store.sqlite_file import refusal_for_copy

    try:
        local = store_class(target).local_file
    except ArchiveUnavailable as err:
        fail(str(err), 2)
    if local and backend().local_file and (refused := refusal_for_copy(Path(settings.db), Path(target))):
        fail(refused, 2)
    if local:
        refuse_unwritable(Path(target))
    started = time.perf_counter()
    bar = ProgressBar("Copying episodes", enabled=not (as_json or settings.json))

    shown = [0]

    def on_episode(done: int, total: int) -> None:
        if done == 0 and not shown[0]:
            bar.start(total)
        bar.advance(done - shown[0])
        shown[0] = done

    with open_db() as source:
        try:
            destination = open_store(target)
        except ArchiveUnavailable as err:
            fail(str(err))
        with destination:
            try:
                summary = run_copy(source, destination, on_episode)
            except CopyRefused as err:
                fail(f"{shown_location(target)}: {err}", 2)
            except KeyboardInterrupt:
                fail(f"interrupted; the copy at {shown_location(target)} is incomplete: drop that database "
                     "(or delete the file) and copy again", 130)  # fmt: skip
            finally:
                bar.stop()
    seconds = time.perf_counter() - started
    if as_json or settings.json:
        emit_json({"target": shown_location(target), **summary.to_json(), "seconds": round(seconds, 1)})
        return
    feeds = (f", {counted(summary.feeds, 'followed feed')} ({counted(summary.feed_items, 'item')})"
             if summary.feeds else "")  # fmt: skip
    typer.echo(f"Copied {counted(summary.episodes, 'episode')} ({counted(summary.moments, 'moment')}, "
               f"{counted(summary.vectors, 'vector')}){feeds} "
               f"to {shown_location(target)} in {seconds:.0f} s.")  # fmt: skip
    if summary.models:
        typer.echo(f"Copied its tuned models ({', '.join(summary.models)}).")
    typer.echo(f"Use it with --db {shown_location(target)} (or PODSIFT_DB); this archive is unchanged.")


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
    from podsift.transcribe import machine_transcription

    how = episode.source_format
    if by := machine_transcription(episode):
        how = f"{how}, machine-transcribed by {by}"
    typer.echo(safe(f"{episode.id} ({how}, from {episode.source_path})"))
    if not repairs:
        typer.echo("Nothing needed repair.")
        return
    typer.echo(f"{counted(len(repairs), 'repair')}:")
    for r in episode.repairs:
        where = f" [{r.where}]" if r.where else ""
        typer.echo(safe(f"  {r.kind}{where}: {r.detail}"))


@app.command()
def export(
    episode_id: Annotated[str, typer.Argument(metavar="ID", help="Episode id.")],
    format: Annotated[
        Optional[str], typer.Option("--format", "-f", metavar="FORMAT", help="vtt (default), srt, json or md.")
    ] = None,
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="Write here instead of stdout.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help=_DATA_JSON_HELP.format("Podcasting 2.0 JSON"))] = False,
) -> None:
    """Write an episode's timeline as WebVTT, SRT, Podcasting 2.0 JSON or Markdown."""
    from podsift import formats

    as_json = as_json or settings.json
    format = format or _format_of(output, formats.EXPORT_FORMATS) or ("json" if as_json else "vtt")
    if format not in formats.EXPORT_FORMATS:
        fail(f"unknown format {format!r}; choose one of {', '.join(formats.EXPORT_FORMATS)}", 2)
    episode = load_episode(episode_id)
    if format == "md" and episode.guests:  # a page to read: names, not the slugs a source gives
        from podsift.people import shown_guests

        with open_db() as store:
            episode.guests = shown_guests(store, episode.guests)
    text = formats.render(episode, format)
    if not write_out(text, output, f"{episode.id}.{format}"):
        return
    if as_json:
        emit_json({"id": episode.id, "format": format, "output": str(output), "bytes": len(text.encode())})
    else:
        typer.echo(f"Wrote {episode.id} as {format} to {output}", err=True)


def summary_text(summary: Any, estimated: bool = False) -> str:
    """The episode's key points and keyphrases, above its timeline."""
    from podsift.text import shown_time

    if not summary.points:
        return ""
    lines = ["Key points:"]
    lines += [f"  - [{shown_time(p.start, estimated)}] {p.speaker or '?'}: {p.text}" for p in summary.points]
    if summary.keyphrases:
        lines.append("Keyphrases: " + ", ".join(summary.keyphrases))
    return "\n".join(lines) + "\n\n"


def timeline_text(episode: "Episode", summary: str = "", guests: list[str] | None = None) -> str:
    """A readable timeline for the terminal: what the episode is, then ``summary``, then who said what.

    ``guests`` are the guests' names as shown (people.shown_guests); the source's as written by default.
    """
    from podsift.text import shown_time
    from podsift.transcribe import machine_transcription

    estimated = bool(episode.extra.get("times_estimated"))
    facts = [episode.source_format or "unknown format"]
    if by := machine_transcription(episode):
        facts.append(f"machine-transcribed by {by}")
    if episode.duration:
        facts.append(shown_time(episode.duration, estimated))
    if estimated:
        facts.append("times estimated from word counts (~)")
    segments, chapters = len(episode.segments), len(episode.chapters)
    facts.append(f"{counted(segments, 'segment')}, {counted(chapters, 'chapter')}")
    if guests := episode.guests if guests is None else guests:
        facts.append("guests: " + ", ".join(guests))
    lines = [episode.title or episode.id]
    if where := " · ".join(filter(None, [episode.show, episode.date])):
        lines.append(where)
    lines.append(" · ".join(facts))
    if episode.speakers:
        lines.append("speakers: " + ", ".join(episode.speakers))
    lines += ["", *summary.splitlines()]
    chapter_at = {c.first_segment: c for c in episode.chapters}
    for seg in episode.segments:
        if (chapter := chapter_at.get(seg.ordinal)) is not None:
            generated = ", generated" if chapter.generated else ""
            heading = f"== {chapter.title} ({shown_time(chapter.start, estimated)}{generated})"
            lines += ([] if lines[-1] == "" else [""]) + [heading, ""]
        words = "  ".join(filter(None, [seg.text, " ".join(seg.directions)]))
        who = f"{seg.speaker or '?'}: " if seg.text else ""
        lines.append(f"[{shown_time(seg.start, estimated)}] {who}{words}")
    return "\n".join(lines) + "\n"


def audio_progress(bar: "ProgressBar") -> Callable[[str, float, float], None]:
    """Transcription progress for a file or URL on ``bar``'s second line, with the real-time factor."""
    began: dict[str, float] = {}

    def on_audio(where: str, done: float, total: float) -> None:
        elapsed = time.monotonic() - began.setdefault(where, time.monotonic())
        # Audio seconds per wall second: above 1, faster than listening.
        speed = f" {done / elapsed:.1f}x real time" if elapsed > 0 and done else ""
        bar.track(where, done, total, f"{where.rstrip('/').rsplit('/', 1)[-1]}{speed}")

    return on_audio


class ProgressBar:
    """A Rich progress bar on stderr, shown only on a terminal; messages print above it."""

    def __init__(self, label: str, enabled: bool = True) -> None:
        self.label = label
        self.enabled = enabled and sys.stderr.isatty()
        self._progress: Any = None
        self._task: Any = None
        self._step: tuple[str, Any] | None = None  # the key and task of the second bar, if shown

    def start(self, total: int) -> bool:
        """Show the bar; False when there is no terminal to show it on."""
        if not self.enabled:
            return False
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        # No refresh thread: the ingester may fork worker processes, and forking while
        # another thread holds a lock can hang the child.
        self._progress = Progress(
            TextColumn("{task.description:<40}"), BarColumn(), MofNCompleteColumn(),
            TimeElapsedColumn(), console=Console(stderr=True), transient=True, auto_refresh=False,
        )  # fmt: skip
        self._progress.start()
        self._task = self._progress.add_task(self.label, total=total)
        return True

    def track(self, key: str, done: float, total: float, description: str) -> None:
        """A second bar under the first, for one long step (transcribing a file): ``done`` of ``total``."""
        if self._progress is None:
            return
        if self._step is None or self._step[0] != key:
            if self._step is not None:
                self._progress.remove_task(self._step[1])
            self._step = (key, self._progress.add_task(description[:40], total=total))
        self._progress.update(self._step[1], completed=done, total=total, description=description[:40])
        self._progress.refresh()

    def advance(self, steps: int, description: str | None = None) -> None:
        if self._progress is not None:
            if self._step is not None:
                self._progress.remove_task(self._step[1])
                self._step = None
            self._progress.update(self._task, advance=steps, description=(description or self.label)[:40])
            self._progress.refresh()

    def say(self, line: str) -> None:
        if self._progress is not None:
            self._progress.console.print(line, markup=False, highlight=False)
        else:
            typer.echo(line, err=True)

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


def main() -> None:
    try:
        app()
    except BrokenPipeError:
        # `podsift show X | head` closes the pipe early; that is not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
