"""Chapters for episodes that have none: TextTiling over speaker turns, titled by their topic.

A boundary goes where the words on either side of a gap between turns stop
overlapping (the depth of the cohesion valley, as in Hearst's TextTiling) and,
because these are conversations, where the interviewer asks a question: in the
DataTalks.Club archive most human chapter headers sit on one. The number of
chapters follows the archive's habit, about 25 an hour. Generated chapters are
marked, and never replace chapters a person wrote.

A chapter is titled as a person would: by the question that opens it, condensed
("So, can you tell us about your career journey?" gives "Your career journey"),
else by its most distinctive noun phrase ("Data pipelines"); never by speakers'
names or filler, nor by a list of unrelated words.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from typing import Any

from podsift import spacy_model
from podsift.formats.labels import INTERJECTIONS
from podsift.model import Chapter, Episode, Segment
from podsift.moments import SENTENCE_END
from podsift.words import READ_WORD, STOPWORDS, foreign_stopwords, stem

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

# Talk that carries no topic, on top of the search stopwords and the interjections that
# open replies ("Fantastic.", "Happy to be here", "I understand").
_FILLER = INTERJECTIONS | frozenset(
    """um uh yeah yes okay ok like know think mean guess maybe actually basically right well
    going gonna wanna want lot lots stuff thing things kind sort way ways really pretty quite
    something anything everything nothing time times today question questions year years
    good great nice cool interesting able sure need needs make makes made said say see
    look looks looking trying tried try start started work working people person different
    little bit last later next put full main big small new old still even much many most
    more less best better same other own whole long high low real hard easy true whatever
    send sent put get got give gave take took come came go went one two three four five
    ask asked asking thank thanks week weeks welcome hello bye talk talking happy glad
    understand understood fantastic awesome amazing wonderful excellent question questions
    answer answers idea ideas example examples point points part parts case cases fact
    happen happened happens feel felt tell told basically literally definitely probably
    obviously exactly totally course sounds sound guys everyone everybody somebody fun
    clear top left certain specific particular various several huge usual entire
    important interesting couple rest""".split()
)


def content_terms(text: str) -> list[str]:
    return [stem(w.lower()) for w in READ_WORD.findall(text) if len(w) > 2 and w.lower() not in STOPWORDS]


class TermWeights:
    """TF-IDF over an episode's turns: each turn is a document."""

    def __init__(self, texts: Sequence[str], terms: Callable[[str], list[str]] = content_terms) -> None:
        self.terms = [Counter(terms(t)) for t in texts]
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


def squared_norm(vector: dict[str, float]) -> float:
    return sum(v * v for v in vector.values())


def cosine(a: dict[str, float], b: dict[str, float], a_sq: float | None = None, b_sq: float | None = None) -> float:
    """Cosine similarity. Pass a squared norm known already when comparing many vectors
    with one large one, whose norm would otherwise be summed again for each (quadratic)."""
    if not a or not b:
        return 0.0
    dot = sum(v * b.get(t, 0.0) for t, v in a.items())
    return dot / math.sqrt((squared_norm(a) if a_sq is None else a_sq) * (squared_norm(b) if b_sq is None else b_sq))


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
    # The peak each gap climbs to on either side: walking left from j over gaps that do not
    # fall is the same walk as from j - 1 once gaps[j - 1] >= gaps[j], so one pass each way
    # gives it. Walking from every gap instead is quadratic on flat stretches (untimed
    # captions share no words, so every gap is 0).
    m = len(gaps)
    left_peak, right_peak = gaps[:], gaps[:]
    for j in range(1, m):
        if gaps[j - 1] >= gaps[j]:
            left_peak[j] = left_peak[j - 1]
    for j in range(m - 2, -1, -1):
        if gaps[j + 1] >= gaps[j]:
            right_peak[j] = right_peak[j + 1]
    depth = []
    for j, gap in enumerate(gaps):
        score = (left_peak[j] - gap) + (right_peak[j] - gap)
        after = segments[j + 1]
        if "?" in after.text:
            score += QUESTION_BONUS + (INTERVIEWER_BONUS if after.speaker == interviewer else 0.0)
            if len(after.text.split()) >= LONG_QUESTION_WORDS:
                score += LONG_QUESTION_BONUS
        depth.append(score)
    chosen: list[int] = []
    blocked = [False] * len(depth)  # within MIN_TURNS of a chosen gap: a set lookup, not a scan of all chosen
    for j in sorted(range(len(depth)), key=lambda j: -depth[j]):
        if len(chosen) >= count - 1:
            break
        if not blocked[j] and j + 1 >= MIN_TURNS and n - (j + 1) >= MIN_TURNS:
            chosen.append(j)
            for k in range(max(0, j - MIN_TURNS + 1), min(len(depth), j + MIN_TURNS)):
                blocked[k] = True
    return sorted(j + 1 for j in chosen)


def _bare(word: str) -> str:
    """A word as the word lists spell it: lower case, straight apostrophe, no possessive."""
    return word.lower().replace("’", "'").removesuffix("'s")


def name_words(speakers: Iterable[str | None]) -> frozenset[str]:
    """Every word of the speakers' labels: "Stefan Gudmundsson" gives stefan and gudmundsson."""
    return frozenset(_bare(w) for label in speakers if label for w in READ_WORD.findall(label) if not w.isdigit())


def _boring(word: str, names: Collection[str] = ()) -> bool:
    """A word that names no topic: a stopword, talk about talk, a speaker's name, a number."""
    bare = _bare(word)
    if len(bare) < 3 and not (len(word) == 2 and word.isupper()):  # AI, ML and BI are topics
        return True
    if bare in STOPWORDS or bare in _FILLER or bare in names or bare.isdigit():
        return True
    head, apostrophe, rest = bare.partition("'")
    if apostrophe and f"{head}'" in names and _boring(rest, names):
        return True  # French and Italian elide a stop word into the next: "qu'il", "l'un"
    return stem(bare) in _filler_stems()  # "kinds", "questions": filler in another form


_FILLER_STEMS: frozenset[str] = frozenset()


def _filler_stems() -> frozenset[str]:
    global _FILLER_STEMS
    if not _FILLER_STEMS:
            _FILLER_STEMS = frozenset(stem(w) for w in _FILLER)
    return _FILLER_STEMS


def title_terms(text: str, names: Collection[str] = ()) -> list[str]:
    """Stems of the words that can name a topic."""
    return [stem(_bare(w)) for w in READ_WORD.findall(text) if not _boring(w, names)]


def keyphrases(text: str, background: TermWeights | None = None, limit: int = 3,
               names: Collection[str] = ()) -> list[str]:  # fmt: skip
    """The text's most telling phrases: runs of content words, scored by their words' weight.

    Speakers' names (``names``, lower case) and filler never count: they are frequent
    in every part of a conversation and say nothing of its topic.
    """
    counts = Counter(title_terms(text, names))
    idf = background.idf if background else {}
    weight = {t: (1 + math.log(c)) * idf.get(t, 1.0) for t, c in counts.items()}
    phrases: Counter[str] = Counter()
    surface: dict[str, str] = {}
    for chunk in _CLAUSE.split(text):
        run: list[str] = []
        for word in READ_WORD.findall(chunk) + [""]:
            if word and not _boring(word, names):
                run.append(word)
                continue
            for size in (3, 2, 1):
                for i in range(len(run) - size + 1):
                    words = run[i : i + size]
                    key = " ".join(stem(_bare(w)) for w in words)
                    phrases[key] += 1
                    surface.setdefault(key, " ".join(words))
            run = []
    scored = []
    for key, seen in phrases.items():
        stems = key.split()
        if not stems or (seen < 2 and len(stems) > 1):  # a word of marks alone stems to nothing
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
        key_stems = set(key.split())
        if key_stems & taken:
            continue
        out.append(surface[key])
        taken |= key_stems
        if len(out) == limit:
            break
    return out


# --- titles ------------------------------------------------------------------------------

# Discourse markers that open a question and carry none of its content ("So,", "Okay.").
_MARKER = re.compile(
    r"^(?:so|okay|ok|and|but|well|now|alright|all right|right|yeah|yes|um|uh|oh|hmm|then|also|maybe|"
    r"actually|basically|anyway|anyways|like|i see|i mean|you know|interesting|cool|great|nice|perfect|good|"
    r"thanks|thank you|sure|got it|(?:that )?makes sense|let's say|speaking of (?:which|that)|"
    r"in your (?:opinion|experience)|in general|for example|just)(?=[\s,.:;!?–—-]|$)[\s,.:;!–—-]*",
    re.IGNORECASE,
)
# Ways of asking that wrap a question's content: "I wanted to ask", "can you tell us about".
_ASKING = re.compile(
    r"^(?:(?:i )?(?:just )?(?:wanted|want|would like|'d like|was going|am going|'m going) to ask(?: you)?|"
    r"let me ask(?: you)?|i have a question|"
    r"(?:my|the|another|next|one more|a|last|final|quick) (?:follow-up |quick )?question(?: is| would be| here)?|"
    r"i'm (?:just )?(?:curious|wondering)|i am (?:just )?curious|i was (?:just )?(?:curious|wondering)|i wonder|"
    r"(?:if |whether )?(?:(?:can|could|would|will) you|you (?:can|could|would)) (?:please )?(?:maybe )?(?:just )?"
    r"(?:tell|give|show) us(?: (?:a (?:little )?bit|more|briefly|quickly))?|"
    r"(?:if |whether )?(?:(?:can|could|would|will) you|you (?:can|could|would)) (?:please )?(?:maybe )?(?:just )?"
    r"(?:talk|speak|say a few words|explain|describe|share|elaborate|walk us through|summarize|outline)"
    r"(?: (?:a (?:little )?bit|more|briefly|quickly))?|"
    r"tell us(?: (?:a (?:little )?bit|more))?|what can you tell us|do you want to (?:talk|tell us)|"
    r"do you (?:remember|know|recall))"
    r"(?: about| on| if| whether)?(?=[\s,.:;!?–—-]|$)[\s,.:;!–—-]*",
    re.IGNORECASE,
)
_TRAILER = re.compile(
    r"[\s,]*(?:right|you know|or something(?: like that)?|or not|and so on|and stuff(?: like that)?|"
    r"actually|basically|in general|for example|please|exactly|as well|too)[\s,.]*$",
    re.IGNORECASE,
)
_ASIDE = re.compile(r"\[[^\]]*\]|\([^)]*\)")
_CLAUSE = re.compile(r"[.,;:!?()\"“”\n]| - | – | — |–|—")
# Where a long question can be cut and still read as a title.
_BREAK_BEFORE = frozenset(
    {"and", "or", "but", "because", "so", "like", "when", "if", "which", "that", "where", "while", "since", "as",
     "for", "with", "to"}
)  # fmt: skip
_WELCOME = re.compile(r"\b(?:welcome|hello|hi everyone|hi everybody|today we|this week we|our guest)\b", re.IGNORECASE)
TITLE_WORDS = 8
# Turns at a chapter's start searched for the interviewer's question (the opening one or the next).
QUESTION_TURNS = 2
# Sentences of a chapter tagged to find its noun phrases, and the words kept of each.
TAGGED_SENTENCES = 5
TAGGED_WORDS = 40
# A chapter's most distinctive words: its opening question must name one to title it.
TOPIC_TERMS = 10
# A second noun phrase joins the title if it scores at least this share of the first.
SECOND_PHRASE = 0.5


def _content_words(words: Sequence[str], names: Collection[str]) -> int:
    return sum(not _boring(w.strip(",.:;!?\"'“”"), names) for w in words)


def _cap(words: list[str]) -> list[str]:
    """At most TITLE_WORDS words, cut where a clause or phrase ends, never on a function word."""
    if len(words) <= TITLE_WORDS:
        return words
    cuts = [i for i in range(3, TITLE_WORDS + 1)
            if words[i - 1].endswith(",") or _bare(words[i].strip(",")) in _BREAK_BEFORE]  # fmt: skip
    words = words[: cuts[-1] if cuts else TITLE_WORDS]
    while len(words) > 1 and _bare(words[-1].strip(",.:;")) in STOPWORDS | _BREAK_BEFORE:
        words = words[:-1]
    return words


def _strip(text: str, names: Collection[str]) -> tuple[list[str], bool]:
    """The words of a question without openers, trailers and addressed speakers, and
    whether a way of asking ("can you tell us about") was among what went."""
    asked = False
    while True:
        stripped = _MARKER.sub("", text, count=1)
        if (unwrapped := _ASKING.sub("", stripped, count=1)) != stripped:
            stripped, asked = unwrapped, True
        first = stripped.split(maxsplit=1)
        # "Stefan, what ...": a speaker addressed, not a topic.
        if first and first[0].endswith(",") and _bare(first[0].rstrip(",")) in names:
            stripped = first[1] if len(first) > 1 else ""
        if stripped == text:
            break
        text = stripped
    while (trimmed := _TRAILER.sub("", text)) != text:
        text = trimmed
    words = text.split()
    if len(words) > 1 and words[-2].endswith(",") and _bare(words[-1]) in names:
        words = words[:-1]  # "what do you do, Stefan"
    return words, asked


def _topical(words: Sequence[str], names: Collection[str]) -> bool:
    """Two content words, or one that is a name of a thing ("What is MLOps", "Why Kubernetes")."""
    content = [w.strip(",.:;!\"'“”") for w in words]
    content = [w for w in content if not _boring(w, names)]
    return len(content) >= 2 or (len(content) == 1 and any(c.isupper() for c in content[0][1:] + content[0][:1])
                                 and words[0] != content[0])  # fmt: skip


def question_title(question: str, names: Collection[str] = ()) -> str | None:
    """A short title made of a question's content, or None when it has too little.

    "So, I wanted to ask, what does a data freelancer charge?" gives "What does a data
    freelancer charge". Only what asks counts: "You said you teach, right?" is a check,
    not a question opening a topic. A question naming a speaker gives None.
    """
    text = _ASIDE.sub(" ", question).strip().rstrip("?").strip(" \"'“”")
    # Clauses, the last first: a question ends where it asks ("You mentioned X - how do you ...?").
    clauses = [c for c in re.split(r"(?<=,)\s+|\s+[-–—]+\s+|(?<=[;:])\s+", text) if c.strip()]
    candidates = [" ".join(clauses[i:]) for i in range(len(clauses))]
    titles = []
    for candidate in candidates:
        words, asked = _strip(candidate, names)
        if not words or not (asked or _bare(words[0]) in _INTERROGATIVE):
            continue
        words = _cap(words)
        title = " ".join(words).strip(" ,;:-–—\"'“”?")
        if not _topical(title.split(), names) or any(_bare(w) in names for w in READ_WORD.findall(title)):
            continue
        titles.append(title[0].upper() + title[1:])
    # One clause reads as a title; "When it comes to tests, it feels" does not.
    return next((t for t in titles if "," not in t), titles[0] if titles else None)


_INTERROGATIVE = frozenset(
    {"what", "what's", "how", "how's", "why", "which", "who", "whom", "whose", "where", "when", "do", "does", "did",
     "is", "are", "was", "were", "can", "could", "should", "would", "will", "have", "has", "had", "isn't", "aren't",
     "don't", "doesn't", "didn't"}
)  # fmt: skip


def _question_in(turns: Sequence[Segment], interviewer: str | None, names: Collection[str],
                 topic: Collection[str] = ()) -> str | None:  # fmt: skip
    """The title of the first usable question the interviewer asks in ``turns``.

    With ``topic`` (stems of the chapter's most distinctive words), only a question that
    names one of them: a follow-up ("Do you use Slack for that?") does not title a chapter.
    """
    for turn in turns:
        if "?" not in turn.text or (interviewer and turn.speaker != interviewer):
            continue
        for sentence in SENTENCE_END.split(turn.text):
            if not sentence.rstrip(" \"'”’)").endswith("?") or not (title := question_title(sentence, names)):
                continue
            if not topic or set(title_terms(title, names)) & set(topic):
                return title
    return None


_TAGGER: Any = None


def _tagger() -> Any:
    """spaCy's small English model with the tagger only, or None. The parser, NER and even
    the attribute ruler (coarse tags from fine ones: a third of the time) are left out."""
    global _TAGGER
    if _TAGGER is None:
        try:
            _TAGGER = spacy_model.load(exclude=["parser", "lemmatizer", "ner", "senter", "attribute_ruler"])
        except (ImportError, OSError):
            _TAGGER = False
    return _TAGGER or None


# Penn tags of nouns and adjectives (NN, NNS, NNP, NNPS, JJ, JJR, JJS).
_NOUNISH = ("NN", "JJ")


def _noun_phrases(doc: Any, names: Collection[str]) -> Iterator[tuple[str, tuple[str, ...]]]:
    """(surface, stems) of each run of adjectives and nouns ending in a noun: "real-time data pipelines"."""
    run: list[Any] = []
    for tok in [*doc, None]:
        if tok is not None:
            if tok.tag_.startswith(_NOUNISH) and any(c.isalpha() for c in tok.text) and not _boring(tok.text, names):
                run.append(tok)
                continue
            if tok.text in ("-", "/") and run and not run[-1].whitespace_:
                run.append(tok)  # "real-time", "A/B": one word, split by the tokenizer
                continue
        while run and (run[-1].tag_.startswith("JJ") or run[-1].text in ("-", "/")):
            run.pop()
        # "Shorter amount", "best way": a comparison leads nowhere without what it compares.
        while run and (run[0].text in ("-", "/") or run[0].tag_ in ("JJR", "JJS", "RBR", "RBS")):
            run.pop(0)
        if run:
            run = run[-4:]
            surface = doc[run[0].i : run[-1].i + 1].text
            yield surface, tuple(stem(_bare(t.text)) for t in run if t.text not in ("-", "/"))
        run = []


def said_phrases(text: str, names: Collection[str] = ()) -> Counter[tuple[str, ...]]:
    """How often each run of 1 to 4 content words is said, by stems: a linear count that
    tells a phrase the speakers keep using from a one-off."""
    said: Counter[tuple[str, ...]] = Counter()
    for chunk in _CLAUSE.split(text):
        run: list[str] = []
        for word in [*READ_WORD.findall(chunk), ""]:
            if word and not _boring(word, names):
                run.append(stem(_bare(word)))
                continue
            for size in range(1, min(len(run), 4) + 1):
                for i in range(len(run) - size + 1):
                    said[tuple(run[i : i + size])] += 1
            run = []
    return said


def _phrase_title(phrases: Collection[tuple[str, ...]], surface: dict[tuple[str, ...], str],
                  weight: dict[str, float], said: Counter[tuple[str, ...]]) -> str | None:  # fmt: skip
    """The best noun phrase, or two: distinctive words, said more than once, several words
    rather than one. Two phrases are joined only when one has several words: a pair of
    lone nouns ("Hot dog and emails") reads as a list, not a title."""
    scored = sorted(
        ((sum(weight.get(s, 0.0) for s in key) / len(key) * (1 + 0.3 * (min(len(key), 3) - 1))
          * math.log(1 + max(said[key], 1)), key) for key in phrases),
        reverse=True,
    )  # fmt: skip
    if not scored:
        return None
    best_score, best = scored[0]
    # A phrase of several words names a topic better than a lone noun, if nearly as telling.
    first = next((key for score, key in scored if len(key) > 1 and score >= 0.5 * best_score), best)
    second = next((key for score, key in scored if score >= SECOND_PHRASE * best_score
                   and not set(key) & set(first) and len(key) + len(first) > 2), None)  # fmt: skip
    text = surface[first] if second is None else f"{surface[first]} and {surface[second]}"
    return text[0].upper() + text[1:]


FOREIGN_SAMPLE = 400  # turns enough to tell the language an episode is in


def chapter_titles(spoken: Sequence[Segment], starts: Sequence[int], names: Collection[str] | None = None) -> list[str]:
    """A title for each chapter of ``spoken`` (chapters begin at ``starts``, the first at 0).

    A chapter that opens with the interviewer's question is titled by that question,
    condensed; any other by its most distinctive noun phrase against the episode.
    Every turn is read a bounded number of times and spaCy tags only a few sentences a
    chapter, so the cost stays linear in the episode's length.
    """
    if names is None:
        names = name_words(s.speaker for s in spoken)
    # In another language, its stop words are no topic, and the English tagger and question
    # rules would read its words wrongly: titles are its most telling words.
    foreign = foreign_stopwords(" ".join(s.text for s in spoken[:FOREIGN_SAMPLE]))
    names = frozenset(names) | foreign
    asks = Counter(s.speaker for s in spoken if "?" in s.text)
    interviewer = asks.most_common(1)[0][0] if asks else None
    background = TermWeights([s.text for s in spoken], terms=lambda text: title_terms(text, names))
    ends = [*starts[1:], len(spoken)]
    titles: list[str | None] = []
    said: list[Counter[tuple[str, ...]]] = []
    wanted: list[tuple[int, str]] = []  # (chapter, sentence) to tag
    weights: list[dict[str, float]] = []
    for k, (begin, end) in enumerate(zip(starts, ends)):
        turns = spoken[begin:end]
        counts = Counter(t for i in range(begin, end) for t in background.terms[i].elements())
        weight = {t: (1 + math.log(c)) * background.idf[t] for t, c in counts.items()}
        weights.append(weight)
        said.append(Counter())
        if not turns:
            titles.append("Untitled part")
            continue
        if k == 0 and _WELCOME.search(turns[0].text):
            titles.append("Introduction")
            continue
        top = dict(sorted(weight.items(), key=lambda kv: -kv[1])[:TOPIC_TERMS])
        titles.append(None if foreign else _question_in(turns[:QUESTION_TURNS], interviewer, names, top))
        if titles[-1] is not None:
            continue
        said[k] = said_phrases(" ".join(t.text for t in turns), names)
        # The sentences richest in the chapter's most distinctive words hold its noun phrases.
        scored = []
        for turn in turns:
            for sentence in SENTENCE_END.split(turn.text):
                words = sentence.split()
                for i in range(0, len(words), TAGGED_WORDS):
                    piece = " ".join(words[i : i + TAGGED_WORDS])
                    score = sum(top.get(t, 0.0) for t in set(title_terms(piece, names)))
                    if score > 0:
                        scored.append((score, piece))
        scored.sort(key=lambda sp: -sp[0])
        wanted.extend((k, piece) for _, piece in scored[:TAGGED_SENTENCES])
    phrases: list[set[tuple[str, ...]]] = [set() for _ in starts]
    surface: dict[tuple[str, ...], str] = {}
    nlp = None if foreign else _tagger()
    if nlp is not None:
        for (k, _), doc in zip(wanted, nlp.pipe((piece for _, piece in wanted), batch_size=64)):
            for text, key in _noun_phrases(doc, names):
                phrases[k].add(key)
                surface.setdefault(key, text)
    out = []
    for k, (begin, end) in enumerate(zip(starts, ends)):
        if titles[k] is None and not phrases[k]:
            # No tagger (or no noun): runs of content words, the best of them alone.
            part = " ".join(s.text for s in spoken[begin:end])
            titles[k] = title(keyphrases(part, background, limit=1, names=names))
        out.append(titles[k] or _phrase_title(phrases[k], surface, weights[k], said[k]) or "Untitled part")
    return out


def title(phrases: list[str]) -> str:
    """One phrase, capitalised: never a list of unrelated words."""
    if not phrases:
        return "Untitled part"
    return phrases[0][0].upper() + phrases[0][1:]


def auto_chapters(episode: Episode, count: int | None = None) -> list[Chapter]:
    """Generated chapters for an episode, by turn boundaries, each titled by what it is about."""
    spoken = [s for s in episode.segments if s.text]
    if len(spoken) < 2 * MIN_TURNS:
        return []
    count = count or chapter_count(episode, len(spoken))
    starts = [0, *boundaries(spoken, count)]
    titles = chapter_titles(spoken, starts, name_words(episode.speakers))
    return [Chapter(name, spoken[begin].start, spoken[begin].ordinal, generated=True)
            for name, begin in zip(titles, starts)]  # fmt: skip
