"""Chapters for episodes that have none: TextTiling over speaker turns, titled by keyphrases.

A boundary goes where the words on either side of a gap between turns stop
overlapping (the depth of the cohesion valley, as in Hearst's TextTiling) and,
because these are conversations, where the interviewer asks a question: in the
DataTalks.Club archive most human chapter headers sit on one. The number of
chapters follows the archive's habit, about 25 an hour. Generated chapters are
marked, and never replace chapters a person wrote.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from podsift.model import Chapter, Episode, Segment
from podsift.search.query import STOPWORDS

# Turns compared on each side of a gap.
WINDOW = 7
# Depth added at a gap followed by a question, more if the interviewer asks it, and more
# if the question is long: a question opening a topic says more than "Why?".
QUESTION_BONUS = 0.3
INTERVIEWER_BONUS = 0.3
LONG_QUESTION_BONUS = 0.2
LONG_QUESTION_WORDS = 20
# Never two boundaries closer than this many turns.
MIN_TURNS = 3
# Chapters an hour, bounded to the range human editors use (10 to 30).
PER_HOUR = 25.0
MIN_PER_HOUR, MAX_PER_HOUR = 10.0, 30.0
# Without times, about this many turns a chapter (the archive's median is 5).
TURNS_PER_CHAPTER = 5

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# Talk that carries no topic, on top of the search stopwords.
_FILLER = frozenset(
    """um uh yeah yes okay ok like know think mean guess maybe actually basically right well
    going gonna wanna want lot lots stuff thing things kind sort way ways really pretty quite
    something anything everything nothing time times today question questions year years
    good great nice cool interesting able sure need needs make makes made said say see
    look looks looking trying tried try start started work working people person different
    little bit last later next put full main big small new old still even much many most
    more less best better same other own whole long high low real hard easy true whatever
    send sent put get got give gave take took come came go went one two three four five
    ask asked asking thank thanks week weeks welcome hello bye talk talking""".split()
)
_STEM = None


def _stemmer():  # type: ignore[no-untyped-def]
    global _STEM
    if _STEM is None:
        import Stemmer

        _STEM = Stemmer.Stemmer("porter").stemWord
    return _STEM


def content_terms(text: str) -> list[str]:
    stem = _stemmer()
    return [stem(w.lower()) for w in _TOKEN.findall(text) if len(w) > 2 and w.lower() not in STOPWORDS]


class TermWeights:
    """TF-IDF over an episode's turns: each turn is a document."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.terms = [Counter(content_terms(t)) for t in texts]
        df: Counter[str] = Counter()
        for counts in self.terms:
            df.update(counts.keys())
        n = len(texts)
        self.idf = {t: math.log((n + 1) / (d + 0.5)) for t, d in df.items()}

    def vector(self, indexes: range) -> dict[str, float]:
        total: Counter[str] = Counter()
        for i in indexes:
            total.update(self.terms[i])
        return {t: (1 + math.log(c)) * self.idf[t] for t, c in total.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(v * b.get(t, 0.0) for t, v in a.items())
    return dot / math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))


def chapter_count(episode: Episode, turns: int) -> int:
    """How many chapters an episode of this length usually gets."""
    if episode.duration:
        hours = episode.duration / 3600
        wanted = PER_HOUR * hours
        wanted = min(max(wanted, MIN_PER_HOUR * hours), MAX_PER_HOUR * hours)
    else:
        wanted = turns / TURNS_PER_CHAPTER
    return max(1, min(turns // MIN_TURNS, round(wanted)))


def boundaries(segments: Sequence[Segment], count: int) -> list[int]:
    """Indexes into ``segments`` where chapters 2..count begin."""
    n = len(segments)
    if count < 2 or n < 2 * MIN_TURNS:
        return []
    weights = TermWeights([s.text for s in segments])
    gaps = [
        cosine(weights.vector(range(max(0, i - WINDOW), i)), weights.vector(range(i, min(n, i + WINDOW))))
        for i in range(1, n)
    ]
    asks = Counter(s.speaker for s in segments if "?" in s.text)
    interviewer = asks.most_common(1)[0][0] if asks else None
    depth = []
    for j, gap in enumerate(gaps):
        left = right = gap
        k = j
        while k > 0 and gaps[k - 1] >= left:
            left, k = gaps[k - 1], k - 1
        k = j
        while k < len(gaps) - 1 and gaps[k + 1] >= right:
            right, k = gaps[k + 1], k + 1
        score = (left - gap) + (right - gap)
        after = segments[j + 1]
        if "?" in after.text:
            score += QUESTION_BONUS + (INTERVIEWER_BONUS if after.speaker == interviewer else 0.0)
            if len(after.text.split()) >= LONG_QUESTION_WORDS:
                score += LONG_QUESTION_BONUS
        depth.append(score)
    chosen: list[int] = []
    for j in sorted(range(len(depth)), key=lambda j: -depth[j]):
        if len(chosen) >= count - 1:
            break
        if all(abs(j - c) >= MIN_TURNS for c in chosen) and j + 1 >= MIN_TURNS and n - (j + 1) >= MIN_TURNS:
            chosen.append(j)
    return sorted(j + 1 for j in chosen)


def keyphrases(text: str, background: TermWeights | None = None, limit: int = 3) -> list[str]:
    """The text's most telling phrases: runs of content words, scored by their words' weight."""
    stem = _stemmer()
    counts = Counter(content_terms(text))
    idf = background.idf if background else {}
    weight = {t: (1 + math.log(c)) * idf.get(t, 1.0) for t, c in counts.items()}
    phrases: Counter[str] = Counter()
    surface: dict[str, str] = {}
    for chunk in re.split(r"[.,;:!?()\"“”\n]| - | – | — ", text):
        run: list[str] = []
        for word in _TOKEN.findall(chunk) + [""]:
            lower = word.lower()
            if word and len(word) > 2 and lower not in STOPWORDS and lower not in _FILLER and not word.isdigit():
                run.append(word)
                continue
            for size in (3, 2, 1):
                for i in range(len(run) - size + 1):
                    words = run[i : i + size]
                    key = " ".join(stem(w.lower()) for w in words)
                    phrases[key] += 1
                    surface.setdefault(key, " ".join(words))
            run = []
    scored = []
    for key, seen in phrases.items():
        stems = key.split()
        if seen < 2 and len(stems) > 1:
            continue  # a phrase said once is an accident of wording
        # Topics are mostly named by noun phrases: longer runs score higher, -ing/-ed words lower.
        shape = 1 + 0.3 * (len(stems) - 1)
        if len(stems) == 1 and surface[key].lower().endswith(("ing", "ed", "ly")):
            shape *= 0.5
        score = sum(weight.get(s, 0.0) for s in stems) / len(stems) * math.log(1 + seen) * shape
        scored.append((score, key))
    out: list[str] = []
    taken: set[str] = set()
    for _, key in sorted(scored, reverse=True):
        stems = set(key.split())
        if stems & taken:
            continue
        out.append(surface[key])
        taken |= stems
        if len(out) == limit:
            break
    return out


def title(phrases: list[str]) -> str:
    if not phrases:
        return "Untitled part"
    words = [phrases[0][0].upper() + phrases[0][1:]] + phrases[1:]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def auto_chapters(episode: Episode, count: int | None = None) -> list[Chapter]:
    """Generated chapters for an episode, by turn boundaries, each titled by keyphrases."""
    spoken = [s for s in episode.segments if s.text]
    if len(spoken) < 2 * MIN_TURNS:
        return []
    count = count or chapter_count(episode, len(spoken))
    starts = [0, *boundaries(spoken, count)]
    background = TermWeights([s.text for s in spoken])
    chapters = []
    for k, begin in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(spoken)
        part = " ".join(s.text for s in spoken[begin:end])
        first = spoken[begin]
        chapters.append(Chapter(title(keyphrases(part, background, limit=2)), first.start, first.ordinal,
                                generated=True))  # fmt: skip
    return chapters
