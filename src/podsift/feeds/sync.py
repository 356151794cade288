"""Followed feeds in, episodes out: each item's best transcript, parsed and stored like a file.

A feed that cannot be fetched or read costs only itself; an item that fails costs only
itself. Conditional GETs and content hashes leave unchanged feeds and transcripts alone.

Made to be left running: when a feed answers 304, its items' transcripts are still asked
(conditionally, so each costs a 304 too), because a show may correct a transcript without
touching its feed. Edited details in the feed (title, date, notes, people, chapters) update
the stored episode without parsing its transcript again, and an item that leaves the feed
keeps its episode (it is the user's archive) and is reported once as no longer in the feed.
"""

from __future__ import annotations

import hashlib
import json
import re
import stat
import tempfile
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Callable, Literal
from urllib.parse import urljoin, urlsplit

from podsift.feeds.fetch import Fetched, Fetcher, FetchError
from podsift.feeds.parse import NOTES_CHAPTERS, PODLOVE_CHAPTERS, FeedError, Item, Show, Transcript, parse_feed
from podsift.formats.chapters_file import ChaptersUnusable, place_chapters, read_chapters
from podsift.ingest import StoredMeanwhile, content_hash, index_words, parse_source, store_parsed, transcribe_source
from podsift.media_files import AUDIO_SUFFIXES, url_suffix
from podsift.model import Chapter, Episode
from podsift.store import FeedItemRow, FeedRow, Store
from podsift.store.base import now
from podsift.text import counted, web_url

ItemStatus = Literal["added", "updated", "unchanged", "removed", "skipped", "failed"]
STATUSES: tuple[ItemStatus, ...] = ("added", "updated", "unchanged", "removed", "skipped", "failed")
DETAILS_CHANGED = "details changed in the feed; the transcript did not, so it was not read again"
CHAPTERS_READ = "its chapters, which could not be read before, were read; the transcript did not change"
# Marks an item's details hash when its podcast:chapters could not be read (a link not there
# yet, a server down): the next time the feed changes, the chapters are tried again.
_CHAPTERS_UNREAD = "+chapters-unread"
LINKED_CHAPTERS = "the item's podcast:chapters"
_FEED_SOURCES = (NOTES_CHAPTERS, PODLOVE_CHAPTERS, LINKED_CHAPTERS)
GONE = "no longer in the feed; its episode stays"
NO_TRANSCRIPT = "no transcript; `podsift sync --transcribe` transcribes its audio"
NO_AUDIO = "no transcript, and no audio enclosure to transcribe"
SHARED = "its transcript is already episode {}'s"
_AUDIO_SUFFIX = {"audio/mpeg": ".mp3", "audio/mp3": ".mp3", "audio/mp4": ".m4a", "audio/x-m4a": ".m4a",
                 "audio/aac": ".m4a", "audio/wav": ".wav", "audio/x-wav": ".wav", "audio/ogg": ".ogg",
                 "audio/opus": ".opus"}  # fmt: skip


@dataclass(frozen=True)
class Transcribing:
    """How to transcribe items that have audio but no transcript (``sync --transcribe``)."""

    model: str | None = None  # see podsift.transcribe.model_setting
    # Told the enclosure's URL, seconds of audio transcribed so far, and its length.
    on_progress: Callable[[str, float, float], None] | None = None

# Most to least preferred: the richer formats keep speakers and exact times.
_PREFERENCE: list[tuple[tuple[str, ...], str]] = [
    (("application/json",), ".json"),
    # Some hosts label WebVTT as an application type, as they do SubRip.
    (("text/vtt", "application/vtt", "text/x-vtt", "application/x-vtt"), ".vtt"),
    (("application/ttml+xml", "application/ttaf+xml", "application/dfxp+xml"), ".ttml"),
    (("application/x-subrip", "application/srt", "text/srt"), ".srt"),
    (("text/html",), ".html"),
    (("text/plain",), ".txt"),
    # The same text as a .txt, in a zip: read only where nothing plainer is offered.
    (("application/vnd.openxmlformats-officedocument.wordprocessingml.document",), ".docx"),
    (("application/vnd.oasis.opendocument.text",), ".odt"),
    # A PDF's text has lost its lines to the page; it is put back together, but less surely.
    (("application/pdf",), ".pdf"),
]
_HTML = re.compile(rb"^\s*(?:<!doctype\s+html|<html)", re.IGNORECASE)


@dataclass
class ItemOutcome:
    guid: str
    title: str | None
    status: ItemStatus
    episode_id: str | None = None
    reason: str | None = None


@dataclass
class FeedOutcome:
    url: str
    title: str | None = None
    image: str | None = None  # the show's artwork, an http(s) URL
    error: str | None = None
    not_modified: bool = False
    items: list[ItemOutcome] = field(default_factory=list)
    # The validators the feed answered with, for the next sync's conditional GET.
    etag: str | None = None
    last_modified: str | None = None

    def counts(self) -> dict[str, int]:
        return {s: sum(1 for i in self.items if i.status == s) for s in STATUSES}


def is_local(location: str) -> bool:
    """A feed given as a file path rather than a URL."""
    return "://" not in location


def episode_id(item: Item) -> str:
    """A readable id that stays the same for as long as the item keeps its guid: the title's letters
    without their accents ("Bäume" as "baume", not "b-ume")."""
    title = unicodedata.normalize("NFKD", (item.title or "episode").translate(_LETTERS)).lower()
    plain = "".join(c for c in title if not unicodedata.combining(c))
    slug = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:60].strip("-") or "episode"
    return f"{slug}-{hashlib.sha256((item.shared_guid or item.guid).encode()).hexdigest()[:8]}"


# Letters no accent-stripping spells in ASCII.
_LETTERS = str.maketrans({"ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "đ": "d", "ł": "l", "þ": "th", "ð": "d",
                          "Æ": "AE", "Ø": "O", "Œ": "OE", "Đ": "D", "Ł": "L", "Þ": "TH", "Ð": "D"})


def show_name(title: str, url: str, feeds: list[FeedRow]) -> str:
    """The name a feed's show goes by: its title, unless another followed feed's show has it.

    Episodes are grouped into shows by name, so two feeds titled "Data Talks" would merge.
    The second is told apart by where it comes from ("Data Talks (feeds.example.org)"),
    and keeps that name once given, whatever the first feed does later.
    """
    own = next((feed.title for feed in feeds if feed.url == url), None)
    distinct = [f"{title} ({where})" for where in (urlsplit(url).netloc or Path(url).name, url)]
    if own in distinct:
        return own
    taken = {feed.title.casefold() for feed in feeds if feed.url != url and feed.title}
    return next((name for name in [title, *distinct] if name.casefold() not in taken), distinct[-1])


def choose_transcript(transcripts: list[Transcript], language: str | None = None) -> tuple[Transcript, str] | None:
    """The transcript to read, and the file extension its type implies.

    One in the show's ``language`` (or in none stated) comes first, whatever its type: a
    translation's captions are not the episode's words, however rich their format.
    """
    ranked = ranked_transcripts(transcripts, language)
    return ranked[0] if ranked else None


def ranked_transcripts(transcripts: list[Transcript], language: str | None = None) -> list[tuple[Transcript, str]]:
    """Every transcript podsift can read, best first (as ``choose_transcript`` chooses), with its extension."""
    ranked: list[tuple[int, int, int, Transcript, str]] = []
    for rank, (types, suffix) in enumerate(_PREFERENCE):
        for order, transcript in enumerate(transcripts):
            if transcript.type in types:
                ranked.append((_foreign(transcript.language, language), rank, order, transcript, suffix))
    ranked.sort(key=lambda r: r[:3])
    return [(transcript, suffix) for _, _, _, transcript, suffix in ranked]


def _foreign(stated: str | None, language: str | None) -> int:
    """1 when a transcript's stated language is another than the show's ("es" for an "en-us" show)."""
    if not stated or not language:
        return 0
    return int(stated.split("-")[0].strip().lower() != language.split("-")[0].strip().lower())


def sync(
    store: Store,
    fetcher: Fetcher,
    *,
    on_start: Callable[[int], object] | None = None,
    on_feed: Callable[[FeedOutcome], None] | None = None,
    auto_chapters: bool = True,
    entities: bool = True,
    transcribing: Transcribing | None = None,
    only: str | None = None,
    on_item: Callable[[int, int], None] | None = None,
) -> list[FeedOutcome]:
    """Sync every followed feed (or ``only`` the one with that URL); ``on_feed`` hears each outcome as it is known,
    and ``on_item`` how many of the feed's items are done, of how many.

    With ``transcribing``, an item without a transcript has its audio enclosure transcribed.
    """
    feeds = [row for row in store.feeds() if only is None or row.url == only]
    if on_start:
        on_start(len(feeds))
    outcomes = []
    for row in feeds:
        # Transcribing reads every feed in full: its unchanged items may be ones skipped before for want of
        # a transcript. Items already stored stay unchanged by their own validators and hashes.
        etag, last_modified = (None, None) if transcribing else (row.etag, row.last_modified)
        outcome = _sync_feed(store, fetcher, row.url, etag, last_modified, auto_chapters, entities,
                             transcribing, on_item)  # fmt: skip
        title = outcome.title or row.title
        failed = outcome.counts()["failed"]
        status = ("failed: " + outcome.error if outcome.error else "not modified" if outcome.not_modified
                  else f"ok, {counted(failed, 'item')} failed" if failed else "ok")  # fmt: skip
        etag, last_modified = outcome.etag, outcome.last_modified
        if failed:
            # Forget the validators, so the next sync reads the feed whole and tries the failed items again
            # even if the feed has not changed ("" rather than None: None keeps the stored ones).
            etag, last_modified = "", ""
        store.record_feed_sync(row.url, title=outcome.title, etag=etag, last_modified=last_modified,
                               status=status, image=outcome.image)  # fmt: skip
        outcome.title = title
        outcomes.append(outcome)
        if on_feed:
            on_feed(outcome)
    index_words(store)
    return outcomes


def check_feed(fetcher: Fetcher, location: str) -> str | None:
    """Read a feed about to be followed: FetchError or FeedError where there is none to follow (a file or page
    that is no feed, an address gone for good); the reason where it cannot be read right now (no network, a
    timeout, a server error), as it may be by the next sync; None where it reads as a feed."""
    try:
        fetched = _read_feed(fetcher, location, None, None)
        parse_feed(fetched.data, _base(location, fetched))
    except FetchError as err:
        if is_local(location) or not _passing(str(err)):
            raise
        return str(err)
    return None


def _base(location: str, fetched: Fetched) -> str:
    """What the feed's relative links are relative to: where it was fetched from (after redirects), or its file."""
    return Path(location).resolve().as_uri() if is_local(location) else fetched.url


def _get(fetcher: Fetcher, location: str, etag: str | None = None, last_modified: str | None = None) -> Fetched:
    """A feed, transcript, chapters or audio: downloaded, or a file's path (a feed file's, or a link in one) read."""
    if not is_local(location):
        return fetcher.get(location, etag, last_modified)
    try:
        found = Path(location).stat()
        if not stat.S_ISREG(found.st_mode):  # a pipe or a device would be read forever
            raise FetchError("not a regular file")
        size = found.st_size
        if size > fetcher.policy.max_bytes:
            raise FetchError(f"too large ({size / 1e6:.1f} MB; the limit is {fetcher.policy.max_bytes / 1e6:.0f} MB)")
        data = Path(location).read_bytes()
    except OSError as err:
        raise FetchError(f"unreadable ({err.strerror or err})") from None
    return Fetched(location, data, "", None, None)


def _read_feed(fetcher: Fetcher, url: str, etag: str | None, last_modified: str | None) -> Fetched:
    fetched = _get(fetcher, url, etag, last_modified)
    if is_local(url):
        return fetched
    if not fetched.not_modified and (fetched.content_type == "text/html" or _HTML.match(fetched.data)):
        raise FetchError(f"an HTML page, not a feed (served as {fetched.content_type or 'unlabelled'})")
    return fetched


def _sync_feed(store: Store, fetcher: Fetcher, url: str, etag: str | None, last_modified: str | None,
               auto_chapters: bool, entities: bool, transcribing: Transcribing | None,
               on_item: Callable[[int, int], None] | None = None) -> FeedOutcome:  # fmt: skip
    outcome = FeedOutcome(url)
    known = store.feed_items(url)
    prefetched: dict[str, Fetched | FetchError] = {}
    try:
        fetched = _read_feed(fetcher, url, etag, last_modified)
        if fetched.not_modified:
            # The feed is the same, but a transcript may have been corrected in place.
            unchanged, prefetched = _recheck_transcripts(fetcher, known)
            if not prefetched:
                outcome.not_modified = True
                outcome.items = unchanged
                return outcome
            # One did change (or failed): read the feed whole, for the item's details, and sync as usual.
            fetched = _read_feed(fetcher, url, None, None)
        base = _base(url, fetched)
        show = parse_feed(fetched.data, base)
    except (FetchError, FeedError) as err:
        outcome.error = str(err)
        return outcome
    _take_over_resolved_guids(store, url, [base, url], show, known)
    if show.title:
        show.title = show_name(show.title, url, store.feeds())
    outcome.etag, outcome.last_modified = fetched.etag, fetched.last_modified
    outcome.title, outcome.image = show.title, show.image
    seen = set()
    for done, item in enumerate(show.items):
        if on_item:
            on_item(done, len(show.items))
        seen.add(item.guid)
        try:
            outcome.items.append(_sync_item(store, fetcher, url, show, item, known.get(item.guid),
                                            auto_chapters, entities, transcribing, prefetched))  # fmt: skip
        except (FetchError, FeedError) as err:
            outcome.items.append(ItemOutcome(item.guid, item.title, "failed", reason=str(err)))
    if on_item:
        on_item(len(show.items), len(show.items))
    if not show.recovered:  # from a feed read past broken markup, a missing item may only be unreadable
        outcome.items += _mark_gone(store, [row for guid, row in known.items() if guid not in seen])
    return outcome


def _take_over_resolved_guids(store: Store, url: str, bases: list[str], show: Show,
                              known: dict[str, FeedItemRow]) -> None:  # fmt: skip
    """Archives synced before guids were kept as written hold a bare id ("5b88529b-…") as feedparser read it, a
    link beside the feed (where it was read from then: the followed address, or where that redirected): such a
    row is the item's, moved under its guid, so the item keeps its episode rather than leaving the feed."""
    listed = {item.guid for item in show.items}
    for item in show.items:
        if item.guid in known:
            continue
        for base in dict.fromkeys(b for b in bases if b.startswith(("http:", "https:"))):  # a file's never was
            try:
                old = urljoin(base, item.guid)
            except ValueError:  # "//[…": feedparser made no link of it either
                continue
            row = known.get(old)
            # A guid that is itself a link, still in the feed, stays its own item's.
            if row is not None and old != item.guid and old not in listed:
                store.rename_feed_item(url, old, item.guid)
                del known[old]
                known[item.guid] = replace(row, guid=item.guid)
                break


def _recheck_transcripts(fetcher: Fetcher, known: dict[str, FeedItemRow]
                         ) -> tuple[list[ItemOutcome], dict[str, Fetched | FetchError]]:  # fmt: skip
    """Ask each stored item's transcript conditionally: the unchanged ones as outcomes, and the
    answers of the rest (changed, or failing) by URL, so the full sync need not ask again."""
    unchanged: list[ItemOutcome] = []
    answers: dict[str, Fetched | FetchError] = {}
    for row in known.values():
        url = row.transcript_url
        if row.gone_at or not row.episode_id or not url or _is_audio(row):
            continue  # audio is transcribed only by `sync --transcribe`, which reads every feed whole
        try:
            fetched = fetcher.get(url, row.etag, row.last_modified)
        except FetchError as err:
            answers[url] = err
            continue
        if fetched.not_modified or content_hash(fetched.data) == row.content_hash:
            unchanged.append(ItemOutcome(row.guid, row.title, "unchanged", episode_id=row.episode_id))
        else:
            answers[url] = fetched
    return unchanged, answers


def _is_audio(row: FeedItemRow) -> bool:
    """A transcribed enclosure (rows from before types were kept: by the URL's extension)."""
    if row.transcript_type:
        return row.transcript_type.startswith("audio")
    return url_suffix(row.transcript_url or "") in AUDIO_SUFFIXES


def _mark_gone(store: Store, rows: list[FeedItemRow]) -> list[ItemOutcome]:
    """Items that left the feed: reported on the sync that notices, their episodes kept."""
    gone = []
    for row in rows:
        if row.gone_at or not row.episode_id:
            continue
        store.save_feed_item(replace(row, gone_at=now()))
        gone.append(ItemOutcome(row.guid, row.title, "removed", episode_id=row.episode_id, reason=GONE))
    return gone


def _sync_item(store: Store, fetcher: Fetcher, feed_url: str, show: Show, item: Item, known: FeedItemRow | None,
               auto_chapters: bool, entities: bool, transcribing: Transcribing | None = None,
               prefetched: dict[str, Fetched | FetchError] | None = None) -> ItemOutcome:  # fmt: skip
    offered = ranked_transcripts(item.transcripts, show.language)
    audio = not offered and transcribing is not None
    if not offered:
        unread = _unread(item)
        if transcribing is None:
            return ItemOutcome(item.guid, item.title, "skipped", reason=unread or NO_TRANSCRIPT)
        enclosure = _audio_enclosure(item)
        if enclosure is None:
            reason = f"{unread}; no audio enclosure to transcribe either" if unread else NO_AUDIO
            return ItemOutcome(item.guid, item.title, "skipped", reason=reason)
        offered = [enclosure]
    # Hosts offer the same transcript in two to four formats: one that cannot be fetched or read is
    # passed over for the next, best first, and the episode's report says so.
    failed: list[str] = []
    for transcript, suffix in offered:
        # The transcript an episode was made from stays its source: when it fails (a server busy for a
        # moment), the episode is kept and the item tried again next time, not remade from a lesser one.
        stored = known is not None and known.transcript_url == transcript.url
        try:
            result = _read_transcript(store, fetcher, feed_url, show, item, known, auto_chapters, entities,
                                      transcribing if audio else None, prefetched, transcript, suffix, failed)
        except FetchError as err:
            if len(offered) == 1 or (stored and _passing(str(err))):
                raise
            result = str(err)
        if isinstance(result, ItemOutcome):
            return result
        failed.append(result)
    return ItemOutcome(item.guid, item.title, "failed", reason="; ".join(failed))


def _unread(item: Item) -> str | None:
    """Why the transcripts an item offers are not read, naming each: a link podsift does not follow, a type it
    does not read. None where it offers none: then it has no transcript."""
    reasons = item.unfollowed + [f"transcript {t.url}: " + (f"its type {t.type!r} is not one podsift reads" if t.type
                                                           else "it names no type, so it is not read")
                                 for t in item.transcripts]  # fmt: skip
    return "; ".join(reasons) or None


# A failure that passes: the server busy or slow, the connection lost. A stored episode waits it out;
# a transcript gone for good (404, 410), an error page or an unreadable file is passed over.
_PASSING = re.compile(r"HTTP (?:5\d\d|408|429)\b|timed? ?out|connect|resolve|reset|refused|temporar", re.IGNORECASE)


def _passing(reason: str) -> bool:
    return bool(_PASSING.search(reason))


def _read_transcript(store: Store, fetcher: Fetcher, feed_url: str, show: Show, item: Item,
                     known: FeedItemRow | None, auto_chapters: bool, entities: bool,
                     transcribing: Transcribing | None, prefetched: dict[str, Fetched | FetchError] | None,
                     transcript: Transcript, suffix: str, failed: list[str]) -> ItemOutcome | str:  # fmt: skip
    """The item's episode from one offered transcript (or its audio, with ``transcribing``); a reason
    (str) where this one cannot be fetched or read, so the next may be tried."""
    audio = transcribing is not None
    # Another item (of this feed or another that re-lists the show) already made an episode of it.
    wanted = known.episode_id if known and known.episode_id else episode_id(item)
    sharer = store.source_by_path(transcript.url)
    # With the same title and guid, the other's episode has the id this item would take: it is still theirs.
    theirs = sharer is not None and known is None and store.feed_of(wanted) not in (None, feed_url)
    if sharer is not None and (sharer.episode_id != wanted or theirs):
        return ItemOutcome(item.guid, item.title, "skipped", reason=SHARED.format(sharer.episode_id))
    same_url = known is not None and known.transcript_url == transcript.url
    answer = (prefetched or {}).pop(transcript.url, None) if same_url else None
    try:
        if isinstance(answer, FetchError):
            raise answer
        fetched = answer or _get(fetcher, transcript.url, known.etag if same_url and known else None,
                                 known.last_modified if same_url and known else None)  # fmt: skip
    except FetchError as err:
        raise FetchError(f"{'audio' if audio else 'transcript'} {transcript.url}: {err}") from None
    digest = content_hash(fetched.data)
    details = _details_hash(show, item)
    # Audio too: unchanged audio is never transcribed again.
    if same_url and known and (fetched.not_modified or known.content_hash == digest):
        return _same_transcript(store, fetcher, show, item, known, details, auto_chapters, entities)
    if suffix != ".html" and (fetched.content_type == "text/html" or _HTML.match(fetched.data)):
        raise FetchError(f"transcript {transcript.url}: an HTML page, not the {transcript.type} it claims to be")
    if transcribing is not None:
        episode = _transcribe(fetched.data, suffix, transcript.url, transcribing)
    else:
        episode = parse_source(_transcript_name(transcript.url, suffix), fetched.data, fetcher.policy.max_bytes)
    if isinstance(episode, str):
        return f"{'audio' if audio else 'transcript'} {transcript.url}: {episode}"
    for reason in failed:
        episode.repair("transcript_passed_over", f"{reason}; read {transcript.url} ({transcript.type}) instead"
                       + (f", in {transcript.language}" if _foreign(transcript.language, show.language) else ""))
    # Replace only an episode this item made: a file ingested under the same id keeps it.
    holder = store.source_by_id(wanted)
    exists = holder is not None and (known is not None or holder.source_path == transcript.url)
    _describe(episode, wanted, show, item, transcript, digest)
    if audio:
        episode.extra.pop("transcript_type", None)  # the enclosure's type, not a transcript's
    chapters = _chapters(fetcher, item.chapters_url, episode) if item.chapters_url else None
    if chapters:
        episode.chapters = chapters
    else:
        _listed_chapters(episode, item)
    episode.finish()  # the feed's values pass the same checks as a transcript's
    try:
        error = store_parsed(store, episode, new=not exists, auto_chapters=auto_chapters, entities=entities)
    except StoredMeanwhile as stored:  # two syncs of one feed at once: the other stored it first
        return ItemOutcome(item.guid, item.title, "unchanged", episode_id=stored.episode_id,
                           reason="stored by another sync running at the same time")  # fmt: skip
    if error:
        return ItemOutcome(item.guid, item.title, "failed", reason=f"transcript {transcript.url}: {error}")
    if item.chapters_url and not chapters:
        details += _CHAPTERS_UNREAD
    store.save_feed_item(FeedItemRow(feed_url, item.guid, episode.id, transcript.url, fetched.etag,
                                     fetched.last_modified, digest, details, item.title,
                                     transcript_type=transcript.type))  # fmt: skip
    return ItemOutcome(item.guid, item.title, "updated" if exists else "added", episode_id=episode.id)


def _details_hash(show: Show, item: Item) -> str:
    """A fingerprint of what the feed says about an item, beside its transcript."""
    details: list[object] = [show.title, show.image, item.title, item.date, item.description, item.link,
                             item.season, item.episode, item.duration, item.image, item.enclosure_url,
                             item.chapters_url, sorted((p.role, p.name) for p in item.persons)]  # fmt: skip
    # Fields added later join only where an item has them, so an item without keeps the fingerprint it was
    # stored with. A list in the show notes is in the description already.
    if item.listed_chapters and item.listed_in == PODLOVE_CHAPTERS:
        details.append(item.listed_chapters)
    if item.episode_label:
        details.append(item.episode_label)
    if item.itunes_episode:
        details.append(("itunes:episode", item.itunes_episode))
    return hashlib.sha256(json.dumps(details, default=str).encode()).hexdigest()[:32]


def _same_transcript(store: Store, fetcher: Fetcher, show: Show, item: Item, known: FeedItemRow, details: str,
                     auto_chapters: bool, entities: bool) -> ItemOutcome:  # fmt: skip
    """An item whose transcript is unchanged: its episode's details follow the feed's, if they changed.

    The stored episode takes the new details; its segments are not parsed again, and its
    moments keep their texts, so none is embedded again (only the episode's profile, whose
    title and notes may have changed).
    """
    row = replace(known, details_hash=details, title=item.title, gone_at=None)
    # A row from before details were kept: remember them now; there is nothing to compare with.
    retry = (known.details_hash or "").endswith(_CHAPTERS_UNREAD)
    changed = known.details_hash is not None and known.details_hash.removesuffix(_CHAPTERS_UNREAD) != details
    stale = changed or retry
    episode = store.get_episode(known.episode_id) if stale and known.episode_id else None
    if episode is None:
        if row != known:
            store.save_feed_item(row)
        return ItemOutcome(item.guid, item.title, "unchanged", episode_id=known.episode_id)
    kind, language = episode.extra.get("transcript_type"), episode.extra.get("transcript_language")
    transcript = Transcript(known.transcript_url or episode.source_path or "", kind if isinstance(kind, str) else "",
                            language if isinstance(language, str) else None)  # fmt: skip
    _describe(episode, episode.id, show, item, transcript, episode.content_hash or "")
    # The feed's chapters are read again (or no longer linked): an earlier failure to read them is past.
    episode.repairs = [r for r in episode.repairs
                       if not (r.kind == "chapters_unusable" and r.detail.startswith("podcast:chapters "))]  # fmt: skip
    regenerate = False
    if item.chapters_url:
        chapters = _chapters(fetcher, item.chapters_url, episode)
        episode.chapters = chapters or episode.chapters
        if not chapters:
            row = replace(row, details_hash=details + _CHAPTERS_UNREAD)
            if not changed:  # still not there, and nothing else to store
                store.save_feed_item(row)
                return ItemOutcome(item.guid, item.title, "unchanged", episode_id=known.episode_id)
    elif not _listed_chapters(episode, item) and _forget_feed_chapters(episode):
        # The feed lists its chapters no longer: the episode's are the transcript's own again (or generated).
        try:
            episode.chapters = _own_chapters(fetcher, known, episode)
        except FetchError as err:
            return ItemOutcome(item.guid, item.title, "failed", episode_id=episode.id,
                               reason=f"transcript {known.transcript_url}: {err}")  # fmt: skip
        episode.repairs = [r for r in episode.repairs if r.kind != "chapters_generated"]
        regenerate = auto_chapters
    episode.finish()
    # The chapters are final already (the feed's or generated ones): structuring again keeps them.
    error = store_parsed(store, episode, new=False, auto_chapters=regenerate, entities=entities)
    if error:
        return ItemOutcome(item.guid, item.title, "failed", episode_id=episode.id, reason=error)
    store.save_feed_item(row)
    return ItemOutcome(item.guid, item.title, "updated", episode_id=episode.id,
                       reason=DETAILS_CHANGED if changed else CHAPTERS_READ)


def _listed_chapters(episode: Episode, item: Item) -> bool:
    """The item's listed chapters (Podlove's, or the show notes'), where it lists any and the transcript is timed:
    written for the episode, they beat the transcript's headings and generated titles. Whether it took them."""
    if not item.listed_chapters or not any(s.start is not None for s in episode.segments):
        return False
    episode.chapters = place_chapters(item.listed_chapters, episode)
    _note_feed_chapters(episode, len(item.listed_chapters), item.listed_in)
    return True


def _note_feed_chapters(episode: Episode, count: int, source: str) -> None:
    """Say in the episode's report where in the feed its chapters come from (once: a stored episode's report
    said where its earlier ones came from), so a sync can tell when the feed stops listing them."""
    _forget_feed_chapters(episode)
    episode.repair("chapters", f"{counted(count, 'chapter')} from {source}")


def _forget_feed_chapters(episode: Episode) -> bool:
    """Drop the report's word that the chapters are the feed's; whether it said so."""
    kept = [r for r in episode.repairs if not (r.kind == "chapters" and r.detail.endswith(_FEED_SOURCES))]
    forgot = len(kept) != len(episode.repairs)
    episode.repairs = kept
    return forgot


def _own_chapters(fetcher: Fetcher, known: FeedItemRow, episode: Episode) -> list[Chapter]:
    """The chapters the episode's transcript gives itself (its headings, its JSON's), read again; none from audio,
    or where the transcript has changed since (the next sync reads it whole)."""
    url = known.transcript_url
    if not url or _is_audio(known):
        return []
    fetched = _get(fetcher, url)
    if content_hash(fetched.data) != known.content_hash:
        return []
    parsed = parse_source(_transcript_name(url, _suffix(known.transcript_type or "", url)), fetched.data,
                          fetcher.policy.max_bytes)  # fmt: skip
    return [] if isinstance(parsed, str) else parsed.chapters


def _suffix(kind: str, url: str) -> str:
    """The file extension a transcript's declared type implies (else its URL's)."""
    return next((suffix for types, suffix in _PREFERENCE if kind in types), url_suffix(url))


def _transcript_name(url: str, suffix: str) -> str:
    """The URL's own name, with the extension its declared type implies: it helps the format sniffer."""
    return (PurePosixPath(urlsplit(url).path).stem or "transcript") + suffix


def _audio_enclosure(item: Item) -> tuple[Transcript, str] | None:
    """The item's audio enclosure as what to transcribe, with the file extension it implies."""
    if not item.enclosure_url:
        return None
    kind = (item.enclosure_type or "").lower()
    suffix = _AUDIO_SUFFIX.get(kind) or url_suffix(item.enclosure_url)
    if suffix not in AUDIO_SUFFIXES and not kind.startswith("audio/"):
        return None  # a video or a document; whisper would decode a video's sound, but it is rarely wanted
    return Transcript(item.enclosure_url, kind or "audio"), suffix if suffix in AUDIO_SUFFIXES else ".mp3"


def _transcribe(data: bytes, suffix: str, url: str, transcribing: Transcribing) -> Episode | str:
    """Transcribe downloaded audio; the decoder reads files, so it is written to a temporary one first."""
    progress = transcribing.on_progress
    with tempfile.TemporaryDirectory(prefix="podsift-audio-") as folder:
        path = Path(folder) / f"enclosure{suffix}"
        path.write_bytes(data)
        episode = transcribe_source(str(path), transcribing.model,
                                    (lambda done, total: progress(url, done, total)) if progress else None)  # fmt: skip
    return episode


def _describe(episode: Episode, wanted: str, show: Show, item: Item, transcript: Transcript, digest: str) -> None:
    """The feed's word on the episode beats the transcript's guesses."""
    episode.id = wanted
    episode.source_path = transcript.url
    episode.content_hash = digest
    episode.title = item.title or episode.title or wanted
    episode.show = show.title or episode.show
    episode.date = item.date or episode.date
    episode.season = item.season if item.season is not None else episode.season
    numbered = item.episode is not None or item.episode_label is not None
    episode.episode_number = item.episode if numbered else episode.episode_number
    # Episode numbers are whole: one like "315.5" (or what the show displays) is kept as written in extra instead.
    if item.episode_label:
        episode.extra["episode"] = item.episode_label
    elif item.episode is not None:
        episode.extra.pop("episode", None)
    if item.itunes_episode:
        episode.extra["itunes_episode"] = item.itunes_episode
    elif numbered:
        episode.extra.pop("itunes_episode", None)
    episode.duration = item.duration or episode.duration
    episode.media_url = web_url(item.enclosure_url) or episode.media_url
    if item.enclosure_url and is_local(item.enclosure_url):
        episode.extra["media_file"] = item.enclosure_url  # a feed file's audio beside it: no page plays a path
    episode.page_url = item.link or episode.page_url
    guests = [p.name for p in item.persons if p.role == "guest"]
    if guests:
        episode.guests = guests
    hosts = [p.name for p in item.persons if p.role == "host"]
    if hosts:
        episode.extra["hosts"] = hosts
    for key, value in (("description", item.description), ("image", item.image or show.image),
                       ("guid", item.guid), ("transcript_type", transcript.type),
                       ("transcript_language", transcript.language)):  # fmt: skip
        if value:
            episode.extra[key] = value


def _chapters(fetcher: Fetcher, url: str, episode: Episode) -> list[Chapter] | None:
    """The item's Podcasting 2.0 chapters, placed on the transcript's segments; None if unusable."""
    try:
        chapters = read_chapters(_get(fetcher, url).data, episode) or None
        if chapters:
            _note_feed_chapters(episode, len(chapters), LINKED_CHAPTERS)
        return chapters
    except (FetchError, ChaptersUnusable) as err:
        episode.repair("chapters_unusable", f"podcast:chapters {url}: {err}; kept the transcript's own")
        return None
