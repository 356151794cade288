"""Find who and what each moment mentions: known names, misheard known names, and new ones.

Three passes over every segment, precision first:
1. known names and their aliases (the gazetteer), spaces, case and punctuation ignored;
2. capitalised words left over that sound like a known name (misheard by speech
   recognition: "Hagen face"), accepted only with enough evidence;
3. a statistical NER model (spaCy) on segments that still hold unexplained capitalised
   words, for people, places and organisations the gazetteer does not know.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz, process

from podsift import spacy_model
from podsift.entities.gazetteer import Alias, Gazetteer, Known, load_gazetteer, name_key
from podsift.entities.sounds import sound_key
from podsift.words import STOPWORDS, word_frequency

if TYPE_CHECKING:
    from podsift.model import Episode

# A token: letters and digits, with an inner . ' & (Node.js, W&B) and a trailing + or #
# (C++, C#). Hyphens and slashes split tokens: "Python-based" holds Python, and names
# like "scikit-learn" or "Pub/Sub" still match across tokens.
TOKEN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9'&]|\.(?=[A-Za-z0-9]))*[+#]*")
# A misheard name needs to sound alike (coarse key) and be spelled alike; with the known
# name nearby (said in the same episode, or a word that goes with it) less spelling will do.
SOUND_MIN = 85
SPELLING_MIN = 75
SPELLING_MIN_ONE_WORD = 80
SPELLING_MIN_IN_CONTEXT = 50
# A single capitalised word this common in English is a word, not a misheard name
# ("Score", "European"): frequencies from pyspellchecker's English list.
COMMON_WORD = 300
# Capitalised words that start sentences or fill speech; never names.
_FILLERS = {
    "i", "i'm", "i've", "i'd", "i'll", "ok", "okay", "yeah", "yes", "no", "so", "and", "but", "or", "the", "a",
    "an", "um", "uh", "oh", "well", "right", "like", "mhm", "hmm", "thank", "thanks", "hi", "hello", "bye",
}  # fmt: skip
# What a small NER model calls an organisation or product but is a concept here.
_GENERIC = {
    "ml", "ai", "api", "apis", "sdk", "ui", "ux", "etl", "elt", "cdo", "cio", "cto", "ceo", "cfo", "hr", "bi",
    "llm", "llms", "nlp", "cv", "rag", "mlops", "dataops", "devops", "llmops", "kpi", "kpis", "roi", "saas",
    "phd", "mvp", "poc", "qa", "sre", "gpu", "gpus", "cpu", "cpus", "iot", "b2b", "b2c", "faq", "covid",
    "data", "ops", "ml ops", "data ops", "machine learning", "data science", "data engineering", "podcast",
    "bachelor", "bachelors", "master", "masters", "msc", "bsc", "startups", "startup", "pdf", "csv",
}  # fmt: skip
NER_TYPES = {"ORG": "org", "PRODUCT": "tool", "PERSON": "person", "GPE": "place", "LOC": "place"}
# The NER model reads this many tokens either side of a name the gazetteer cannot explain,
# not whole turns: most of an hour's talk holds no name, and the model is the slow part.
NER_WINDOW = 5
_PARAGRAPH = ".\n\n"
# Only names rarer than this in English send their window to the model: a capitalised
# common word ("Bachelor", "Chemistry") is more often a heading than a name.
NER_RARE = 100


@dataclass(frozen=True)
class Mention:
    """One entity named in one segment."""

    segment: int  # the segment's ordinal in its episode
    entity: str  # canonical name
    type: str  # org | tool | person | place
    surface: str  # as the transcript has it
    how: str  # known | sounds_like | ner


@dataclass
class _Token:
    start: int
    end: int
    text: str
    sentence_start: bool
    key: str  # name_key of the token alone


_SENTENCE_END = set(".?!:\"-")
# What may stand between the words of one name: "Data Bricks", "scikit-learn", "Pub/Sub".
_NAME_GAP = re.compile(r"[ \t./-]{1,2}")


def _tokens(text: str) -> list[_Token]:
    out = []
    for m in TOKEN.finditer(text):
        k = m.start() - 1
        while k >= 0 and text[k].isspace():
            k -= 1
        word = m.group()
        key = word.lower() if word.isascii() and word.isalnum() else name_key(word)  # most words: the fast way
        out.append(_Token(m.start(), m.end(), word, k < 0 or text[k] in _SENTENCE_END, key))
    return out


def _capitalised(token: _Token) -> bool:
    return token.text[0].isupper() and token.text.lower() not in _FILLERS


class MentionFinder:
    """Finds mentions in episodes; holds the gazetteer and, once needed, the NER model."""

    def __init__(self, gazetteer: Gazetteer | None = None, *, ner: bool = True) -> None:
        self.gazetteer = gazetteer or load_gazetteer()
        self.use_ner = ner
        self._nlp: Any = None
        # Every beginning of a known name's key, so a scan can stop as soon as none can follow.
        self._prefixes = {key[:n] for key in self.gazetteer.by_key for n in range(1, len(key) + 1)}
        self._contextual = [k for k in self.gazetteer.by_name.values() if k.context]

    # -- pass 1: known names ----------------------------------------------------------

    def _known(self, text: str, tokens: list[_Token]) -> list[tuple[int, int, Alias, bool]]:
        """(first token, end token, alias, tentative): tentative when only a sentence start capitalised it.

        The longest known name starting at each token wins; its words may be split or
        joined differently than the gazetteer writes them ("Data Bricks", "pyspark").
        """
        found = []
        i, n = 0, len(tokens)
        while i < n:
            best = None
            key = ""
            for j in range(i, n):
                if j > i and not _NAME_GAP.fullmatch(text[tokens[j - 1].end : tokens[j].start]):
                    break
                key += tokens[j].key
                if key not in self._prefixes:
                    break
                if key in self.gazetteer.by_key:
                    hit = self._alias(text[tokens[i].start : tokens[j].end], tokens[i], j - i + 1, key)
                    if hit:
                        best = (i, j + 1, *hit)
            if best:
                found.append(best)
                i = best[1]
            else:
                i += 1
        return found

    def _alias(self, surface: str, first: _Token, length: int, key: str) -> tuple[Alias, bool] | None:
        for alias in self.gazetteer.by_key[key]:
            if not alias.cased:
                return alias, False
            # An ordinary word too ("Spark", "Feast"): only as written; at a sentence start the
            # capital proves nothing, so it counts only if the episode names it elsewhere too.
            exact = surface.replace("\u2019", "'").removesuffix("'s").replace(" ", "") == alias.text.replace(" ", "")
            if exact:
                return alias, length == 1 and first.sentence_start
        return None

    # -- pass 2: misheard known names -------------------------------------------------

    def _sounds_like(self, surface: str, supported: set[str], tail: str | None = None) -> Known | None:
        """The known entity ``surface`` is a mishearing of, if the evidence is strong enough.

        ``tail`` is a lower-case word the candidate took on ("face" in "Hagen face"); the
        name must have that word itself, since recognisers keep a name's ordinary words.
        """
        key = name_key(surface)
        one_word = " " not in surface
        if len(key) < 4 or (one_word and word_frequency(key) >= COMMON_WORD):
            return None
        sounds, owners = self.gazetteer.sounds()
        heard = sound_key(surface)
        best: tuple[float, Known] | None = None
        for _, sound_score, index in process.extract(heard, sounds, scorer=fuzz.ratio, score_cutoff=SOUND_MIN, limit=8):
            alias = owners[index]
            if tail and tail not in alias.text.lower().split():
                continue
            if sounds[index][:1] != heard[:1]:
                continue  # recognisers keep a word's onset: "Peter" is not "Jupyter"
            spelling = fuzz.ratio(key, name_key(alias.text))
            if alias.entity.name in supported:
                need = SPELLING_MIN_IN_CONTEXT
            else:
                need = SPELLING_MIN_ONE_WORD if one_word else SPELLING_MIN
            if spelling >= need and (best is None or spelling + sound_score > best[0]):
                best = (spelling + sound_score, alias.entity)
        return best[1] if best else None

    # -- the episode --------------------------------------------------------------------

    def find(self, episode: "Episode") -> list[Mention]:
        """Every mention in the episode's segments, in order."""
        people = _people(episode)
        segments = {s.ordinal: (s.text, _tokens(s.text)) for s in episode.segments}
        mentions: list[Mention] = []
        covered: dict[int, set[int]] = {ordinal: set() for ordinal in segments}  # tokens pass 1 explained
        named: set[str] = set()

        def known(ordinal: int, start: int, end: int, alias: Alias) -> None:
            text, tokens = segments[ordinal]
            surface = text[tokens[start].start : tokens[end - 1].end]
            mentions.append(Mention(ordinal, alias.entity.name, alias.entity.type, surface, "known"))
            named.add(alias.entity.name)
            covered[ordinal].update(range(start, end))

        tentative = []
        for ordinal, (text, tokens) in segments.items():
            for start, end, alias, unsure in self._known(text, tokens):
                if unsure:
                    tentative.append((ordinal, start, end, alias))
                else:
                    known(ordinal, start, end, alias)
        for ordinal, start, end, alias in tentative:
            if alias.entity.name in named:
                known(ordinal, start, end, alias)

        # What the episode is about makes a misheard name likelier: the known names it says
        # plainly elsewhere, and the words a known name keeps company with nearby.
        about = " ".join(str(episode.extra.get(k) or "") for k in ("description", "intro", "summary"))
        about = f"{episode.title or ''} {about}".lower()
        lowered = {ordinal: text.lower() for ordinal, (text, _) in segments.items()}
        windows: dict[tuple[int, int], str] = {}  # (segment, offset) -> words the NER model should read
        for ordinal, (text, tokens) in segments.items():
            nearby = " ".join(lowered.get(o, "") for o in (ordinal - 1, ordinal, ordinal + 1))
            supported = named | {k.name for k in self._in_context(nearby, about)}
            done = covered[ordinal]
            spans: list[tuple[int, int]] = []
            skip_to = 0
            for i, token in enumerate(tokens):
                if i < skip_to or i in done or not _capitalised(token) or _bare(token) in people:
                    continue
                run_end = i
                while run_end + 1 < len(tokens) and run_end + 1 not in done and _capitalised(tokens[run_end + 1]) \
                        and _bare(tokens[run_end + 1]) not in people and run_end + 1 - i < 3 \
                        and _adjacent(text, tokens[run_end], tokens[run_end + 1]):  # fmt: skip
                    run_end += 1
                if run_end == i and token.sentence_start:
                    continue
                candidates: list[tuple[str, int, str | None]] = []  # (surface, end token, a lower-case word it took on)
                after = run_end + 1
                # "Hagen face", "Jupiter notebook": a name's last word can come out in lower case.
                if after < len(tokens) and after not in done and tokens[after].text.isalpha() \
                        and tokens[after].text.islower() and tokens[after].text not in STOPWORDS \
                        and _adjacent(text, tokens[run_end], tokens[after]):  # fmt: skip
                    candidates.append((text[token.start : tokens[after].end], after + 1, tokens[after].text))
                candidates.append((text[token.start : tokens[run_end].end], run_end + 1, None))
                for surface, end, tail in candidates:
                    entity = self._sounds_like(surface, supported, tail)
                    if entity:
                        mentions.append(Mention(ordinal, entity.name, entity.type, surface, "sounds_like"))
                        skip_to = end
                        break
                else:
                    if any(_rare_name(t) for t in tokens[i : run_end + 1]):
                        spans.append((max(0, i - NER_WINDOW), min(len(tokens), run_end + 1 + NER_WINDOW)))
            for a, b in _merged(spans):
                windows[(ordinal, tokens[a].start)] = text[tokens[a].start : tokens[b - 1].end]
        if self.use_ner and windows:
            mentions.extend(self._ner(windows, people, mentions))
        mentions.sort(key=lambda m: m.segment)
        return _dedupe(mentions)

    def _in_context(self, nearby: str, about: str) -> list[Known]:
        """Known entities the episode's description names, or whose company words are nearby."""
        return [k for k in self._contextual if any(word in nearby for word in k.context) or k.name.lower() in about]

    # -- pass 3: the NER model -----------------------------------------------------------

    def _ner(self, windows: dict[tuple[int, int], str], people: set[str], seen: list[Mention]) -> list[Mention]:
        """Names the model finds in windows of text ((segment, offset) -> words) that the gazetteer left."""
        nlp = self.nlp()
        taken = {(m.segment, m.surface) for m in seen}
        out = []
        # One document for the whole episode, windows set apart as paragraphs: the model's
        # cost per document dwarfs its cost per word on windows this short.
        places = list(windows)
        starts, pieces, at = [], [], 0
        for place in places:
            starts.append(at)
            pieces.append(windows[place])
            at += len(windows[place]) + len(_PARAGRAPH)
        doc = nlp(_PARAGRAPH.join(pieces))
        for ent in doc.ents:
            if "\n" in ent.text:
                continue
            ordinal = places[bisect.bisect_right(starts, ent.start_char) - 1][0]
            kind = NER_TYPES.get(ent.label_)
            surface = re.sub(r"^(?:the|a|an)\s+", "", ent.text.strip(), flags=re.I).strip(" .,'’")
            if not kind or (ordinal, surface) in taken or not surface[:1].isupper():
                continue
            key = name_key(surface)
            if len(key) < 3 or surface.lower() in _GENERIC or key in _GENERIC:
                continue
            if kind == "person":
                parts = surface.split()
                known_person = any(part.lower() in people for part in parts)
                if not known_person and len(parts) < 2:
                    continue  # a lone first name is too often a misread word
                if not known_person and all(word_frequency(name_key(p)) >= COMMON_WORD for p in parts):
                    continue  # "Return Path", "Zoom Camps": words, not a name
                out.append(Mention(ordinal, surface, "person", surface, "ner"))
                continue
            if any(part.lower() in people for part in surface.split()):
                continue
            if key in self.gazetteer.by_key:
                continue  # a known name the first pass declined (a cased word at a sentence start)
            out.append(Mention(ordinal, surface, kind, surface, "ner"))
        return out

    def nlp(self) -> Any:
        if self._nlp is None:
            # Only the tokenizer and NER: the parser and tagger would triple the time. The small
            # model's NER embeds words itself; the shared tok2vec only feeds the tagger and parser
            # (the same entities without it on 15,321 corpus lines; NER time down about 40%).
            self._nlp = spacy_model.load(
                exclude=["parser", "lemmatizer", "tagger", "attribute_ruler", "senter", "tok2vec"]
            )
        return self._nlp


def _rare_name(token: _Token) -> bool:
    """A capitalised word rare in English, and not an acronym (IP, ETLs, CI/CD: concepts, mostly)."""
    word = _bare(token)
    if token.text.rstrip("s").isupper() and len(word) <= 5:
        return False
    return word.isalpha() and word_frequency(word) < NER_RARE


def _bare(token: _Token) -> str:
    """A token in lower case without a possessive ending."""
    return token.text.lower().replace("\u2019", "'").removesuffix("'s")


def _adjacent(text: str, left: _Token, right: _Token) -> bool:
    """Whether only spaces stand between two tokens (a name does not run across a comma)."""
    return not text[left.end : right.start].strip()


def _people(episode: "Episode") -> set[str]:
    """Every word of the names of the episode's speakers and guests, lower case."""
    names = [*episode.guests, *(s.speaker for s in episode.segments if s.speaker)]
    return {part.lower() for name in names for part in re.findall(r"[\w'-]+", name) if len(part) > 1}


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping token spans joined."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _dedupe(mentions: list[Mention]) -> list[Mention]:
    seen, out = set(), []
    for m in mentions:
        key = (m.segment, m.entity, m.surface)
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out
