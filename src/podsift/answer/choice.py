"""Which answerer writes answers: quotes from the archive, or a configured LLM."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from podsift.config import ConfigError, llm_settings

if TYPE_CHECKING:
    from podsift.answer.llm import LLMAnswerer

Answerer = Literal["auto", "extractive", "llm"]
ANSWERERS: tuple[Answerer, ...] = ("auto", "extractive", "llm")


class AnswererError(ValueError):
    """The answerer asked for cannot be used; the message says why and what to set."""


def llm_answerer(answerer: str = "auto") -> "LLMAnswerer | None":
    """The LLM to write answers, or None to quote the archive.

    ``auto`` uses an LLM when one is configured; ``llm`` insists on one; ``extractive`` never uses one.
    """
    if answerer not in ANSWERERS:
        raise AnswererError(f"unknown answerer {answerer!r}; choose {', '.join(ANSWERERS)}")
    if answerer == "extractive":
        return None
    try:
        configured = llm_settings()
    except ConfigError as err:
        raise AnswererError(str(err)) from None
    if configured is None:
        if answerer == "llm":
            raise AnswererError(
                "no LLM is configured; set PODSIFT_LLM_BASE_URL and PODSIFT_LLM_MODEL (or [llm] in the config file)"
            )
        return None
    from podsift.answer.llm import LLMAnswerer

    return LLMAnswerer(configured)
