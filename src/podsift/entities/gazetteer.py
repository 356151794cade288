"""The names podsift knows: a curated list of data and ML tools and organisations, plus the user's own.

The list ships as ``gazetteer.yaml`` beside this module. Users add aliases or whole
entities in ``~/.config/podsift/entities.yaml`` (or the file ``PODSIFT_ENTITIES`` names),
in the same format; an entry whose name is already known adds its aliases to it.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from podsift.entities.sounds import sound_key

TYPES = ("org", "tool", "person", "place")
# The store setting that records which known names an archive's mentions were found with.
FINGERPRINT_SETTING = "entities_fingerprint"
_NOT_KEY = re.compile(r"[^0-9a-z+#]")


class GazetteerError(ValueError):
    """A gazetteer or alias file that cannot be used; the message names the file and entry."""


def name_key(text: str) -> str:
    """What two spellings of a name share: lower case, no spaces or punctuation, no possessive."""
    text = text.replace("\u2019", "'")
    if text.endswith("'s") or text.endswith("'S"):
        text = text[:-2]
    return _NOT_KEY.sub("", text.lower())


@dataclass(frozen=True)
class Known:
    """One known entity: its canonical name, type, and words that tend to surround it."""

    name: str
    type: str
    context: tuple[str, ...] = ()


@dataclass(frozen=True)
class Alias:
    entity: Known
    text: str
    cased: bool  # an ordinary word too: counts only written exactly so


class Gazetteer:
    def __init__(self, entries: list[dict[str, Any]], source: str = "gazetteer") -> None:
        self.by_name: dict[str, Known] = {}
        self.by_key: dict[str, list[Alias]] = {}
        self.add(entries, source)

    def add(self, entries: list[dict[str, Any]], source: str) -> None:
        if not isinstance(entries, list):
            raise GazetteerError(f"{source}: expected a list of entries (name, type, aliases)")
        for n, entry in enumerate(entries, 1):
            where = f"{source}: entry {n}"
            if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
                raise GazetteerError(f"{where}: every entry needs a name")
            name = entry["name"].strip()
            aliases = entry.get("aliases") or []
            cased = set(entry.get("cased") or [])
            if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
                raise GazetteerError(f"{where} ({name}): aliases must be a list of strings")
            known = self.by_name.get(name_key(name))
            if known is None:
                kind = entry.get("type")
                if kind not in TYPES:
                    raise GazetteerError(f"{where} ({name}): type must be one of {', '.join(TYPES)}, not {kind!r}")
                known = Known(name, kind, tuple(str(c).lower() for c in entry.get("context") or []))
                self.by_name[name_key(name)] = known
                aliases = [name, *aliases]
            for text in aliases:
                key = name_key(text)
                if not key:
                    continue
                owners = self.by_key.setdefault(key, [])
                if all(a.entity != known or a.text != text for a in owners):
                    owners.append(Alias(known, text, text in cased))
        self._sounds: tuple[list[str], list[Alias]] | None = None
        # Every alias with its entity (name, type, context): what matching depends on.
        self.fingerprint = hashlib.sha1(repr(sorted(self.by_key.items())).encode()).hexdigest()[:16]

    def sounds(self) -> tuple[list[str], list[Alias]]:
        """Every uncased alias of four letters or more, by sound (for repairing misheard names)."""
        if self._sounds is None:
            keys, owners = [], []
            for aliases in self.by_key.values():
                for alias in aliases:
                    if not alias.cased and len(name_key(alias.text)) >= 4:
                        keys.append(sound_key(alias.text))
                        owners.append(alias)
            self._sounds = (keys, owners)
        return self._sounds


def user_aliases_path() -> Path:
    named = os.environ.get("PODSIFT_ENTITIES")
    if named:
        return Path(named).expanduser()
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "podsift" / "entities.yaml"


_loaded: dict[str, Gazetteer] = {}


def load_gazetteer() -> Gazetteer:
    """The shipped gazetteer plus the user's file (if any); loaded once per process and file."""
    path = user_aliases_path()
    stamp = f"{path}:{path.stat().st_mtime_ns if path.is_file() else 0}"
    if stamp not in _loaded:
        shipped = resources.files("podsift.entities").joinpath("gazetteer.yaml").read_text(encoding="utf-8")
        gazetteer = Gazetteer(yaml.load(shipped, Loader=yaml.CSafeLoader), "gazetteer.yaml")
        if path.is_file():
            try:
                extra = yaml.safe_load(path.read_text(encoding="utf-8")) or []
            except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
                reason = str(err).splitlines()[0]
                raise GazetteerError(f"{path}: not readable YAML ({reason})") from None
            gazetteer.add(extra, str(path))
        _loaded.clear()
        _loaded[stamp] = gazetteer
    return _loaded[stamp]
