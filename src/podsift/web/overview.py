"""What the home page says about the archive: its shows, its size, and questions it can answer."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from podsift.people import people
from podsift.store import EpisodeSummary, Store

# Episodes without a show are listed under this heading.
NO_SHOW = "The archive"
# Episodes listed under each show, newest first; the rest are counted.
LATEST = 4
# Example questions on the home page, at most one per episode.
EXAMPLES = 5
# Questions read to choose them from (the first ones, by episode): enough for variety, few enough to stay fast.
QUESTIONS_READ = 1000
# Words that lean on what was said before: a question with fewer of them stands on its own.
CONTEXT_WORDS = {"you", "your", "it", "that", "this", "those", "these", "they", "them", "there", "he", "she", "two",
                 "both"}  # fmt: skip
# Long words that say nothing of the topic.
PLAIN_WORDS = {"which", "there", "about", "would", "could", "should", "their", "where", "these", "those", "being",
               "doing", "think", "thing", "things", "really", "actually", "people", "something"}  # fmt: skip
QUESTION_WORDS = {"what", "how", "why", "where", "when", "which", "who", "is", "are", "do", "does", "did", "can",
                  "should", "would"}  # fmt: skip
_SENTENCE = re.compile(r"[^.?!]*\?")


@dataclass
class Show:
    name: str
    episodes: int
    latest: list[EpisodeSummary]


@dataclass
class Overview:
    episodes: int
    hours: float
    people: int
    tools: int
    entities: int
    shows: list[Show] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)


def overview(store: Store) -> Overview:
    listed = store.list_episodes()
    named = store.entity_counts()
    seconds = sum(e.duration or 0 for e in listed)
    return Overview(episodes=len(listed), hours=seconds / 3600, people=len(people(store)),
                    tools=sum(1 for e in named if e.type == "tool"), entities=len(named),
                    shows=shows(listed), examples=example_questions(store.questions_asked(QUESTIONS_READ)))  # fmt: skip


def shows(listed: list[EpisodeSummary]) -> list[Show]:
    """Each show with its latest episodes (dated ones first, newest first), biggest show first; no show last."""
    grouped: dict[str, list[EpisodeSummary]] = {}
    for e in listed:
        grouped.setdefault(e.show or NO_SHOW, []).append(e)
    out = []
    for name, episodes in grouped.items():
        # Undated episodes after dated ones, then by title: a stable order whatever the dates say.
        episodes.sort(key=lambda e: (e.title or e.id).lower())
        episodes.sort(key=lambda e: e.date or "", reverse=True)
        out.append(Show(name, len(episodes), episodes[:LATEST]))
    out.sort(key=lambda s: (s.name == NO_SHOW, -s.episodes, s.name.lower()))
    return out


def example_questions(asked: list[tuple[str, str]], limit: int = EXAMPLES) -> list[str]:
    """Short questions hosts asked, the one that best stands on its own from each episode: fewest words
    leaning on what came before, then most topical."""
    best: dict[str, tuple[int, int, int, str]] = {}
    for position, (episode_id, text) in enumerate(asked):
        for sentence in _SENTENCE.findall(text):
            question = " ".join(sentence.split())
            words = re.findall(r"[\w']+", question.lower())
            # Long words carry the topic ("embedding", "freelancing"): a question needs two to say what it is about.
            topical = sum(len(w) >= 5 and w not in PLAIN_WORDS for w in set(words))
            if not 4 <= len(words) <= 12 or words[0] not in QUESTION_WORDS or topical < 2:
                continue
            key = (sum(w in CONTEXT_WORDS for w in words), -topical, position, question)
            if episode_id not in best or key < best[episode_id]:
                best[episode_id] = key
    ranked = sorted(best.values())
    return [key[-1] for key in ranked[:limit]]
