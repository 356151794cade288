"""An LLM answerer over any OpenAI-compatible chat endpoint (Ollama, llama.cpp, vLLM, OpenAI).

The model sees the retrieved moments, numbered, and must cite them by number.
Its reply is then checked: a sentence that cites nothing, or cites a number it
was not given, is dropped and the drop is reported. The model never decides
what a citation points to; only retrieved moments can be cited.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from podsift.answer.result import DECLINED, Answer, AnswerSentence, Citation, cite, written_by
from podsift.answer.sentences import Sentence
from podsift.moments import SENTENCE_END
from podsift.text import counted, format_timestamp

if TYPE_CHECKING:
    from openai.types.chat import ChatCompletionMessageParam

    from podsift.config import LLMSettings
    from podsift.search.engine import MomentHit

# The model answers with this alone when the moments do not answer the question.
NOT_COVERED = "NOT_IN_ARCHIVE"
MAX_WORDS = 120

SYSTEM_PROMPT = f"""You answer questions about a podcast archive using only the numbered \
transcript moments you are given. Write at most {MAX_WORDS} words. End every sentence \
with the number of each moment it rests on, in square brackets, like [2] or [1][3]. \
Never cite a number you were not given and never state anything the moments do not say. \
If the moments do not answer the question, reply with exactly {NOT_COVERED}."""

# A citation: [2], or several numbers in one pair of brackets, [1, 5] or [1,5].
_CITATION = re.compile(r"\[\s*(\d+(?:\s*[-–]\s*\d+)?(?:\s*[,;]\s*\d+(?:\s*[-–]\s*\d+)?)*)\s*\]")
MAX_RANGE = 10  # "[1-8]" names eight moments; "[1-900]" is no range of the moments given
_LEADING_CITATIONS = re.compile(rf"^(?:{_CITATION.pattern}\s*)+")
# A list item's bullet or number, which starts a sentence of its own.
_BULLET = re.compile(r"^\s*(?:[-*•–]|\d{1,2}[.)])\s+")
# What a removed marker leaves behind: "(see )", "[]", a space before the full stop.
_EMPTY_ASIDE = re.compile(
    r"\s*\(\s*(?:(?:see|also|cf\.?|e\.g\.,?|sources?:?|moments?:?|and|,|;)\s*)*\)|\s*\[\s*\]", re.IGNORECASE
)
_SPACE_BEFORE_STOP = re.compile(r"\s+(?=[.,;:!?…)\]])")  # also "(in version 3.5 [1])"


class LLMFailed(RuntimeError):
    """The endpoint timed out, refused, or returned nothing usable; the message says which."""


def prompt(question: str, hits: list["MomentHit"]) -> str:
    lines = []
    for number, hit in enumerate(hits, 1):
        where = hit.episode_title or hit.episode_id
        when = format_timestamp(hit.start)
        speaker = f"{hit.speaker}: " if hit.speaker else ""
        lines.append(f"[{number}] ({where} @ {when}) {speaker}{hit.text}")
    return "Moments:\n" + "\n\n".join(lines) + f"\n\nQuestion: {question}"


def parse_reply(
    question: str,
    reply: str,
    hits: list["MomentHit"],
    sentences: dict[int, list[Sentence]],
    name: str,
    model: str | None = None,
) -> Answer:
    """Validate the model's citations and build the answer from the sentences that survive."""
    answered_by = written_by(model or name.removeprefix("llm:"))
    reply = reply.strip()
    if reply.startswith(NOT_COVERED):
        return Answer(question, [], [], abstained=True, answerer=name, answered_by=DECLINED,
                      notes=["the LLM found no answer in the retrieved moments"])  # fmt: skip
    citations: list[Citation] = []
    kept: list[AnswerSentence] = []
    dropped: list[str] = []
    for text, numbers in _cited_sentences(reply):
        if not numbers or any(not 1 <= n <= len(hits) for n in numbers):
            dropped.append(text)
            continue
        kept.append(AnswerSentence(_without_markers(text), None, _valid(numbers, hits, citations, sentences)))
    notes = []
    if dropped:
        notes.append(f"dropped {counted(len(dropped), 'sentence')} with no valid citation: " + " | ".join(dropped))
    if not kept:
        raise LLMFailed("the reply had no sentence with a valid citation")
    return Answer(question, kept, citations, abstained=False, answerer=name, notes=notes, answered_by=answered_by)


def _cited_sentences(reply: str) -> list[tuple[str, list[int]]]:
    """The reply's sentences, each with the numbers it cites, in the model's order.

    Models mostly cite after the full stop ("... a year. [3] Next ..."), so markers that
    open a piece belong to the sentence before it. Each list item is a sentence of its own.
    """
    out: list[tuple[str, list[int]]] = []
    for line, bulleted in _lines(reply):
        for n, raw in enumerate(SENTENCE_END.split(line)):
            text = raw.strip()
            leading = _LEADING_CITATIONS.match(text)
            # "- [1] Kafka is a log.": a marker opening a list item is the item's own.
            if leading and out and not (bulleted and n == 0):
                out[-1][1].extend(_numbers(leading.group()))
                text = text[leading.end() :].strip()
            if text:
                out.append((text, _numbers(text)))
    return out


def _lines(reply: str) -> list[tuple[str, bool]]:
    """The reply as runs of text, each with whether it is a list item: a bullet, a blank line or
    a line ending a sentence starts a new one."""
    runs: list[tuple[str, bool]] = []
    for line in reply.splitlines():
        bullet = _BULLET.match(line)
        text = line[bullet.end() :].strip() if bullet else line.strip()
        if not text:
            runs.append(("", False))
        elif runs and runs[-1][0] and not bullet and not re.search(r"[.!?…:\]]$", runs[-1][0]):
            runs[-1] = (runs[-1][0] + " " + text, runs[-1][1])  # a line wrapped mid-sentence
        else:
            runs.append((text, bool(bullet)))
    return [run for run in runs if run[0]]


def _numbers(text: str) -> list[int]:
    """The moments cited: "[1, 5]" is 1 and 5, "[2-4]" 2, 3 and 4 (a range of at most MAX_RANGE)."""
    out: list[int] = []
    for group in _CITATION.findall(text):
        for part in re.split(r"[,;]", group):
            first, _, last = part.replace("–", "-").partition("-")
            low, high = int(first), int(last) if last.strip() else int(first)
            out += range(low, high + 1) if 0 <= high - low < MAX_RANGE else [low, high]
    return out


def _without_markers(text: str) -> str:
    bare = _EMPTY_ASIDE.sub("", _CITATION.sub("", text))
    bare = _SPACE_BEFORE_STOP.sub("", " ".join(bare.split()))
    return bare + "." if bare[-1:].isalnum() else bare  # a list item reads as a sentence


def _valid(
    numbers: list[int], hits: list["MomentHit"], citations: list[Citation], sentences: dict[int, list[Sentence]]
) -> list[int]:
    indexes = []
    for number in dict.fromkeys(numbers):
        if not 1 <= number <= len(hits):
            continue
        hit = hits[number - 1]
        first = next(iter(sentences.get(hit.moment_id, [])), None)
        citation = cite(hit, first.speaker if first else hit.speaker, hit.start)
        if citation not in citations:
            citations.append(citation)
        indexes.append(citations.index(citation))
    return indexes


class LLMAnswerer:
    def __init__(self, settings: "LLMSettings") -> None:
        self.settings = settings
        self.name = f"llm:{settings.model}"

    def answer(
        self,
        question: str,
        hits: list["MomentHit"],
        sentences: dict[int, list[Sentence]],
        on_token: Callable[[str], None] | None = None,
    ) -> Answer:
        try:
            import openai
        except ImportError:
            raise LLMFailed("the openai package is not installed") from None
        client = openai.OpenAI(
            base_url=self.settings.base_url,
            api_key=self.settings.api_key,
            timeout=self.settings.timeout,
            max_retries=0,  # a fallback answer now beats a retried one later
        )
        messages: list[ChatCompletionMessageParam] = [
            {"role": "system", "content": SYSTEM_PROMPT},
            {"role": "user", "content": prompt(question, hits)},
        ]
        # The timeout bounds each wait (to connect, for the first word, between words) and the
        # whole reply: one still coming after it is cut off at its next word, so a slow model
        # holds `ask` for at most twice the timeout.
        deadline = time.monotonic() + self.settings.timeout
        try:
            stream = client.chat.completions.create(
                model=self.settings.model, messages=messages, stream=True, temperature=0
            )
            kind = stream.response.headers.get("content-type", "")
            if not kind.startswith("text/event-stream"):  # a proxy that ignores `stream`, or an error page
                reply = self._unstreamed(kind, self._body(stream.response))
                if on_token:
                    on_token(reply)
                return parse_reply(question, reply, hits, sentences, self.name, self.settings.model)
            parts: list[str] = []
            for chunk in stream:
                if time.monotonic() > deadline:
                    stream.close()
                    raise LLMFailed(
                        f"{self.settings.base_url} did not finish its reply within {self.settings.timeout:g} s"
                    )
                delta = chunk.choices[0].delta.content if chunk.choices else None
                if delta:
                    parts.append(delta)
                    if on_token:
                        on_token(delta)
        except openai.APITimeoutError:
            raise self._no_reply() from None
        except openai.OpenAIError as err:
            raise LLMFailed(f"{self.settings.base_url}: {_brief(err)}") from None
        except (ValueError, LookupError, TypeError, AttributeError) as err:  # an event the client cannot read
            raise LLMFailed(
                f"{self.settings.base_url} sent an event that is not part of a reply ({_brief(err)})"
            ) from None
        reply = "".join(parts)
        if not reply.strip():
            raise LLMFailed("the model returned an empty reply")
        return parse_reply(question, reply, hits, sentences, self.name, self.settings.model)

    def _no_reply(self) -> LLMFailed:
        return LLMFailed(f"no reply from {self.settings.base_url} within {self.settings.timeout:g} s")

    def _body(self, response: Any) -> bytes:
        try:
            return bytes(response.read())
        except Exception as err:  # the HTTP library's own errors, which the client wraps only while streaming
            if "timeout" in type(err).__name__.lower():
                raise self._no_reply() from None
            raise LLMFailed(f"{self.settings.base_url}: {_brief(err)}") from None

    def _unstreamed(self, kind: str, body: bytes) -> str:
        """The message of a plain ``chat.completion`` body (or of events sent with the wrong
        content type); else an error saying what came back."""
        text = body.decode("utf-8", errors="replace")
        try:
            if text.lstrip().startswith("data:"):
                events = [line[5:].strip() for line in text.splitlines() if line.startswith("data:")]
                chunks = [json.loads(event) for event in events if event != "[DONE]"]
                content = "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks if c["choices"])
            else:
                content = json.loads(text)["choices"][0]["message"]["content"]
        except (ValueError, LookupError, TypeError, AttributeError):
            content = None
        if isinstance(content, str) and content.strip():
            return content
        start = " ".join(text.split())[:80]
        raise LLMFailed(
            f"{self.settings.base_url} sent {kind or 'a body with no content type'}, not a reply: {start!r}"
        )


def _brief(err: Exception) -> str:
    return " ".join(str(err).split())[:200] or type(err).__name__
