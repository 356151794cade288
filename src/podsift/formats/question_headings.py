"""An interview page whose host's questions are its headings ("### Comment ça a été reçu ?").

The heading is a chapter and also the host's words: left as a title only, the questions
would be missing from what was said and from search. Where the page names one guest and who
asks is known, the unlabelled answers are that guest's.
"""

from __future__ import annotations

from podsift.formats.labels import SENTENCE_END
from podsift.model import Episode
from podsift.text import MARKDOWN_HEADING, agrees, counted, squash

# At least this many headings must be questions, and most be sentences rather than titles, for the
# page to be an interview's: one "## Qui a dit ?" among a show's section titles is a title.
_MIN_QUESTIONS = 3
# Front-matter keys that name who hosts the show, or describe who speaks.
_HOST_KEYS = ("host", "hosts")
_ABOUT_KEYS = ("host", "hosts", "description", "summary", "excerpt")


def question(paragraph: str) -> str | None:
    """The question a heading asks, or None for a heading that asks none."""
    heading = MARKDOWN_HEADING.match(paragraph)
    title = heading.group("title").rstrip("*_ ") if heading else ""
    return title if title.endswith("?") else None


def said(paragraph: str) -> str | None:
    """A heading's words where they are a sentence said ("Tu pointes un autre problème, c'est ...
    la recherche."), not a section's title ("Introduction")."""
    heading = MARKDOWN_HEADING.match(paragraph)
    title = heading.group("title") if heading else ""
    return title if SENTENCE_END.search(title.rstrip("*_ ")) else None


def bold(paragraph: str) -> bool:
    """A paragraph wholly in bold: in an interview page, a question the host asks between answers."""
    inner = paragraph[2:-2]
    return paragraph.startswith(("**", "__")) and paragraph.endswith(paragraph[:2]) and len(inner) > 2 \
        and "**" not in inner and "__" not in inner


def interview(paragraphs: list[str]) -> bool:
    """Whether a text's headings are mostly the questions of an interview."""
    headings = [p for p in (squash(c) for c in paragraphs) if "\n" not in p and MARKDOWN_HEADING.match(p)]
    asked = sum(question(h) is not None for h in headings)
    return asked >= _MIN_QUESTIONS and 2 * sum(said(h) is not None for h in headings) > len(headings)


def host(episode: Episode, askers: set[str], speakers: set[str], guests: list[str]) -> str | None:
    """Who asks the questions: the page's one host; else the one label found right above a
    question; else, where the page names one guest, the one labelled speaker who is not that guest."""
    for key in _HOST_KEYS:
        named = episode.extra.get(key)
        if isinstance(named, list) and len(named) == 1:
            named = named[0]  # the page's front matter keeps its hosts as a list, as a feed's are
        if isinstance(named, str) and named.strip() and not any(c in named for c in ",;&"):
            return squash(named)
    if len(askers) == 1:
        return next(iter(askers))
    others = speakers - set(guests)
    if not askers and len(guests) == 1 and len(others) == 1:
        return next(iter(others))
    return None


def named_by_page(episode: Episode, name: str) -> bool:
    """Whether the page's own fields name ``name`` (a guest, or "Animé par Richard Hanna" in its description)."""
    if name in episode.guests:
        return True
    # A full name only: a first name or a word ("Notes") may be in a description by chance.
    return len(name.split()) >= 2 and any(
        isinstance(episode.extra.get(key), str) and name in episode.extra[key] for key in _ABOUT_KEYS
    )


def report(episode: Episode, asked: int, host: str | None, answered: int, guest: str | None) -> None:
    if asked:
        episode.repair("question_headings", f"{counted(asked, 'heading')} {agrees(asked, 'is', 'are')} the interview's "
                                            f"{agrees(asked, 'question', 'questions')}: kept as chapters "
                                            f"and as words said by {host or 'an unnamed host'}")  # fmt: skip
    if answered:
        episode.repair("guest_answers", f"{counted(answered, 'unlabelled paragraph')} after a question heading read as the "
                                        f"one guest's, {guest}'s")  # fmt: skip
