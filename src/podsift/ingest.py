"""Files in, episodes out: find sources, reject bad ones clearly, parse, store.

Each file is its own unit of work. A file that cannot be read or parsed produces
one error line and leaves the database and the rest of the run untouched.
"""

from __future__ import annotations

import codecs
import errno
import functools
import hashlib
import multiprocessing
import os
import re
import signal
import stat
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Literal, TypeVar

from podsift import formats
from podsift.entities.gazetteer import FINGERPRINT_SETTING
from podsift.file_titles import date_and_video, season_and_episode, title_and_origin, without_language_tag
from podsift.formats.chapters_file import SUFFIX as CHAPTERS_SUFFIX
from podsift.formats.chapters_file import TEXT_SUFFIX as CHAPTERS_TEXT_SUFFIX
from podsift.formats.chapters_file import (
    TIMESTAMPS_SUFFIXES,
    ChaptersUnusable,
    is_chapter_track,
    is_chapters_file,
    listed_alone,
    read_chapters,
)
from podsift.formats.chapters_file import VTT_NAME as CHAPTERS_VTT_NAME
from podsift.formats.chapters_file import VTT_SUFFIX as CHAPTERS_VTT_SUFFIX
from podsift.formats.video_info import SUFFIX as INFO_SUFFIX
from podsift.formats.video_info import InfoUnusable, apply_info, is_info_file
from podsift.formats.word_document import PDF, read_document
from podsift.media_files import is_media_file
from podsift.model import Episode, SourceRejected
from podsift.moments import VERSION as MOMENTS_VERSION
from podsift.moments import build_moments
from podsift.speakers import host_label, name_show_host
from podsift.store import EpisodeIdTaken, Store, StoredSource
from podsift.structure import add_structure
from podsift.text import counted

if TYPE_CHECKING:
    from podsift.entities.extract import Mention, MentionFinder
    from podsift.moments import Moment

MAX_BYTES = 50 * 1024 * 1024
# Below this many files a process pool costs more than it saves.
_POOL_THRESHOLD = 8
_BINARY_SNIFF = 8192
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")

# Repairs worth telling the user about as the run goes, not only in `podsift report`.
_NOTABLE = ("no_transcript", "id_collision", "low_confidence", "cut_short")
# The setting that says which version of the moment cutter cut the stored moments.
MOMENTS_SETTING = "moments_version"

# skipped: read as part of another file's episode, or passed over (the note says which and why).
Status = Literal["added", "updated", "unchanged", "skipped", "failed"]
STATUSES: tuple[Status, ...] = ("added", "updated", "unchanged", "skipped", "failed")


class BadSource(Exception):
    """A file that is not usable text; the message is the reason, for the user."""


@dataclass
class FileOutcome:
    path: str
    status: Status
    episode_id: str | None = None
    error: str | None = None
    source_format: str | None = None
    segments: int = 0
    repairs: int = 0
    notes: list[str] = field(default_factory=list)


@dataclass
class IngestSummary:
    outcomes: list[FileOutcome] = field(default_factory=list)
    index_note: str | None = None  # why the search index could not be brought up to date, if it could not

    def count(self, status: Status) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> int:
        return self.count("failed")

    def counts(self) -> dict[str, int]:
        return {s: self.count(s) for s in STATUSES}


def archive_files(store: Store) -> set[Path]:
    """The files and folders an archive keeps on this machine: never transcripts to ingest.

    `podsift ingest .` in a folder of transcripts finds the default `podsift.db` there too.
    """
    from podsift.embed import models_dir

    own = {models_dir(store)}
    if index := store.lexical_index_dir:
        own.add(index)
    if store.local_file:
        database = Path(store.location)
        own |= {database} | {database.with_name(database.name + end) for end in ("-wal", "-shm", "-journal")}
    return {path.resolve() for path in own}


def discover(paths: Iterable[str | Path], skip: set[Path] | frozenset[Path] = frozenset()
             ) -> tuple[list[Path], list[FileOutcome]]:  # fmt: skip
    """Files under ``paths`` (recursively, skipping hidden ones and the resolved paths in ``skip``),
    and a failure per unusable path; each once, however often it was named."""
    files: list[Path] = []
    unusable: list[FileOutcome] = []

    def unreadable_folder(err: OSError) -> None:
        unusable.append(FileOutcome(str(err.filename), "failed", error=f"{UNREADABLE_FOLDER} ({err.strerror or err})"))

    for raw in paths:
        path = Path(raw)
        try:
            kind = _kind(path)
        except OSError as err:  # in a folder this user cannot enter
            unusable.append(_unreadable(path, err))
            continue
        if path.resolve() in skip:
            unusable.append(FileOutcome(str(path), "failed", error="the archive's own file, not a transcript"))
        elif kind == "folder":
            for dirpath, dirnames, filenames in os.walk(path, onerror=unreadable_folder):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith(".")
                                     and (Path(dirpath) / d).resolve() not in skip)  # fmt: skip
                for name in sorted(filenames):
                    if name.startswith("."):
                        continue
                    file = Path(dirpath) / name
                    if skip and file.resolve() in skip:
                        continue
                    try:
                        is_file = _kind(file) == "file"
                    except OSError as err:  # listed, in a folder this user may not enter
                        unusable.append(_unreadable(file, err))
                        continue
                    if is_file:
                        files.append(file)
                    else:
                        unusable.append(FileOutcome(str(file), "failed", error=_not_regular(file)))
        elif kind == "file":
            files.append(path)
        elif kind == "other":
            unusable.append(FileOutcome(str(path), "failed", error=_not_regular(path)))
        else:
            unusable.append(FileOutcome(str(path), "failed", error=NO_SUCH_PATH))
    return _once(files), _once(unusable)


def _unreadable(path: Path, err: OSError) -> FileOutcome:
    return FileOutcome(str(path), "failed", error=f"unreadable ({err.strerror or err})")


_Found = TypeVar("_Found", Path, FileOutcome)


def _once(found: list[_Found]) -> list[_Found]:
    """``found`` without the entries named again (a folder and a file in it, `f.srt ./f.srt`), as first
    spelled: read twice, a file was taken for the same talk as itself and never stored. A link is
    an entry of its own, whose content is then the same as its target's."""
    seen: set[Path] = set()
    kept = []
    for item in found:
        path = Path(item.path) if isinstance(item, FileOutcome) else item
        entry = path.parent.resolve() / path.name
        if entry not in seen:
            seen.add(entry)
            kept.append(item)
    return kept


NO_SUCH_PATH = "no such file or folder"
UNREADABLE_FOLDER = "unreadable folder"


def holds_nothing(path: Path) -> Literal["missing", "unusable", "empty"] | None:
    """"missing", "unusable" (unreadable, a link to nowhere, a device), or "empty" for a folder
    without a file, when ``path`` gives ingest nothing to read; else None."""

    def stop(err: OSError) -> None:
        raise err

    try:
        kind = _kind(path)
        if kind == "folder":
            for _, folders, files in os.walk(path, onerror=stop):
                folders[:] = [f for f in folders if not f.startswith(".")]  # skipped as discover skips them
                if any(not name.startswith(".") for name in files):
                    return None
            return "empty"
    except OSError:
        # Unreadable: discover says why. Only when the path itself cannot be read is there
        # nothing at all: a folder with one closed folder inside may still hold files elsewhere.
        return "unusable" if not os.access(path, os.R_OK | os.X_OK) else None
    return "missing" if kind == "missing" else "unusable" if kind == "other" else None


def _kind(path: Path) -> Literal["folder", "file", "other", "missing"]:
    """What ``path`` is; OSError if it cannot be told (Path.is_dir() raises for a folder one
    cannot enter, and says False for all else)."""
    try:
        mode = path.stat().st_mode
    except OSError as err:
        if err.errno not in (errno.ENOENT, errno.ENOTDIR, errno.ELOOP):
            raise
        return "other" if path.is_symlink() else "missing"  # a link to nowhere, or in a loop
    return "folder" if stat.S_ISDIR(mode) else "file" if stat.S_ISREG(mode) else "other"


def _not_regular(path: Path) -> str:
    if path.is_symlink() and not path.exists():
        return "broken symbolic link"
    return "not a regular file (a device, pipe or socket)"


# Windows tools long saved "ANSI" text, Windows-1252 in the West (Notepad did until 2019):
# curly quotes, dashes and accents in an otherwise ASCII file. Such a file is read that way,
# and reported. One where those bytes are more than this share of the letters is in another
# script's code page, which no rule can tell apart reliably: it is refused, as before.
LEGACY_ENCODING = "cp1252"
_LEGACY_SHARE = 0.25


# Compressed files a transcript may come in ("talk.srt.gz"): said so, rather than "binary".
# bzip2's "BZh" is text ("BZhang: Hello"): its block size digit and first block's magic must follow.
_COMPRESSED = ((rb"\x1f\x8b", "gzip"), (rb"BZh[1-9](?:1AY&SY|\x17rE8P\x90)", "bzip2"), (rb"\xfd7zXZ\x00", "xz"),
               (rb"\x28\xb5\x2f\xfd", "zstd"), (rb"7z\xbc\xaf\x27\x1c", "7-Zip"), (rb"Rar!\x1a\x07", "RAR"))  # fmt: skip


def decode(data: bytes) -> str:
    """Bytes to text, or BadSource saying plainly why the file is not usable text."""
    return decode_noting(data)[0]


def decode_noting(data: bytes) -> tuple[str, tuple[str, str] | None]:
    """Bytes to text, with a repair (kind, detail) to report if it was not read as it stands: read
    in a legacy encoding as it was not Unicode, or cut short in the middle of a character."""
    note = None
    if not data:
        raise BadSource("empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text, note = _whole_characters(data, "utf-16")
        except UnicodeDecodeError:
            raise BadSource("truncated or damaged UTF-16 text") from None
    else:
        if packer := next((name for magic, name in _COMPRESSED if re.match(magic, data)), None):
            raise BadSource(f"compressed with {packer}; decompress it and ingest what it holds")
        if b"\x00" in data[:_BINARY_SNIFF]:
            raise BadSource("binary file (contains NUL bytes), not a transcript")
        try:
            text, note = _whole_characters(data, "utf-8-sig")
        except UnicodeDecodeError as err:
            declared = _declared_text(data)
            western = _legacy_text(data) if declared is None else None
            legacy = None
            if declared is not None:
                text, legacy = declared[0], f"{declared[1]}, as the file declares"
            elif western is not None:
                text, legacy = western, f"{LEGACY_ENCODING} (Windows Western European)"
            if legacy is not None:
                note = ("encoding", f"not UTF-8: read as {legacy}; "
                        f"{sum(1 for c in text if ord(c) > 0x7F)} characters outside ASCII")  # fmt: skip
            else:
                bad = data[err.start]
                raise BadSource(
                    f"not UTF-8 text (byte 0x{bad:02x} at offset {err.start}); re-save it as UTF-8"
                ) from None
    if not text.strip():
        raise BadSource("empty file (only whitespace)")
    head = text[:_BINARY_SNIFF]
    if len(_CONTROL.findall(head)) > 0.05 * len(head):
        raise BadSource("binary file (mostly control characters), not a transcript")
    return text, note


# A decoder's complaint about bytes that stop partway through a character.
_CUT_CHARACTER = ("unexpected end of data", "truncated data")
# The first bytes in UTF-8 of punctuation and symbols (’ … – “ ✓, U+2000–U+2FFF), of U+F000–U+FFFF
# and of emoji: what an ASCII text most often ends in before a cut. As Windows-1252 letters (â, ï,
# ð) they hardly ever end a word, as é does in "café".
_SYMBOL_LEADS = b"\xe2\xef\xf0"


def _whole_characters(data: bytes, codec: str) -> tuple[str, tuple[str, str] | None]:
    """``data`` decoded; a file cut short in the middle of a character (an interrupted download)
    loses that character and says so. A bad byte anywhere before the end raises as ever."""
    try:
        return data.decode(codec), None
    except UnicodeDecodeError as err:
        # err.object may leave out a byte order mark: count the partial character from the end.
        if err.reason not in _CUT_CHARACTER or err.end != len(err.object):
            raise
        whole = data[: len(data) - (len(err.object) - err.start)]
        if codec.startswith("utf-8") and len(data) - len(whole) == 1 and whole.isascii() \
                and data[-1] not in _SYMBOL_LEADS and bytes(data[-1:]).decode(LEGACY_ENCODING).islower():
            raise  # "café" in Windows-1252, its last letter alone outside ASCII: no sign of UTF-8 before it
        text = whole.decode(codec)
        return text, ("cut_short", "the file ends in the middle of a character (looks cut short); "
                      "the last partial character was dropped")


# An encoding a page or XML file names in its head: `<meta charset="ISO-8859-2">`, `<meta
# http-equiv="Content-Type" content="text/html; charset=…">`, `<?xml … encoding="…"?>`.
# Browsers look in the first 1,024 bytes; converters put comments first, so a little more.
_DECLARED = re.compile(
    rb"<meta\b[^>]*?\bcharset\s*=\s*[\"']?\s*([A-Za-z][\w.:-]*)|<\?xml\b[^>]*?\bencoding\s*=\s*[\"']([A-Za-z][\w.:-]*)",
    re.IGNORECASE,
)
_DECLARED_SNIFF = 4096
# The legacy encodings a page may name, by Python's name for them, read as browsers read them (the
# WHATWG Encoding Standard): Latin-1 and ASCII as Windows-1252, Latin-5 as Windows-1254, Shift_JIS,
# GB2312 and EUC-KR as their Windows supersets. Other names (Python's "rot13", "base64") are no text's.
_AS_BROWSERS_READ = {"iso8859-1": "cp1252", "ascii": "cp1252", "cp1252": "cp1252", "iso8859-9": "cp1254",
                     "tis-620": "cp874", "shift_jis": "cp932", "gb2312": "gb18030", "gbk": "gb18030",
                     "euc_kr": "cp949"}  # fmt: skip
_LEGACY_CODEC = re.compile(r"(?:iso8859-\d{1,2}|cp\d{3,4}|koi8-[rtu]|mac-\w+|euc_jp|big5(?:hkscs)?|gb18030|"
                           r"iso2022_jp(?:_\w+)?|ptcp154|kz1048)")
# C1 control characters: in text they mean the bytes were Windows-1252 whatever the page says.
_C1 = re.compile("[\u0080-\u009f]")


def _declared_text(data: bytes) -> tuple[str, str] | None:
    """The text in the legacy encoding the file declares, and that encoding's name; None when it
    declares none, one that is no legacy text encoding (UTF-8 among them: the caller got here because
    the bytes are not UTF-8), or one its bytes do not fit."""
    found = _DECLARED.search(data[:_DECLARED_SNIFF])
    if found is None:
        return None
    try:
        codec = codecs.lookup((found.group(1) or found.group(2)).decode("ascii")).name
    except LookupError:
        return None
    codec = _AS_BROWSERS_READ.get(codec, codec)
    if not _LEGACY_CODEC.fullmatch(codec):
        return None
    try:
        text = data.decode(codec)
    except (UnicodeError, LookupError):
        if codec != "cp1252":
            return None
        text, codec = data.decode("latin-1"), "latin-1"  # cp1252 leaves five bytes undefined
    # A cp1252 page that says "iso-8859-15" has its quotes and dashes where that code page has none.
    return None if codec not in ("cp1252", "latin-1") and _C1.search(text) else (text, codec)


def _legacy_text(data: bytes) -> str | None:
    try:
        text = data.decode(LEGACY_ENCODING)
    except UnicodeDecodeError:  # a byte Windows-1252 leaves undefined
        return None
    outside = sum(1 for byte in data if byte >= 0x80)
    return text if outside <= _LEGACY_SHARE * sum(1 for c in text if c.isalpha()) else None


def parse_source(path: str, data: bytes, max_bytes: int = MAX_BYTES) -> Episode | str:
    """Decode and parse one file. Returns the episode, or the reason it failed.

    ``max_bytes`` is the limit on a file, applied to the text a PDF unpacks to as well.
    Runs in worker processes, so it returns errors instead of raising them.
    """
    episode = Episode(id=Path(path).stem, source_path=path)
    try:
        # A Word or OpenDocument file becomes the text it shows, then is read like any other.
        document = read_document(data, path, max_bytes)
        text, note = (document.text, None) if document else decode_noting(data)
        # A printed page is never JSON: a PDF whose text opens with "[" (a key to the transcript's
        # "[...]" notes) is prose, not broken JSON to refuse.
        formats.parse(text, episode, path, exclude=("podcast_json",) if document and document.kind == PDF else ())
        if note:
            episode.repair(*note)
        if document:
            document.describe(episode)
    except (BadSource, SourceRejected) as err:
        return str(err)
    except RecursionError:
        return "too deeply nested to parse"
    except Exception as err:  # a parser bug must not cost the rest of the run
        return f"could not be parsed ({type(err).__name__}: {err}); please report this file"
    return episode


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


_ID_UNSAFE = re.compile(r"[\s/\\?#%]+")


def base_id(path: Path) -> str:
    """The episode id a file asks for: its name without the extension ("18.03.26", a date saved
    with none, keeps its digits)."""
    stem = path.name if path.suffix[1:].isdigit() else path.stem
    # macOS writes file names decomposed ("e" + U+0301); keyboards type the composed letter.
    stem = unicodedata.normalize("NFC", stem)
    return _ID_UNSAFE.sub("-", stem).strip("-") or "episode"


def _a_transcript(store: Store, episode_id: str | None) -> bool:
    """Whether an episode is a transcript, with its own times or speakers: not slides or notes
    named like the talk ("keynote.pdf" beside "keynote.mp4"), which are no reason to skip its audio."""
    episode = store.get_episode(episode_id) if episode_id else None
    if episode is None:
        return False
    timed = not episode.extra.get("times_estimated") and any(s.start is not None for s in episode.segments)
    return timed or any(s.speaker for s in episode.segments)


def _same_talk(path: Path) -> tuple[Path, str]:
    """Files of one talk share a folder and a name, but for a caption language: talk.mp3, talk.en.vtt."""
    return path.parent, without_language_tag(path.stem).casefold()


@dataclass
class _Job:
    path: Path
    source_path: str
    data: bytes
    digest: str
    existing_id: str | None
    episode_id: str = ""
    collision: str | None = None
    auto_chapters: bool = True
    entities: bool = True
    audio: bool = False  # transcribed from source_path; data is not read
    max_bytes: int = MAX_BYTES  # the limit on the file, and on the text a PDF's pages hold
    # Files beside it that describe it: NAME.chapters.json, yt-dlp's NAME.info.json.
    sidecars: list[tuple[Path, bytes]] = field(default_factory=list)
    moved_from: str | None = None  # the episode's file before it was renamed or moved here


# Audio progress: the file, seconds of audio transcribed so far, and its length.
AudioProgress = Callable[[str, float, float], None]


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    *,
    on_file: Callable[[FileOutcome], None] | None = None,
    on_start: Callable[[int], object] | None = None,
    max_bytes: int = MAX_BYTES,
    workers: int | None = None,
    auto_chapters: bool = True,
    entities: bool = True,
    whisper_model: str | None = None,
    on_audio: AudioProgress | None = None,
    reread: bool = False,
) -> IngestSummary:
    """Ingest every file under ``paths`` into ``store``.

    ``on_start(total)`` is told how many files were found; ``on_file(outcome)``
    hears about each file as it finishes, failures included. Audio files (by
    extension) are transcribed with ``whisper_model`` (see podsift.transcribe), in this
    process, telling ``on_audio`` how far each has come. With ``reread``, transcripts
    stored already are read again (a newer podsift may read them better); audio is
    never transcribed again.
    """
    summary = IngestSummary()
    if entities:
        mention_finder()  # a broken alias file stops the run here, before any file is read

    def finish(outcome: FileOutcome) -> None:
        summary.outcomes.append(outcome)
        if on_file:
            on_file(outcome)

    recut_stale_moments(store)
    files, unusable = discover(paths, archive_files(store))
    if on_start:
        on_start(len(files) + len(unusable))
    for outcome in unusable:
        finish(outcome)

    kinds = {p: _sidecar_kind(p) for p in files}
    transcript_talks = {_same_talk(p) for p in files if kinds[p] is None}

    def talk_of(path: Path) -> tuple[Path, str]:
        suffix = (kinds[path] or ("", ""))[0]
        return _same_talk(path.with_name(path.name[: -len(suffix)] + ".x"))

    chapter_files = Counter(talk_of(p) for p in files if (kinds[p] or ("", ""))[1] == "chapters")
    for path in [p for p in files if kinds[p]]:
        files.remove(path)
        suffix, what = kinds[path] or ("", "")
        if (suffix, what) in _PASSED_OVER:
            finish(FileOutcome(str(path), "skipped", notes=[f"{what}: passed over, not a transcript"]))
        elif talk_of(path) in transcript_talks and what == "chapters" and chapter_files[talk_of(path)] > 1:
            # Only one of them is read: the transcript's own note says which.
            finish(FileOutcome(str(path), "skipped", notes=[
                f"chapters for the transcript of the same name, one of its {chapter_files[talk_of(path)]} "
                "chapters files"]))  # fmt: skip
        elif talk_of(path) in transcript_talks:
            finish(FileOutcome(str(path), "skipped", notes=[f"{what}, read with the transcript of the same name"]))
        else:
            finish(FileOutcome(str(path), "skipped", notes=[
                f"{what}, not a transcript; put it beside its transcript (NAME{suffix} beside "
                "NAME.vtt) and ingest that"]))  # fmt: skip

    later = _same_talk_in_other_formats(files)
    files = [p for p in files if not any(p in rest for rest in later.values())]

    jobs: list[_Job] = []
    queued: dict[str, _Job] = {}  # content hash -> job, so a copy in the same run is skipped too
    for path in files:
        job = _prepare(path, store, max_bytes, auto_chapters, entities, reread)
        if isinstance(job, FileOutcome):
            finish(job)
        elif (job.existing_id is None or job.moved_from) and job.digest in queued:  # a moved file's copy too
            finish(FileOutcome(str(path), "skipped", episode_id=None,
                               notes=[f"same content as {queued[job.digest].path}"]))  # fmt: skip
        else:
            queued.setdefault(job.digest, job)
            jobs.append(job)

    _assign_ids(jobs, store)
    failed = set()
    for outcome in _store_all([j for j in jobs if not j.audio], store, workers):
        finish(outcome)
        if outcome.status == "failed":
            failed.add(Path(outcome.path))
    for chosen, rest in later.items():
        _read_one_of(chosen, rest, chosen in failed, store, max_bytes, auto_chapters, entities, finish, reread)
    # In this process, one at a time: the model already uses every core, and progress
    # cannot be reported from a worker.
    talks = {_same_talk(job.path) for job in jobs if job.audio}  # only these need their neighbours read
    read = {talk for o in summary.outcomes if o.status != "failed" and not is_media_file(o.path)
            and (talk := _same_talk(Path(o.path))) in talks and _a_transcript(store, o.episode_id)}  # fmt: skip
    for job in jobs:
        if job.audio and _same_talk(job.path) in read:
            # "talk.mp3" beside "talk.srt", as podcast folders keep them: a second, machine-made copy
            # of the episode would only cost the time to transcribe it.
            finish(FileOutcome(str(job.path), "skipped", notes=[
                "its transcript beside it was read instead (ingest the audio alone to transcribe it)"]))  # fmt: skip
        elif job.audio:
            finish(_store_job(job, store, whisper_model, on_audio))
    summary.index_note = index_words(store)
    if entities and store.setting(FINGERPRINT_SETTING) is None:
        # What `podsift doctor` compares with, to tell when the known names have changed.
        store.set_setting(FINGERPRINT_SETTING, mention_finder().gazetteer.fingerprint)
    return summary


def recut_stale_moments(store: Store) -> int:
    """Cut every episode's moments again if another version of the cutter cut them; returns how many episodes.

    Only the moments change: search indexes them anew, and embedding later reuses the
    vectors of every text that came out the same.
    """
    if store.setting(MOMENTS_SETTING) == str(MOMENTS_VERSION):
        return 0
    ids = sorted(store.episode_ids())
    for episode_id in ids:
        episode = store.get_episode(episode_id)
        if episode is not None:
            store.replace_moments(episode_id, build_moments(episode))
    store.set_setting(MOMENTS_SETTING, str(MOMENTS_VERSION))
    index_words(store)
    return len(ids)


def index_words(store: Store) -> str | None:
    """Bring the archive's lexical index up to date, so the first search need not; returns
    why it could not, if it could not.

    Search ranks words with the on-disk index (search/lexical_index.py), so the store's
    own full-text search (FTS5's backlog) is flushed only where no index can be kept.
    """
    from podsift.search.lexical_index import LexicalIndex

    if store.lexical_index_dir is not None:
        # Another process holding the writer past the wait takes these changes too.
        index = LexicalIndex(store)
        try:
            index.sync(wait=30.0)
        except OSError as err:  # no writable place for it: searches fall back to the store's own
            store.flush_index()
            return (f"the search index {index.path} could not be updated ({err.strerror or err}); everything is "
                    "stored, and word search uses the database's own full-text search until that folder "
                    "is writable (see `podsift doctor`)")  # fmt: skip
    else:
        store.flush_index()
    return None


def _prepare(path: Path, store: Store, max_bytes: int, auto_chapters: bool = True,
             entities: bool = True, reread: bool = False) -> _Job | FileOutcome:  # fmt: skip
    """Read a file, or decide it needs no parsing (unchanged) or cannot be used."""
    name = str(path)
    sidecars = _sidecars_beside(path, max_bytes)

    def ready(job: _Job | FileOutcome) -> _Job | FileOutcome:
        if isinstance(job, _Job):
            job.sidecars, job.max_bytes, job.auto_chapters, job.entities = sidecars, max_bytes, auto_chapters, entities
        return job

    if is_media_file(path):
        return ready(_prepare_audio(path, store, sidecars))
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return FileOutcome(
                name, "failed",
                error=f"too large ({size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB)",
            )  # fmt: skip
        data = path.read_bytes()
    except OSError as err:
        return _unreadable(path, err)
    digest = content_hash(data + _sidecars_part(sidecars))
    return ready(_job_or_unchanged(path, store, data, digest, reread=reread))


# Files that describe a transcript beside them: their suffix and what to call them.
_SIDECARS = ((CHAPTERS_SUFFIX, "chapters"), (CHAPTERS_TEXT_SUFFIX, "chapters"),
             (CHAPTERS_VTT_SUFFIX, "chapters"), *((suffix, "chapters") for suffix in TIMESTAMPS_SUFFIXES),
             (INFO_SUFFIX, "a video's details (yt-dlp)"))  # fmt: skip
# ...and yt-dlp's copy of the description, which its info file holds too: passed over, not an episode.
_PASSED_OVER = ((".description", "a video's description (yt-dlp)"),)


# openai-whisper writes one talk as .json, .vtt, .srt, .tsv and .txt at once ("--output_format
# all"); a document may sit beside its own export. Read once: the richest, times and speakers first.
_RICHEST_FIRST = (".json", ".vtt", ".srt", ".ass", ".ssa", ".ttml", ".dfxp", ".xml", ".sbv", ".smi", ".sami", ".lrc", ".sub",
                  ".tsv", ".trs", ".html", ".htm", ".md", ".docx", ".odt", ".rtf", ".pdf", ".txt")  # fmt: skip


def _same_talk_in_other_formats(files: list[Path]) -> dict[Path, list[Path]]:
    """For each talk found in several transcript formats (same folder, same name), the file to read
    first and the others, richest first."""
    groups: dict[tuple[Path, str], dict[Path, None]] = {}
    for path in files:
        if path.suffix.lower() in _RICHEST_FIRST:
            # A file met twice is one file, never another format of itself (it was then never read).
            groups.setdefault((path.parent, path.stem.casefold()), {})[path] = None
    ordered = [sorted(paths, key=lambda p: _RICHEST_FIRST.index(p.suffix.lower())) for paths in groups.values()]
    return {paths[0]: paths[1:] for paths in ordered if len(paths) > 1}


def _read_one_of(chosen: Path, rest: list[Path], chosen_failed: bool, store: Store, max_bytes: int,
                 auto_chapters: bool, entities: bool, finish: Callable[[FileOutcome], None],
                 reread: bool = False) -> None:  # fmt: skip
    """Pass over the other formats of a talk that was read; if it failed, read them in turn until one is."""
    read = None if chosen_failed else chosen
    for path in rest:
        if read is not None:
            finish(FileOutcome(str(path), "skipped", notes=[
                f"the same talk as {read.name}, which was read (ingest this file alone to store it too)"]))  # fmt: skip
            continue
        job = _prepare(path, store, max_bytes, auto_chapters, entities, reread)
        if isinstance(job, _Job):
            _assign_ids([job], store)
            job = _store_job(job, store)
        finish(job)
        if job.status != "failed":
            read = path


def _sidecar_kind(path: Path) -> tuple[str, str] | None:
    lowered = path.name.lower()
    if lowered == CHAPTERS_VTT_NAME:
        # A player's track, named for no talk; a caption file so named is a transcript all the same.
        return (CHAPTERS_VTT_SUFFIX, "chapters") if _chapter_track_file(path) else None
    kind = next(((suffix, what) for suffix, what in _SIDECARS + _PASSED_OVER if lowered.endswith(suffix)), None)
    if kind and kind[0] in TIMESTAMPS_SUFFIXES and not _chapter_list_file(path):
        return None  # a transcript so named ("interview-timestamps.txt", its lines timed) is one all the same
    return kind


def _chapter_track_file(path: Path) -> bool:
    return is_chapter_track(_head(path))


def _chapter_list_file(path: Path) -> bool:
    return bool(listed_alone(_head(path)))


def _head(path: Path) -> str:
    """The start of a file named like chapters, to tell whether it holds them; empty if unreadable (it is then
    read as a transcript, whose own error says why)."""
    try:
        with path.open("rb") as f:
            head = f.read(_CHAPTER_TRACK_BYTES)
    except OSError:
        return ""
    return head.decode("utf-8-sig", errors="replace")


_CHAPTER_TRACK_BYTES = 65_536


def _sidecars_beside(path: Path, max_bytes: int) -> list[tuple[Path, bytes]]:
    """The files describing the talk ``path`` holds ("talk.chapters.json" beside "talk.en.vtt"), read."""
    if _sidecar_kind(path):
        return []
    found = []
    stems = dict.fromkeys((path.stem, without_language_tag(path.stem)))
    for suffix, _ in _SIDECARS:
        for stem in stems:
            beside = path.with_name(stem + suffix)
            if not beside.exists():
                # "Talk.chapters.json" beside "talk.srt": the folder's ingest pairs them by name whatever the case.
                beside = path.with_name(_names_in(path.parent).get(beside.name.casefold(), beside.name))
            try:
                if beside.is_file() and beside.stat().st_size <= max_bytes and _sidecar_kind(beside):
                    found.append((beside, beside.read_bytes()))
                    break
            except OSError:
                break  # unreadable: the transcript is read as if it had none
    return found


def _names_in(folder: Path) -> dict[str, str]:
    """The folder's file names by their case-folded form (listed once while the folder is unchanged)."""
    try:
        return _listing(folder, folder.stat().st_mtime_ns)
    except OSError:
        return {}


@functools.lru_cache(maxsize=16)
def _listing(folder: Path, _changed: int) -> dict[str, str]:
    return {p.name.casefold(): p.name for p in folder.iterdir()}


def _sidecars_part(sidecars: list[tuple[Path, bytes]]) -> bytes:
    # Part of what the stored hash covers, so a changed chapters or info file reads the transcript again.
    return b"".join(b"\0podsift-sidecar\0" + data for _, data in sidecars)


def _job_or_unchanged(path: Path, store: Store, data: bytes, digest: str, audio: bool = False,
                      reread: bool = False) -> _Job | FileOutcome:  # fmt: skip
    """Skip a file whose content is stored already (at this path or another); else a job for it.

    With ``reread``, a file stored from this path is read again all the same."""
    name = str(path)
    source_path = str(path.resolve())
    known = store.source_by_path(source_path)
    if known and known.content_hash == digest and not reread:
        return FileOutcome(name, "unchanged", episode_id=known.episode_id)
    if not known:
        same = store.source_by_hash(digest)
        if same and not audio and _moved_away(same.source_path, path, store):
            # Renamed or moved: the episode follows its file, so the next edit updates it rather than adding a copy.
            return _Job(path, source_path, data, digest, same.episode_id, moved_from=same.source_path)
        if same:
            return FileOutcome(name, "skipped", episode_id=same.episode_id,
                               notes=[f"same content as episode {same.episode_id!r}"])  # fmt: skip
    return _Job(path, source_path, data, digest, known.episode_id if known else None, audio=audio)


# The folder the server writes an upload into, for as long as its ingest takes.
UPLOAD_PREFIX = "podsift-upload-"


def _moved_away(source_path: str | None, path: Path, store: Store) -> bool:
    """Whether an episode's file is gone from a folder still there, or went with its folder,
    renamed or moved beside it ("talks" to "talks-2024"); a feed's transcript URL never is.

    Only an archive that is a file on this machine can tell a folder renamed from one on
    another machine (a PostgreSQL archive shared by a team holds teammates' paths, and a
    file of the same name there is a copy, not a move). An upload's
    folder went with it: the same bytes uploaded again are a copy too. Nor is an upload of a
    file gone from the server's disk: the episode would follow it into a folder about to
    vanish, and the note would tell the uploader where the server keeps its files."""
    if not source_path or "://" in source_path or not Path(source_path).is_absolute():
        return False
    if path.parent.name.startswith(UPLOAD_PREFIX):
        return False
    old = Path(source_path)
    if old.exists():
        return False
    return old.parent.is_dir() or (store.local_file and _went_with_folder(old, path))


def _went_with_folder(old: Path, path: Path) -> bool:
    """Whether the folder ``old`` was in, or one above it, is gone from a folder still there, and
    ``path`` stands where ``old`` stood under it ("talks/2023/a.srt" now "talks-2024/2023/a.srt")."""
    for gone in old.parents:
        if gone.is_dir():
            return False
        if gone.parent.is_dir():
            under = old.relative_to(gone).parts
            return path.resolve().parts[-len(under) :] == under
    return False


def _prepare_audio(path: Path, store: Store, sidecars: list[tuple[Path, bytes]] | None = None) -> _Job | FileOutcome:
    """An audio file's job, hashed in chunks: no size limit, as a podcast's audio runs to hundreds of MB.

    The hash decides before any transcribing, so audio already stored is never transcribed again.
    """
    digest = hashlib.sha256()
    try:
        with path.open("rb") as file:
            while chunk := file.read(1 << 20):
                digest.update(chunk)
    except OSError as err:
        return _unreadable(path, err)
    digest.update(_sidecars_part(sidecars or []))
    return _job_or_unchanged(path, store, b"", digest.hexdigest(), audio=True)


def _assign_ids(jobs: list[_Job], store: Store) -> None:
    """Give each job its episode id up front, so files can be stored in any process.

    A file keeps the id it had; a new one takes its name, made unique if taken, unless it is an
    episode's file edited where the run shows its folder renamed (a move).
    """
    owners: dict[str, str] = {}  # id -> the source that holds it, for the collision report
    taken = store.episode_ids()
    claimed = {job.existing_id for job in jobs if job.existing_id}
    renamed = _renamed_folders(jobs)
    for job in jobs:
        if not job.existing_id and not job.audio and (was := _before_renaming(job.path, renamed, store)):
            if was.episode_id not in claimed:
                # Its folder renamed and the file edited before this ingest: no hash could follow it.
                job.existing_id, job.moved_from = was.episode_id, was.source_path
                claimed.add(was.episode_id)
        if job.existing_id:
            job.episode_id = job.existing_id
            continue
        wanted = base_id(job.path)
        job.episode_id = wanted
        if wanted in taken:
            n = 2
            while f"{wanted}-{n}" in taken:
                n += 1
            job.episode_id = f"{wanted}-{n}"
            known = store.source_by_id(wanted)
            owner = owners.get(wanted) or (known.source_path if known else None)
            job.collision = (
                f"id {wanted!r} is already taken{f' by {owner}' if owner else ''}; "
                f"this episode is {job.episode_id!r}"
            )
        taken.add(job.episode_id)
        owners[job.episode_id] = str(job.path)


def _renamed_folders(jobs: list[_Job]) -> set[tuple[Path, Path]]:
    """The folders this run shows renamed or moved, (before, now): each file found by its content at
    the same place under another folder ("talks/a/x.srt" now "talks-2024/a/x.srt")."""
    found = set()
    for job in jobs:
        if job.moved_from:
            before, now = Path(job.moved_from).parts, job.path.resolve().parts
            same = 0
            while same < min(len(before), len(now)) and before[-1 - same] == now[-1 - same]:
                same += 1
            if same:
                found.add((Path(*before[: len(before) - same]), Path(*now[: len(now) - same])))
    return found


def _before_renaming(path: Path, renamed: set[tuple[Path, Path]], store: Store) -> StoredSource | None:
    """The stored file that ``path`` was before its folder was renamed, if one was and is gone: an
    unrelated file of the same name elsewhere is no such evidence, so it never takes an episode."""
    here = path.resolve()
    for before, now in renamed:
        if here.is_relative_to(now):
            was = before / here.relative_to(now)
            if not was.exists() and (known := store.source_by_path(str(was))) is not None:
                return known
    return None


def _store_all(jobs: list[_Job], store: Store, workers: int | None) -> Iterable[FileOutcome]:
    """Parse and store each job, in order; in worker processes when there are enough.

    Workers write to the archive themselves (SQLite serialises the writes):
    shipping parsed episodes back to one writer costs more than it saves.
    """
    # In-process by default: measured on 2 cores, writing dominates once moments are
    # indexed, and parallel writers mostly wait on SQLite's lock.
    if not workers or workers <= 1 or len(jobs) < _POOL_THRESHOLD:
        for job in jobs:
            yield _store_job(job, store)
        return
    # fork is cheap; elsewhere use the platform default.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    context = multiprocessing.get_context(method)
    with context.Pool(workers, initializer=_start_worker, initargs=(store.location,)) as pool:
        yield from pool.imap(_worker_job, jobs, chunksize=2)


_worker_store: Store | None = None
_finder: "MentionFinder | None" = None


def mention_finder() -> "MentionFinder":
    """This process's mention finder (the gazetteer and NER model load once per process)."""
    global _finder
    from podsift.entities.extract import MentionFinder
    from podsift.entities.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    if _finder is None or _finder.gazetteer is not gazetteer:
        _finder = MentionFinder(gazetteer)
    return _finder


def _start_worker(location: str) -> None:
    global _worker_store
    # Ctrl-C is the parent's to handle; workers printing tracebacks would only bury its message.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from podsift.store import open_store

    _worker_store = open_store(location)


def _worker_job(job: _Job) -> FileOutcome:
    assert _worker_store is not None
    return _store_job(job, _worker_store)


def recompute_chapters(store: Store, episode: Episode) -> None:
    """Divide an episode into generated chapters again, and save it with its moments cut anew.

    Its mentions are found again too (they were found at ingest, unless it was told not to):
    saving an episode replaces everything under it.
    """
    from podsift.chapters import auto_chapters

    episode.chapters = auto_chapters(episode)
    mentions = mention_finder().find(episode) if store.episode_entities(episode.id) else []
    store.save_episode(episode, build_moments(episode), mentions)
    index_words(store)


class StoredMeanwhile(Exception):
    """Another ingest running at the same time stored this very file, as it is, first."""

    def __init__(self, episode_id: str) -> None:
        super().__init__(episode_id)
        self.episode_id = episode_id


def _save_new_or_updated(
    store: Store, episode: Episode, moments: list[Moment], mentions: "list[Mention]", *, new: bool
) -> None:
    """Save the episode; a new one whose id another ingest took meanwhile takes the next free one.

    Ids are chosen before parsing (so workers can store files in any order); two ingests
    running at once over files with the same names would otherwise replace each other's.
    """
    wanted = episode.id
    for attempt in range(2, 1000):
        try:
            store.save_episode(episode, moments, mentions, new=new)
            return
        except EpisodeIdTaken:
            stored = store.source_by_path(episode.source_path) if episode.source_path else None
            if stored is not None:  # another ingest of the same file (the same folder, twice at once)
                if stored.content_hash == episode.content_hash:
                    raise StoredMeanwhile(stored.episode_id) from None
                episode.id, new = stored.episode_id, False  # edited between the two reads: this one is newer
                continue
            taken = store.episode_ids()
            n = attempt
            while f"{wanted}-{n}" in taken:
                n += 1
            episode.id = f"{wanted}-{n}"
            episode.repair("id_collision", f"id {wanted!r} was taken by another ingest running at the same time; "
                                           f"this episode is {episode.id!r}")  # fmt: skip
    raise EpisodeIdTaken(wanted)


def store_parsed(store: Store, episode: Episode, *, new: bool, auto_chapters: bool = True,
                 entities: bool = True) -> str | None:  # fmt: skip
    """Structure a parsed episode, find its mentions, cut its moments and save it all in one
    transaction; returns the reason it failed, if it did."""
    try:
        add_structure(episode, chapters=auto_chapters)
        if episode.show and host_label(episode):  # the show's speakers cost a query over all its episodes
            name_show_host(episode, *store.show_speakers(episode.show, exclude=episode.id))
        mentions = mention_finder().find(episode) if entities else []
        moments = build_moments(episode)
    except RecursionError:
        return "too deeply nested to structure"
    except Exception as err:  # as in parse_source: a bug on one file must not cost the files after it
        return f"could not be structured ({type(err).__name__}: {err}); please report this file"
    _save_new_or_updated(store, episode, moments, mentions, new=new)
    return None


def transcribe_source(path: str, model: str | None = None,
                      on_progress: Callable[[float, float], None] | None = None) -> Episode | str:  # fmt: skip
    """Transcribe one audio file; returns the episode, or the reason it failed."""
    from podsift.transcribe import AudioUnavailable, BadAudio, transcribe

    episode = Episode(id=Path(path).stem, source_path=path)
    try:
        return transcribe(path, episode, model, on_progress)
    except (AudioUnavailable, BadAudio) as err:
        return str(err)
    except Exception as err:  # as in parse_source: one file's failure must not cost the rest
        return f"could not be transcribed ({type(err).__name__}: {err})"


def _store_job(job: _Job, store: Store, whisper_model: str | None = None,
               on_audio: AudioProgress | None = None) -> FileOutcome:  # fmt: skip
    """Parse (or transcribe) one file and store it with its moments, in one transaction."""
    notes: list[str] = []
    if job.audio:
        progress = (lambda done, total: on_audio(str(job.path), done, total)) if on_audio else None
        episode = transcribe_source(job.source_path, whisper_model, progress)
        if isinstance(episode, Episode):
            notes.append(_transcribed_note(episode))
    else:
        episode = parse_source(job.source_path, job.data, job.max_bytes)
    if isinstance(episode, str):
        return FileOutcome(str(job.path), "failed", error=episode)
    for path, data in job.sidecars:
        if is_info_file(path.name):
            notes += _add_info(episode, path, data)
    # After the info file: written for this transcript, its chapters win; JSON before text.
    used = None
    for path, data in job.sidecars:
        if not is_chapters_file(path.name):
            continue
        if used:
            notes.append(f"{path.name}: not read; the chapters came from {used}")
            continue
        unusable = _add_chapters(episode, path, data)
        notes += unusable
        used = None if unusable else path.name
    episode.id = job.episode_id
    episode.content_hash = job.digest
    if job.collision:
        episode.repair("id_collision", job.collision)
    if not episode.title:
        episode.title, origin = title_and_origin(job.path, episode.extra)
        episode.repair("title_from_filename", f"the source has no title; {episode.title!r} made from {origin}")
    if not (episode.date and episode.youtube_id):
        date, video = date_and_video(job.path)
        taken = []
        if date and not episode.date:
            episode.date = date
            taken.append(f"date {date}")
        if video and not episode.youtube_id:
            episode.youtube_id = video
            taken.append(f"YouTube video {video}")
        if taken:
            episode.repair("facts_from_filename", f"{' and '.join(taken)} from the file name {job.path.name!r}"
                                                  + (", as a video downloader names its files"
                                                     if any(t.startswith("YouTube") for t in taken) else ""))
    if episode.season is None and episode.episode_number is None and (numbers := season_and_episode(job.path)):
        episode.season, episode.episode_number = numbers
        episode.repair("numbers_from_filename", f"season {numbers[0]}, episode {numbers[1]} from the file name "
                                                f"{job.path.name!r}")
    try:
        error = store_parsed(store, episode, new=not job.existing_id, auto_chapters=job.auto_chapters,
                             entities=job.entities)  # fmt: skip
    except StoredMeanwhile as stored:
        return FileOutcome(str(job.path), "unchanged", episode_id=stored.episode_id,
                           notes=[f"stored as {stored.episode_id!r} by another ingest running at the same time"])  # fmt: skip
    if error:
        return FileOutcome(str(job.path), "failed", error=error)
    notes += [r.detail for r in episode.repairs if r.kind in _NOTABLE]
    if job.moved_from:
        notes.append(f"episode {episode.id!r}, moved here from {job.moved_from}")
    if not episode.segments and not any(r.kind == "no_transcript" for r in episode.repairs):
        # Kept (its title and details may be all a feed item has), but never silently.
        notes.append(f"no transcript text in it: {_empty_reason(episode)}; stored with no moments to search")
    return FileOutcome(
        str(job.path),
        "updated" if job.existing_id else "added",
        episode_id=episode.id,
        source_format=episode.source_format,
        segments=len(episode.segments),
        repairs=len(episode.repairs),
        notes=notes,
    )


def _add_chapters(episode: Episode, path: Path, data: bytes) -> list[str]:
    """The chapters file's chapters in place of the transcript's own; notes if it could not be used."""
    try:
        chapters = read_chapters(data, episode)
    except ChaptersUnusable as err:
        reason = f"{path.name}: {err}; kept the transcript's own chapters"
    else:
        if chapters and any(s.start is not None for s in episode.segments):
            episode.chapters = chapters
            episode.repair("chapters_file", f"{counted(len(chapters), 'chapter')} from {path.name}")
            return []
        reason = (f"{path.name}: the transcript has no times to place its chapters on" if chapters
                  else f"{path.name}: no chapter with a title and a start time")  # fmt: skip
    episode.repair("chapters_unusable", reason)
    return [reason]


def _add_info(episode: Episode, path: Path, data: bytes) -> list[str]:
    """Details the transcript lacks from yt-dlp's info file; a note if it could not be used."""
    try:
        filled = apply_info(data, episode)
    except InfoUnusable as err:
        reason = f"{path.name}: {err}"
        episode.repair("info_unusable", reason)
        return [reason]
    if filled:
        episode.repair("video_info", f"from {path.name}: {', '.join(filled)}")
    return []


def _empty_reason(episode: Episode) -> str:
    """The reader's own words for why it found nothing, else a plain one."""
    said = [r.detail for r in episode.repairs if r.kind in ("no_segments", "no_cues", "empty_segment")]
    return said[-1] if said else f"read as {episode.source_format}"


def _transcribed_note(episode: Episode) -> str:
    from podsift.transcribe import machine_transcription, real_time_factor

    info = episode.extra["transcription"]
    rtf = real_time_factor(episode)
    speed = f" ({rtf:.1f}x real time)" if rtf else ""
    return (f"transcribed {info['audio_seconds']:.1f} s of audio in {info['seconds']:.1f} s{speed} "
            f"with {machine_transcription(episode)}")  # fmt: skip
