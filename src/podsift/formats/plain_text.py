"""Plain text: no times, no structure. The fallback every other format loses to.

Paragraphs (blank-line separated; lines when there are no blank lines) become
untimed segments; a very long one is cut at sentence ends. A paragraph opening
with an obvious ``Name:`` prefix gives its speaker. Show notes above a transcript
marker ("**TRANSCRIPT BELOW:**") are set aside, as on a page with front matter.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from itertools import pairwise

from podsift.formats import attendees, zoom_chat
from podsift.formats import question_headings as questions_
from podsift.formats.caption_lines import caption_track, caption_turns
from podsift.formats.clock_times import DayClock, day_clock_line, opening_day_clock
from podsift.formats.cues import CHEVRONS
from podsift.formats.heading_lines import (
    MIN_RULED_HEADINGS,
    PLACE_DATE_WORDS,
    header_heading,
    heading_above,
    heading_facts,
    report_header_headings,
    ruled_headings,
    slug_headings,
    title_and_date,
)
from podsift.formats.labels import (
    INTERJECTIONS,
    IRC_NICK,
    PARTICLES,
    SENTENCE_END,
    blank_name,
    credible,
    fathom_note,
    given_name_like,
    hearing_label,
    initials_that_are_words,
    irc_nick,
    is_credit,
    is_credit_line,
    keep_notes,
    looks_like_name,
    meeting_field,
    not_a_name,
    notes_heading,
    numbered_speaker,
    person,
    stereo_label,
    titled,
    typed_names,
)
from podsift.formats.line_wrap import join_line, join_lines, unwrap, wrapped_width
from podsift.formats.markdown_page import split_transcript
from podsift.formats.moment_links import name_before_linked_clock, opening_clock, opening_moment, time_turns
from podsift.formats.name_lines import name_lines
from podsift.formats.news_story import news_story
from podsift.formats.record_labels import record_labels
from podsift.formats.site_text import page_text
from podsift.formats.translated_page import interleaved
from podsift.model import Chapter, Episode
from podsift.moments import MAX_CHARS, sentence_chunks
from podsift.speakers import ANONYMOUS, GENERIC
from podsift.text import (
    LIST_ITEM,
    MARKDOWN_HEADING,
    NOTE_WORDS,
    agrees,
    bracketed,
    counted,
    date_in,
    generic_title,
    is_markup_line,
    lone_link,
    note_text,
    parse_duration,
    parse_timestamp,
    prepare_plain,
    sound_word,
    split_directions,
    split_directions_after,
    squash,
    stage_note,
    strip_markdown_inline,
    unescape_entities,
)
from podsift.words import STOPWORDS, word_frequency

NAME = "plain_text"
EXTENSIONS = (".txt", ".text")

# Blank = nothing but spaces and tabs; other control characters count as content.
_BLANK_LINE = re.compile(r"\n[ \t]*(?:\n[ \t]*)+\n|\n[ \t]*\n")
# NPR's transcripts give each voice's role after a comma at its first turn ("STEVE INSKEEP, HOST:",
# "MARY LOUISE KELLY, BYLINE:"), then the surname ("INSKEEP:"): the role is no part of the name.
_BROADCAST_ROLE = r"(?:HOST|CO-HOST|BYLINE|ANCHOR|GUEST|CORRESPONDENT|REPORTER|NARRATOR|MODERATOR)"
# 1-3 capitalised words then a colon and a space: "Alexey:", "Mary Ann Lee:", "**Ana:**", "**Ana** :";
# in bold, also as a list item ("* **Ana** : ..."), as turns listed by hand are written.
_NAME_PREFIX = re.compile(
    r"^(?P<bullet>[-*+•][ \t]+(?=\*\*|__))?(?P<open>\*\*|__)?(?P<name>"
    r"(?:[^\W\d_][\w.'’-]*)(?: (?:(?:" + "|".join(sorted(PARTICLES)) + r") )*[^\W\d_][\w.'’-]*){0,2}(?: \d{1,3}[A-Z]?)?"
    # two or three people at once: "DUCKWORTH + DUBNER:", "Ann & Bob:", "Ann and Bob:"
    r"(?: (?:&|\+|and) [^\W\d_][\w.'’-]*(?: [^\W\d_][\w.'’-]*){0,2}){0,2})"
    rf"(?:,[ \t]+{_BROADCAST_ROLE})?"
    # French typography puts a space before the colon ("Interviewer1 : OK donc"), often a no-break one.
    r"(?:(?P=open)\s*:|:\s*(?P=open)|(?(open)(?!)|[ \u00a0\u202f]?:))\s+(?=\S)"
)
# "# Title: ...", "# Speaker: ..." header lines of talk dumps: metadata, not speech.
_HEADER_FIELD = re.compile(r"^#+\s*(?P<key>[A-Za-z][\w ]{0,20}?)\s*:\s*(?P<value>.*)$")
# Markdown emphasis, headings or links: then the text is Markdown and its markup is not speech.
# A wiki's link ("[[Page]]", Obsidian's and Scrapbox's Markdown) says so too.
_MARKDOWN_HINT = re.compile(r"\*\*[^*\n]+\*\*|^#{1,6} \S|\]\(https?://|\[\[[^\[\]\n]{1,200}\]\]", re.MULTILINE)
_FIELDS = {"title": "title", "talk": "title", "source": "page_url", "speaker": "guests", "speakers": "guests", "author": "guests",
           "date": "date", "url": "page_url", "link": "page_url", "duration": "duration"}


def is_markdown(text: str) -> bool:
    return bool(_MARKDOWN_HINT.search(text))


def _names_in_bracket(grouped: re.Match[str]) -> bool:
    """A bold label whose bracket holds a name or initials ("**K (Kiki)**:", "**Galuh (G):**");
    "**Seudónimo (opcional):**" is a form's field."""
    return bool(grouped.group("open")) and grouped.group("label").partition("(")[2][:1].isupper()


def _bracketed_initials(grouped: re.Match[str]) -> str | None:
    """The initials a bold label gives in brackets after the name ("**Galuh (G)**:" gives "G"), else None."""
    name, role = person(grouped.group("label"))
    short = (role or "").strip("()")
    initials = "".join(word[0] for word in name.split()).upper()
    return short if re.fullmatch(r"[A-Z]{1,4}", short) and short in (initials, name[0].upper()) else None


def _initials_for_names(prefixed: list[tuple[str | None, str]], initialled: dict[int, str]) -> None:
    """A name labelled with its initials once ("**Galuh (G):**") is shown as the initials where the later
    turns are labelled with them alone ("**G:**"): one speaker, not two."""
    alone = {name for k, (name, _) in enumerate(prefixed) if name and k not in initialled}
    for k, short in initialled.items():
        if short in alone:
            prefixed[k] = (short, prefixed[k][1])


# Question and answer in interviews and depositions; like any label, they must recur to count.
_QA_PREFIX = re.compile(r"^([QA])\.\s+(?=\S)")
# A label with one or two bracketed groups after the name or office, then a colon (Hansard's style).
# Set in bold, the colon inside the bold or after it: "**K (Kiki)**:", "**Galuh (G):**".
_GROUPED_PREFIX = re.compile(r"^(?P<open>\*\*|__)?(?P<label>[^\W\d_][^():*\n]{0,80}?"
                             r"(?:[ \t]*\((?:[^()\n]|\([^()\n]{0,80}\)){1,120}\)){1,2})"
                             r"(?(open)(?:(?P=open)[ \t]*:|[ \t]*:(?P=open))|[ \t]*:)[ \t]+(?=\S)")
# The European Parliament's verbatim reports: "President. – I declare…", "Lukas Sieper (NI). – …",
# "Marta Kos, Member of the Commission. – …": the label ends in a full stop and a dash.
_DASHED_PREFIX = re.compile(r"^(?P<label>[^\W\d_][^.:;!?–—\n]{0,120}?)\.[ \t]+[–—][ \t]+(?=\S)")
# What follows the name's comma in such a label: a role the Parliament gives, in its languages.
_EP_ROLE = re.compile(r"on behalf of|au nom d|im namen d|a nome d|en nombre d|em nome d|namens|w imieniu|"
                      r"în numele|in numele|za skupinu|za klub|thar ceann|på vegne af|för .*gruppen|puolesta|"
                      r"nimel|vārdā|vardu|nevében|εξ ονόματος|от името на|u ime|v imenu|f'isem|"
                      r"member of the commission|membre de la commission|mitglied der kommission|"
                      r"membro della commissione|miembro de la comisi|rapporte|berichterstatter|ponente|relatore|"
                      r"president-in-office|vice-president|high representative|commissioner|author|auteur|verfasser",
                      re.IGNORECASE)  # fmt: skip
# Before such a label, Hansard numbers an oral question ("1. ", topical "T1. ") and may give its
# reference ("[66855] ").
_QUESTION_NUMBER = re.compile(r"(?:T?\d{1,3}\.[ \t]+)?(?:\[\d{3,7}\][ \t]+)?")
# A member as Hansard labels one: a title, or the seat and the party in two brackets.
_MEMBER_TITLE = re.compile(r"(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Baroness|The)\b")


def _question_number(paragraph: str) -> int:
    """Where the words start after a Hansard question's number ("1. ", "T1. [66870] "), 0 if none."""
    return _QUESTION_NUMBER.match(paragraph).end()  # type: ignore[union-attr]  # all optional: always a match


def _dashed_label(label: str) -> str | None:
    """The speaker a European Parliament label names: the name before its group ("Lukas Sieper (NI)"),
    or before a role it gives ("Marta Kos, Member of the Commission"), or the chair alone ("President")."""
    if "(" in label and ")" in label:  # "Tomas Tobé (PPE), blue-card question": the name before the group
        return person(label[:label.index(")") + 1])[0]
    name, comma, role = label.partition(",")
    if comma:
        return name.strip() if _EP_ROLE.search(role) else None
    return label if len(label.split()) == 1 else None


# WhisperX's text ("[SPEAKER_00]: text") and other diarizers' ("[SPEAKER_00] text"): a label in
# brackets. Without the colon only a numbered id counts: "[Music] text" is a sound.
_BRACKET_PREFIX = re.compile(r"^\[(?P<name>[^\[\]\n]{1,40})\](?P<colon>:)?[ \t]+(?=\S)")


# A person's full name and their role before the colon, as an interview names each voice the first
# time it speaks: "Lucía Torres, Entrevistadora: …", "Marta Ruiz, administradora del coworking A12: …".
_ROLE_PREFIX = re.compile(r"^(?P<name>[^\W\d_][\w'’-]+(?: [^\W\d_][\w'’-]+){1,2}), "
                          r"(?P<role>[^\W\d_][^:.?!\n]{1,60}?):[ \t]+(?=\S)")
_ROLE_WORDS = 6
_NOT_ROLES = STOPWORDS - {"the", "a", "an", "host", "guest"}  # "Ana Ruiz, the host: …" is a role


def _role_prefix(paragraph: str) -> tuple[str, str] | None:
    """(name, words) for a turn opened by a full name and a role, else None. The name is a given name
    and a surname, no common words ("New York, for example: …" is no one)."""
    m = _ROLE_PREFIX.match(paragraph)
    if m is None or len(m.group("role").split()) > _ROLE_WORDS:
        return None
    # An aside reads on after its colon ("Michael Jordan, for example: he never…", "Steve Jobs, in
    # his keynote: …"): a role is no pronoun or preposition, and a turn opens as a sentence does.
    if m.group("role").split()[0].lower() in _NOT_ROLES or paragraph[m.end()].islower():
        return None
    name = m.group("name")
    if not (all(w[0].isupper() for w in name.split()) and given_name_like(name.split()[0]) and looks_like_name(name)):
        return None
    return name, paragraph[m.end():]


# A numbered voice in full-width brackets opening a turn, as Chinese speech services write it.
_WIDE_PREFIX = re.compile(r"^【(?P<name>[^【】\n]{1,20})】[ \t\u3000]*(?=\S)")


def speaker_prefix(paragraph: str, typed: frozenset[str] = frozenset()) -> tuple[str | None, str]:
    """Split an obvious ``Name:`` prefix off a paragraph, or one of the ``typed`` names in lower case
    (``_typed_speakers``); (None, paragraph) if there is none."""
    colon = paragraph.find(": ", 1, 80)
    if colon > 0 and paragraph[:colon] in typed:
        return paragraph[:colon], paragraph[colon + 2:]  # "Mr. MEEK of Florida: If the gentlewoman…"
    if (bracket := _BRACKET_PREFIX.match(paragraph)) and (
        numbered_speaker(name := bracket.group("name")) or (bracket.group("colon") and looks_like_name(name))
    ):
        return name, paragraph[bracket.end():]
    if (wide := _WIDE_PREFIX.match(paragraph)) and numbered_speaker(wide.group("name")):
        return wide.group("name"), paragraph[wide.end():]  # "【说话人0】我在今年的一月底…", Alibaba's diarizer
    m = _NAME_PREFIX.match(paragraph)
    number = _question_number(paragraph)
    numbered = paragraph[number:]
    if not m and (grouped := _GROUPED_PREFIX.match(numbered)) and (
        not number or _MEMBER_TITLE.match(label := grouped.group("label")) or label.count("(") >= 2
    ) and (not grouped.group("open") or _names_in_bracket(grouped)):  # numbered, a member's label: "1. Sleep (at least eight hours): …" is a list's item
        # "Mr David Hanson (Delyn) (Lab):", "The Secretary of State … (Mr William Hague):": the person named
        name, _ = person(grouped.group("label"))
        if looks_like_name(name) and not is_credit(name, numbered[grouped.end():]):
            return name, numbered[grouped.end():]
    if not m and (dashed := _DASHED_PREFIX.match(paragraph)):
        name = _dashed_label(dashed.group("label"))
        if name and looks_like_name(name) and not is_credit(name, paragraph[dashed.end():]):
            return name, paragraph[dashed.end():]
    if not m and (roled := _role_prefix(paragraph)):
        return roled
    if not m:
        qa = _QA_PREFIX.match(paragraph)  # "Q. So how did you start?" / "A. By accident."
        return (qa.group(1), paragraph[qa.end():]) if qa else (None, paragraph)
    name = m.group("name")
    if not (looks_like_name(name) or name in typed) or is_credit(name, paragraph[m.end():]):
        return None, paragraph
    if m.group("bullet") and _links_item(paragraph):
        return None, paragraph  # "- **Ana Ruiz**: [LinkedIn](https://...)": show notes' links, not her turn
    return name, paragraph[m.end():]


# A sound before the first label of a turn: "[MUSIC PLAYING] MARK: Hi." Words in the brackets, no digits
# (a "[00:01]" stamp is another reader's).
_SOUND_FIRST = re.compile(r"^\[(?=[^\]\n]*[^\W\d_])[^\]\d\n:]{1,40}\][ \t]+(?=\S)")


def _label_after_sound(paragraph: str, typed: frozenset[str]) -> tuple[str, str] | None:
    """(name, the sound and the words) for a turn whose label follows a sound, else None."""
    if (sound := _SOUND_FIRST.match(paragraph)) is None:
        return None
    name, rest = speaker_prefix(paragraph[sound.end():], typed)
    return (name, f"{sound.group().strip()} {rest}") if name is not None else None


# "alice: so how did you start?": a name as chat exports and quick notes write it, in lower case.
_LOWER_LABEL = re.compile(r"^(?P<name>[^\W\d_][\w.'’-]{0,30}(?: [^\W\d_][\w.'’-]{0,30})?):[ \t]+(?=\S)")


def _typed_speakers(body: str) -> frozenset[str]:
    """Names in lower case that behave like speakers: they open most turns, the same few recur,
    and at least two take turns ("alice: ..." / "bob: ..."). "note: ...", "update: ...", links and
    times never count (``looks_like_name`` on the name capitalised, ``labels.typed_names``)."""
    chunks = _BLANK_LINE.split(body) if _BLANK_LINE.search(body) else body.split("\n")
    labels: list[str | None] = []
    for chunk in chunks:
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        for n, line in enumerate(lines):
            m = _LOWER_LABEL.match(line)
            name = m.group("name") if m and m.group("name").islower() else None
            if name is not None and not looks_like_name(name.title()) and not _short_word(name):
                name = None
            if n == 0 or name is not None:  # a paragraph's first line, or a label opening a later one
                labels.append(name)
    names = typed_names(labels)
    # "mm:" spells a filler, yet among other short nicks ("mk:", "dr:", "ek:") it is someone's too
    nicks = {name for name in names if not _short_word(name) and len(name) <= _NICK_CHARS}
    names = {name for name in names if not _short_word(name) or len(nicks) >= _INITIALS_MIN}
    return frozenset(names) if len(names) >= 2 else frozenset()


_NICK_CHARS = 3
_INITIALS_MIN = 2


def _short_word(name: str) -> bool:
    """A filler of two or three letters that a scribe's notes use as someone's nick ("mm")."""
    return len(name) <= _NICK_CHARS and name in INTERJECTIONS and " " not in name


# "MM: So in general…": a label of initials opening a line, as meeting notes write their turns.
_INITIALS_LABEL = re.compile(r"^[ \t]*(?:\*\*)?([A-Z]{2,5}):(?:\*\*)?[ \t]+\S", re.MULTILINE)


def _initials(body: str) -> frozenset[str]:
    """Initials that spell a word ("MM") but label turns among other initials (``labels.initials_that_are_words``)."""
    return frozenset(initials_that_are_words(_INITIALS_LABEL.findall(body)))


def sniff(text: str) -> float:
    # Anything with content can be read as plain text, so always a weak claim.
    return 0.1 if text.strip() else 0.0


def _known_field(key: str, value: str, episode: Episode) -> bool:
    """Set the episode's attribute a header field names ("Speaker: Ana Ruiz"); False for other keys."""
    attr = _FIELDS.get(key.strip().lower())
    if attr is None:
        return False
    value = squash(value)
    if attr == "guests":
        episode.guests.extend(v.strip() for v in re.split(r",|;| and | & ", value) if v.strip())
    elif attr == "duration":
        episode.duration = parse_duration(value)
    elif value and not getattr(episode, attr):
        setattr(episode, attr, value)
    return True


def _header(paragraph: str, episode: Episode, talk_begun: bool = False, *, among_fields: bool) -> bool:
    """Take a ``# Key: value`` line as metadata or a ``# Heading`` as a chapter; True if it was one.
    Once the talk has begun (``talk_begun``), a ``# Heading`` is no title: it heads what follows.
    ``among_fields``: the line has another ``# Key: value`` line next to it."""
    field = _HEADER_FIELD.match(paragraph)
    if field and _known_field(field.group("key"), field.group("value"), episode):
        return True
    # Another "# Key: value" is a field of the header above the talk ("# Event: TEDx"); once the
    # talk has begun, or with a number in it ("# Episode 12: Pricing", "## Part 2: Clients"), a heading;
    # alone, a key of several words is a page's title ("# OTEL in Practice: Context Propagation"),
    # one word still a field ("# Guest: Jane Doe").
    if (field and (among_fields or len(field.group("key").split()) == 1) and not (episode.segments or talk_begun)
            and not any(c.isdigit() for c in field.group("key"))):
        episode.extra[field.group("key").strip().lower()] = squash(field.group("value"))
        return True
    heading = MARKDOWN_HEADING.match(paragraph)
    if heading and "\n" not in paragraph:
        # "## [Execution Spec Tests overview](https://…)": the link's words are the title.
        title = strip_markdown_inline(heading.group("title")) if "](" in paragraph else heading.group("title")
        if len(title) > 4 and title[:2] == title[-2:] and title[:2] in ("**", "__") and title[2:-2].strip(" *_"):
            title = title[2:-2].strip()  # "# **Presentación**": a heading set in bold too
        title = unescape_entities(title)  # "HouseForm =&gt; TanstackForm"
        if not (episode.segments or talk_begun or episode.chapters or episode.title) and paragraph.startswith("# "):
            episode.title, day = title_and_date(title)
            episode.date = episode.date or day
        elif paragraph.startswith("# ") and title == episode.title and not (episode.segments or talk_begun or episode.chapters):
            pass  # the title its front matter gave, again above the talk: no chapter
        elif clock := _HEADING_CLOCK.match(title):  # "#### [00:01:02] Intro to Corbin": a chapter starting then
            episode.add_chapter(title[clock.end():], parse_timestamp(clock.group("clock") or clock.group("bare")))
        else:
            episode.add_chapter(title)
        return True
    return False


# A heading that opens with the time its section starts: "[00:01:02] Intro", "(1:02:03) Q&A", "00:06:35 - Ad";
# unbracketed, only with a dash or bar after it ("2:30 PM Session" is a time of day).
_HEADING_CLOCK = re.compile(r"(?:[\[(](?P<clock>\d{1,2}:\d{2}(?::\d{2})?)[\])]\s*[-–—|:]?|"
                            r"(?P<bare>\d{1,2}:\d{2}(?::\d{2})?)\s+[-–—|])\s*(?=\S)")


# No one wraps lines this long by hand or by an editor's column: each is a paragraph of its own.
_UNWRAPPED_LINE = 150


def _line_paragraphs(chunk: str) -> bool:
    """A block of several lines, most too long to be a wrapped paragraph's."""
    lines = [line for line in chunk.split("\n") if line.strip()]
    return len(lines) >= 3 and 2 * sum(len(line) > _UNWRAPPED_LINE for line in lines) >= len(lines)


def _labelled(lines: list[str], typed: frozenset[str], wrapped: bool) -> Callable[[str], bool]:
    """Whether a line opens with a speaker's label, and so starts a paragraph of its own.

    In hard-wrapped text the width may put any "Word: " at a line's start ("Python: the glue
    between ..." in the middle of a paragraph), so there the label must be a speaker's: one
    that behaves like one among the labels opening the text's lines (``credible``).
    """
    speakers = (credible([speaker_prefix(line.strip(), typed)[0] for line in lines]) | typed) if wrapped else None

    def labelled(line: str) -> bool:
        name = speaker_prefix(line, typed)[0]
        return name is not None and (speakers is None or name in speakers)

    return labelled


def _turn_opener(lines: list[str], typed: frozenset[str], bold: frozenset[str]) -> Callable[[str], int | None]:
    """How long the speaker's label opening a line is ("ANDREW HUBERMAN:" alone, all of it), or
    None where no label opens the line; only labels that behave like speakers' count."""
    labelled = _labelled(lines, typed, wrapped=True)

    def opener(line: str) -> int | None:
        if label_alone(line, bold) or line.startswith("#") or _CHEVRON_OPENING.match(line):
            return len(line) if label_alone(line, bold) else 0
        return len(line) - len(speaker_prefix(line, typed)[1]) if labelled(line) else None

    return opener


# A line ending in a word this short, in lower case ("de", "do", "of", "the"), breaks off mid-phrase.
_JOINING_WORD = 3
# Below this share of lines ending a sentence, a text has no stops to judge a line's break by.
_ENDED_SHARE = 0.2


def _sentence_lines(chunk: str) -> list[str]:
    """A block's long lines as paragraphs, a line that breaks off mid-sentence ("…na Universidade do" /
    "Minho, como foi…", as GoodTape cuts its lines) joined to the next when that one goes on in lower case
    or the break leaves a comma or a short word with no stop. Never a line a speaker's label opens; and
    in text with hardly a stop (a recogniser's), each line stays a paragraph."""
    lines = chunk.split("\n")
    ended = sum(bool(SENTENCE_END.search(line.rstrip())) for line in lines if line.strip())
    if ended < _ENDED_SHARE * sum(1 for line in lines if line.strip()):
        return lines
    out: list[list[str]] = []
    for line in lines:
        stripped = line.strip()
        before = out[-1][-1].rstrip() if out else ""
        last = before.rsplit(" ", 1)[-1]
        if stripped and before and not SENTENCE_END.search(before) and not _opens_turn(stripped) and (
                stripped[0].islower() or before.endswith(",") or (last.islower() and len(last) <= _JOINING_WORD)):
            out[-1].append(stripped)
        else:
            out.append([line])
    return [" ".join(part.rstrip() for part in parts) for parts in out]


def _opens_turn(line: str) -> bool:
    return bool(speaker_prefix(line)[0] or label_alone(line) or _CHEVRON_OPENING.match(line))


# A live captioner's (CART) mark of a new voice opening a paragraph: " >> Yes."; broadcast captions' ">>>".
_CHEVRON_OPENING = re.compile(rf"^\s*{CHEVRONS}\s+(?=\S)")
# W3C's minutes: each turn a list item opened by its speaker's nick in brackets ("* [timothy] We've seen…"),
# notes under it as items indented further ("   * https://github.com/…").
# The same turns with the name in brackets and no list mark ("[Interviewer] So where…"), or a list item or
# a quotation opened by "Name:" ("- Jane Doe: Near Lyon…", "> **Jane Doe:** Near Lyon…", as notes quote a talk).
_LIST_LABEL = re.compile(r"^[ \t]{0,3}(?:(?:[*-][ \t]+)?\[(?P<name>[^\W\d_][\w.'’ -]{0,30})\]"
                         r"|(?:[*+-][ \t]+|>[ \t]?(?:\*\*|__)?)(?P<colon>[^\W\d_][\w.'’ -]{0,30}?)(?:\*\*|__)?:(?:\*\*|__)?)"
                         r"[ \t]+(?=\S)", re.MULTILINE)
_LIST_LABELS = 4  # so many turns, by two speakers or more, each speaking twice, make the list a transcript
# A bracketed word that sorts a list rather than names a speaker: "- [Book] …", "- [Article] …".
_KINDS = frozenset("podcast blog tweet thread repo tool course talk paper video book article link docs news "
                   "update question answer todo done note idea".split())
_COMMON_NOUN = 10000  # pyspellchecker's count: capitalised and this common, a category, not a name


def _list_labels(body: str, episode: Episode) -> tuple[str, frozenset[str]]:
    """Minutes whose list items open with a speaker's name in brackets as ``name: words`` turns, and
    those names."""
    found = [m for m in _LIST_LABEL.finditer(body) if not sound_word(_listed(m)) and not blank_name(_listed(m))]
    # "- Mark: …" / "- Will: …" turn after turn: first names that are common words, voices all the same
    worded = _word_voices([_listed(m) for m in found if m.group("colon")])
    found = [m for m in found if (m.group("colon") and _listed(m) in worded) or not _list_kind(_listed(m))]
    # "- Parser: handle empty files", "- Alice: will check the budget": a changelog's or notes' items are
    # no one's words; a talk quoted so is said in sentences, and raw speech-to-text pasted so
    # ("- Jane Doe: so yeah welcome…") by voices that take turns.
    colons = [m for m in found if m.group("colon")]
    # under "## Action items" the owners take turns as well
    if not (spoken([_line_after(body, m) for m in colons])
            or (_voices_alternate([_listed(m) for m in colons]) and not notes_heading(_line_above(body, colons[0])))):
        found = [m for m in found if not m.group("colon")]
    names = Counter(_listed(m) for m in found)
    recurring = {name for name, n in names.items() if n >= 2}
    if len(recurring) < 2 or sum(names[name] for name in recurring) < _LIST_LABELS:
        return body, frozenset()
    speakers = recurring | {name for name in names if len(name) > 1}  # among them, one who speaks once
    turns = 0
    labels = {m.start() for m in found}

    def label(m: re.Match[str]) -> str:
        nonlocal turns
        if _listed(m) not in speakers or m.start() not in labels:
            return m.group()
        turns += 1
        return f"{_listed(m)}: "

    body = _LIST_LABEL.sub(label, body)
    episode.repair("list_labels", f"{counted(turns, 'list item or line', 'list items or lines')} {agrees(turns, 'opens', 'open')} with a speaker's name in brackets, or "
                                  f"{agrees(turns, 'is a list item or quotation', 'are list items or quotations')} opened by it ({', '.join(sorted(speakers)[:4])}…): "
                                  "read as their turns")  # fmt: skip
    return body, frozenset(speakers)


def _voices_alternate(names: list[str]) -> bool:
    """Whether ``names`` (labels in file order) are two voices or more taking turns (a change of label at
    half the turns or more), each a person's full name, a numbered voice or a role ("Jane Doe",
    "SPEAKER_01", "Host"), not a changelog's components ("Parser", "Web UI") or one person's action items."""
    changes = sum(1 for before, after in pairwise(names) if before != after)
    return len(set(names)) >= 2 and ((2 * changes >= len(names) - 1 and all(
        (" " in name and looks_like_name(name) and given_name_like(name.split()[0])) or numbered_speaker(name)
        or GENERIC.match(name) for name in names)) or bool(_word_voices(names)))


_WORD_VOICE_ITEMS = 6  # so many items, each of two labels 3 times or more, nearly always changing label
_WORD_VOICE_TURNS = 3


def _word_voices(names: list[str]) -> set[str]:
    """The two labels of ``names`` (in file order) when they are two voices named by a capitalised word
    each, common words or not ("Mark", "Will"), taking turns over many items (a change of label at three
    turns in four or more); else empty. A list's kind of item ("Question", "Note") is no voice, and a
    changelog's components or a meeting's owners do not take turns so long."""
    counts = Counter(names)
    changes = sum(1 for before, after in pairwise(names) if before != after)
    if (len(counts) != 2 or len(names) < _WORD_VOICE_ITEMS or min(counts.values()) < _WORD_VOICE_TURNS
            or 4 * changes < 3 * (len(names) - 1)):
        return set()
    return set(counts) if all(name.isalpha() and name.istitle() and name.lower() not in _KINDS
                              and not not_a_name(name) for name in counts) else set()


def _listed(m: re.Match[str]) -> str:
    return (m.group("name") or m.group("colon")).strip()


def _line_above(text: str, m: re.Match[str]) -> str:
    """The last line with words above the one ``m`` opens."""
    return next((line for line in reversed(text[: m.start()].split("\n")) if line.strip()), "")


def _line_after(text: str, m: re.Match[str]) -> str:
    """The rest of the line ``m`` opens."""
    end = text.find("\n", m.end())
    return text[m.end():end if end >= 0 else len(text)]


_SPOKEN_SHARE = 3  # a third of them or more end as sentences do; a list of notes or an agenda's lines, none


def spoken(said: list[str]) -> bool:
    """Whether ``said`` (turns' words) reads as speech: enough of them end with a sentence's stop."""
    return _SPOKEN_SHARE * sum(bool(SENTENCE_END.search(s.rstrip(" \t*_"))) for s in said) >= len(said)


def _list_kind(name: str) -> bool:
    """A list item's bracketed category ("[Book]", "[x]"), not a speaker's nick."""
    word = name.lower()
    if GENERIC.match(name):
        return False  # "- Host: …", "[Guest]": a role, however common the word
    # Nicks are typed in lower case ("[rob]"); a capitalised common word heads a kind of item ("[Book]").
    return word in _KINDS or len(word) < 2 or (name[0].isupper() and " " not in word and word_frequency(word) >= _COMMON_NOUN)


def text_paragraphs(text: str, episode: Episode, typed: frozenset[str] = frozenset(),
                    bold: frozenset[str] = frozenset()) -> tuple[list[str], str]:
    """Paragraphs (or lines, with no blank lines), split again where a line opens with a label or '#'."""
    body = text.strip("\n")
    lines = body.split("\n")
    width = wrapped_width(lines)
    labelled = _labelled(lines, typed, wrapped=width is not None)
    # Paragraphs hard-wrapped at an editor's column with no blank line between them: the lines
    # the width broke are joined back first, or each would become a segment of its own. A label
    # or a heading starts its own paragraph.
    if not _BLANK_LINE.search(body) and width:
        lines, joins = unwrap(lines, width,
                              lambda line: line.startswith("#") or labelled(line) or bool(label_alone(line))
                              or bool(_CHEVRON_OPENING.match(line)))  # fmt: skip
        body = "\n".join(lines)
        episode.repair("wrapped_lines", f"{counted(joins, 'line')} hard-wrapped at {width} columns joined back into paragraphs")
    elif not _BLANK_LINE.search(body) and caption_track(lines):
        # A caption's narrow lines, a phrase each: joined into the turns their labels or dashes open.
        lines, joins = caption_turns(lines, _turn_opener(lines, typed, bold))
        body = "\n".join(lines)
        episode.repair("caption_lines", f"{counted(joins, 'caption line')} joined into the {len(lines)} turns or paragraphs "
                                        "they go on; sound cues alone on a line kept as the turn's directions")
    if _BLANK_LINE.search(body):
        chunks, unit = _BLANK_LINE.split(body), "paragraphs"
        # A title or footer set apart by a blank line leaves the rest a block of one paragraph a
        # line: its lines are still paragraphs, not one long paragraph to cut at sentence ends.
        chunks = [line for chunk in chunks for line in (_sentence_lines(chunk) if _line_paragraphs(chunk) else [chunk])]
    else:
        chunks, unit = body.split("\n"), "lines"
    paragraphs: list[str] = []
    for chunk in chunks:
        lines = chunk.strip("\n").split("\n")
        if _field_block(lines):
            paragraphs.append(chunk)  # kept whole, to be read as metadata
            continue
        current: list[str] = []
        for line in lines:
            field = _meeting_field(line.strip())
            # "Grey: ...\nBrady: ..." with no blank line between: each label opens a paragraph; a
            # meeting notes' field under its topic's heading is a paragraph of its own, and so is a
            # bold label alone on its line ("**Alan**" over his words), which names who speaks next.
            alone = (bool(bold) or line.lstrip().startswith(("**", "__"))) and label_alone(squash(line), bold)
            if current and (field or alone or line.lstrip().startswith("#") or labelled(line.strip())
                            or _CHEVRON_OPENING.match(line)):  # ">> I love that…": a new voice, a new paragraph
                paragraphs.append("\n".join(current))
                current = []
            current.append(line)
            # A heading is its own paragraph: the list under it ("# Vocabulary" / "1. word : meaning") is not its title.
            if field or alone or MARKDOWN_HEADING.match(line):
                paragraphs.append(line)
                current = []
        if current:
            paragraphs.append("\n".join(current))
    return paragraphs, unit


# "Presenter: Jane Doe (JDE)" on a line of its own, as TC39's and other meeting notes write it below
# a topic's heading: who presents it, metadata rather than anyone's turn.
_FIELD_OPENING = re.compile(r"^(?:\*\*|__)?(?P<key>[^\W\d_][\w -]{0,28}?)(?:\*\*|__)?\s*:(?:\*\*|__)?\s+\S")
_FIELD_ALONE = re.compile(r"(?:\*\*|__)?(?P<key>[^\W\d_][\w -]{0,40}?)(?:\*\*|__)?[ \t]*:(?:\*\*|__)?[ \t]*")


def _meeting_field(line: str) -> bool:
    m = _FIELD_OPENING.match(line) or _FIELD_ALONE.fullmatch(line)  # "SENATORS PRESENT:" over its list too
    return m is not None and meeting_field(m.group("key"))


_LINK_FIELD = re.compile(r"^(?P<key>[A-Za-z][\w -]{0,20}?)\s*:\s*(?P<url>https?://\S+)$")
# A link's value runs as long as its address ("Transcripción: https://docs.google.com/document/d/…").
_FIELD_LINE = re.compile(r"^\s*(?P<key>[A-Za-z][\w /&()#-]{0,24}?)\s*:\s*(?P<value>\S[^\n]{0,80}|https?://\S{1,2000})$")
_FIELD_BLOCK_LINES = 3
_BULLET = re.compile(r"^\s*[-*+]\s+")


# A list item all in bold is the header's field whatever its key says: "* **Video 2, side by side video
# and slides, thus smaller original video: [https://…](…)**".
_BOLD_ITEM = re.compile(r"^\s*[-*+]\s+(?:\*\*|__)[^\n]*(?:\*\*|__)\s*$")
_BOLD_ITEM_FIELD = re.compile(r"^\s*(?P<key>[A-Za-z][^:\n]{0,80}?)\s*:\s*(?P<value>\S[^\n]{0,80}|https?://\S{1,2000})$")


def _field_line(line: str) -> re.Match[str] | None:
    """``KEY: value``, also in bold (``**Date:** 2025-07-31``) or as a Markdown list item in bold:
    ``* **Speaker: Rich Hickey**``."""
    if _BULLET.match(line):
        bold = _BOLD_ITEM.match(line)
        line = strip_markdown_inline(_BULLET.sub("", line, count=1))
        if bold:
            return _BOLD_ITEM_FIELD.match(line)
    elif line.lstrip().startswith(("**", "__")):
        line = strip_markdown_inline(line)
    return _FIELD_LINE.match(line)


# "PLACE: Bajcsy's office at the University of California, Berkeley, Berkeley, California": an
# address runs longer than other fields' values.
_LONG_FIELDS = frozenset({"place", "location", "address", "venue", "where"})


def _field_words(key: str) -> int:
    return 16 if key.strip().lower() in _LONG_FIELDS else 8


def _field_block(lines: list[str], least: int = _FIELD_BLOCK_LINES) -> bool:
    """``INTERVIEWEE: Ana Ruiz`` / ``DATE: 4 November 2013`` / ``PLACE: Tokyo``: a block of
    short fields on consecutive lines is a document's metadata, not turns of talk."""
    if len(lines) < least:
        return False
    fields = [_field_line(line) for line in lines]
    if not all(f and len(f.group("value").split()) <= _field_words(f.group("key"))
               and not f.group("value").rstrip().endswith((".", "?", "!")) for f in fields):
        return False
    keys = [f.group("key").strip().lower() for f in fields if f]
    return len(set(keys)) == len(keys)  # fields name different things; talk returns to the same people


_DATE_LINE = re.compile(r"^\d{4}-\d{2}-\d{2}$|^\w+ \d{1,2}(?:st|nd|rd|th)?,? \d{4}$|^\d{1,2} \w+ \d{4}$")
_CLOCK_LINE = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?$")
# "Data: 2026-03-31 23:35:11", "Date: 2025-05-01": the day as a field, in a few languages.
_DATE_FIELD = re.compile(r"^(?:date|data|fecha|datum|dátum|дата|日期|日付|날짜)\s*[:：]\s*(?P<day>\d{4}-\d{2}-\d{2})\b",
                         re.IGNORECASE)
# "Generat automàticament amb OpenAI Whisper": the tool that wrote the text, in a header, in any language.
_TOOL_NOTE = re.compile(r"\b(?:generat|transcri|creat|made\b|produced|erstellt|erzeugt|généré|gerad|generad|automat)"
                        r"[^\n]{0,60}?\b(?:whisper|otter\.ai|descript|assemblyai|deepgram|rev\.com|trint|sonix|"
                        r"happy ?scribe|speechmatics|tactiq|fireflies)\b", re.IGNORECASE)
_TOOL_NOTE_WORDS = 10


# An interview's turns written as fields: "Question: …" / "Answer: …" are words said.
_SPOKEN_KEYS = frozenset({"question", "answer", "q", "a", "interviewer", "interviewee", "host", "guest"})


def _titled_fields(body: str, episode: Episode) -> str:
    """``body`` less a first block of a title over its fields ("Restoring our readers' privacy" /
    "Session facilitator(s): Michael Donohoe" / "Day & Time: Friday, 11:45am" / "Room: Johnson", a
    conference session's transcript), which is read as the title and ``extra["fields"]``. Only when
    no field's name opens a line again: then it is nobody's turn."""
    start = len(body) - len(body.lstrip("\n"))
    end = body.find("\n\n", start)
    if end < 0 or not body[end:].strip():  # a header over nothing is the text ("Standup" / "Alice: hi" / "Bob: hello")
        return body
    lines = [line.strip() for line in body[start:end].split("\n")]
    if not 3 <= len(lines) <= 8 or _field_line(lines[0]) or len(lines[0]) > 120 or not _field_block(lines[1:], 2):
        return body
    fields = [m for line in lines[1:] if (m := _field_line(line))]
    if any(m.group("key").strip().lower() in _SPOKEN_KEYS for m in fields) or any(len(re.findall(rf"(?m)^\s*{re.escape(m.group('key').strip())}\s*:", body)) > 1 for m in fields):
        return body
    episode.title = episode.title or squash(lines[0].strip("#*_ "))
    for m in fields:
        episode.extra.setdefault("fields", {})[m.group("key").strip()] = m.group("value").strip()
        _known_field(m.group("key"), m.group("value"), episode)
    episode.repair("header_lines", f"the first block, a title over {counted(len(fields), 'field')} such as "
                                   f"{lines[1][:40]!r}, read as the title and fields, not speech")  # fmt: skip
    return body[end:]


# A value a machine wrote, never words said: an id ("3572905", "#12"), a date or time ("2026-01-12 01:02:07"),
# a file's name ("9983375-life-is-holy-war.mp3") or an address.
_DATA_VALUE = re.compile(r"#?\d[\d :./-]*|[\w.-]*[\d_-][\w.-]*\.[A-Za-z][A-Za-z\d]{1,4}|(?:https?://|www\.)\S+")
# "=== EPISODE METADATA ===": a banner over a block of fields.
_BANNER = re.compile(r"^(?:[=*~#_-]{3,}|={2,}[ \t]*[^=\n]{1,60}?[ \t]*={2,})$")
_DATA_FIELDS = 2  # values of this kind in each block of fields


def _data_fields(body: str, episode: Episode) -> str:
    """``body`` less the blocks of fields above its text whose values are ids, dates, file names or
    addresses ("Episode ID: 3572905" / "MP3 File: 9983375-….mp3", as transcription scripts head their
    output), kept in ``extra["fields"]``: a key said once there is no speaker, and the text under it is speech."""
    lines = body.split("\n")
    runs: list[list[re.Match[str]]] = [[]]
    end = 0
    for k, line in enumerate(lines):
        stripped = line.strip()
        if not stripped or _BANNER.match(stripped):
            runs.append([])
            continue
        if not (field := _field_line(stripped)):
            break
        runs[-1].append(field)
        end = k + 1
    else:
        return body  # nothing but fields: no text under them
    runs = [run for run in runs if run]
    if not runs or any(sum(bool(_DATA_VALUE.fullmatch(f.group("value").strip())) for f in run) < _DATA_FIELDS
                       or len({f.group("key").strip().lower() for f in run}) < len(run) for run in runs):
        return body
    rest = "\n".join(lines[end:])
    # A key that opens a line again below is someone's label ("Alice: 42" / … / "Alice: I said…").
    if any(re.search(rf"(?im)^[ \t]*{re.escape(f.group('key').strip())}[ \t]*:", rest) for run in runs for f in run):
        return body
    for f in (f for run in runs for f in run):
        episode.extra.setdefault("fields", {}).setdefault(f.group("key").strip(), f.group("value").strip())
        _known_field(f.group("key"), f.group("value"), episode)
    fields = sum(map(len, runs))
    episode.repair("header_lines", f"{counted(fields, 'field')} above the text such as {runs[0][0].group(0).strip()[:40]!r}, "
                                   "their values ids, dates, file names or links, kept as metadata, not speakers")
    return rest


# "**Speaker**: Ana Ruiz | **Church**: St Mary's | **Date**: May 2, 2024": a header's bold fields
# set on one line between bars, as summaries of talks write them. Bounded, so linear in time.
_BOLD_KEY = r"(?:\*\*|__)[^\W\d_][\w ]{0,24}(?::(?:\*\*|__)|(?:\*\*|__)[ \t]*:)"
_PIPED_FIELDS = re.compile(rf"^[ \t]*{_BOLD_KEY}[^|\n]{{1,300}}(?:\|[ \t]*{_BOLD_KEY}[^|\n]{{0,300}}){{1,8}}$", re.MULTILINE)
_FIELD_BAR = re.compile(rf"[ \t]*\|[ \t]*(?={_BOLD_KEY})")


def _piped_fields(text: str, episode: Episode) -> str:
    """The text with each line of bold fields between bars written one field a line, as other headers are."""
    found = _PIPED_FIELDS.findall(text)
    if not found:
        return text
    episode.repair("piped_fields", f"{counted(len(found), 'line')} of bold fields between bars ({squash(found[0])[:60]!r}) "
                                   "read as one field each, not as a speaker's label")  # fmt: skip
    return _PIPED_FIELDS.sub(lambda m: _FIELD_BAR.sub("\n", m.group(0)), text)


def _header_block(paragraph: str, episode: Episode) -> bool:
    """A fan transcript's opening block (title, date, running time, credit); True if taken as metadata."""
    lines = [ln.strip() for ln in paragraph.split("\n") if ln.strip()]
    if not 2 <= len(lines) <= 6 or any(len(ln) > 120 for ln in lines):
        return False
    def credit(line: str) -> bool:
        return is_credit_line(line) or (bool(_TOOL_NOTE.search(line)) and len(line.split()) <= _TOOL_NOTE_WORDS)

    facts = [ln for ln in lines if _DATE_LINE.match(ln) or _DATE_FIELD.match(ln) or _CLOCK_LINE.match(ln) or credit(ln)]
    if not facts:
        return False
    for line in lines:
        if _DATE_LINE.match(line):
            episode.date = episode.date or line
        elif day := _DATE_FIELD.match(line):
            episode.date = episode.date or day.group("day")
        elif _CLOCK_LINE.match(line):
            episode.duration = episode.duration or parse_duration(line)
        elif credit(line):
            episode.extra["credit"] = line
        elif not episode.title:
            episode.title = line
        else:
            episode.extra.setdefault("header", []).append(line)
    return True


def _without_translation(paragraphs: list[str], typed: frozenset[str], episode: Episode) -> list[str]:
    """``paragraphs`` without the translation a bilingual copy gives under each labelled turn
    (``[Lenny Rachitsky]: Used to have…`` / ``(中文): 过去曾有…``, maybe running on in paragraphs
    of its own), which ``interleaved`` keeps in ``extra["translations"]``. The turn's words after
    its label are weighed, so a label alone over a paragraph in another script is no translation."""
    turns: list[list[str]] = []  # each labelled turn: its words, then its other lines
    owner: list[tuple[int, bool]] = []  # per paragraph: its turn (-1 before the first), and if it opens it
    for chunk in paragraphs:
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        name, rest = speaker_prefix(lines[0], typed) if lines else (None, "")
        if name is not None:
            turns.append([rest, *lines[1:]])
        elif turns:
            turns[-1].extend(lines)
        owner.append((len(turns) - 1, name is not None))
    sizes = [len(lines) for lines in turns]
    interleaved(turns, [], episode, "labelled turns")
    if all(len(lines) == size for lines, size in zip(turns, sizes)):
        return paragraphs
    kept: list[str] = []
    for chunk, (turn, opens) in zip(paragraphs, owner):
        if turn < 0 or len(turns[turn]) == sizes[turn]:
            kept.append(chunk)  # before the turns, or a turn with no translation
        elif opens:
            kept.append(chunk.strip().split("\n")[0])  # the labelled line; the lines under it were its translation
    return kept


def _declared_speaker(episode: Episode, declared: list[str]) -> None:
    """A talk whose header names one speaker ("# Speaker: Ken Robinson") and whose text names none is theirs."""
    if len(declared) == 1 and episode.guests == declared and not any(seg.speaker for seg in episode.segments):
        for seg in episode.segments:
            if seg.text:
                seg.speaker = episode.guests[0]
        episode.repair("declared_speaker", f"the header names one speaker, {episode.guests[0]}; every line is theirs")


# "**[00:13] SPEAKER_00:** Hi everyone, …" opening a talk, the file's only time and label.
_OPENING_TURN = re.compile(r"^\s*(?P<mark>[*_]{0,2})\[(?P<clock>\d{1,2}(?::\d{2}){1,2})\][ \t]+"
                           r"(?P<label>[^\W\d_][\w.'’ -]{0,40}?):(?P=mark)[ \t]+(?=\S)")
_LINE_CLOCK = re.compile(r"^\W{0,4}\d{1,2}:\d{2}|\[\d{1,2}:\d{2}", re.MULTILINE)


def _opening_turn(text: str) -> tuple[str, str, float] | None:
    """A talk whose first paragraph opens with its time and speaker and nothing else is timed or
    labelled: the text without that opening, the speaker and the time."""
    if not (m := _OPENING_TURN.match(text)):
        return None
    label = m.group("label").strip()
    if len(_LINE_CLOCK.findall(text)) > 1 or not (numbered_speaker(label) or looks_like_name(label)):
        return None
    rest = text[m.end():]
    if re.search(rf"^[*_]{{0,2}}{re.escape(label)}[*_]{{0,2}}:", rest, re.MULTILINE):
        # The label again: the talk's turns are labelled, the opening's one of them, its time left out.
        rest = f"{m.group('mark')}{label}:{m.group('mark')} {rest}"
    return rest, label, parse_duration(m.group("clock")) or 0.0


def _one_voice(episode: Episode, opening: tuple[str, str, float] | None) -> None:
    """Every paragraph of a talk labelled once, at its start, is that speaker's; the first starts at its time."""
    if opening is None or not episode.segments:
        return
    _, label, start = opening
    if any(seg.speaker for seg in episode.segments):
        # Turns labelled (written otherwise, or the opening's label again): the opening is the first turn's alone.
        first = episode.segments[0]
        if first.speaker in (None, label):
            first.speaker, first.start = label, start if first.start is None else first.start
        return
    for seg in episode.segments:
        seg.speaker = label
    episode.segments[0].start = start
    episode.repair("one_voice", f"the talk's only label, {label!r} at its start, names who speaks every paragraph; "
                                "the first starts at its time, the others are untimed")


def parse(text: str, episode: Episode) -> None:
    text = prepare_plain(text, episode)
    if not text.strip():
        episode.repair("empty", "the text was empty")
        return
    if (opening := _opening_turn(text)) is not None:
        text = opening[0]
    markdown = is_markdown(text)
    labelled = "\n".join(stereo_label(line) for line in text.split("\n")) if "(speaker " in text else text
    if labelled != text:
        episode.repair("stereo_speakers", "whisper.cpp's '(speaker 1)' openings read as speaker labels")
        text = labelled
    text, icons = _icon_labels(text, episode)
    text = _piped_fields(_without_label_attributes(text, episode), episode)
    text, nicks = _irc_lines(_spaced_questions(_underlined_headings(text, episode), episode), episode)
    paged = _typed_pages(_court_lines(text, episode), episode)
    paged, ruled = _ruled_turns(paged, episode)  # before the rules go as page furniture
    body = _without_furniture(_after_notes(_court_record(paged, episode, paged != text), episode), episode)
    body, news = news_story(body, episode)
    body = _letter_dash_labels(_dashed_labels(_without_code(_without_chat(body, episode), episode), episode), episode)
    body = _spaced_labels(body, episode)
    body, hearing = _hearing_labels(_role_labels(_scene_headings(body, episode), episode), episode)
    body, wide = _wide_colon_labels(body, episode)
    body, recorded = record_labels(body, episode)
    hearing |= wide | recorded
    body, listed_names = _list_labels(slug_headings(ruled_headings(body, episode), episode), episode)
    body, alone_names = name_lines(body, episode)
    lower = _typed_speakers(body)
    spelled = _initials(body)
    typed = lower | spelled | listed_names | hearing | ruled | nicks | alone_names | news | icons
    bold = _bold_labels(body)
    italic = _italic_labels(body)
    headed = _heading_labels(body)
    body = _titled_fields(_data_fields(body, episode), episode)
    paragraphs, unit = text_paragraphs(body, episode, typed, bold)
    paragraphs = _without_translation(_quoted_translations(paragraphs, bold, episode), typed, episode)

    headers = credits = entities = fielded = bare_bullets = 0
    changes: set[int] = set()  # paragraphs a captioner's ">>" opens
    guests_before = list(episode.guests)
    prefixed: list[tuple[str | None, str]] = []
    named_before, looked = False, 0  # whether a named turn is among prefixed[:looked]
    clock_labels: Counter[str] = Counter()  # names before a turn's linked clock, no colon
    clock_labelled: dict[int, str] = {}  # where such a name was read as a label: the paragraph as written
    bold_opened: set[str] = set()  # labels set in bold: "**Ana Ruiz:**", "__Ana Ruiz__:"
    bold_grouped: set[str] = set()  # names of bold labels with a bracket: "**Kiki (G):**", never a header's field
    initialled: dict[int, str] = {}  # turns whose label brackets its initials: "**Galuh (G):**"
    tables = 0  # Markdown tables, kept in extra["markdown_tables"]
    notes: list[str] = []
    disclaimers: list[str] = []
    framing: str | None = None
    fields: list[str] = []  # meeting notes' "Presenter: ..." lines
    notes_at: set[int] = set()  # paragraphs that are only a transcriber's note
    day_times: dict[int, float] = {}  # of those, the ones that are only a time of day, by index
    lists_at: dict[int, tuple[bool, str]] = {}  # paragraphs of list items alone: under a notes heading?, the list
    heading_before = ""  # the heading just above the paragraph, if one is
    # Headings are read in this first pass, before any segment is added: each chapter's
    # first segment is set when the paragraphs after it are added, below.
    opened: dict[int, list[Chapter]] = {}
    interview = questions_.interview(paragraphs)
    # A show's transcript whose brackets describe the scene ("[we see Riley as a new born baby …]", five
    # times or more): its bracketed paragraphs that end a sentence describe too.
    described = sum(bracketed(p) and stage_note(p) and len(p.split()) > NOTE_WORDS for p in paragraphs) >= _DESCRIBED
    asked: set[int] = set()  # the host's questions written as headings: chapters and words
    header_block = _heading_block(paragraphs, episode)
    headers += len(header_block)
    contacts: list[str] = []  # address blocks under a bold name
    skipped: set[int] = set()  # the paragraphs they took
    for k, chunk in enumerate(paragraphs):
        paragraph = squash(join_lines(chunk.split("\n")))
        if not paragraph or k in header_block or k in skipped:
            continue
        if paragraph in _LONE_DASHES:
            bare_bullets += 1  # "-" alone between paragraphs: a bullet with nothing after it
            continue
        under, heading_before = heading_before, ""
        if headed and (top := MARKDOWN_HEADING.match(paragraph)) and top.group("title").strip(" *_") in headed:
            prefixed.append((top.group("title").strip(" *_"), ""))  # "#### Jamie": who speaks next
            continue
        if paragraph.startswith("#"):
            # No named turn yet: the notes' header. Only what was added since the last look is read
            # (prefixed only grows here), so a script of thousands of headings stays linear.
            named_before = named_before or any(name for name, _ in prefixed[looked:])
            looked = len(prefixed)
            above = not named_before
            if (above and (top := MARKDOWN_HEADING.match(paragraph)) and not _HEADER_FIELD.match(paragraph)
                    and header_heading(top.group("title"), episode)):
                fielded += 1
                continue
            chapters = len(episode.chapters)
            around = (squash(paragraphs[j]) for j in (k - 1, k + 1) if 0 <= j < len(paragraphs))
            if _header(paragraph, episode, talk_begun=not above, among_fields=any(map(_HEADER_FIELD.match, around))):
                opened.setdefault(len(prefixed), []).extend(episode.chapters[chapters:])
                headers += 1
                heading_before = paragraph
                if interview and len(episode.chapters) > chapters and (words := questions_.said(paragraph)):
                    asked.add(len(prefixed))
                    prefixed.append((None, words))
                continue
        if k == 0 and _header_block(chunk, episode):
            headers += 1
            continue
        if headers and not prefixed and (dated := _DATE_FIELD.match(paragraph)) and "\n" not in paragraph.strip():
            episode.date = episode.date or dated.group("day")  # the header's date, a line apart from the rest
            headers += 1
            continue
        if not prefixed and (url_field := _LINK_FIELD.match(paragraph)):
            # "podcast: https://…" above the first turn: where the episode is, not words
            episode.extra.setdefault("fields", {})[url_field.group("key")] = url_field.group("url")
            _known_field(url_field.group("key"), url_field.group("url"), episode)
            headers += 1
            continue
        if "\n" in chunk.strip() and _field_block(chunk.strip().split("\n")):
            for line in chunk.strip().split("\n"):
                field = _field_line(line)
                if field:
                    episode.extra.setdefault("fields", {})[field.group("key").strip()] = field.group("value").strip()
                    _known_field(field.group("key"), field.group("value"), episode)
            headers += 1
            continue
        if is_credit_line(paragraph):
            credits += 1
            continue
        if (_DISCLAIMER.match(paragraph) and len(paragraph.split()) <= _DISCLAIMER_WORDS
                and speaker_prefix(paragraph, typed)[0] is None):
            disclaimers.append(squash(paragraph))
            continue
        if (not prefixed and framing is None and _FRAMING.match(paragraph) and k + 1 < len(paragraphs)
                and speaker_prefix(paragraph, typed)[0] is None and speaker_prefix(paragraphs[k + 1], typed)[0]):
            framing = squash(paragraph)  # a model's "here is the transcribed dialogue:" above the turns
            continue
        decoded = unescape_entities(paragraph)
        entities += decoded != paragraph
        paragraph = decoded
        if _table(chunk):
            # "| Name | Abbreviation |" over "|---|---|": the notes' table (attendees, a comparison), no speech
            episode.extra.setdefault("markdown_tables", []).append(chunk.strip())
            tables += 1
            continue
        if _meeting_field(paragraph):
            fields.append(paragraph)
            continue
        if not prefixed and _CLIPPED_EXCERPT.match(paragraph):
            # MarkDownload's "> ## Excerpt" / "> the page's description" above a clipped page: no speech
            episode.extra["excerpt"] = squash(_QUOTED_LINE.sub(" ", _CLIPPED_EXCERPT.sub("", paragraph)))
            continue
        if markdown and _BLOCKQUOTE.match(chunk.lstrip("\n")):
            # A passage the speaker quotes ("> The new API…"): the words of the turn it is in, without the marks.
            if quoted := squash(join_lines(_BLOCKQUOTE.sub("", chunk).split("\n"))):
                prefixed.append((None, quoted))
            continue
        if contact := _contact_block(chunk, paragraphs[k + 1] if k + 1 < len(paragraphs) else ""):
            contacts.append(contact[0])  # "**Jane Doe**" over her street, town and phone: an address, not her words
            if contact[1]:
                skipped.add(k + 1)
            continue
        if _heads_links(chunk, paragraphs[k + 1] if k + 1 < len(paragraphs) else ""):
            prefixed.append((None, paragraph))  # "**News:**" over a list of links: a heading, not a speaker
            continue
        if note := fathom_note(paragraph):
            notes.append(note[0])  # Fathom's "ACTION ITEM: ... - WATCH": its note, not speech
            if note[1]:
                prefixed.append((None, note[1]))
            continue
        if (at := day_clock_line(paragraph)) is not None:
            day_times[len(prefixed)] = at  # "(10.00 am)": a note, and maybe the time of the words after it
        a_note = (stage_note(paragraph) or (described and bracketed(paragraph))) and not opening_clock(paragraph)
        if at is not None or a_note:  # "[Time 0:00:26]" is a clock, not a note
            notes_at.add(len(prefixed))  # "(Shuffling of papers)", "END OF TAPE": a transcriber's note, said by no one
            prefixed.append((None, note_text(paragraph)))
            continue
        alone = label_alone(paragraph, bold)
        if not alone and italic and (em := _ITALIC_NAME.match(paragraph)) and em.group("name").strip() in italic:
            alone = (em.group("name").strip(), "")
        if alone:
            prefixed.append(alone)
            continue
        if _list_only(chunk):
            lists_at[len(prefixed)] = bool(_NOTES_HEADING.search(under)), chunk.strip()
        # Markup is stripped from the words, once, below.
        if chevron := _CHEVRON_OPENING.match(paragraph):
            paragraph = paragraph[chevron.end():]  # a captioner's ">>": someone else speaks, unnamed
            changes.add(len(prefixed))
        if (before_clock := name_before_linked_clock(paragraph)) and looks_like_name(before_clock[0]):
            clock_labels[before_clock[0]] += 1  # "Joscha Bach [(00:02:12)](…&t=132) This…": a turn
            clock_labelled[len(prefixed)] = paragraph
            prefixed.append(before_clock)
            continue
        prefixed.append(_label_after_sound(paragraph, typed) or speaker_prefix(paragraph, typed))
        if prefixed[-1][0] and (grouped := _GROUPED_PREFIX.match(paragraph)) and _names_in_bracket(grouped):
            bold_grouped.add(prefixed[-1][0])
            if short := _bracketed_initials(grouped):
                initialled[len(prefixed) - 1] = short
        if markdown and prefixed[-1][0] is None and (bullet := _one_item(chunk, paragraph)):
            prefixed[-1] = (None, paragraph[bullet:])  # "- 各位听众好…": a paragraph set as a list item, the mark no word
        if prefixed[-1][0] and paragraph.startswith(("**", "__")):
            bold_opened.add(prefixed[-1][0])
    _initials_for_names(prefixed, initialled)
    credited = credible([name for name, _ in prefixed])
    credited |= {name for name, _ in prefixed if name in bold_grouped}
    labels = {name for name, _ in prefixed if name}
    if (not credited and len(labels) == 1 and (only := next(iter(labels))) in bold_opened and len(only.split()) >= 2
            and given_name_like(only.split()[0]) and word_frequency(only.split()[-1].lower()) < _SURNAME_FREQUENCY):
        credited = {only}  # "__Nell Shamrell-Harrington__: Hello…" over a monologue: set as a label, once
    clock_styled = clock_labels.total() >= _CLOCK_LABELS
    # Speakers recur, or are named as people are ("Dan Smith" asking once); a section named before its link
    # ("Early Life [(00:00:00)](…)") is neither, and stays words.
    recurring = ({name for name, n in clock_labels.items() if n >= 2 or given_name_like(name.split()[0])}
                 if clock_styled else set())  # fmt: skip
    credited |= recurring
    for k, paragraph in clock_labelled.items():
        if prefixed[k][0] not in recurring:
            prefixed[k] = (None, paragraph)
    if hearing:
        # A hearing record's own labels name its speakers; a "Deficits:" or "Internet:" opening one
        # paragraph among them is its words, however it falls between theirs.
        said = Counter(name for name, _ in prefixed if name)
        credited = {name for name in credited if name in hearing or said[name] >= 2 or titled(name)}
    if recorded:
        credited &= recorded  # a parliament's record labels its speeches its own way; "Beginn:" is no one
    speakers = credited | typed | bold | italic | headed
    speakers -= _stray_words(speakers)
    # Turns opening with their time of day ("徐委員永明：（11時32分）…"), twice or more, are timed by it.
    turn_clocks = sum(1 for name, rest in prefixed if name in speakers and opening_day_clock(rest)) >= 2
    listed = _list_notes(lists_at, prefixed, speakers)
    # "Richard Hanna :" alone, once, over the introduction: a speaker where the page's fields name him.
    speakers |= {name for name, rest in prefixed if name and not rest and questions_.named_by_page(episode, name)}
    # A label right above a question heading names who asks the questions; the answers after one are the
    # guest's where the page names one guest and the asker is someone else.
    askers = {prefixed[k - 1][0] for k in asked if k and not prefixed[k - 1][1] and prefixed[k - 1][0] in speakers}
    host = questions_.host(episode, {a for a in askers if a}, speakers, guests_before) if asked else None
    guest = guests_before[0] if host and len(guests_before) == 1 and guests_before[0] != host else None
    declared = episode.guests[len(guests_before):]  # named by "# Speaker:" lines in this text
    # An interview's heading above its first turn ("Interview with Ken Thompson, 9-6-89"): not speech.
    first = next((k for k, (name, _) in enumerate(prefixed) if name in speakers), 0)
    texts = [f"{name}: {rest}" if name else rest for name, rest in prefixed]
    heading = set(heading_above(texts, first))
    if first and first - 1 in day_times:
        # "James S. Brady Press Briefing Room" over "2:41 P.M. EST" over the first turn: where, then when
        heading |= {k for k in range(first - 1) if k not in notes_at and prefixed[k][0] is None
                    and len(prefixed[k][1].split()) <= PLACE_DATE_WORDS and not SENTENCE_END.search(prefixed[k][1])}
    heading |= _fields_as_heading(texts, first, heading)
    heading |= _fields_under_headings(prefixed, opened, first, episode)
    if heading:
        lines = [texts[k] for k in sorted(heading)]
        heading_facts(lines, episode, "\n".join(texts))
        episode.extra.setdefault("header", []).extend(lines)
        headers += len(heading)
    heading |= page_text(prefixed, speakers, heading | notes_at, episode)

    named = inherited = added = cut = pieces = 0
    current: str | None = None
    answered = 0
    linked: list[str] = []  # the links to their moments that turns open with
    clocked = 0  # turns opening with their time in brackets
    day_clocks, day_clock = 0, DayClock(back=0.0)  # lines that are a time of day, "(10.00 am)"
    # One such line gives no scale to time the words by: only where it sat, not how fast the words went.
    # Nor do they time turns that carry their own times into the recording.
    day_clocked = len(day_times) >= 2 and not any(opening_clock(rest) or opening_moment(rest) for _, rest in prefixed)
    turns_day_clocked = 0  # such turns, timed by their clock, which is no word
    waiting: float | None = None
    first_segment = len(episode.segments)
    for k, (name, rest) in enumerate(prefixed):
        if k in opened and not (clock_styled and name is None and opening_moment(rest)):
            # A heading ends the turn of the label above it; not where a turn that names no one but
            # opens with its linked clock goes on as the last voice's (lexfridman.com's chapters).
            current = None
        for chapter in opened.pop(k, []):
            chapter.first_segment = len(episode.segments)
            if chapter.start is not None:
                waiting = chapter.start  # a heading's time is its first paragraph's
                clocked += 1
        if k in heading:
            continue
        if k in asked or (host and name is None and questions_.bold(rest)):
            # A question heading, or one set in bold among the answers ("**1. ... Yes or no?**").
            added += _add_paragraph(episode, host, rest, markdown) > 0
            current = guest
            continue
        if k in notes_at:
            if (at := day_times.get(k) if day_clocked else None) is not None:
                # "(10.00 am)": an inquiry's or court's record of when it sat again; the words after start then.
                waiting, day_clocks = day_clock.read(at), day_clocks + 1
            episode.add_segment("", start=waiting if at is not None else None, directions=[rest])
            continue
        if k in listed:
            episode.extra.setdefault("notes", []).append(lists_at[k][1])
            continue
        start = None
        if (name is None or name not in speakers) and (mark := _mark_alone(f"{name}: {rest}" if name else rest)):
            # "**Break:** \\[13:19\\]": where the recording breaks, no one's words
            episode.add_segment("", start=mark[1], directions=[mark[0]])
            clocked += mark[1] is not None
            continue
        if clock := opening_clock(rest):  # "**Marty Schoch:** \\[03:59\\] ...in October"
            start, rest = clock
            clocked += 1
        elif turn_clocks and name in speakers and (day := opening_day_clock(rest)):
            at, rest = day
            if day_clock.last is not None and at + 12 * 3600 >= day_clock.last - day_clock.days > at:
                at += 12 * 3600  # "（1時05分）" after "（11時35分）": the afternoon, on a 12-hour clock
            start = day_clock.read(at)
            turns_day_clocked += 1
        if name is not None and name not in speakers:
            rest = f"{name}: {rest}" if rest else f"{name}:"
            name = None
        own = name is not None
        if own:
            current = name
        elif k in changes:
            current = None  # ">> Yes.": a voice the transcript does not name, not the speaker before
        elif current is not None:
            # A paragraph with no label carries on the turn of the last one named.
            name = current
        if start is None and (moment := opening_moment(rest)):  # "[This](https://…&t=15) is issue 536…"
            start, link, rest = moment
            linked.append(link)
        if start is None:
            start, waiting = waiting, None
        segments = _add_paragraph(episode, name, rest, markdown, start)
        if not segments:
            waiting = start  # "Stephan Livera: [00:37:25]" alone: the time of the words below it
            continue  # a label standing alone names who speaks next; no segment, so not counted
        answered += guest is not None and not own and name == guest
        added += 1
        named += own
        inherited += not own and name is not None
        if segments > 1:
            cut, pieces = cut + 1, pieces + segments
    for chapter in (c for after_all in opened.values() for c in after_all):
        chapter.first_segment = len(episode.segments)  # headings after the last paragraph
    if clocked and first_segment < len(episode.segments) and episode.segments[first_segment].start is None:
        # Stamped now and then, a transcript still begins where the recording does.
        episode.segments[first_segment].start = 0.0
    elif (day_clocks or turns_day_clocked) and first_segment < len(episode.segments) and episode.segments[first_segment].start is None:
        # Words before the first time of day: the sitting began at it, or at least no later.
        episode.segments[first_segment].start = next(s.start for s in episode.segments[first_segment:] if s.start is not None)
    if linked or clocked or day_clocks or turns_day_clocked:
        time_turns(episode, first_segment, linked, clocked)
    if turns_day_clocked:
        episode.repair("day_clocks", f"{counted(turns_day_clocked, 'turn')} {agrees(turns_day_clocked, 'opens', 'open')} with their time of day (as '（11時32分）'): timed by "
                                     "it and the clock left out of the words; the turns between timed by their length")  # fmt: skip
    if day_clocks:
        episode.repair("day_clocks", f"{counted(day_clocks, 'line')} that {agrees(day_clocks, 'is', 'are')} only a time of day ({prefixed[min(day_times)][1]!r}) time the "
                                     "words after them; the words between timed by their length")  # fmt: skip
    _declared_speaker(episode, declared)
    _one_voice(episode, opening)
    attendees.show_names(episode, text)
    questions_.report(episode, len(asked), host, answered, guest)
    keep_notes(episode, notes)
    if bare_bullets:
        episode.repair("markup_lines", f"{counted(bare_bullets, 'bullet')} with nothing after them ('-' alone) left out")
    keep_contacts(contacts, episode)
    if tables:
        episode.repair("tables", f"{counted(tables, 'Markdown table')} kept in extra['markdown_tables'], not read as speech")
    if fields:
        episode.extra.setdefault("meeting_fields", []).extend(fields)
        episode.repair("meeting_fields", f"{counted(len(fields), 'line')} such as {fields[0]!r} {agrees(len(fields), 'is', 'are')} the meeting notes' "
                       "fields, not speech; kept in extra['meeting_fields']")
    detail = (f"{added} {unit} became segments, {len(linked) + clocked + day_clocks + turns_day_clocked} timed by their links or clocks"
              if linked or clocked or day_clocks or turns_day_clocked else f"the text had no times; {added} {unit} became untimed segments")
    if named:
        detail += f", {named} with a 'Name:' speaker prefix"
    if inherited:
        detail += f" and {inherited} continuing the turn before them"
    episode.repair("no_structure", detail)
    if lower:
        episode.repair("lowercase_speakers", f"labels in lower case read as speakers, as they open most "
                       f"paragraphs and recur: {', '.join(sorted(lower))}")
    if initials := spelled - lower - listed_names - hearing - alone_names:
        episode.repair("initials_as_labels", f"initials that spell a word read as speakers, as they recur among "
                       f"other initials labelling the turns: {', '.join(sorted(initials))}")
    if cut:
        episode.repair("long_paragraphs", f"{cut} {unit} over {_LONG_PARAGRAPH} characters cut at sentence ends "
                       f"into {pieces} segments of at most {_PIECE_CHARS}, so estimated times advance through them")
    if listed:
        episode.repair("list_notes", f"{counted(len(listed), 'list')} among the labelled turns or under a notes heading "
                       f"(such as {squash(lists_at[min(listed)][1])[:40]!r}) {agrees(len(listed), 'is', 'are')} the page's notes, not "
                       "speech: kept in extra['notes']")
    # Lines that time the words are reported as such (day_clocks), not again as notes.
    if noted := notes_at - day_times.keys() if day_clocks else notes_at:
        episode.repair("stage_notes", f"{counted(len(noted), 'paragraph')} {agrees(len(noted), 'is', 'are')} only a transcriber's note "
                       f"({prefixed[min(noted)][1]!r}): set aside as directions, not speech")
    report_header_headings(episode, fielded)
    if headers:
        episode.repair("header_lines", f"{counted(headers, 'header line or block', 'header lines or blocks')} read as the title, metadata or chapters")
    if framing:
        episode.extra["framing"] = framing
        episode.repair("framing", f"the line above the transcript ({framing[:60]!r}) introduces it: a note, not speech")
    if disclaimers:
        episode.extra["disclaimer"] = "\n\n".join(disclaimers)
        episode.repair("disclaimer", f"the publisher's disclaimer ({disclaimers[0][:60]!r}…) is no one's words: "
                       "kept in extra['disclaimer']")
    if credits:
        episode.repair("credit_lines", f"{counted(credits, 'credit line')} of the transcription service dropped")
    if entities:
        episode.repair("html_entities", f"HTML character references such as &#39; decoded in {counted(entities, 'paragraph')}")


# "**Break:** \\[13:19\\]": a word and a clock alone, marking the recording's own event.
_MARK_ALONE = re.compile(r"^(?:\*\*|__)?(?P<what>[^\W\d_][^*_:\n]{0,30}?)(?:\*\*|__)?:(?:\*\*|__)?[ \t]*(?P<clock>\\?\[.{1,16})$")


_LONE_DASHES = frozenset({"-", "–", "—", "*", "•"})


# "**Break:**" alone, no clock: Changelog News marks its sections so. Only a word no one is named
# ("Break", "Intro", "Outro"), since a bold name alone heads its speaker's turn.
_BOLD_MARK = re.compile(r"^(?P<open>\*\*|__)(?P<what>[^\W\d_][^*_:\n]{0,30}?)(?:(?P=open):|:(?P=open))[ \t]*$")


def _mark_alone(paragraph: str) -> tuple[str, float | None] | None:
    """(what, when) for a paragraph that is only ``What: [clock]``, or a bold ``**Break:**``; else None."""
    if (m := _MARK_ALONE.match(paragraph)) and (clock := opening_clock(m.group("clock"))) and not clock[1].strip():
        return m.group("what").strip(), clock[0]
    if (m := _BOLD_MARK.match(paragraph)) and not_a_name(what := m.group("what").strip()):
        return what, None
    return None


def _heading_block(paragraphs: list[str], episode: Episode) -> set[int]:
    """The headings opening the text, one under another, the first shallower than the rest, one of
    those a date ("### DCG Town Hall" / "#### Meeting held on Discord" / "#### 29 May 2025 1600
    Pacific time"): the title, the date and the notes of a header, not chapters. Their indices; none
    where the episode has a title already."""
    levels: list[tuple[int, str]] = []
    taken: set[int] = set()
    for k, chunk in enumerate(paragraphs):
        if not chunk.strip():
            continue
        if "\n" in chunk.strip() or not (m := MARKDOWN_HEADING.match(chunk.strip())):
            break
        levels.append((len(m.group(1)), m.group("title")))
        taken.add(k)
    if len(levels) < 2 or episode.title or levels[0][0] >= min(level for level, _ in levels[1:]):
        return set()
    dates = [date_in(line) if len(line.split()) <= 8 else None for _, line in levels[1:]]
    if not any(dates) or any(_HEADER_FIELD.match(f"# {line}") for _, line in levels):
        return set()  # headings that open chapters, or a talk dump's "# Title:" fields
    episode.title, day = title_and_date(strip_markdown_inline(levels[0][1]))
    episode.extra.setdefault("header", []).extend(line for _, line in levels[1:])
    episode.date = episode.date or day or next(d for d in dates if d)
    return taken


# An untimed paragraph longer than a moment (moments.MAX_CHARS, ~170 words) is cut at sentence ends
# into pieces of a third of that: a few sentences, ~55 words, ~20 s at 150 words a minute. Each
# estimated time then lands near its words, and moments, which join one speaker's segments up to
# MAX_CHARS, still gather about three pieces into a passage of the size they would cut anyway.
_LONG_PARAGRAPH = MAX_CHARS
_PIECE_CHARS = MAX_CHARS // 3


# A Markdown blockquote's mark opening a line ("> The new API…", ">" alone between its paragraphs);
# not a captioner's ">>", a change of voice.
_BLOCKQUOTE = re.compile(r"^[ \t]{0,3}>(?!>)[ \t]?", re.MULTILINE)


def _add_paragraph(episode: Episode, speaker: str | None, rest: str, markdown: bool, start: float | None = None) -> int:
    """Add a paragraph as one segment, or a long one as several with the same speaker; how many.
    A ``start`` is the first segment's."""
    if _ITALIC_ALONE.match(rest):
        parts = [("", [rest])]  # "*Intro Music*" set apart in italics: a stage direction
    else:
        words = strip_markdown_inline(rest) if markdown else rest
        pieces = [words] if len(words) <= _LONG_PARAGRAPH else sentence_chunks(words, _PIECE_CHARS)
        # Directions are split from each piece, so they stay beside the words they came with.
        parts = [split_directions(piece) for piece in pieces[1:]]
        parts.insert(0, split_directions_after(pieces[0], episode.segments[-1] if episode.segments else None, speaker))
    parts = [(spoken, directions) for spoken, directions in parts if spoken or directions]
    for k, (spoken, directions) in enumerate(parts):
        episode.add_segment(spoken, start=start if k == 0 else None, speaker=speaker, directions=directions)
    return len(parts)


def _after_notes(text: str, episode: Episode) -> str:
    """The text from its transcript marker on; the show notes above it set aside as on a page.

    A page's body comes here with its notes set aside already. A file with no front matter
    keeps no other copy of itself, so what follows the transcript stays in (as chapters).
    """
    if "show_notes" in episode.extra:
        return text
    lines = text.split("\n")
    notes, transcript, after = split_transcript(lines, episode)
    for k, line in enumerate(notes):
        # Header fields ("# Title: ...") and the page's "# Title" above the marker still describe it.
        if _HEADER_FIELD.match(line) or (line.startswith("# ") and not episode.title):
            around = (notes[j] for j in (k - 1, k + 1) if 0 <= j < len(notes))
            _header(squash(line), episode, among_fields=any(map(_HEADER_FIELD.match, around)))
    marker = lines[len(notes)] if len(notes) + len(transcript) + len(after) < len(lines) else ""
    heading = MARKDOWN_HEADING.match(marker)
    if heading and marker.startswith("# ") and not episode.title and not generic_title(heading.group("title")):
        transcript = [marker, *transcript]  # "# Transcription podcast 149": the marker titles the page too
    elif marker.strip() and not notes:  # reported above where notes were set aside
        episode.repair("header_lines", f"the line {squash(marker)[:60]!r} marks where the transcript begins; not speech")
    return "\n".join(transcript + after)


def _without_furniture(text: str, episode: Episode) -> str:
    """The text with its images, rules, lone HTML tags and shortcodes blanked out: page furniture,
    never speech (a slide's "![00:01:00 Title](slide.jpg)" would leave its time in the words).
    Link lists and bare links stay, for ``_heads_links`` to tell a heading over them."""
    lines = text.split("\n")
    kept: list[str] = []
    # Within turns opened by a label alone ("**Jerod Santo:**"), up to a heading, a link alone on its line
    # is a headline its speaker reads out (Changelog News); above them it is the page's link.
    heard = False
    for line in lines:
        kept.append("" if _furniture(line) and not (heard and lone_link(line)) else line)
        if line.startswith("#"):
            heard = False
        elif line.strip() and not heard:
            heard = bool(label_alone(squash(line)))
    if dropped := sum(1 for a, b in zip(lines, kept) if a != b):
        episode.repair("markup_lines", f"{counted(dropped, 'line')} of page markup (images, rules, tags) left out")
    return "\n".join(kept)


def _without_chat(text: str, episode: Episode) -> str:
    """The text without the meeting's Zoom chat pasted into it (``From Jane to Everyone 03:02 PM`` over
    each message): what was typed, not said; kept in ``extra["chat"]``."""
    lines = text.split("\n")
    found = zoom_chat.pasted_chat(lines) if "From " in text else None
    if found is None:
        return text
    start, end, messages = found
    episode.extra["chat"] = "\n".join(lines[start:end]).strip()
    episode.repair("pasted_chat", f"{counted(messages, 'message')} of the meeting's Zoom chat pasted into the notes "
                   f"(line {start + 1} on) kept in extra['chat']: typed, not said")
    return "\n".join(lines[:start] + [""] * (end - start) + lines[end:])


_FENCE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})")


def _code_blocks(lines: list[str]) -> list[tuple[int, int]]:
    """The first and last line of each fenced code block: an opening fence and the next bare one like it."""
    closing: dict[str, list[int]] = {}  # a bare fence -> the lines it stands alone on, in order
    for j, line in enumerate(lines):
        if (bare := line.strip()) and _FENCE.fullmatch(bare):
            closing.setdefault(bare, []).append(j)
    spans: list[tuple[int, int]] = []
    k = 0
    while k < len(lines):
        opening = _FENCE.match(lines[k])
        after = closing.get(opening.group("fence"), []) if opening else []
        at = bisect_right(after, k)
        close = after[at] if at < len(after) else None
        if not opening or close is None:
            k += 1
            continue
        spans.append((k, close))
        k = close + 1
    return spans


def _without_code(text: str, episode: Episode) -> str:
    """The text without its fenced code blocks (```` ```javascript ```` … ```` ``` ````): code a talk showed
    on screen, as meeting notes paste it under a turn, is no one's words; kept in ``extra["code"]``."""
    if "```" not in text and "~~~" not in text:
        return text
    lines = text.split("\n")
    blocks: list[str] = []
    for first, last in _code_blocks(lines):
        blocks.append("\n".join(lines[first:last + 1]))
        lines[first:last + 1] = [""] * (last + 1 - first)
    if blocks:
        episode.extra.setdefault("code", []).extend(blocks)
        episode.repair("code_blocks", f"{counted(len(blocks), 'fenced code block')} kept in extra['code']: code shown, "
                       "not words said")
    return "\n".join(lines)


# "RBN:This is partially…", "**Paul:**it is…": a speaker's label with no space before the words; and a
# bold label in the middle of a line (`… being made **Paul:**yeah that's right`), a turn the notes ran on.
_GLUED_LABEL = re.compile(r"^(?P<label>[ \t]*(?:\*\*|__)?(?P<name>[^\W\d_][\w.'’ -]{0,40}?)(?:\*\*|__)?:(?:\*\*|__)?)(?=[^\s*_:/])")
# "MM; Yeah, I don't…": a known label closed by a semicolon, a typo for its colon.
_COLON_LABEL = re.compile(r"^[ \t]*(?P<name>[^\W\d_][\w.'’ -]{0,40}?):[ \t]")
_SEMICOLON_LABEL = re.compile(r"^(?P<indent>[ \t]*)(?P<name>[^\W\d_][\w.'’ -]{0,40}?);[ \t]+(?=\S)")
_INLINE_BOLD_LABEL = re.compile(r"(?<=\S)[ \t]+(?P<open>\*\*|__)(?P<name>[^\W\d_][\w.'’ -]{0,40}?):(?P=open)[ \t]*(?=\S)")


# A screenplay's scene heading alone on its line, as a show's transcript keeps them: "INT. COMEDY CLUB –
# NIGHT", "EXT. STREET - DAY", "INT./EXT. CAR". Capitals only, no colon: not a line of speech.
_SCENE_HEADING = re.compile(r"^[ \t]*(?:INT|EXT|INT\.?/EXT|EXT\.?/INT|I/E)\.?[ \t]+[^\s:a-z](?:[^\n:a-z]{0,78}[^\s:a-z])?[ \t]*$",
                            re.MULTILINE)  # fmt: skip
# Most of a screenplay's scene headings end with the time of the scene ("– NIGHT"); quoted lines need not.
_SCENE_TIME = re.compile(r"\b(?:DAY|NIGHT|MORNING|EVENING|AFTERNOON|DAWN|DUSK|LATER|CONTINUOUS|SAME)\W*$")


def _scene_headings(text: str, episode: Episode) -> str:
    """A screenplay's scene headings, where a text has two or more, as headings (chapters)."""
    found = _SCENE_HEADING.findall(text)
    if len(found) < MIN_RULED_HEADINGS or 2 * sum(bool(_SCENE_TIME.search(h)) for h in found) < len(found):
        return text
    episode.repair("scene_headings", f"{counted(len(found), 'screenplay scene heading')} such as {found[0].strip()!r} read as "
                                     "chapters, not speech")  # fmt: skip
    return _SCENE_HEADING.sub(lambda m: f"## {m.group().strip()}", text)


# A reStructuredText section title, underlined at least its length: "1. Professor Ann Example" over "=====…".
# A blank line above it: under a header's last line ("Data: 2026-03-31" over "=====") a rule ends the header.
_UNDERLINED = re.compile(r"(?:\A|(?<=\n\n))(?P<title>[^\s=~^][^\n]{0,99})\n(?P<rule>={3,}|~{3,}|\^{3,})[ \t]*$", re.MULTILINE)


def _underlined_headings(text: str, episode: Episode) -> str:
    """reStructuredText's section titles, underlined with "=", "~" or "^" to their length, as headings (chapters)."""
    if "===" not in text and "~~~" not in text and "^^^" not in text:
        return text
    found = [m.group("title").strip() for m in _UNDERLINED.finditer(text)
             if len(m.group("rule")) >= len(m.group("title").rstrip())]
    if not found:
        return text
    episode.repair("underlined_headings", f"{counted(len(found), 'section title')} underlined as reStructuredText writes them "
                                          f"({found[0]!r}) read as chapters, not speech")  # fmt: skip
    return _UNDERLINED.sub(lambda m: f"## {m.group('title').strip()}" if len(m.group("rule")) >= len(m.group("title").rstrip())
                           else m.group(), text)


# Mexico's presidential press conferences as scraped (fferegrino/mananeras): turns between "---" lines, each
# opened by its speaker in capitals on a line of their own ("PREGUNTA", "SECRETARIA DE GOBERNACIÓN, ROSA …").
_RULE_LINE = re.compile(r"^[ \t]*-{3,}[ \t]*$")
_CAPS_LINE = re.compile(r"^[^\W\d_][^\W\d_ ,.'’()-]*(?:[ ,.'’()-]+[^\W\d_][^\W\d_.'’()-]*){0,11}$")
_RULED_TURNS = 3
_RULED_SHARE = 0.8


def _ruled_turns(text: str, episode: Episode) -> tuple[str, frozenset[str]]:
    """The text with turns set between rules under a speaker's line in capitals written ``NAME: words``,
    and the names, where most rules (three or more) open such a turn and two names recur."""
    lines = text.split("\n")
    rules = [k for k, line in enumerate(lines) if _RULE_LINE.match(line)]
    if len(rules) < _RULED_TURNS:
        return text, frozenset()

    def speaker(k: int) -> str | None:
        name = lines[k + 1].strip() if k + 2 < len(lines) else ""
        said = lines[k + 2].strip() if k + 2 < len(lines) else ""
        return name if name.isupper() and _CAPS_LINE.match(name) and said and not _RULE_LINE.match(said) else None

    named = {k: name for k in rules if (name := speaker(k))}
    counts = Counter(named.values())
    if len(named) < _RULED_SHARE * len(rules) or sum(n >= 2 for n in counts.values()) < 2:
        return text, frozenset()
    for k in rules:
        lines[k] = ""
    for k, name in named.items():
        lines[k + 1], lines[k + 2] = f"{name}: {lines[k + 2].strip()}", ""
    episode.repair("ruled_turns", f"{counted(len(named), 'turn')} set between '---' rules under their speaker in capitals "
                                  f"({', '.join(repr(n) for n, _ in counts.most_common(2))}): read as labelled turns")  # fmt: skip
    return "\n".join(lines), frozenset(counts)


# "Stephan Livera – 00:37:25:" / "Greg Sanders – :": a label with a dash, and the turn's time or
# nothing after it, as a transcriber typing "Name – time:" writes it when the time is unknown.
_DASHED_LABEL = re.compile(r"^(?P<name>[^\W\d_][\w.'’]*(?: [^\W\d_][\w.'’]*){0,3})[ \t]+[–—][ \t]*"
                           r"(?P<clock>(?:\d{1,2}:)?\d{1,2}:\d{2})?[ \t]*:(?P<rest>.*)$", re.MULTILINE)


def _dashed_labels(text: str, episode: Episode) -> str:
    """The text with ``Name – time:`` labels written ``Name: [time]``, where the name labels turns
    elsewhere too (plainly, or dashed again)."""
    found = list(_DASHED_LABEL.finditer(text))
    if not found:
        return text
    dashed = Counter(m.group("name") for m in found)
    names = {name for name in dashed if looks_like_name(name) and (dashed[name] >= 2 or re.search(
        rf"^(?:\*\*|__)?{re.escape(name)}(?:\*\*|__)?[ \t]*:", text, re.MULTILINE))}  # fmt: skip
    if not names:
        return text

    def plain(m: re.Match[str]) -> str:
        if m.group("name") not in names:
            return m.group(0)
        clock = f" [{m.group('clock')}]" if m.group("clock") else ""
        return f"{m.group('name')}:{clock}{m.group('rest')}"

    example = next(squash(m.group(0))[:40] for m in found if m.group("name") in names)
    episode.repair("dashed_labels", f"{counted(sum(dashed[n] for n in names), 'speaker label')} written with a dash "
                                    f"({example!r}): read as labels, a time in one as its turn's")  # fmt: skip
    return _DASHED_LABEL.sub(plain, text)


# "A - Eu queria começar…" / "B - Pois é…": an interview's turns each opened by a letter (or a short
# label, or a full name: "Marie Dupont — Yes.") and a dash, with no colon. Only where such labels open most lines, recur and take turns: prose
# may open a line "A - " once.
_LETTER_DASH = re.compile(r"^(?P<name>[A-Z]|[^\W\d_][\w.'’]{0,19}(?: [^\W\d_][\w.'’]{0,19}){0,3})[ \t]+[-–—][ \t]+(?=\S)",
                          re.MULTILINE)
_LETTER_DASH_TURNS = 4


def _letter_dash_labels(text: str, episode: Episode) -> str:
    """The text with each ``A - words`` turn written ``A: words``, where such labels (a letter,
    initials or a full name) open at least half the lines, each recurs and they alternate (a
    change of label at half the turns or more)."""
    found = list(_LETTER_DASH.finditer(text))
    if len(found) < _LETTER_DASH_TURNS:
        return text
    names = [m.group("name") for m in found]
    counts = Counter(names)
    lines = sum(1 for line in text.split("\n") if line.strip())
    changes = sum(1 for before, after in zip(names, names[1:]) if before != after)
    if (len(counts) < 2 or min(counts.values()) < 2 or 2 * len(found) < lines or 2 * changes < len(found) - 1
            or not (all(len(name) <= 3 and name.isupper() for name in counts)
                    or (all(" " in name and looks_like_name(name) for name in counts)
                        and spoken([_line_after(text, m) for m in found])))):
        # Letters, initials or full names only: "Added - …" / "Fixed - …" is a changelog, not two speakers;
        # and names over no sentences ("Jane Doe – Welcome") are an agenda, a reading list or a song's lines.
        return text
    episode.repair("dashed_labels", f"{counted(len(found), 'turn')} opened by a label and a dash "
                                    f"({squash(found[0].group(0))!r}): read as speaker labels")
    return _LETTER_DASH.sub(lambda m: f"{m.group('name')}: ", text)


# Earnings calls as the Motley Fool prints them: "Satya Nadella -- Chair and Chief Executive Officer"
# alone over the words, "Operator" alone, and the call's parts ("Prepared Remarks:", "Questions & Answers:").
_ROLE_LINE = re.compile(r"^(?P<name>[^\W\d_][\w.'’]*(?: [^\W\d_][\w.'’]*){0,3})[ \t]*(?:--|[–—])[ \t]*"
                        r"(?P<role>[^\W\d_][^\n:]{1,80}?)[ \t]*$", re.MULTILINE)
_CALL_PART = re.compile(r"^(?P<part>prepared remarks|questions? (?:and|&) answers?|question-and-answer session|"
                        r"call participants|presentation)[ \t]*:?[ \t]*$", re.MULTILINE | re.IGNORECASE)
_OPERATOR_ALONE = re.compile(r"^operator[ \t]*$", re.MULTILINE | re.IGNORECASE)
_ROLE_LINES = 3


def _role_labels(text: str, episode: Episode) -> str:
    """The text with each ``Name -- Role`` line alone written ``Name:``, where three or more such lines
    name people who recur; the call's parts become headings, "Operator" alone a label too."""
    # alone over its words: a blank line after it, and no sentence's stop (not "Alice — Thanks for coming.")
    found = [m for m in _ROLE_LINE.finditer(text) if looks_like_name(m.group("name"))
             and not m.group("role").rstrip().endswith((".", "?", "!", "…")) and text.startswith("\n\n", m.end())]
    # A role is the same each time its name comes back; a short turn's words ("Jean Martin — and then")
    # differ, and such a turn, taken for a label, lost them.
    said = {name: {squash(m.group("role")) for m in found if m.group("name") == name} for name in {m.group("name") for m in found}}
    found = [m for m in found if len(said[m.group("name")]) == 1]
    counts = Counter(m.group("name") for m in found)
    if len(found) < _ROLE_LINES or not any(n >= 2 for n in counts.values()):
        return text
    roles = {m.group("name"): squash(m.group("role")) for m in found}
    labels = {m.start() for m in found}
    text = _ROLE_LINE.sub(lambda m: f"{m.group('name')}:" if m.start() in labels else m.group(0), text)
    text = _CALL_PART.sub(lambda m: f"## {m.group('part')}", _OPERATOR_ALONE.sub("Operator:", text))
    episode.extra.setdefault("roles", roles)
    example = squash(found[0].group(0))[:60]
    episode.repair("role_labels", f"{counted(len(found), 'line')} of a name and a role alone ({example!r}) read as labels "
                                  f"over the words that follow; the roles kept in extra['roles']")  # fmt: skip
    return text


# A court reporter's page: a page number alone, then lines numbered 1 to 25 in the margin
# (" 3             THE COURT:  But do you…", "24        Q    One of the things…").
_NUMBERED_LINE = re.compile(r"^[ \t]*(?P<number>\d{1,2})(?:[ \t]+(?P<rest>.*?))?[ \t]*$")
_PAGE_NUMBER = re.compile(r"^[ \t]*\d{1,5}[ \t]*$")
_EXAMINER = re.compile(r"^BY[ \t]+(?P<name>(?:MR|MS|MRS|DR|MISS)\.?[ \t]+[A-Z][A-Z'’ -]{1,40}):$")
# A turn set at the margin all the same: "MR. TISI:" alone, "Q         Hi, Dr. Rigler."
_COURT_TURN = re.compile(r"^(?:[QA](?:[ \t]{2,}|\.[ \t])|(?:MR|MS|MRS|DR|MISS|THE|JUSTICE|CHIEF JUSTICE|GENERAL)\b"
                         r"[A-Z. '’-]{0,40}:(?:[ \t]|$))")
_FURNITURE_WORDS = 8
# Where the record of the sitting starts, under the cover and contents pages: "P R O C E E D I N G S".
# Spaced out, it opens a paragraph; written as a word, only a paragraph of its own (or before a clock).
_PROCEEDINGS = re.compile(r"P R O C E E D I N G S\.?(?=[ \t]*(?:\(|\n|$))|PROCEEDINGS\.?(?=[ \t]*(?:\(|$))")
_COVER_PARAGRAPHS = 30
# A typed record double-spaced: this many printed lines at least, this share with one blank line after
# them and at most this share with none; a paragraph's first line set this far in, on this share of lines.
_TYPED_LINES = 40
_DOUBLE_SPACED = 0.6
_SINGLE_SPACED = 0.1
_SET_IN = 4
_SET_IN_SHARE = 0.05
_MARGIN_SHARE = 0.1
_RUNNING_ON = 0.5  # of the lines at the margin, this share at least wrapped mid-sentence
_LABELS_AT_MARGIN = 0.1
# A part of a hearing, in capitals on a line of its own: "ORAL ARGUMENT OF ROBERT A. LONG",
# "REBUTTAL ARGUMENT OF …", "CROSS-EXAMINATION", "AFTERNOON SESSION"; its lines that go on
# ("FOR COURT-APPOINTED AMICUS CURIAE", "ON BEHALF OF THE PETITIONERS") belong to its title.
_COURT_HEADING = re.compile(r"(?:(?:ORAL|REBUTTAL|RESUMED|FURTHER)[ \t]+)?ARGUMENT[ \t]+OF[ \t]+[A-Z][^a-z:\n]*"
                            r"|(?:RE)?(?:DIRECT|CROSS)[- ]EXAMINATION[^a-z:\n]*|RECROSS[- ]EXAMINATION[^a-z:\n]*"
                            r"|(?:MORNING|AFTERNOON|EVENING)[ \t]+SESSION[^a-z:\n]*"
                            r"|(?:OPENING|CLOSING)[ \t]+(?:STATEMENTS?|ARGUMENTS?)(?:[ \t]+(?:OF|BY|ON)[ \t][^a-z:\n]*)?")
_HEADING_GOES_ON = re.compile(r"(?:ON[ \t]+BEHALF[ \t]+OF|FOR|AS[ \t]+AMICUS|IN[ \t]+SUPPORT[ \t]+OF|SUPPORTING)\b[^a-z:\n]*")
_HEADING_LINES = 3
# A cover's case, between rules of dashes ending in "x" (the Supreme Court's), its parties' roles,
# the column of colons and the docket number beside them.
# A rule is a few dozen dashes at most: bounded, so a page of dashes is read in linear time.
_CASE_CAPTION = re.compile(r"(?<!-)(?<!- )(?<!-  )(?:-[ \t]{0,2}){5,80}x\b(?P<caption>.{5,400}?)(?:-[ \t]{0,2}){5,80}x\b"
                           # or set beside a column of brackets, the rules gone with the page's running lines
                           r"|UNITED STATES\s+(?P<bracketed>.{5,400}?\))\s*(?:Washington\b|The above)", re.DOTALL)
_CASE_ROLE = re.compile(r"\b(?:(?:cross-)?(?:petitioners?|respondents?|appellants?|appellees?|plaintiffs?|defendants?))\b[.,]?"
                        r"|\bNos?\.[ \t]*[\w-]+(?:,[ \t]*[\w-]+)*|[ \t][:)](?=[ \t\n]|$)", re.IGNORECASE)
_VERSUS = re.compile(r"(?:^|[ \t])v(?:s)?\.?[ \t]", re.IGNORECASE)
_CASE_SMALL_WORDS = frozenset({"of", "and", "the", "for", "in", "on", "et", "al.", "al.,", "v.", "vs.", "a", "an", "to"})
_CASE_TITLE_CHARS = 200
# A contents page's line, set in columns: "DIRECT EXAMINATION BY MR. SMITH          5".
_COLUMN_GAP = re.compile(r"\S[ \t]{3,}\S")
# A converter's own page separator: "-----Page 2-----", "=== Page 12 ===".
_PAGE_MARK = re.compile(r"^[ \t\-=*_#]*page[ \t]+\d{1,5}[ \t\-=*_#]*$", re.IGNORECASE)
# The word index at the back: "ability 61:1 71:23", a word and the page:line of each time it was said.
_LOCATOR = re.compile(r"\b\d{1,3}:\d{1,2}\b")
_INDEX_LINES = 20
_INDEX_LOCATORS = 3  # in a paragraph of a PDF's index: "ability 61:1 71:23 able 6:2 51:2,18"; an answer's "7:45" is a time
_PARAGRAPH_INDENT = 8
_COURT_RUN = 10  # lines numbered 1, 2, ... in a row before a page is taken for a court reporter's
_COURT_PAGES = 2
# "Q    One of the things", "A    Yes.": the question and answer marks of an examination, no stop after them.
_BARE_QA = re.compile(r"^(?P<mark>[QA])(?:[ \t]{2,}|\t)(?=\S)", re.MULTILINE)


# A reporter's question as the White House writes it: "Q" alone, then spaces (no-break ones among them).
_SPACED_Q = re.compile(r"^(?P<indent>[ \t\u00a0]*)Q[ \t\u00a0]{2,}(?=\S)", re.MULTILINE)
_SPACED_QS = 2


def _spaced_questions(text: str, episode: Episode) -> str:
    """The text with each question opened by a bare "Q" and spaces written "Q. ", a label (read as
    an interview's Q is), where two or more open so."""
    found = len(_SPACED_Q.findall(text)) if "Q" in text else 0
    if found < _SPACED_QS:
        return text
    episode.repair("question_labels", f"{counted(found, 'paragraph')} {agrees(found, 'opens', 'open')} with a bare 'Q' and spaces, a reporter's "
                                      "question as briefings write it: read as the label Q")  # fmt: skip
    return _SPACED_Q.sub(lambda m: f"{m.group('indent')}Q. ", text)


# A line of an IRC log as meeting minutes paste it: "<jthomas> Reminder there is a new zoom link".
_IRC_LINE = re.compile(r"^[ \t]*" + IRC_NICK + r"[ \t]+(?=\S)", re.MULTILINE)
_IRC_LINES = 2


def _irc_lines(text: str, episode: Episode) -> tuple[str, frozenset[str]]:
    """The text with each IRC line's "<nick>" written as the label "nick:", and the nicks, where two lines
    or more open so."""
    found = [m.group("nick") for m in _IRC_LINE.finditer(text) if irc_nick(m.group("nick"))] if "<" in text else []
    if len(found) < _IRC_LINES:
        return text, frozenset()
    episode.repair("irc_lines", f"{counted(len(found), 'line')} of an IRC log ('<{found[0]}> …') read as turns of their nicks")
    return _IRC_LINE.sub(lambda m: f"{m.group('nick')}: " if irc_nick(m.group("nick")) else m.group(), text), \
        frozenset(found)


def _court_lines(text: str, episode: Episode) -> str:
    """The text without a court transcript's margin line numbers and page numbers, each line's words
    kept (a new paragraph where the line was indented as one), and its bare Q and A marks written
    "Q." and "A." as labels; the text as it was unless two pages or more are numbered so. A PDF's
    text may have a blank line after every printed one; the header and footer every page repeats
    and the word index after the last page are the reporter's, not speech."""
    lines = text.split("\n")
    # A talk's code listing numbers its lines too ("1 (defn oops"): no page of the record.
    code = ({i for first, last in _code_blocks(lines) for i in range(first, last + 1)}
            if "```" in text or "~~~" in text else set())
    runs: list[list[int]] = []  # the numbered lines of each page, blank lines between them passed over
    k = 0
    while k < len(lines):
        m = _NUMBERED_LINE.match(lines[k])
        if k in code or not (m and m.group("number") == "1"):
            k += 1
            continue
        run, expect, j = [k], 2, k + 1
        while j < len(lines):
            if not lines[j].strip():
                j += 1
                continue
            if j in code or not ((n := _NUMBERED_LINE.match(lines[j])) and int(n.group("number")) == expect):
                break
            run.append(j)
            expect, j = expect + 1, j + 1
        if len(run) >= _COURT_RUN:
            runs.append(run)
        k = max(run[-1] + 1, k + 1)
    if len(runs) < _COURT_PAGES:
        return text
    numbered = {i for run in runs for i in run}
    inside = {i for run in runs for i in range(run[0], run[-1] + 1)}  # a page's lines, blank ones too
    # Where each numbered line's words start, and the page's edge: the leftmost of them.
    starts = {i: m.start("rest") for i in numbered if (m := _NUMBERED_LINE.match(lines[i])) and m.group("rest")}
    margin = min(starts.values(), default=0)
    # "Official - Subject to Final Review", "Alderson Reporting Company": a few lines above or below
    # the numbered lines of half the pages or more, the same each time
    edges: Counter[str] = Counter()
    for run in runs:
        near = {squash(lines[i]) for step, start in ((-1, run[0] - 1), (1, run[-1] + 1))
                for i in _near_lines(lines, start, step) if i not in inside}
        edges.update(near)
    furniture = {line for line, n in edges.items() if n >= max(_COURT_PAGES, len(runs) // 2)
                 and len(line.split()) <= _FURNITURE_WORDS and not _PAGE_NUMBER.match(line)}
    page_numbers = {i for run in runs for step, start in ((-1, run[0] - 1), (1, run[-1] + 1))
                    for i in _near_lines(lines, start, step) if _PAGE_NUMBER.match(lines[i]) or _PAGE_MARK.match(lines[i])}
    # Between two pages only a footer, a header and blank lines: the paragraph goes on over the break.
    for a, b in pairwise(runs):
        between = range(a[-1] + 1, b[0])
        if all(not lines[i].strip() or i in page_numbers or squash(lines[i]) in furniture for i in between):
            inside.update(i for i in between if not lines[i].strip())
    index = _word_index(lines, runs[-1][-1] + 1, furniture)
    out: list[str] = []
    pages = dropped = 0
    before = margin
    for i, line in enumerate(lines):
        if index is not None and i >= index:
            break  # the word index: "ability 61:1 71:23", page and line of every word
        if i in numbered:
            if i in starts:
                words = line[starts[i]:].strip()
                if by := _EXAMINER.match(words):
                    words = f"\n(Examination by {by.group('name')})"  # who asks the questions after it
                # A paragraph's first line is set well in: past the lines before it, eight or more
                # from the page's edge (wrapped lines of a question sit at the edge, of a turn a little in).
                opens = (starts[i] > before and starts[i] - margin >= _PARAGRAPH_INDENT) or _COURT_TURN.match(words)
                out.append(f"\n{words}" if (opens or words.startswith("(")) and out else words)
                before = starts[i]
        elif i in inside:
            continue  # a blank line between two printed ones
        elif squash(line) in furniture:
            dropped += 1
        elif i in page_numbers or (index is not None and i > runs[-1][-1] and _PAGE_NUMBER.match(line)):
            pages += 1  # the index's own page number too
        else:
            out.append(line)
    episode.repair("court_lines", f"{len(numbered):,} margin line numbers on {len(runs)} pages (a court reporter's) "
                                  f"left out of the words" + (f", and {pages} page numbers" if pages else "")
                   + (f"; {dropped} header and footer lines every page repeats" if dropped else "")
                   + (f"; the word index after the last page ({len(lines) - index:,} lines)" if index is not None else ""))
    return _BARE_QA.sub(lambda m: f"{m.group('mark')}. ", "\n".join(out))


def _typed_pages(text: str, episode: Episode) -> str:
    """A typed record double-spaced on its pages, without margin numbers (a legislature's
    stenographic record: "               THE PRESIDENT:  The Senate will" / "" / "come to order."):
    its paragraphs joined back, each opening where a line is set in from the margin, and the page
    numbers alone on their lines left out (``_court_record`` then sets its cover aside).
    The text as it was unless nearly every printed line has a blank one after it, the lines at the
    margin are wrapped and some are set in."""
    lines = text.split("\n")
    printed = [i for i, line in enumerate(lines) if line.strip()]
    if len(printed) < _TYPED_LINES:
        return text
    gaps = [b - a - 1 for a, b in pairwise(printed)]
    if sum(g == 1 for g in gaps) < _DOUBLE_SPACED * len(gaps) or sum(g == 0 for g in gaps) > _SINGLE_SPACED * len(gaps):
        return text
    indent = {i: len(lines[i].expandtabs()) - len(lines[i].expandtabs().lstrip()) for i in printed}
    numbers = {i for i in printed if _PAGE_NUMBER.match(lines[i])}
    # The margin: the least indent a tenth of the lines share (a page's may shift a column or two).
    counts = Counter(indent[i] for i in printed if i not in numbers)
    margin = min((n for n, count in counts.items() if count >= _MARGIN_SHARE * len(printed)), default=None)
    if margin is None:
        return text
    at_margin = [lines[i].strip() for i in printed if indent[i] < margin + _SET_IN and i not in numbers]
    set_in = len(printed) - len(numbers) - len(at_margin)
    running_on = sum(not SENTENCE_END.search(line) for line in at_margin)
    if set_in < _SET_IN_SHARE * len(printed) or running_on < _RUNNING_ON * len(at_margin) or len(at_margin) < set_in:
        return text
    # Labels at the margin ("Q:  So tell me…", or a hanging indent under "SMITH:") open the turns there:
    # a transcript the label reader takes line by line, not paragraphs set in.
    if sum(_opens_turn(line) for line in at_margin) > _LABELS_AT_MARGIN * len(at_margin):
        return text
    paragraphs: list[list[str]] = []
    for i in printed:
        if i in numbers:
            continue
        if indent[i] >= margin + _SET_IN or not paragraphs or indent[i] < margin:
            paragraphs.append([lines[i].strip()])
        else:
            join_line(paragraphs[-1], lines[i].strip(), None)  # over a page break too
    episode.repair("typed_pages", f"{len(printed) - len(numbers):,} double-spaced lines joined into {len(paragraphs):,} "
                                  f"paragraphs, each set in from the margin; {len(numbers)} page numbers left out")
    return "\n\n".join("".join(parts) for parts in paragraphs)


def _court_record(text: str, episode: Episode, paged: bool) -> str:
    """A court's or legislature's record as paragraphs: the cover and contents above its
    "P R O C E E D I N G S" kept in ``extra["cover"]`` (its day the episode's), each part of the
    hearing on its own ("ORAL ARGUMENT OF ROBERT A. LONG" / "FOR COURT-APPOINTED AMICUS CURIAE") a
    heading, and the word index at the back left out. The text as it was unless it is such a record:
    it has that line near its top, or ``paged`` (its pages were read as a reporter's)."""
    paragraphs = [p.strip() for p in _BLANK_LINE.split(text.strip("\n"))]
    start = next((k for k, p in enumerate(paragraphs[:_COVER_PARAGRAPHS]) if _PROCEEDINGS.match(p)), None)
    if start is None and not paged:
        return text
    notes: list[str] = []
    if start is not None:
        cover = paragraphs[:start]
        rest = paragraphs[start][_PROCEEDINGS.match(paragraphs[start]).end():].strip()  # type: ignore[union-attr]
        paragraphs = ([rest] if rest else []) + paragraphs[start + 1:]  # "P R O C E E D I N G S (10:12 a.m.)"
        if cover:
            episode.extra["cover"] = "\n".join(cover)
            if not episode.date and (day := date_in(" ".join(cover))):
                episode.date = day
            if not episode.title and (case := _case_title(" ".join(cover))):
                episode.title = case
            notes.append(f"the {counted(len(cover), 'paragraph')} above 'P R O C E E D I N G S' (the cover, appearances, "
                         "contents) kept in extra['cover']")
        else:
            notes.append("the 'P R O C E E D I N G S' mark left out")
    # A page's reporter already left out its index; a PDF's text still has it, a paragraph of many locators.
    if not paged and (index := _word_index(paragraphs, 0, set(), _INDEX_LOCATORS)) is not None:
        notes.append(f"the word index at the back ({len(paragraphs) - index:,} paragraphs) left out")
        paragraphs = paragraphs[:index]
    out: list[str] = []
    heading: list[str] = []  # the title of the part of the hearing just begun
    parts, first_part = 0, ""
    for paragraph in paragraphs:
        # A part's title may share a paragraph with the lines around it ("Mr. Long." over it).
        lines: list[str] = []
        for line in paragraph.split("\n"):
            words = line.strip()
            if heading and len(heading) < _HEADING_LINES and _HEADING_GOES_ON.fullmatch(words):
                heading.append(words)
                out[-1] = "## " + " ".join(heading).strip(" ,")
                continue
            heading = []
            if _COURT_HEADING.fullmatch(words) and not _COLUMN_GAP.search(words):
                if lines:
                    out.append("\n".join(lines))
                heading, lines, parts = [words], [], parts + 1
                out.append("## " + words.strip(" ,"))  # a chapter
                first_part = first_part or words.strip(" ,")
                continue
            lines.append(line)
        if lines:
            out.append("\n".join(lines))
    if parts:
        notes.append(f"{counted(parts, 'part')} of the hearing ({first_part!r}) read as chapters")
    if notes:
        episode.repair("court_record", "; ".join(notes))
    return "\n\n".join(out)


def _case_title(cover: str) -> str | None:
    """The case a court record's cover names between its rules ("- - - - x"), its parties' roles and
    docket number left out: "Department of Health and Human Services, et al. v. Florida, et al."."""
    if not (m := _CASE_CAPTION.search(cover)):
        return None
    caption = squash(_CASE_ROLE.sub(" ", m.group("caption") or m.group("bracketed"))).strip(" ,")
    caption = re.sub(r",\s+(?=v\.\s)", " ", caption)  # "…, et al., Petitioners v." less its role
    if not _VERSUS.search(caption) or len(caption) > _CASE_TITLE_CHARS:
        return None
    if caption.replace(" v. ", " V. ").isupper():  # the cover's capitals, as a title is written
        caption = " ".join(w.lower() if w.lower() in _CASE_SMALL_WORDS else w if "." in w.rstrip(".,") else w.capitalize()
                           for w in caption.split())  # "U.S." stays as it is
    return caption


def _word_index(lines: list[str], after: int, furniture: set[str], locators: int = 1) -> int | None:
    """Where the word index starts after the last numbered page (``after`` on): the first line that
    holds a page:line locator with half or more of the lines from it on holding one too, and enough of
    them; a short last page before it (its numbers lost) stays speech. None if there is no index."""
    rest = [i for i in range(after, len(lines)) if lines[i].strip() and squash(lines[i]) not in furniture]
    # The reporter's closing "(Whereupon, at 11:41 a.m., …)" holds a clock, not a page and line.
    located = [len(_LOCATOR.findall(lines[i])) >= locators and day_clock_line(lines[i]) is None for i in rest]
    from_here = sum(located)  # locator lines from the current one on
    for k, i in enumerate(rest):
        if len(rest) - k < _INDEX_LINES:
            return None
        if located[k] and from_here >= (len(rest) - k) / 2:
            return i
        from_here -= located[k]
    return None


def _near_lines(lines: list[str], start: int, step: int, count: int = 3) -> list[int]:
    """The first ``count`` non-blank lines from ``start`` on, going by ``step``."""
    found: list[int] = []
    i = start
    while 0 <= i < len(lines) and len(found) < count:
        if lines[i].strip():
            found.append(i)
        i += step
    return found


_HEARING_PARAGRAPHS = 3

def _table(chunk: str) -> bool:
    """A Markdown table of the notes: rows between bars, its header ruled off ("|---|---|"), and not
    a transcript's columns ("| Time | Speaker | Text |"), whose rows are speech."""
    from podsift.formats.tsv import pipe_cells, pipe_rule, transcript_header

    lines = [line for line in chunk.strip().split("\n") if line.strip()]
    return (len(lines) >= 3 and all(pipe_cells(line) is not None for line in lines)
            and any(pipe_rule(line) for line in lines[1:3]) and not transcript_header(pipe_cells(lines[0]) or []))


_CLIPPED_EXCERPT = re.compile(r"^>[ \t]*#{1,6}[ \t]*Excerpt\s+(?:>[ \t]*)?")
_QUOTED_LINE = re.compile(r"\n>[ \t]*")
# A single bold label over a monologue is a full name ("__Nell Shamrell-Harrington__:"), not a heading's
# words ("**Trigger Warning:**", "**Spoiler Alert:**"): its surname this rare at most ("Smith" 1,006).
_SURNAME_FREQUENCY = 20_000
# Turns labelled by a name before their linked clock, no colon: this many make the file's style.
_CLOCK_LABELS = 3
_STATEMENT_HEADING = re.compile(r"(?:OPENING |PREPARED )?(?:STATEMENTS?|TESTIMONY) OF [^a-z\n]{2,200}")
_LOWER = re.compile(r"[a-z]")
_MIXED_HEARING_PARAGRAPHS = 8  # and two labels opening three each, where the surname is not in capitals
# "主席：行政長官進入會議廳。": a Chinese or Japanese record's speaker, in its own script, before a
# full-width colon; no capital tells it is a name, so it must recur, among other such labels.
_WIDE_COLON_LABEL = re.compile(r"^[ \t\u3000]*(?P<name>[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af·・]{1,12})："
                               r"[ \t\u3000]*(?=\S)")
_WIDE_LABELS = 3
# Japan's Diet minutes open each speech with a circle, the speaker and their role, then an ideographic space:
# "○福田（昭）分科員　立憲の福田昭夫でございます。" (the record's continuation lines are set in by one).
# The name ends in the speaker's role, or holds a bracket telling two members apart: a notice's "○日時　…" is no one.
_MARU_LABEL = re.compile(r"^○(?P<name>[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af·・Ａ-Ｚａ-ｚ]{0,18}"
                         r"(?:（[^（）\n]{1,8}）[\u3040-\u30ff\u3400-\u9fff]{0,10}|委員長|委員|分科員|参考人|大臣|君|議長|主査|理事|"
                         r"会長|局長|長官|総理|議員|証人|公述人|参事|知事|市長|委員会))"
                         # a city council's record sets the name on a line of its own, the speech under it
                         r"(?:[\u3000 ]+(?=\S)|[\u3000 ]*$)")
# Not names: an enumeration's "第一：", "其二：", a note's "注：", a header's "時間：" / "日期：" / "地點：".
# A Japanese record's header fields: "開催日：" (held on), "会議名：" (meeting), "日時：", "場所：".
_WIDE_NOT_NAME = re.compile(r"^(?:第.{1,3}|其[一二三四五六七八九十]|[註注]|備註|备注|時間|时间|日期|地點|地点|主題|主题|題目|题目|"
                            r"開催日|会議名|日時|場所)$")


def _wide_colon_labels(text: str, episode: Episode) -> tuple[str, frozenset[str]]:
    """The text with CJK labels before a full-width colon written ``Name: words``, where three lines or
    more open with one and at least two such labels each open two lines or more; then any such label
    opening a paragraph is one too."""
    if "：" not in text and "○" not in text:
        return text, frozenset()
    lines = text.split("\n")
    found = {k: m for k, line in enumerate(lines)
             if (m := _WIDE_COLON_LABEL.match(line) or _MARU_LABEL.match(line)) and not _WIDE_NOT_NAME.match(m.group("name"))}
    counts = Counter(m.group("name") for m in found.values())
    names = {name for name, n in counts.items() if n >= 2}
    if len(names) < 2 or sum(counts[n] for n in names) < _WIDE_LABELS:
        return text, frozenset()
    # the record's way of naming speakers: one who speaks once opens a paragraph so too
    names |= {m.group("name") for k, m in found.items() if k == 0 or not lines[k - 1].strip()}
    # and so does one whose turn opens with its time of day, as the others' do ("（11時41分）")
    clocked = {m.group("name") for k, m in found.items() if opening_day_clock(lines[k][m.end():])}
    names |= clocked if len(clocked) >= 2 else set()
    for k, m in found.items():
        if m.group("name") in names:
            # A paragraph of its own: the Diet's record sets no blank line between speeches.
            gap = "\n" if m.re is _MARU_LABEL and k and lines[k - 1].strip() else ""
            lines[k] = f"{gap}{m.group('name')}: {lines[k][m.end():]}"
    shown = ", ".join(repr(n) for n, _ in counts.most_common(3) if n in names)
    episode.repair("wide_colon_labels", f"{counted(sum(counts[n] for n in names), 'line')} {agrees(sum(counts[n] for n in names), 'opens', 'open')} with a name and a full-width "
                                        f"colon ({shown}): read as its speaker")  # fmt: skip
    return "\n".join(lines), frozenset(names)


def _hearing_labels(text: str, episode: Episode) -> tuple[str, frozenset[str]]:
    """The text with a hearing record's labels opening paragraphs ("Mr. MEEK of Florida. If the…")
    written ``Name: words``, where three paragraphs or more open with one."""
    lines = text.split("\n")
    # A paragraph opens after a blank line, or set in by two spaces as the Congressional Record prints it.
    opens = [k for k, line in enumerate(lines) if k == 0 or not lines[k - 1].strip() or line.startswith("  ")]
    opening = {k: label for k in opens if (label := hearing_label(lines[k].lstrip()))}
    if len(opening) < _HEARING_PARAGRAPHS:
        # The Government Publishing Office's text: "    Mr. Koo. Thank you…", many times over.
        opening = {k: label for k in opens if (label := hearing_label(lines[k].lstrip(), mixed=True))}
        said = Counter(name for name, _ in opening.values())
        if len(opening) < _MIXED_HEARING_PARAGRAPHS or sum(n >= _HEARING_PARAGRAPHS for n in said.values()) < 2:
            return text, frozenset()
    names: Counter[str] = Counter()
    for k, (name, rest) in opening.items():
        name = re.sub(r" OF ", " of ", name)
        names[name] += 1
        lines[k] = f"{'' if k == 0 or not lines[k - 1].strip() else chr(10)}{name}: {rest}"
    # "STATEMENT OF RICHARD C. KOO, CHIEF ECONOMIST, THE NOMURA" / "RESEARCH INSTITUTE, TOKYO": a witness's
    # part of the hearing, in capitals over lines of its own, is a heading (a chapter).
    for k in (k for k in opens if _STATEMENT_HEADING.fullmatch(lines[k].strip())):
        end = next((j for j in range(k + 1, len(lines)) if not lines[j].strip() or _LOWER.search(lines[j])), len(lines))
        if end < len(lines) and not lines[end].strip():
            lines[k:end] = ["## " + squash(" ".join(lines[k:end])).strip(" ,")] + [""] * (end - k - 1)
    shown = ", ".join(repr(n) for n, _ in names.most_common(3))
    episode.repair("hearing_labels", f"{counted(len(opening), 'paragraph')} {agrees(len(opening), 'opens', 'open')} with a hearing record's label ({shown}): "
                                     "read as its speaker")  # fmt: skip
    return "\n".join(lines), frozenset(names)


# A label inside a line, after a sentence's end: "… three years ago. French: Oh, well…"; not after an
# initial or a title ("Stephen J. DUBNER:", "Mr. DUBNER:"), a name's own parts.
# After a sentence's end, or a dash a caption ends an interrupted turn with ("I have a question -- Fritz: …").
_INLINE_LABEL = re.compile(r"(?:(?<=[a-z\d][.!?…])|(?<=[.!?…][\"”’)])|(?<=\w --))(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bSt\.)(?<!\bMrs\.)"
                           r"[ \t]+(?P<name>[A-Z][\w.'’-]{0,20}(?: [A-Z][\w.'’-]{0,20}){0,2}):"
                           r"[ \t]+(?=\S)")


def _inline_only(lines: list[str], names: set[str]) -> set[str]:
    """Names that label turns only inside lines, after another's words ("Aye. Leonard: Aye.", a council's
    captions where one member never opens a line): three times at least, and a name."""
    inside = Counter(m.group("name") for line in lines if ":" in line[1:] for m in _INLINE_LABEL.finditer(line))
    # A person's name, not a word the speech labels with ("Clue:", "Chorus:", "Result:").
    return {name for name, n in inside.items() if n >= _INLINE_ONLY and name not in names and looks_like_name(name)
            and word_frequency(name.lower()) < _COMMON_WORD}


_INLINE_ONLY = 3
_COMMON_WORD = 1_500  # pyspellchecker's count: "Leonard" 654, "Prompt" 1,684, "Clue" 25,349
_DESCRIBED = 5


def _inline_turn(inside: re.Match[str], names: set[str], found: list[str], apart: str) -> str:
    """A known label inside a line as the start of a paragraph of its own; anything else as it was."""
    if inside.group("name") not in names:
        return inside.group(0)
    found.append(inside.group(0).strip() + inside.string[inside.end():inside.end() + 40].split(" ", 1)[0][:12])
    return f"{apart}{inside.group('name')}: "


_GLUED_MIN = 2


def _opens_words(char: str) -> bool:
    """Can ``char``, right after a label's colon, open a turn's words ("RBN:This", "Operator:[Operator…")?"""
    return char.isupper() or char == "["


# kramdown's attribute list right after a bold label ("**Interviewer:**{: .text-yellow-000}"): the label's
# colour on a Jekyll site, never words; on a line of its own the page's markup lines drop it already.
_LABEL_ATTRIBUTES = re.compile(r"^(?P<label>[ \t]*(?:\*\*|__)[^\W\d_][^*_{}\n]{0,60}?(?:\*\*|__)[ \t]*:?)"
                               r"[ \t]*\{:[^{}\n]{0,200}\}", re.MULTILINE)


# A Scrapbox page's speaker icon opening a line, as its Markdown export writes "[kei.icon]":
# "<img src='…/kei/icon' alt='/nishio/kei.icon' height="19.5"/>words"; a list item's when an aside.
_ICON_OPENING = re.compile(r"^[ \t]*(?:[-*+][ \t]+)?<img\b[^<>\n]{0,400}?\balt=(?P<q>['\"])(?:/[^/'\"\n]{1,60}/)?"
                           r"(?P<name>[^/'\"\n]{1,40})\.icon(?P=q)[^<>\n]{0,400}>[ \t]*", re.MULTILINE)
_ICON_LINES = 2


def _icon_labels(text: str, episode: Episode) -> tuple[str, frozenset[str]]:
    """Lines opened by a speaker's icon, twice or more, opened by the icon's name as a label instead
    ("kei: …"), and those names: the icon names who speaks, its markup is no words."""
    if "<img" not in text or len(found := _ICON_OPENING.findall(text)) < _ICON_LINES:
        return text, frozenset()
    episode.repair("icon_labels", f"{counted(len(found), 'line')} {agrees(len(found), 'opens', 'open')} with a speaker's icon ('{found[0][1]}.icon'): "
                                  "its name read as the speaker, the image left out")
    return _ICON_OPENING.sub(lambda m: f"{m.group('name')}: ", text), frozenset(name for _, name in found)


def _without_label_attributes(text: str, episode: Episode) -> str:
    text, dropped = _LABEL_ATTRIBUTES.subn(r"\g<label>", text)
    if dropped:
        episode.repair("markup_lines", f"{counted(dropped, 'kramdown attribute list')} after a label ('{{: .class}}') left out")
    return text


def _spaced_labels(text: str, episode: Episode) -> str:
    """The text with each known speaker's label set apart from the words (``labels.credible`` among the
    labels opening lines the usual way): a space after one glued to its words, a paragraph of its
    own for a bold one inside a line."""
    lines = text.split("\n")
    names = credible([speaker_prefix(line.strip())[0] for line in lines if line.strip()])
    # "Dylan Field:Hello…" in a scraped call where no label is spaced: a name glued to a capital (or to
    # "[Operator Instructions]") opening several lines is a label too.
    glued = Counter(name for line in lines if (m := _GLUED_LABEL.match(line)) and _opens_words(line[m.end()])
                    and looks_like_name(name := m.group("name").strip()))  # fmt: skip
    if not names and any(n >= _GLUED_MIN for n in glued.values()):
        names |= set(glued)  # the file's way of writing labels: an analyst asking once is one too
    if not names:
        return text
    apart = "\n\n" if _BLANK_LINE.search(text) else "\n"  # as the text sets its paragraphs apart
    found: list[str] = []
    typos: list[str] = []
    # The known labels, and those only ever said inside lines.
    inline_names = names | _inline_only(lines, names) if len(names) >= 2 else names
    # Labels that open three lines or more; not speaker_prefix's, which refuses initials that spell a
    # word ("MM:", judged later by the whole file).
    opening = Counter(squash(m.group("name")) for line in lines if (m := _COLON_LABEL.match(line)))
    for k, line in enumerate(lines):
        if line.strip().startswith("|") and line.strip().endswith("|") and len(line.strip()) > 1:
            continue  # a table's row ("| **Entrevistadora:** | Betty |"): its cells, no turn to set apart
        if (typo := _SEMICOLON_LABEL.match(line)) and (typo.group("name") in names or opening[typo.group("name")] >= 3):
            typos.append(f"{typo.group('name')};")
            line = f"{typo.group('indent')}{typo.group('name')}: {line[typo.end():]}"
        m = _GLUED_LABEL.match(line)
        # Unset apart by bold, only before a sentence's capital ("RBN:This"): "Alexey:no" is one word.
        if m and m.group("name").strip() in names and ("*" in m.group("label") or "_" in m.group("label")
                                                       or _opens_words(line[m.end()])):
            found.append(f"{m.group('label').strip()}{line[m.end():].split(' ', 1)[0][:12]}")
            line = f"{m.group('label')} {line[m.end():]}"

        def turn(inside: re.Match[str]) -> str:
            if inside.group("name").strip() not in names:
                return inside.group(0)
            found.append(inside.group(0).strip() + inside.string[inside.end():inside.end() + 40].split(" ", 1)[0][:12])
            return f"{apart}{inside.group('open')}{inside.group('name')}:{inside.group('open')} "

        lines[k] = _INLINE_BOLD_LABEL.sub(turn, line) if "**" in line or "__" in line else line
        if len(names) >= 2 and ":" in lines[k][1:]:
            # "…that's interesting. What was his career? Yeager: He was the principal…": a transcript
            # typed or scanned with its turns run together, a known label after a sentence's end.
            lines[k] = _INLINE_LABEL.sub(lambda inside: _inline_turn(inside, inline_names, found, apart), lines[k])
    if found:
        episode.repair("glued_labels", f"{counted(len(found), 'speaker label')} {agrees(len(found), 'runs', 'run')} into the words or into another turn "
                       f"({', '.join(repr(f) for f in found[:3])}) read as labels opening turns")
    if typos:
        episode.repair("semicolon_labels", f"{counted(len(typos), 'speaker label')} closed by a semicolon "
                       f"({', '.join(map(repr, typos[:3]))}), a typo for the colon, read as labels opening turns")
    return "\n".join(lines)


# "**Código del participante:** E3": a bold key and a short value, as a page writes its header's fields.
_BOLD_FIELD = re.compile(r"^(?:\*\*|__)[^*_\n]{1,40}:(?:\*\*|__)\s+(?P<value>[^*_\n]{1,60})$")


def _fields_as_heading(texts: list[str], first: int, heading: set[int]) -> set[int]:
    """The paragraphs above the first turn written as the header's own fields are (``**Fecha:** …``,
    two or more of them): fields too, however their keys read ("**Seudónimo (opcional):** Cooper")."""
    styled = [k for k in range(first) if (m := _BOLD_FIELD.match(texts[k])) and len(m.group("value").split()) <= PLACE_DATE_WORDS
              and not SENTENCE_END.search(m.group("value"))]  # fmt: skip
    return set(styled) if sum(k in heading for k in styled) >= 2 else set()


_HEADED_FIELDS = 2  # values under headings above the first turn: a header's fields, not one short chapter
_FIELD_VALUE_WORDS = 4


def _fields_under_headings(prefixed: list[tuple[str | None, str]], opened: dict[int, list[Chapter]], first: int,
                           episode: Episode) -> set[int]:
    """The header's fields written as a heading over a short value ("### Nome" / "Micaella Gouveia", "### Idade" /
    "22 Anos"), two or more above the first turn: kept in ``extra["fields"]``, neither speech nor chapters."""
    found = [k for k in range(first) if k in opened and (k + 1 in opened or k + 1 == first) and prefixed[k][0] is None
             and "\n" not in prefixed[k][1].strip() and len(prefixed[k][1].split()) <= _FIELD_VALUE_WORDS
             and not SENTENCE_END.search(prefixed[k][1])]  # fmt: skip
    if len(found) < _HEADED_FIELDS:
        return set()
    for k in found:
        chapter = opened[k].pop()
        episode.chapters.remove(chapter)
        episode.extra.setdefault("fields", {})[chapter.title] = squash(prefixed[k][1])
    return set(found)


def _furniture(line: str) -> bool:
    return is_markup_line(line) and not LIST_ITEM.match(line) and not line.strip().lstrip("<").startswith("http")


def _links_item(line: str) -> bool:
    """A line of a link list (substring tests, not a regex: linear on any line)."""
    return (bool(LIST_ITEM.match(line)) and ("](" in line or "://" in line)) or is_markup_line(line)


# Lines of an address or contact block: an email, a link, a street, a postcode (a phone: ``_contact_line``).
_CONTACT_LINE = re.compile(
    r"[\w.+-]+@[\w-]+\.\w|://|^www\.|\bP\.?\s?O\.?\s+Box\b|^(?:tel|phone|fax|e-?mail)\b"
    r"|^\d{1,6}[A-Za-z]?,?(?:\s+[^\W\d][\w.'-]*){1,4}\s+(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|Lane|Ln|Dr|Drive"
    r"|Way|Ct|Court|Pl|Place|Sq|Square|Hwy|Highway|Pkwy|Parkway|Terrace)\b"
    r"|\b[A-Z]{2}\s+\d{5}(?:-\d{4})?$|^\d{4,5}\s+[A-Z][\w-]+$",
    re.IGNORECASE)
_PHONE = re.compile(r"^\+?[\d ()./-]{7,20}$")
_PHONE_DIGITS = 7
_YEARS = re.compile(r"^\d{4}\s*[-/]\s*\d{4}$")  # "1996 - 2004": years, no phone
_CONTACT_LINES = (2, 8)
_CONTACT_WORDS = 8


def _contact_block(chunk: str, following: str) -> tuple[str, bool] | None:
    """A bold name alone over an address or contact block (``**Jane Doe**`` / ``123 Main St`` /
    ``Springfield, IL 62701`` / ``jane@example.com``): the block with its name, and whether it is the
    paragraph after ``chunk``; else None. Every line short, no sentence among them, most of them an
    email, phone number, street or postcode: a speaker's words under the name are sentences."""
    first, _, below = chunk.strip().partition("\n")
    if not first.lstrip().startswith(("**", "__")) or not label_alone(squash(first)):
        return None
    taken = not below.strip()
    lines = [ln.strip().rstrip("\\") for ln in (following if taken else below).split("\n") if ln.strip()]
    return ("\n".join([squash(first).strip("*_ :"), *lines]), taken) if contact_lines(lines) else None


def keep_contacts(contacts: list[str], episode: Episode) -> None:
    """Keep the address blocks found under bold names in ``extra["contact"]``, reported."""
    if contacts:
        episode.extra.setdefault("contact", []).extend(contacts)
        episode.repair("contact_blocks", f"{counted(len(contacts), 'address or contact block')} under a bold name kept in "
                                          "extra['contact'], not read as that person's words")


def contact_lines(lines: list[str]) -> bool:
    """Whether ``lines`` (a few, stripped) are an address or contact block rather than words said."""
    if not _CONTACT_LINES[0] <= len(lines) <= _CONTACT_LINES[1]:
        return False
    if any(len(ln.split()) > _CONTACT_WORDS or ln.endswith(("!", "?", ":")) for ln in lines):
        return False
    found = sum(_contact_line(ln) for ln in lines)
    return found >= 2 and 2 * found >= len(lines)


def _contact_line(line: str) -> bool:
    phone = (bool(_PHONE.match(line)) and sum(c.isdigit() for c in line) >= _PHONE_DIGITS
             and not _YEARS.match(line))
    return phone or bool(_CONTACT_LINE.search(line))


def _heads_links(chunk: str, following: str) -> bool:
    """``**News:**`` alone on its line over a list of links: a show-notes heading, not a speaker."""
    first, _, below = chunk.strip().partition("\n")
    if not label_alone(squash(first)):
        return False
    lines = [ln for ln in (below if below.strip() else following).split("\n") if ln.strip()]
    # One link alone under a name is the headline that speaker reads, not a list of links.
    return bool(lines) and all(_links_item(ln) for ln in lines) and not (len(lines) == 1 and lone_link(lines[0]))


# Headings over a learner's or editor's lists: words and phrases to learn, notes.
# Also a notes app's links to other notes under a page ("## Connections" / "- [[02-community-ncm]]").
_NOTES_HEADING = re.compile(r"vocab|glossary|\bwords?\b|phrases|expressions|notes?\b|connections|related|see also|backlinks|"
                            r"\blinks\b|표현|어휘|단어|메모|노트|정리", re.IGNORECASE)
_NOTE_ITEM_WORDS = 8


def _one_item(chunk: str, paragraph: str) -> int:
    """Where the words start in a paragraph written as one bulleted item (``- words`` over lines that
    carry it on); 0 where it is no such item. A list of several items is left as it is written."""
    lines = [ln for ln in chunk.split("\n") if ln.strip()]
    if not lines or not _BULLET.match(lines[0]) or any(_BULLET.match(ln) for ln in lines[1:]):
        return 0
    return m.end() if (m := _BULLET.match(paragraph)) else 0


def _list_only(chunk: str) -> bool:
    """A paragraph of list items only, links among them (``- [proposal](…)`` / ``- No slides``)."""
    lines = [ln for ln in chunk.split("\n") if ln.strip()]
    return bool(lines) and all(LIST_ITEM.match(ln) for ln in lines)


def _list_notes(lists_at: dict[int, tuple[bool, str]], prefixed: list[tuple[str | None, str]],
                speakers: set[str]) -> set[int]:
    """The lists among ``prefixed`` that are notes, not speech: under a notes heading ("# 어휘",
    "## Vocabulary"), or of short phrases between turns of a transcript whose speech is labelled
    paragraphs (a learner's "- write to say" under the turn it came from); a turn reads no such list,
    unless it announces it ("I've written two books:")."""
    turns = [name for k, (name, _) in enumerate(prefixed) if k not in lists_at]
    labelled = 2 * sum(1 for name in turns if name in speakers) >= len(turns) > 0
    found = set()
    for k, (under, chunk) in lists_at.items():
        if prefixed[k][0] in speakers:
            continue  # "- **Ana**: ...": turns written as a list
        items = [LIST_ITEM.sub("", ln).strip() for ln in chunk.split("\n") if ln.strip()]
        short = all(len(item.split()) <= _NOTE_ITEM_WORDS and not SENTENCE_END.search(item) for item in items)
        # "I've written two books:" over the list: the turn reads it out.
        announced = k > 0 and k - 1 not in lists_at and prefixed[k - 1][1].rstrip().endswith(":")
        if under or (labelled and short and not announced):
            found.add(k)
    return found


def _stray_words(speakers: set[str]) -> set[str]:
    """Common words taken for labels ("Also: what makes a good friendship?") in a transcript whose
    speakers are all named in capitals (``DUBNER:``, ``Stephen J. DUBNER:``): there a label is written
    in capitals, and a word such as "Also" opens a sentence. A role ("Host") is a label however written."""
    strays = {name for name in speakers if " " not in name and not name.isupper() and name.lower() in STOPWORDS
              and not GENERIC.match(name) and not ANONYMOUS.match(name)}
    capitals = [name for name in speakers - strays if any(len(w) > 1 and w.isupper() for w in name.split())]
    return strays if len(capitals) >= 2 and len(capitals) == len(speakers - strays) else set()


_QUOTE_MARK = re.compile(r"^\s*>\s?")


def _quoted_translations(paragraphs: list[str], bold: frozenset[str], episode: Episode) -> list[str]:
    """``paragraphs`` without the translation a study page quotes under each turn's lines
    (``Hi.`` / ``> 안녕하세요.``), kept in ``extra["translations"]`` (``translated_page.interleaved``)."""
    if not any("\n>" in chunk for chunk in paragraphs):
        return paragraphs
    turns: list[list[str]] = []
    at: list[int] = []
    for k, chunk in enumerate(paragraphs):
        lines = chunk.strip("\n").split("\n")
        quote = next((i for i, ln in enumerate(lines) if i and ln.lstrip().startswith(">")), None)
        if quote is None:
            if MARKDOWN_HEADING.match(lines[0]) or label_alone(squash(chunk), bold):
                continue  # a heading or a label alone is no turn of words
            turns.append([chunk])
        else:
            turns.append(["\n".join(lines[:quote]), "\n".join(_QUOTE_MARK.sub("", ln) for ln in lines[quote:])])
        at.append(k)
    split = [len(turn) > 1 for turn in turns]
    interleaved(turns, [], episode, "labelled turns", quoted=True)
    out = list(paragraphs)
    for was_split, turn, k in zip(split, turns, at):
        if was_split and len(turn) == 1:
            out[k] = turn[0]
    return out


# A short line in italics alone is a note ("*Laughter*"), unless it is in quotes: an answer quoted (*"Ja."*).
_ITALIC_ALONE = re.compile(r"^([*_])(?!\1|[\"“„«'‘])[^*_\n]{1,40}(?<!\s)\1$")
_ALONE = re.compile(
    rf"^(?:\*\*|__)?(?P<name>[^\W\d_][\w.'’ -]{{0,40}}?)(?:,[ \t]+{_BROADCAST_ROLE})?(?:\*\*|__)?\s*(?P<sep>[:;])\s*(?:\*\*|__)?$"
    r"|^(?P<open>\*\*|__)(?P<bold>[^\W\d_][\w.'’ -]{0,40}?)(?P=open)$"  # a bold name alone: "**Sina**"
)


def label_alone(paragraph: str, bold: frozenset[str] = frozenset()) -> tuple[str, str] | None:
    """``**Jerod Santo:**`` on a line of its own: the speaker of the paragraphs after it; one of the
    ``bold`` labels in any case (``**staff** :``), and with a slip of the key (``nude man2 ;``)."""
    m = _ALONE.match(paragraph)
    name = m and (m.group("name") or m.group("bold") or "").strip()
    if name and name in bold:
        return name, ""
    if name and looks_like_name(name) and m and m.group("sep") != ";":
        return name, ""
    return None


# "**staff** :" alone on its line, as a page that sets every turn's label in bold writes them.
_BOLD_ALONE = re.compile(r"^\s*(?P<open>\*\*|__)(?P<name>[^\W\d_][\w.'’ -]{0,40}?)(?P=open)\s*:\s*$")
_BOLD_LABELS = 4  # how many such lines make bold the page's way of writing labels


# A transcript publisher's warning about its own text, as earnings-call sites print it below the call
# ("…there may be errors, omissions, or inaccuracies in this transcript…"): it had gone to the Operator.
# Anchored at the paragraph's start, so each lookahead scans it once.
# It hedges ("there may be"): a speaker naming errors and omissions cover does not.
_DISCLAIMER = re.compile(r"(?is)(?=.*\btranscri)(?=.*\bomissions?\b)(?=.*\b(?:errors?|inaccuracies)\b)"
                         r"(?=.*\b(?:may|might)\b)")
_DISCLAIMER_WORDS = 200
# One line that introduces the transcript under it, as a language model writes above its output: "Based
# on the provided transcript and speaker segments, here is the transcribed dialogue …:".
# It names what it introduces as a transcript or a dialogue, where a host's spoken opening says
# "here is the conversation we recorded".
_FRAMING = re.compile(r"(?i)^(?=[^\n]*\b(?:transcri\w*|dialogues?)\b)"
                      r"(?=[^\n]*\b(?:provided|given|below|following|here\s+(?:is|are)\s+the|here's\s+the)\b)"
                      r"[^\n:]{10,400}:$")

# "*Adam*" alone on its line over his words, as a town hall's notes write every turn's speaker.
_ITALIC_NAME = re.compile(r"^\s*(?P<em>[*_])(?P<name>[^\W\d_][\w.'’ -]{0,40}?)(?P=em)\s*$")
_ITALIC_LABELS = 4


# "#### Jamie" over his words, "#### Pete" over the reply: a podcast site that sets each turn's
# speaker as a heading. Names that recur and are nearly all the text's headings: chapter titles
# seldom recur, and "## Introduction" / "## Background" take turns only as chapters do.
_HEADING_LABELS = 4
_HEADING_LABEL_SHARE = 0.75


def _heading_labels(body: str) -> frozenset[str]:
    """Names set as headings over their words, where they recur and are most of the headings."""
    titles = [m.group("title").strip(" *_") for line in body.split("\n") if (m := MARKDOWN_HEADING.match(line))]
    counts = Counter(t for t in titles if looks_like_name(t) and len(t.split()) <= 3 and not sound_word(t))
    names = {t for t, n in counts.items() if n >= 2}
    labels = sum(counts[t] for t in names)
    if len(names) < 2 or labels < _HEADING_LABELS or labels < _HEADING_LABEL_SHARE * len(titles):
        return frozenset()
    return frozenset(names)


def _italic_labels(body: str) -> frozenset[str]:
    """Names in italics alone on their lines, where such lines recur and take turns (``*Adam*``,
    ``*Alethe Denis*``, ``*Adam*``): the speakers of the paragraphs under them. A sound set so
    ("*Laughter*") or an italic line said once ("*Intro music*") is no one."""
    found = [m.group("name").strip() for line in body.split("\n") if (m := _ITALIC_NAME.match(line))]
    names = [name for name in found if looks_like_name(name) and not split_directions(f"({name})")[1]]
    if len(names) < _ITALIC_LABELS:
        return frozenset()
    return frozenset(credible(names))


def _bold_labels(body: str) -> frozenset[str]:
    """The labels in lower case a page writes in bold alone on a line, the way it writes all its
    speakers' (``**Conan** :`` ... ``**staff** :``): speakers whatever their case, where such lines
    recur. Header words and sentences never count."""
    found = [m.group("name").strip() for line in body.split("\n") if (m := _BOLD_ALONE.match(line))]
    if len(found) < _BOLD_LABELS:
        return frozenset()
    return frozenset(name for name in found if not looks_like_name(name) and looks_like_name(name.title())
                     and len(name.split()) <= 3)
