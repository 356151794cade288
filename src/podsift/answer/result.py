"""What `ask` returns: answer sentences, each tied to the moments it cites."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from podsift.search.engine import MomentHit
from podsift.text import shown_time

# Who wrote the answer, in words a reader understands (``answerer`` stays the machine's name).
QUOTED = "quoted from the archive"
DECLINED = "not answered: nothing quoted"  # a declined question's line (the JSON's answered_by)


def written_by(model: str) -> str:
    return f"written by {model} from the quoted moments"


@dataclass
class Citation:
    """One cited place: a retrieved moment, and where in it the cited words begin."""

    episode_id: str
    episode_title: str | None
    start: float | None  # the moment's span, as search returned it
    end: float | None
    speaker: str | None  # who says the cited words
    text: str  # the moment's words, to check the claim against
    url: str | None  # plays from ``at``
    at: float | None  # when the cited words begin
    moment_id: int
    time_estimated: bool = False
    segment: int | None = None  # the ordinal of the line the cited words begin in

    @property
    def label(self) -> str:
        title = self.episode_title or self.episode_id
        return f"[{title} @ {shown_time(self.at, self.time_estimated)}]" if self.at is not None else f"[{title}, untimed]"

    def to_json(self) -> dict[str, Any]:
        return asdict(self) | {"label": self.label}


def cite(hit: MomentHit, speaker: str | None, at: float | None, segment: int | None = None) -> Citation:
    """A citation of ``hit`` at ``at`` (the moment's start when the sentence has no time)."""
    at = at if at is not None else hit.start
    if at is not None and hit.start is not None and hit.end is not None and hit.start <= hit.end:
        # The sentence's time and the moment's span are estimated apart inside a long segment:
        # the cited words are in the moment, so their time is too, and the link plays inside it.
        clamped = min(max(at, hit.start), hit.end)
        if clamped != at:
            segment, at = None, clamped  # the words' line is not the time's: the moment's own line
    url = hit.url
    if url and at is not None:
        # Search links always end in t=SECONDS (YouTube &t=, media #t=): move it to the cited words.
        url = f"{url.rpartition('t=')[0]}t={int(at)}"
    return Citation(hit.episode_id, hit.episode_title, hit.start, hit.end, speaker, hit.text, url, at,
                    hit.moment_id, hit.time_estimated, hit.segment if segment is None else segment)  # fmt: skip


@dataclass
class AnswerSentence:
    text: str
    speaker: str | None
    citations: list[int]  # indexes into Answer.citations


@dataclass
class Answer:
    question: str
    sentences: list[AnswerSentence]
    citations: list[Citation]
    abstained: bool
    answerer: str
    closest: list[MomentHit] = field(default_factory=list)  # shown when abstaining
    notes: list[str] = field(default_factory=list)  # fallbacks, dropped sentences
    support: float = 0.0  # how well the best moments match the question (0..1)
    answered_by: str = QUOTED  # shown under the answer
    suggestion: str | None = None  # when abstaining: the question spelt as the archive spells it
    filtered: bool = False  # filters narrowed the search: an empty one is theirs, not the archive's

    @property
    def text(self) -> str:
        if self.abstained:
            if self.filtered and not self.closest:
                return "No moments match within these filters."
            return "The archive does not seem to cover this."
        parts = []
        for sentence in self.sentences:
            labels = " ".join(self.citations[i].label for i in sentence.citations)
            parts.append(f"{sentence.text} {labels}".strip())
        return " ".join(parts)

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.text,
            "abstained": self.abstained,
            "citations": [c.to_json() for c in self.citations],
            "answerer": self.answerer,
            "answered_by": self.answered_by,
            "sentences": [asdict(s) for s in self.sentences],
            "closest_mentions": [h.to_json() for h in self.closest],
            "notes": self.notes,
            "support": round(self.support, 4),
            "suggestion": self.suggestion,
            "filtered": self.filtered,
        }

