"""An LLM answerer over any OpenAI-compatible chat endpoint (Ollama, llama.cpp, vLLM, OpenAI).

The model sees the retrieved moments, numbered, and must cite them by number.
Its reply is then checked: a sentence that cites nothing, or cites a number it
was not given, is dropped and the drop is reported. The model never decides
what a citation points to; only retrieved moments can be cited.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from podsift.answer.result import Answer, AnswerSentence, Citation, cite, written_by
from podsift.answer.sentences import Sentence
from podsift.moments import SENTENCE_END
from podsift.text import format_timestamp

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

_CITATION = re.compile(r"\[(\d+)\]")


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
        return Answer(question, [], [], abstained=True, answerer=name, answered_by=answered_by,
                      notes=["the LLM found no answer in the retrieved moments"])  # fmt: skip
    citations: list[Citation] = []
    kept: list[AnswerSentence] = []
    dropped: list[str] = []
    for raw in SENTENCE_END.split(reply):
        text = raw.strip()
        if not text:
            continue
        numbers = [int(n) for n in _CITATION.findall(text)]
        bare = " ".join(_CITATION.sub("", text).split())
        # Markers often sit after the full stop ("... works. [2]"): they belong to the sentence before.
        if not bare and numbers and kept:
            kept[-1].citations.extend(i for i in _valid(numbers, hits, citations, sentences) if i not in kept[-1].citations)
            continue
        if not numbers or any(not 1 <= n <= len(hits) for n in numbers):
            dropped.append(text)
            continue
        indexes = _valid(numbers, hits, citations, sentences)
        kept.append(AnswerSentence(bare.replace(" .", "."), None, indexes))
    notes = []
    if dropped:
        notes.append(f"dropped {len(dropped)} sentence(s) with no valid citation: " + " | ".join(dropped))
    if not kept:
        raise LLMFailed("the reply had no sentence with a valid citation")
    return Answer(question, kept, citations, abstained=False, answerer=name, notes=notes, answered_by=answered_by)


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
        try:
            stream = client.chat.completions.create(
                model=self.settings.model, messages=messages, stream=True, temperature=0
            )
            parts: list[str] = []
            for chunk in stream:
                delta = chunk.choices[0].delta.content if chunk.choices else None
                if delta:
                    parts.append(delta)
                    if on_token:
                        on_token(delta)
        except openai.APITimeoutError:
            raise LLMFailed(f"no reply from {self.settings.base_url} within {self.settings.timeout:g} s") from None
        except openai.OpenAIError as err:
            raise LLMFailed(f"{self.settings.base_url}: {_brief(err)}") from None
        reply = "".join(parts)
        if not reply.strip():
            raise LLMFailed("the model returned an empty reply")
        return parse_reply(question, reply, hits, sentences, self.name, self.settings.model)


def _brief(err: Exception) -> str:
    return " ".join(str(err).split())[:200] or type(err).__name__
