"""sclite's conventions inside the words of the files it scores (STM references, CTM hypotheses).

An alternation lists what may have been said, any of which scores as right: ``{ um / uh }`` in an
STM line, ``<ALT_BEGIN>`` … ``<ALT>`` … ``<ALT_END>`` records around a CTM's words. The first
alternative is what the transcriber heard first, and is kept; ``@`` is the alternative of saying
nothing. A CTM word may carry tags after a semicolon (``PRIDE;tag1;tag2``), and a semicolon that
is part of the word is escaped (``A\\;S``).
"""

from __future__ import annotations

import re

NULL_WORD = "@"
# "{ um / uh }", "{ a seventy-two / seventy two }", "{ e- / @ }": braces around slash-separated choices.
_ALTERNATION = re.compile(r"\{([^{}\n]*/[^{}\n]*)\}")
# A word's tags: everything from its first semicolon that is not escaped.
_TAGS = re.compile(r"(?<!\\);.*$")


def first_alternatives(text: str) -> tuple[str, int]:
    """``text`` with each alternation replaced by its first choice, and how many there were."""

    def first(m: re.Match[str]) -> str:
        choice = m.group(1).split("/")[0].strip()
        return f" {'' if choice == NULL_WORD else choice} "

    return _ALTERNATION.subn(first, text)


def unescape(text: str) -> str:
    """``text`` with its escaped semicolons (``a\\;s``) as the semicolons they stand for."""
    return text.replace("\\;", ";")


def untagged(word: str) -> str:
    """A CTM word without the tags after it (``PRIDE;tag1;tag2`` is ``PRIDE``), its escapes undone."""
    return unescape(_TAGS.sub("", word))
