"""CTM (NIST's "time-marked conversation"): what Kaldi, ESPnet, NeMo and sclite's scoring write,
a word a line.

    nsc-part2-chn0-spk00002671maf-026710134 1 0.00 1.05 spring
    nsc-part2-chn0-spk00002671maf-026710134 1 1.05 0.72 singapore
    sw02001 A 12.34 0.28 hello 0.97

Columns: a recording or utterance id, the channel, the word's start and duration in seconds, the
word, maybe a confidence; ``;;`` lines are comments. The words are joined into turns by the rules
of the word-level formats (``cues.merge_turns``: a pause over 2 s, a sentence end past 30 s),
never across two ids, and the id is never a word. Two channels of one call (``A``, ``B``) are two
speakers, ``Channel A`` and ``Channel B``.

One id, or ids whose times run on, share one timeline. Kaldi's utterance-level CTM starts each
utterance's times at 0: an id that ends in the utterance's start and end (``..._0003427_0003714``,
centiseconds or milliseconds) places it; with no such id the utterances (often separate
recordings) cannot be put on one timeline, so their words are kept in file order, untimed, each
utterance's id and own times kept in ``extra["utterances"]`` and the report saying so. Ids that
are whole recordings (a call's two channels, or words running on for minutes: sclite's test set
of several calls) keep their own times, one recording after another, each call's side its own
speaker (``2347-A``).

sclite's marks in the words (read by ``sclite``): tags after a semicolon (``PRIDE;tag1``) are
left out, an escaped ``A\\;S`` reads ``A;S``, ``@`` is no word, and of an alternation
(``<ALT_BEGIN>`` … ``<ALT>`` … ``<ALT_END>`` records) the first choice is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from podsift.formats.cues import WORD_SENTENCE_TURN, Piece, add_pieces, merge_turns, ms
from podsift.formats.sclite import NULL_WORD, untagged
from podsift.formats.tiers import SILENCE
from podsift.model import Episode, SourceRejected
from podsift.text import as_time, counted, prepare_text, split_directions

NAME = "ctm"
EXTENSIONS = (".ctm",)

_NUMBER = r"\d+(?:\.\d+)?"
_ROW = re.compile(
    rf"^(?P<id>\S+)[ \t]+(?P<channel>\S+)[ \t]+(?P<start>{_NUMBER})[ \t]+(?P<duration>{_NUMBER})[ \t]+(?P<word>\S+)"
    rf"(?:[ \t]+(?P<confidence>-?{_NUMBER}(?:[eE][-+]?\d+)?|NA))?[ \t]*$"
)
_COMMENT = ";;"
# sclite's marks around alternative words, their times "*": "2347 B * * <ALT_BEGIN>".
_ALTERNATION = re.compile(r"^(?P<id>\S+)[ \t]+(?P<channel>\S+)[ \t]+\*[ \t]+\*[ \t]+(?P<mark><ALT(?:_BEGIN|_END)?>)[ \t]*$")
_MIN_ROWS = 3
_SHARE = 0.9
# An id ending in the utterance's start and end in the recording: "sw02001-A_000098-001156".
_SPAN_ID = re.compile(r"[-_](\d{4,})[-_](\d{4,})$")
_SPAN_SLACK = 0.05  # an aligner's last word may end a frame or two past the segment
_RECORDING = 60.0  # an id's words running on longer than this are a recording's, not one utterance's
# Recognisers' tokens that are not words: unknown words, and noises written in angle brackets.
_UNKNOWN = frozenset({"<unk>", "<UNK>", "[unk]", "<oov>"})
_ANGLED = re.compile(r"^<([a-z_-]+)>$", re.IGNORECASE)
# Gecko's export: each of one recording's segments an id of its speaker, its number and "audio"
# ("Roger_00003_audio"), "<NA>" for a speaker or a word not given; its lines sorted by id, not time.
_GECKO_ID = re.compile(r"^(?P<speaker>[^_\s]+)_\d+_audio$")
_NOT_GIVEN = "<NA>"


def sniff(text: str) -> float:
    lines = [line for line in text[:16384].split("\n")[:200] if line.strip() and not line.startswith(_COMMENT)]
    if len(text) > 16384:
        lines = lines[:-1]  # cut mid-line
    if len(lines) < _MIN_ROWS:
        return 0.0
    rows = sum(bool(_ROW.match(line.strip()) or _ALTERNATION.match(line.strip())) for line in lines)
    return 0.9 if rows >= _SHARE * len(lines) else 0.0


@dataclass
class _Run:
    """The lines of one id and channel (a call's two channels interleave in the file)."""

    id: str
    channel: str
    words: list[tuple[float, float, str]] = field(default_factory=list)


def _runs(text: str, episode: Episode) -> list[_Run]:
    runs: dict[tuple[str, str], _Run] = {}
    unreadable = later_choices = 0
    later: set[tuple[str, str]] = set()  # the ids and channels inside an alternation's later choices
    for line in text.split("\n"):
        line = line.strip()
        if not line or line.startswith(_COMMENT):
            continue
        if alternation := _ALTERNATION.match(line):
            # sclite's "<ALT_BEGIN> … <ALT> … <ALT_END>": the first choice is read, the others not.
            key = (alternation.group("id"), alternation.group("channel"))
            if alternation.group("mark") == "<ALT>":
                later.add(key)
            else:
                later.discard(key)
            continue
        m = _ROW.match(line)
        start = as_time(float(m.group("start"))) if m else None
        duration = as_time(float(m.group("duration"))) if m else None
        if not m or start is None or duration is None:
            unreadable += 1
            continue
        key = (m.group("id"), m.group("channel"))
        if key in later:
            later_choices += 1
            continue
        word = untagged(m.group("word"))  # "PRIDE;tag1" is "PRIDE", "A\;S" is "A;S"
        if word and word != NULL_WORD:
            run = runs.setdefault(key, _Run(*key))
            run.words.append((start, start + duration, word))
    if unreadable:
        episode.repair("unreadable_lines", f"{counted(unreadable, 'line')} not of CTM's shape left out")
    if later_choices:
        episode.repair("alternations", f"{counted(later_choices, 'word')} of alternations' later choices (<ALT> … <ALT_END>) "
                                       "left out: the first choice is read")  # fmt: skip
    return list(runs.values())


def _restart(runs: list[_Run]) -> bool:
    """Do the times start again with a new id (each utterance timed from its own start)?"""
    ends: dict[str, float] = {}  # per channel: a second channel's words overlap the first's
    for run in runs:
        if run.channel in ends and run.words[0][0] < ends[run.channel] - _SPAN_SLACK:
            return True
        ends[run.channel] = max(ends.get(run.channel, 0.0), max(end for _, end, _ in run.words))
    return False


def _offsets(runs: list[_Run]) -> tuple[list[float], str] | None:
    """Each utterance's start in the recording, where every id ends in its span and its words fit in it."""
    spans = [_SPAN_ID.search(run.id) for run in runs]
    if not all(spans):
        return None
    for scale, unit in ((0.01, "centiseconds"), (0.001, "milliseconds")):
        fits = True
        starts: list[float] = []
        for run, span in zip(runs, spans):
            assert span is not None
            begin, end = int(span.group(1)) * scale, int(span.group(2)) * scale
            fits = fits and end > begin and max(e for _, e, _ in run.words) <= end - begin + _SPAN_SLACK
            starts.append(begin)
        if fits:
            return starts, unit
    return None


def _pieces(run: _Run, speaker: str | None, offset: float, counts: dict[str, int]) -> list[Piece]:
    pieces: list[Piece] = []
    for start, end, word in run.words:
        if word.lower() in SILENCE:
            counts["silence"] += 1
            continue
        if word in _UNKNOWN or word == _NOT_GIVEN:  # Gecko writes "<NA>" for a word it was not given
            counts["unknown"] += 1
            continue
        if angled := _ANGLED.match(word):
            word = f"[{angled.group(1).replace('_', ' ')}]"  # <noise>, <laughter>: sounds
        spoken, directions = split_directions(word)
        pieces.append(Piece(ms(start + offset), ms(end + offset), speaker, spoken, directions))
    return pieces


def _recordings(runs: list[_Run]) -> bool:
    """Are ids whose times start again whole recordings (sclite's test set of several calls), not a
    recogniser's utterances? An utterance is one channel, seconds long; a call has two sides, and a
    recording runs on for minutes."""
    channels: dict[str, set[str]] = {}
    spans: dict[str, list[float]] = {}
    for run in runs:
        channels.setdefault(run.id, set()).add(run.channel)
        span = spans.setdefault(run.id, [run.words[0][0], run.words[0][1]])
        span[0] = min(span[0], min(start for start, _, _ in run.words))
        span[1] = max(span[1], max(end for _, end, _ in run.words))
    return all(len(channels[id_]) > 1 or end - start > _RECORDING for id_, (start, end) in spans.items())


def _gecko(runs: list[_Run]) -> bool:
    """Are the ids Gecko's, each a segment of one recording named after its speaker?"""
    return all(_GECKO_ID.match(run.id) for run in runs) and len({run.channel for run in runs}) == 1


def _speaker(run: _Run, channels: list[str], recordings: bool, gecko: bool) -> str | None:
    """Two channels of one call are ``Channel A`` and ``Channel B``; of several calls, each call's
    side is its own speaker, ``2347-A``, as sclite's references name them. Gecko's ids name theirs."""
    if gecko and (m := _GECKO_ID.match(run.id)):
        return None if m.group("speaker") == _NOT_GIVEN else m.group("speaker")
    if len(channels) < 2:
        return None
    return f"{run.id}-{run.channel}" if recordings else f"Channel {run.channel}"


def _by_recording(runs: list[_Run], joined: list[list[Piece]], episode: Episode) -> list[Piece]:
    """Each recording's turns in time order, the recordings one after another as the file has them."""
    by_id: dict[str, list[Piece]] = {}  # grouped once: a file may hold thousands of calls
    for run, ts in zip(runs, joined):
        by_id.setdefault(run.id, []).extend(ts)
    ids = list(by_id)
    turns: list[Piece] = []
    starts = []
    for id_ in ids:
        starts.append({"id": id_, "first_segment": len(turns)})
        turns.extend(sorted(by_id[id_], key=lambda t: t.start if t.start is not None else float("inf")))
    episode.extra["recordings"] = starts
    episode.repair("recordings", f"words of {len(ids)} recordings ({', '.join(ids[:3])}…) in one file, each timed "
                                 "from its own start, one after another; where each begins in extra['recordings']")  # fmt: skip
    return turns


def parse(text: str, episode: Episode) -> None:
    text = prepare_text(text, episode)
    runs = _runs(text, episode)
    if not runs:
        raise SourceRejected("a CTM file with no words, so it is not a transcript")
    channels = sorted({run.channel for run in runs})
    counts = {"silence": 0, "unknown": 0}
    gecko = _gecko(runs)
    restart = not gecko and _restart(runs)  # Gecko's segments are one recording's, listed by speaker
    placed = _offsets(runs) if restart else None
    recordings = restart and placed is None and _recordings(runs)
    timed = not restart or placed is not None or recordings
    offsets = placed[0] if placed else [0.0] * len(runs)
    said = [_pieces(run, _speaker(run, channels, recordings, gecko), offset, counts)
            for run, offset in zip(runs, offsets)]  # fmt: skip
    if gecko:
        episode.repair("gecko_ids", f"Gecko's CTM: each of its {len(runs)} ids is a segment of one recording named "
                       "after its speaker ('<NA>': none given); its lines, listed by id, put in time order")  # fmt: skip
    # An id's words never join another id's; channels of one call interleave by time.
    joined = [merge_turns(pieces, merge_unnamed=True, sentence_turn=WORD_SENTENCE_TURN) for pieces in said]
    turns: list[Piece] = []
    if recordings:
        turns = _by_recording(runs, joined, episode)
    elif timed:
        turns = sorted((t for ts in joined for t in ts), key=lambda t: t.start if t.start is not None else float("inf"))
        if placed:
            episode.repair("utterance_offsets", f"each of the {len(runs)} utterances timed from its own start; "
                                                f"placed by the start and end its id ends in ({placed[1]})")  # fmt: skip
    else:
        utterances = []
        for run, ts in zip(runs, joined):
            utterances.append({"id": run.id, "start": ms(run.words[0][0]),
                               "end": ms(max(end for _, end, _ in run.words)), "first_segment": len(turns)})  # fmt: skip
            for t in ts:
                t.start = t.end = None
            turns.extend(ts)
        episode.extra["utterances"] = utterances
        episode.repair("times_restart", f"the times start again at each of the {len(runs)} utterance ids "
                       f"({runs[0].id!r}, ...), which give no place in one recording: the words are kept in "
                       "file order, untimed, each utterance's id and own times in extra['utterances']")  # fmt: skip
    words = sum(len(pieces) for pieces in said)
    add_pieces(episode, turns)
    detail = f"{words:,} words (one a line) joined into {counted(len(turns), 'segment')}, never across two ids"
    if counts["silence"] or counts["unknown"]:
        detail += f"; {counts['silence']:,} silence and {counts['unknown']:,} unknown-word (<unk>) tokens left out"
    episode.repair("joined_words", detail)
    if not episode.segments:
        raise SourceRejected("a CTM file with no words, so it is not a transcript")
