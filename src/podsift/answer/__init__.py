"""Answers grounded in cited moments, or an honest "not in this archive"."""

from podsift.answer.asker import Asker
from podsift.answer.result import Answer, AnswerSentence, Citation

__all__ = ["Answer", "AnswerSentence", "Asker", "Citation"]
