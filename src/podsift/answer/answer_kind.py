"""What kind of words a question asks for: a reason, an amount, how long, how often, or when.

"Why can't ground-based telescopes see it?" is answered by "The reason is, you look
through the atmosphere", which shares none of the question's rare words; the sentence
that repeats them ("at about three microns") only sets the topic. A passage that holds
the kind of thing asked for is likelier to be the answer, so it scores a little more.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# A number, but not a year: "In late 2020, I was offered…" says no amount.
_NUMBER = (
    r"(?<!\d)(?!(?:19|20)\d\d(?!\d))\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
    r"hundred|thousand|million|billion|half|double|twice|triple|dozens?|percent)\b"
)
# "may" and "march" are verbs far more often than months ("you may want to"): capitalised only.
_MONTHS = r"january|february|(?-i:March)|april|(?-i:May)|june|july|august|september|october|november|december"
# "What makes a good data contract?", "What makes someone a great host?", "What makes Rust different
# from Go?" ask for qualities, not a cause: the quality right after "makes (someone) a", or last.
_QUALITY = r"(?:good|great|bad|better|best|successful|effective|different|special|unique)"
_QUALITIES = rf"(?:\s+\w+)?\s+(?:for\s+)?(?:a|an|the)\s+{_QUALITY}\b|.*\b{_QUALITY}\b\s*(?:from\b|than\b|\?*\s*$)"
# What "since" starts when it says when: a date, a time of life, or something that happened
# ("since the merger, we…": an event named and the clause over, where "since the data is…" goes on).
_SINCE_WHEN = (rf"\d|then|last|early|late|{_MONTHS}|the (?:start|beginning|end|days?|\d0s|(?:19|20)\d0s|pandemic)\b|"
               r"the \w+(?:\s*[,.;!?)]|\s*$|\s+(?:I|we|you|he|she|they|it|there|things|everything|everyone)\b)|"
               r"day one\b|childhood\b|covid\b|(?:I|we|you|he|she|they) (?:was|were) (?:young|little|a (?:kid|child|"
               r"teenager|student))\b|(?:I|we|you|he|she|they)(?: first)? (?:started|launched|began|founded|joined|"
               r"moved|graduated|met|left)\b")  # fmt: skip
# Each kind: how a question asks for it, and how a passage says it.
KINDS: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (
        re.compile(r"^\s*how (?:often|frequently)\b|\bhow many times\b", re.I),
        re.compile(r"\b(?:once|twice|every|each|daily|weekly|monthly|yearly|annually|per|times a|a (?:day|week|month|"
                   r"quarter|year))\b", re.I),  # fmt: skip
    ),
    (
        re.compile(r"\bhow long\b", re.I),
        # "How long is a good blog post?" asks a length: "about 1,500 words".
        re.compile(rf"\b(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|until|{_MONTHS})\b|"
                   rf"(?:{_NUMBER}|few)\S*\s+(?:words|pages|lines|slides|paragraphs|sentences|characters)\b", re.I),  # fmt: skip
    ),
    (
        # "How much does she care about tests?" asks a degree, not an amount: a verb that
        # measures must follow "how much do/does/did" ("make of that claim" measures nothing).
        re.compile(r"\bhow (?:many|big|large|fast|old)\b|\bhow much\b(?!\s+(?:do|does|did)\b)|"
                   r"\bhow much\s+(?:do|does|did)\b.*\b(?:cost|pay|paid|charge|earn|(?:make|made)(?!\s+of\b)|spend|spent|save|"
                   r"saved|raise|raised|weigh|bill|sell|sold|lose|lost|budget)\b|"
                   r"\bwhat (?:percentage|share|number|revenue|amount|uplift|size)\b", re.I),  # fmt: skip
        re.compile(_NUMBER, re.I),
    ),
    (
        re.compile(r"^\s*(?:(?:so|and|but|ok(?:ay)?|well|then|now),?\s+)*why\b|^\s*(?:can|could|would|do|does|did)\s+"
                   rf"\w+\s+(?:explain|know|tell (?:me|us)|say)\s+why\b|\bwhat (?:made|makes)\b(?!{_QUALITIES})|"
                   r"\bwhat (?:caused|causes)\b|\bfor what reason\b|\bwhat is the reason\b", re.I),  # fmt: skip
        # "since 2019", "since the 90s", "since we launched" and "ever since" tell when, not why.
        re.compile(rf"\b(?:because|cause[sd]?|reasons?|(?<!ever )since(?!\s+(?:{_SINCE_WHEN}))|due to|so that|"
                   r"that's why|thanks to|otherwise)\b", re.I),  # fmt: skip
    ),
    (
        # "When is retraining worth it?" and "When does fine-tuning make more sense?" ask a condition,
        # not a time ("When is the launch?", "When does the conference start?" ask one).
        re.compile(r"^\s*when (?:did|was|were|will)\b|\b(?:what|which) year\b|^\s*when (?:is|are|am|do|does)\b"
                   r"(?!.*\b(?:worth|ok(?:ay)?|right|appropriate|safe|necessary|enough|better|good idea|sense|"
                   r"ready|need(?:s|ed)?|required)\b)", re.I),  # fmt: skip
        re.compile(rf"\b(?:1[89]\d\d|20\d\d|ago|{_MONTHS}|spring|summer|autumn|fall|winter|after|before|during|"
                   r"until)\b", re.I),  # fmt: skip
    ),
)


def wanted(question: str) -> Callable[[str], bool] | None:
    """A test of whether a passage says what ``question`` asks for, or None for a question
    whose answer has no such mark ("What does she think about …")."""
    for asks, says in KINDS:
        if asks.search(question):
            return lambda text: bool(says.search(text))
    return None
