"""The default answerer: the archive's own sentences, picked and cited. No LLM, no network.

Each passage (one to three sentences by one speaker) of the retrieved moments is
scored by how much of the question's meaning-bearing words it contains (weighted
by rarity, stemmed as the index stems them) and by how relevant its moment is.
The answer takes each moment's best passage, leads with the best of them, and
stops at about 120 words. Measured choices are in the closing notes of issue 4.

Quoted words must read as an answer: a passage that leans on the sentence before it
("Then try pgvector first.") brings that sentence along, and a sentence that only
asks the question (the interviewer's, or the user's own words echoed) is never quoted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from podsift.answer.result import Answer, AnswerSentence, Citation, cite
from podsift.answer.sentences import Sentence
from podsift.search.engine import MomentHit
from podsift.text import join_sentences
from podsift.words import STOPWORDS, WORD

NAME = "extractive"
MAX_WORDS = 120
# A moment's best passage joins the answer only if it scores this share of the best one's.
KEEP_SHARE = 0.5
# ...and only from a moment at least this share as relevant as the best passage's moment.
KEEP_RELEVANCE = 0.6
# Passages sharing more than this share of their content words repeat each other.
REDUNDANT = 0.5
# How much the moment's relevance weighs against the passage's own overlap with the question.
MOMENT_WEIGHT = 0.5
SHORT_WORDS = 6
ASKING_FACTOR = 0.7
# A passage is up to this many consecutive sentences by one speaker, within this many words.
PASSAGE_SENTENCES = 3
PASSAGE_WORDS = 60
# Opening words that point back at the sentence before ("That forgets holidays...").
LEANING = frozenset(
    ("then", "that", "it", "its", "this", "these", "those", "they", "them", "their", "so", "but", "and", "or",
     "because", "which", "he", "she", "his", "her", "there", "yes", "no", "also", "otherwise", "instead")
)  # fmt: skip
# A sentence leaning back brings at most this many sentences before it, within this many words.
CONTEXT_SENTENCES = 2
CONTEXT_WORDS = 40
# The sentence after a passage comes along when it opens by pointing back at it ("It was
# called AI Side Hustlers Club."): the sentence that matches the question's words often
# only sets up what the next one says. It is outside the word budget, so it lengthens
# the quote it completes and never crowds out another moment.
FOLLOW_WORDS = 40
# A passage this short rarely answers alone ("I have this matrix. A two by two matrix."):
# the speaker's next sentence, which usually says what it means, comes along even when it
# does not point back. On the dev questions keyword recall rose 0.578 -> 0.600 on the half
# this was chosen on (12 to 30 words tied there) and 0.611 -> 0.622 on the other.
SHORT_PASSAGE = 20
# A moment is quoted from a passage that does not open by a word standing for something
# nobody quoted ("Those are the main risks...", answering the host's list) when one scores
# at least this share of its best; the moment keeps its best passage's rank. Counting such
# passages less instead cost a dev citation: often every sentence of the moment leans.
ANCHORED_SHARE = 0.5
# Only words standing for a group count: "It means three things." takes its subject from
# the user's question, and an opening "So", "Yes" or "But" only links an answer to its question.
REFERRING = frozenset(("these", "those", "they", "them", "their"))
# A sentence the speaker broke off ("Because for conformal prediction, you separate your
# model…") says nothing whole: a passage holding one counts this much.
BROKEN_OFF = 0.5
TRAILING = ("…", "...")
# A passage by someone other than the person the question asks about ("What does Ben think...").
OTHER_VOICE = 0.5
# A question sentence whose content words are at least this share of the user's question's
# words is the question itself, asked in the archive: never quoted as its answer.
ECHO = 0.8
# A passage saying the kind of thing the question asks for (a reason for "why", an amount
# for "how much") scores this much more; measured in the README (dev keyword recall 0.611 -> 0.644).
KIND_BONUS = 0.3



@dataclass
class Scored:
    sentence: Sentence  # the passage: its text, timed and attributed like its first sentence
    hit: MomentHit
    score: float
    words: frozenset[str]
    overlap: float
    relevance: float  # the moment's
    parts: tuple[Sentence, ...] = ()  # the passage's own sentences
    moment: tuple[Sentence, ...] = ()  # every sentence of its moment, for the context before it
    unanchored: bool = False  # its quote opens by referring to something not quoted


def score_sentences(
    question_weights: dict[str, float],
    hits: list[MomentHit],
    sentences: dict[int, list[Sentence]],
    relevance: dict[int, float],
    stem: Callable[[str], str],
    people: frozenset[str] = frozenset(),
    wanted: Callable[[str], bool] | None = None,
) -> list[Scored]:
    """Every passage of ``hits`` that could answer, with its score, best first.

    ``question_weights`` maps the question's stems to their rarity; ``relevance``
    gives each moment's relevance in 0..1. Passages holding a question, part of a short
    turn that asks one, or the user's question itself are left out: they ask, not answer.
    When the question names ``people`` (stems) who speak in the moments, what others say
    around them (the host's introduction) counts for less: the question asks for their words.
    """
    total = sum(question_weights.values()) or 1.0
    question_words = frozenset(question_weights)
    voiced = {s.speaker for m in sentences.values() for s in m if s.speaker and _names(s.speaker, people, stem)}
    episodes = {h.moment_id: h.episode_id for h in hits}
    scored: list[Scored] = []
    for hit in hits:
        moment = tuple(sentences.get(hit.moment_id, []))
        echoes = {s.position for s in moment if _echoes(s, question_words, stem)}
        for parts in _passages(list(moment)):
            if any(s.text.endswith("?") or s.question_turn for s in parts):
                continue  # a question (or a run through one) asks; the answer is what follows it
            if any(s.position in echoes for s in parts):
                continue
            sentence = parts[0] if len(parts) == 1 else replace(parts[0], text=join_sentences([s.text for s in parts]))
            tokens = WORD.findall(sentence.text)
            words = _content(tokens, stem)
            overlap = sum(w for term, w in question_weights.items() if term in words) / total
            score = (1 - MOMENT_WEIGHT) * overlap + MOMENT_WEIGHT * relevance.get(hit.moment_id, 0.0)
            if "?" in sentence.text:
                score *= 0.5  # a question restates the topic; the answer follows it
            elif sentence.asking:
                score *= ASKING_FACTOR  # the set-up of someone's question, not its answer
            if len(tokens) < SHORT_WORDS:
                score *= 0.5  # "Yes, exactly." answers nothing on its own
            if voiced and sentence.speaker not in voiced:
                score *= OTHER_VOICE
            if any(s.text.endswith(TRAILING) for s in parts):
                score *= BROKEN_OFF
            if wanted is not None and wanted(sentence.text):
                score *= 1 + KIND_BONUS
            rel = relevance.get(hit.moment_id, 0.0)
            before = _before(parts, moment)
            opening = before[0] if before else parts[0]
            # The same voice's words just before, in a retrieved moment, can be quoted too.
            # (An episode's moments are stored in order, so the one before has the id before.)
            earlier = sentences.get(hit.moment_id - 1, []) if episodes.get(hit.moment_id - 1) == hit.episode_id else []
            carried = opening.position == 0 and bool(earlier) and earlier[-1].speaker == opening.speaker
            unanchored = _opening(opening) in REFERRING and not carried
            scored.append(Scored(sentence, hit, score, words, overlap, rel, tuple(parts), moment, unanchored))
    scored.sort(key=lambda s: -s.score)
    return scored


def _names(speaker: str, people: frozenset[str], stem: Callable[[str], str]) -> bool:
    return any(stem(w) in people for w in WORD.findall(speaker))


def _content(tokens: list[str], stem: Callable[[str], str]) -> frozenset[str]:
    return frozenset(stem(t) for t in tokens if t.lower() not in STOPWORDS)


def _echoes(sentence: Sentence, question_words: frozenset[str], stem: Callable[[str], str]) -> bool:
    """Whether ``sentence`` is the user's question asked in the archive (quoting it answers nothing)."""
    if not _asks(sentence):
        return False
    words = _content(WORD.findall(sentence.text), stem)
    return bool(words) and len(words & question_words) / len(words) >= ECHO


def _asks(sentence: Sentence) -> bool:
    """A question, or part of a turn that asks one."""
    return sentence.text.endswith("?") or sentence.asking or sentence.question_turn


def _passages(sentences: list[Sentence]) -> list[list[Sentence]]:
    """Each sentence, and each run of up to PASSAGE_SENTENCES by the same speaker.

    An answer often takes more than one sentence ("We use a library for that. It's
    called faiss."); a run is one candidate, timed and attributed like its first sentence.
    """
    out = [[s] for s in sentences]
    for size in range(2, PASSAGE_SENTENCES + 1):
        for begin in range(len(sentences) - size + 1):
            run = sentences[begin : begin + size]
            if len({s.speaker for s in run}) == 1 and sum(len(s.text.split()) for s in run) <= PASSAGE_WORDS:
                out.append(run)
    return out


def points_back(sentence: Sentence) -> bool:
    """Whether ``sentence`` opens with a word pointing at the one before ("Then", "It", "That's")."""
    return _opening(sentence) in LEANING


def _opening(sentence: Sentence) -> str:
    tokens = WORD.findall(sentence.text)  # "That's" gives "That"
    return tokens[0].lower() if tokens else ""


def leans(sentence: Sentence) -> bool:
    """Whether ``sentence`` only makes sense after the one before ("Then try pgvector first.")."""
    return points_back(sentence) or 0 < len(WORD.findall(sentence.text)) < SHORT_WORDS


def context(item: Scored) -> list[Sentence]:
    """The sentences before ``item`` that it leans on: same speaker, same moment, no questions.

    A moment is one speaker's turn (or a window of it), so the sentence before is
    usually the start of the same thought; a question, or another voice, is not.
    """
    return _before(item.parts, item.moment)


def _before(parts: Sequence[Sentence], moment: Sequence[Sentence]) -> list[Sentence]:
    if not parts or not moment:
        return []
    before: list[Sentence] = []
    first = parts[0]
    words = 0
    while leans(first) and len(before) < CONTEXT_SENTENCES:
        index = first.position - 1
        if index < 0 or index >= len(moment):
            break
        previous = moment[index]
        if previous.speaker != first.speaker or _asks(previous):
            break
        words += len(previous.text.split())
        if before and words > CONTEXT_WORDS:
            break
        before.insert(0, previous)
        first = previous
    return before


def following(item: Scored) -> list[Sentence]:
    """The sentence after ``item`` if it leans on it, or if ``item`` is too short to stand
    alone: same speaker, same moment, not a question, not broken off."""
    if not item.parts or not item.moment:
        return []
    index = item.parts[-1].position + 1
    if index >= len(item.moment):
        return []
    after = item.moment[index]
    if after.speaker != item.parts[-1].speaker or _asks(after) or after.text.endswith(TRAILING):
        return []
    short = sum(len(s.text.split()) for s in item.parts) < SHORT_PASSAGE
    if not (points_back(after) or short):
        return []
    return [after] if len(after.text.split()) <= FOLLOW_WORDS else []


def compose(question: str, hits: list[MomentHit], scored: list[Scored]) -> Answer:
    """The best passage of each retrieved moment, in retrieval order, within MAX_WORDS.

    Walking the moments in the order search ranked them spreads the citations over
    the likeliest places, so a reader can check more than one; the passages are
    then ordered best first, so the answer leads with the most direct one. A passage
    that leans on the sentence before it is quoted with that sentence, and cited
    from where the quote begins; the sentence after it comes too if it leans on it.
    """
    if not scored:  # every retrieved sentence asks; none answers
        return Answer(question, [], [], abstained=True, answerer=NAME, closest=hits[:3],
                      notes=["the retrieved moments ask about this but do not answer it"])  # fmt: skip
    best: dict[int, Scored] = {}
    rank: dict[int, float] = {}  # each moment's best score, whichever passage quotes it
    for item in scored:  # best first, so the first seen per moment is its best
        moment = item.hit.moment_id
        rank.setdefault(moment, item.score)
        current = best.setdefault(moment, item)
        if current.unanchored and not item.unanchored and item.score >= ANCHORED_SHARE * rank[moment]:
            best[moment] = item
    top = scored[0].score
    lead_relevance = scored[0].relevance
    chosen: list[tuple[Scored, list[Sentence]]] = []
    words = 0
    for hit in hits:
        candidate = best.get(hit.moment_id)
        if candidate is None or rank[hit.moment_id] < KEEP_SHARE * top:
            continue
        if candidate.relevance < KEEP_RELEVANCE * lead_relevance:
            continue  # a moment far from the question lends nothing but a stray word
        before = context(candidate)
        length = _length(candidate, before)
        if chosen and words + length > MAX_WORDS:
            continue
        if any(_similar(candidate.words, c.words) for c, _ in chosen):
            continue
        chosen.append((candidate, before))
        words += length
    # The best passage leads: if other moments filled the words first, the weakest make room.
    lead = best[scored[0].hit.moment_id]
    if all(item is not lead for item, _ in chosen):
        before = context(lead)
        chosen.sort(key=lambda pair: -rank[pair[0].hit.moment_id])
        while chosen and words + _length(lead, before) > MAX_WORDS:
            item, dropped = chosen.pop()  # the weakest first
            words -= _length(item, dropped)
        chosen.append((lead, before))
    chosen.sort(key=lambda pair: -rank[pair[0].hit.moment_id])
    citations: list[Citation] = []
    sentences: list[AnswerSentence] = []
    for item, before in chosen:
        first = before[0] if before else item.sentence
        citation = cite(item.hit, first.speaker, first.start, first.segment)  # from where the quote begins
        if citation not in citations:
            citations.append(citation)
        speaker = item.sentence.speaker
        quote = join_sentences([s.text for s in [*before, item.sentence, *following(item)]])
        # Name the speaker when the voice changes, as a transcript would.
        same_voice = sentences and sentences[-1].speaker == speaker
        text = f"{speaker}: {quote}" if speaker and not same_voice else quote
        sentences.append(AnswerSentence(text, speaker, [citations.index(citation)]))
    return Answer(question, sentences, citations, abstained=False, answerer=NAME)


def _length(item: Scored, before: list[Sentence]) -> int:
    """Words quoted for ``item``, with its context and the speaker's name."""
    return sum(len(s.text.split()) for s in before) + len(item.sentence.text.split()) + 1


def _similar(a: frozenset[str], b: frozenset[str]) -> bool:
    if not a or not b:
        return False
    return len(a & b) / min(len(a), len(b)) > REDUNDANT
