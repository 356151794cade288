"""NIST STM (segment time marks): the reference transcripts sclite scores speech recognisers
against, as Transcriber's ``stm.tcl``, Kaldi's scripts and corpora (TED-LIUM, Kallaama) write them.

    ;; CATEGORY "2" "Speaker Sex" ""
    ;; LABEL "male"   "Male" ""
    wol_4210 1 locuteur_1 0.000 53.831 <o,f1,male> [musique] nawet bi door na … projet :fra bii
    wol_4210 1 inter_segment_gap 694.467 694.507 <o,f0,>
    wol_4210 1 excluded_region 1103.354 1106.049 <o,,unknown> ignore_time_segment_in_scoring

Columns: the recording, its channel, the speaker, the segment's start and end in seconds, an
optional label in angle brackets (its conditions: focus, speaker sex), then the words; ``;;``
lines are comments. Each line is a segment of its speaker. ``inter_segment_gap`` lines mark
silence and make nothing; a region whose words are ``ignore_time_segment_in_scoring`` (sclite's
"not scored": music, noise, speech not transcribed) is kept in ``extra["excluded_regions"]``.

Inside the words, Transcriber's conventions: an event in brackets (``[musique]``, ``[r]`` breath,
``[bb]`` mouth noise) is a direction, as in its ``.trs`` files; a language tag after a word
(``projet :fra``, a loanword) leaves the words and is counted in ``extra["word_languages"]``;
a hesitation (``%e``, ``%hum``, sclite's optionally deletable words) is a direction, not a word; a
truncated word (``jo()``) reads ``jo-``. sclite's ``{NOISE}``-style tokens are sounds too; its
alternations (``{ um / uh }``) read as their first choice, its escaped ``a\\;s`` as ``a;s``.
"""

from __future__ import annotations

import re
from collections import Counter

from podsift.formats.cue_languages import LANGUAGE_CODES
from podsift.formats.cues import ms
from podsift.formats.sclite import first_alternatives, unescape
from podsift.model import Episode, SourceRejected
from podsift.text import agrees, as_time, counted, prepare_text, split_directions, squash

NAME = "stm"
EXTENSIONS = (".stm",)

_NUMBER = r"\d+(?:\.\d+)?"
_ROW = re.compile(
    rf"^(?P<file>\S+)[ \t]+(?P<channel>\S+)[ \t]+(?P<speaker>\S+)[ \t]+(?P<start>{_NUMBER})[ \t]+(?P<end>{_NUMBER})"
    r"(?:[ \t]+(?P<label><[^<>\s]*>))?(?:[ \t]+(?P<words>.*))?$"
)
_COMMENT = ";;"
_MIN_ROWS = 3
_SHARE = 0.9
_HEAD = 16384
_GAP = "inter_segment_gap"
_IGNORED = "ignore_time_segment_in_scoring"

# An event in brackets (Transcriber's "[musique]", "[r]", "[bb]"), or sclite's "{NOISE}" alone.
_EVENT = re.compile(r"\[[^\[\]\n]{1,40}\]|(?<!\S)\{[A-Za-z_]{2,20}\}(?!\S)")
# A hesitation, sclite's optionally deletable word: "%e", "%hum", "%HESITATION".
_HESITATION = re.compile(r"(?<!\S)%[^\W\d_]+(?!\S)")
# A word's language tag, written after it: "projet :fra", "dix:Fra" (ISO 639 codes, checked below).
_TAG = re.compile(r"(?:(?<=\s)|(?<=\w)|^):(?P<code>[A-Za-z]{2,3})(?!\S)")
# The same with a slip of the key, a space after the colon ("bon: fra", ": fra"): read only for the
# codes the file tags its words with properly, so "this: it works" keeps its "it".
_LOOSE_TAG = re.compile(r"(?:(?<=\s)|(?<=\w)|^):[ \t]+(?P<code>[A-Za-z]{2,3})(?!\S)")
# A truncated word, as Transcriber's conventions write it: "jo()".
_TRUNCATED = re.compile(r"(?<=\w)\(\)(?!\S)")
# A mark standing alone that is no word ("bu delloo ci *").
_LONE_MARK = re.compile(r"(?<!\S)[*+#%]+(?!\S)")


def sniff(text: str) -> float:
    lines = [line for line in text[:_HEAD].split("\n")[:200] if line.strip() and not line.startswith(_COMMENT)]
    if len(text) > _HEAD:
        lines = lines[:-1]  # cut mid-line
    if len(lines) < _MIN_ROWS:
        return 0.0
    rows = [m for line in lines if (m := _ROW.match(line.strip()))]
    if len(rows) < _SHARE * len(lines) or any(float(m.group("end")) < float(m.group("start")) for m in rows):
        return 0.0
    return 0.9


def _code(m: re.Match[str], known: set[str] | None = None) -> str | None:
    code = m.group("code").lower()
    if code.upper() not in LANGUAGE_CODES or (known is not None and code not in known):
        return None
    return code


def _words(words: str, counts: Counter[str], languages: Counter[str]) -> tuple[str, list[str]]:
    """The spoken words of a segment's text and its directions, by Transcriber's and sclite's conventions."""
    words, alternations = first_alternatives(words)
    counts["alternations"] += alternations
    directions = [m.group(0) if m.group(0).startswith("[") else f"[{m.group(0)[1:-1].lower()}]"
                  for m in _EVENT.finditer(words)]  # fmt: skip
    words = _EVENT.sub(" ", words)
    hesitations = _HESITATION.findall(words)
    directions += [f"[{h}]" for h in hesitations]
    counts["hesitations"] += len(hesitations)
    words = _HESITATION.sub(" ", words)
    tagged = [code for m in _TAG.finditer(words) if (code := _code(m))]
    words = _TAG.sub(lambda m: " " if _code(m) else m.group(0), words)
    known = set(languages) | set(tagged)
    loose = [code for m in _LOOSE_TAG.finditer(words) if (code := _code(m, known))]
    words = _LOOSE_TAG.sub(lambda m: " " if _code(m, known) else m.group(0), words)
    languages.update(tagged + loose)
    words, truncated = _TRUNCATED.subn("-", words)
    counts["truncated"] += truncated
    for mark in _LONE_MARK.findall(words):
        counts[f"mark {mark}"] += 1
    words = _LONE_MARK.sub(" ", words)
    spoken, found = split_directions(squash(unescape(words)))
    return spoken, directions + found


def parse(text: str, episode: Episode) -> None:
    text = prepare_text(text, episode)
    counts: Counter[str] = Counter()
    languages: Counter[str] = Counter()
    labels: Counter[str] = Counter()
    excluded: list[list[float | None]] = []
    files: list[str] = []
    comments: list[str] = []
    unreadable = gaps = 0
    for line in text.split("\n"):
        line = line.strip()
        if line.startswith(_COMMENT):
            comment = line[len(_COMMENT):].strip()
            if comment and not comment.startswith(("CATEGORY", "LABEL")):
                comments.append(comment)  # "Transcriber export by stm.tcl…", "transcribed by …"
            continue
        if not line:
            continue
        m = _ROW.match(line)
        start = ms(as_time(float(m.group("start")))) if m else None
        end = ms(as_time(float(m.group("end")))) if m else None
        if not m or start is None or end is None:
            unreadable += 1
            continue
        if m.group("file") not in files:
            files.append(m.group("file"))
        if label := m.group("label"):
            labels[label] += 1
        speaker, words = m.group("speaker"), m.group("words") or ""
        if speaker.lower() == _GAP:
            gaps += 1
            continue
        if words.strip().lower() == _IGNORED:
            excluded.append([start, end])
            continue
        spoken, directions = _words(words, counts, languages)
        if spoken or directions:
            episode.add_segment(spoken, start=start, end=end, speaker=speaker, directions=directions)
        else:
            counts["empty"] += 1
    if not episode.segments:
        raise SourceRejected("an STM file with no words in its segments, so it is not a transcript")
    _report(episode, counts, languages, labels, excluded, files, comments, unreadable, gaps)


def _report(episode: Episode, counts: Counter[str], languages: Counter[str], labels: Counter[str],
            excluded: list[list[float | None]], files: list[str], comments: list[str], unreadable: int,
            gaps: int) -> None:  # fmt: skip
    if len(files) == 1:
        episode.extra["audio_filename"] = files[0]
    else:
        episode.repair("recordings", f"segments of {len(files)} recordings ({', '.join(files[:3])}…) in one file, "
                                     "each timed from its own start")  # fmt: skip
    if comments:
        episode.extra["comments"] = comments
    detail = f"{len(episode.segments):,} segments, one a line, with their speakers and times"
    if labels:
        episode.extra["segment_labels"] = dict(labels.most_common())
        detail += f"; their labels ({', '.join(labels)}) left out of the words, kept in extra['segment_labels']"
    episode.repair("stm_segments", detail)
    if gaps or excluded:
        seconds = sum(end - start for start, end in excluded if start is not None and end is not None)
        parts = [f"{counted(gaps, 'inter_segment_gap line')} {agrees(gaps, 'makes', 'make')} nothing"] if gaps else []
        if excluded:
            episode.extra["excluded_regions"] = excluded
            parts.append(f"{counted(len(excluded), 'region')} not scored (ignore_time_segment_in_scoring, {seconds:.1f} s) "
                         "kept in extra['excluded_regions']")  # fmt: skip
        episode.repair("not_speech", "; ".join(parts))
    if languages:
        episode.extra["word_languages"] = dict(languages.most_common())
        shown = ", ".join(f":{code} {n:,}" for code, n in languages.most_common())
        episode.repair("language_tags", f"words tagged with their language ({shown}): tags left out of the words, "
                                        "counted in extra['word_languages']")  # fmt: skip
    notes = [f"{counted(counts['hesitations'], 'hesitation')} ('%e', '%hum') kept as directions"] if counts["hesitations"] else []
    if counts["alternations"]:
        notes.append(f"{counted(counts['alternations'], 'alternation')} ('{{ um / uh }}') read as their first choice")
    if counts["truncated"]:
        notes.append(f"{counted(counts['truncated'], 'truncated word')} ('jo()') read as 'jo-'")
    if marks := {key[5:]: n for key, n in counts.items() if key.startswith("mark ")}:
        notes.append(f"{counted(sum(marks.values()), 'lone mark')} ({', '.join(repr(m) for m in marks)}) left out")
    if counts["empty"]:
        notes.append(f"{counted(counts['empty'], 'segment')} with no words {agrees(counts['empty'], 'makes', 'make')} nothing")
    if notes:
        episode.repair("transcriber_marks", "; ".join(notes))
    if unreadable:
        episode.repair("unreadable_lines", f"{counted(unreadable, 'line')} not of STM's shape left out")
