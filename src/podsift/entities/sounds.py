"""How a name sounds, coarsely: the key that survives speech recognition's mistakes.

Recognisers keep a word's consonant skeleton and blur what is near in the mouth:
m/n, t/d, p/b, k/g, s/z. "Ontina" and "Omdena" share a key, and "Hagen face" is one
sound away from "Hugging Face". Vowels are dropped except a leading one.
"""

from __future__ import annotations

import re

_DIGRAPHS = [("ph", "f"), ("ck", "k"), ("sch", "s"), ("sh", "x"), ("ch", "x"), ("th", "t"), ("qu", "kw")]
_SOFT_C = re.compile(r"c(?=[eiy])")
_CLASSES = str.maketrans({
    "b": "P", "p": "P", "d": "T", "t": "T", "g": "K", "k": "K", "c": "K", "q": "K",
    "f": "F", "v": "F", "s": "S", "z": "S", "x": "S", "m": "N", "n": "N", "l": "L", "r": "R", "j": "J",
})  # fmt: skip
_VOWELS = set("aeiouy")


def sound_key(text: str) -> str:
    """A coarse phonetic key of ``text`` (letters only; spaces and case ignored)."""
    word = "".join(ch for ch in text.lower() if "a" <= ch <= "z")
    if not word:
        return ""
    for pair, single in _DIGRAPHS:
        word = word.replace(pair, single)
    word = _SOFT_C.sub("s", word)  # a hard g before e is as common as a soft one
    word = word.replace("h", "").replace("w", "")
    key = ["A"] if word and word[0] in _VOWELS else []
    for ch in word:
        if ch in _VOWELS:
            continue
        mapped = ch.translate(_CLASSES)
        if mapped.isupper() and (not key or key[-1] != mapped):
            key.append(mapped)
    return "".join(key)
