"""Times as marks among the words: oTranscribe's plain-text export, and any text so stamped.

oTranscribe puts the recording's time wherever the transcriber presses its key: opening a
paragraph, closing a line (``…on campus? 02:51``) or inside a sentence; its text export
keeps each as a bare clock (``MM:SS``, ``H:MM:SS`` past the hour) among the words. A mark
is the moment between the words before it and those after it: the words after it start
there and run to the next mark; the words before a paragraph's first mark start at a mark
that closed the paragraph before, or else share the time between the marks around them
by their words; the last mark, nothing after it, is where the words end. They are read
as the same transcript's ``.otr`` is (:func:`podcast_html.timed_paragraphs`).

A clock among words is not always a mark (``at 7:52 P.M.``): clocks count as marks only
where the text has enough of them for its words, where they go forward, and as the file
writes its marks (minutes padded, ``07:52``, if any are).
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right

from podsift.formats import plain_text
from podsift.formats.labels import looks_like_name
from podsift.formats.line_wrap import join_lines
from podsift.formats.plain_text import is_markdown, text_paragraphs
from podsift.formats.podcast_html import timed_paragraphs
from podsift.model import Episode
from podsift.text import counted, is_markup_line, parse_timestamp, prepare_text, squash, unescape_entities, youtube_id

NAME = "time_marks"
EXTENSIONS = (".txt",)

# A clock standing apart from other numbers; letters may touch it (oTranscribe's mark has no
# space before it, and the transcriber may have typed on right after it). "7:52 P.M." is the time
# of day, and a quoted clock a value ("time: '1:11'" in a YAML file).
_MARK = re.compile(r"(?<![\w:.,/'\"‘“])(?:\d{1,2}:)?(?P<minutes>\d{1,2}):[0-5]\d(?![\d:]|[.,]\d|\s?[AaPp]\.?[Mm]\b)")
_MIN_MARKS = 3
# A transcriber stamps every minute or two; fewer clocks than one in this many words are things said.
_WORDS_PER_MARK = 300
# Clocks all set in square brackets ("[4:00] We tell the computer…") are an editor's, however sparse:
# a hand-made transcript stamps every two minutes (340 words apart) or so.
_WORDS_PER_BRACKETED_MARK = 900
_BRACKETED = re.compile(r".?\\?\[[\d:]+\\?\]")  # "[4:00]", escaped in Markdown "\[4:00\]"
# Nearly all the clocks must go forward: a text whose clocks jump about is citing them.
_FORWARD_SHARE = 0.8
_SNIFF_CHARS = 32768
# Where a mark was, while the text is cut into paragraphs (a private-use character: never a word).
_PLACE = "\ue000"


def _forward(times: list[float]) -> list[int]:
    """The indices of the longest run of ``times`` (not necessarily adjacent) that never goes back."""
    ends: list[int] = []  # ends[k]: the index ending the best run of k + 1 found so far
    values: list[float] = []  # the times at ends
    before: list[int | None] = []
    for i, time in enumerate(times):
        k = bisect_right(values, time)
        before.append(ends[k - 1] if k else None)
        if k == len(ends):
            ends.append(i)
            values.append(time)
        else:
            ends[k], values[k] = i, time
    run: list[int] = []
    at = ends[-1] if ends else None
    while at is not None:
        run.append(at)
        at = before[at]
    return run[::-1]


def marks(text: str) -> tuple[list[re.Match[str]], list[str]]:
    """The clocks in ``text`` that are marks, and the others (its words); no marks unless the
    clocks behave as a transcriber's stamps do."""
    found = list(_MARK.finditer(text))
    if any(m.group("minutes").startswith("0") and len(m.group("minutes")) == 2 for m in found):
        found = [m for m in found if len(m.group("minutes")) == 2]  # the marks pad their minutes
    times = [parse_timestamp(m.group()) or 0.0 for m in found]
    kept = [found[i] for i in _forward(times)]
    bracketed = all(_BRACKETED.match(text, max(m.start() - 2, 0), m.end() + 2) for m in kept)
    per_mark = _WORDS_PER_BRACKETED_MARK if bracketed else _WORDS_PER_MARK
    if (len(kept) < _MIN_MARKS or len(kept) < _FORWARD_SHARE * len(found)
            or len(text.split()) > per_mark * len(kept)):
        return [], []
    starts = {m.start() for m in kept}
    return kept, [m.group() for m in _MARK.finditer(text) if m.start() not in starts]


def sniff(text: str) -> float:
    # Above plain text only: any format that reads its own times comes first. Markdown stays plain
    # text's, which takes its headings and emphasis out of the words (a slide's image has its time).
    head = text[:_SNIFF_CHARS]
    return 0.2 if not is_markdown(head) and marks(head)[0] else 0.0


# Words a page sets before every one of its marks ("Starting point is 00:04:46", as podscripts.co
# shows each paragraph's time): the page's label for the time, not speech.
_LABEL_CHARS = 40
_MIN_LABELLED = 3
_LABEL = re.compile(r"[^\W\d_][\w'’]*(?:[ \t]+[\w'’]+){1,4}[ \t]*")


def _mark_label(text: str, found: list[re.Match[str]]) -> str | None:
    """The words ``text`` sets before every one of its marks (two words or more), if any."""
    if len(found) < _MIN_LABELLED:
        return None  # the words before one or two marks are as likely speech as a label
    before = [text[max(m.start() - _LABEL_CHARS, 0) : m.start()] for m in found]
    common = os.path.commonprefix([b[::-1] for b in before])[::-1]
    # it starts a word: a capital (a scraper may glue it to the words before), or mostly no letter before it
    if common and not common[0].isupper() \
            and 2 * sum(len(b) > len(common) and b[-len(common) - 1].isalpha() for b in before) > len(before):
        common = common[common.find(" ") + 1 :] if " " in common else ""
    return common if common and _LABEL.fullmatch(common) else None


def _line_around(text: str, mark: re.Match[str]) -> tuple[str, str]:
    """The words before ``mark`` on its line, and those after it."""
    start, end = text.rfind("\n", 0, mark.start()) + 1, text.find("\n", mark.end())
    return text[start : mark.start()].strip(), text[mark.end() : end if end >= 0 else len(text)].strip()


def parse(text: str, episode: Episode) -> None:
    if not marks(text)[0]:
        plain_text.parse(text, episode)  # clocks that are not marks: the words of plain text
        return
    text = prepare_text(text, episode).replace(_PLACE, "")
    found, words = marks(text)
    clocks = iter(m.group() for m in found)
    starts = {m.start() for m in found}
    placed = _MARK.sub(lambda m: _PLACE if m.start() in starts else m.group(), text)
    placed = re.sub(rf"\\?\[{_PLACE}\\?\]", _PLACE, placed)  # the brackets around a mark go with it
    named = None  # "Jane Smith 00:01:10" before every mark: who speaks from each
    if (label := _mark_label(text, found)) is not None:
        placed = placed.replace(label + _PLACE, _PLACE)
        if looks_like_name(label.strip()):
            named = label.strip()
            episode.repair("mark_label", f"{named!r} before each of the {len(found)} times names who speaks from it")
        else:
            episode.repair("mark_label", f"the words {label.strip()!r} before each of the {len(found)} times are the "
                                         "page's label for them (as podscripts.co shows each time), not speech")
    pieces: list[tuple[str | None, str | None, str]] = []
    carried: str | None = None  # a mark with no words after it in its paragraph
    links = 0
    for chunk in text_paragraphs(placed, episode)[0]:
        for n, part in enumerate(chunk.split(_PLACE)):
            when = next(clocks, None) if n else carried
            said = squash(unescape_entities(join_lines(part.split("\n"))))  # "Music.&nbsp;" as a page keeps it
            if said and is_markup_line(said):
                links += 1  # a link (to the recording, say) or a rule: not speech
                episode.youtube_id = episode.youtube_id or youtube_id(said)
                said = ""
            if said:
                pieces.append((named if n or carried is not None else None, when, said))
            carried = None if said else when
    if carried is not None:
        pieces.append((None, carried, ""))  # the last mark: where the words before it end
    if pieces and pieces[0][1] is None:
        pieces[0] = (None, "0:00", pieces[0][2])  # the words before the first mark: from the start, by their words
    lines = [_line_around(text, m) for m in found]
    ends = sum(1 for before, after in lines if before and not after)
    inside = sum(1 for before, after in lines if before and after)
    episode.repair("time_marks", f"{len(found)} times among the words ({ends} closing a line, {inside} inside one), "
                                 "as oTranscribe's text export keeps them: each starts the words after it")  # fmt: skip
    if words:
        episode.repair("clocks_in_words", f"{counted(len(words), 'clock')} written otherwise than the marks or out of their "
                                          f"order kept as words: {', '.join(words[:5])}")  # fmt: skip
    if links:
        video = f"; the YouTube link is the recording ({episode.youtube_id})" if episode.youtube_id else ""
        episode.repair("page_markup", f"{counted(links, 'line')} of links or markup left out of the speech{video}")
    timed_paragraphs(pieces, episode)
