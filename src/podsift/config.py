"""Settings from the environment, then the config file.

The file is TOML, at ``$PODSIFT_CONFIG`` or ``~/.config/podsift/config.toml``::

    [llm]
    base_url = "http://127.0.0.1:11434/v1"   # Ollama, llama.cpp server, vLLM, OpenAI...
    model = "llama3.2"
    api_key = "..."                          # optional for local servers
    timeout = 30
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit


class ConfigError(ValueError):
    """A config file that cannot be used; the message names the file and the field."""


@dataclass(frozen=True)
class LLMSettings:
    base_url: str
    model: str
    api_key: str = "not-needed"  # local servers ignore it, the client insists on one
    timeout: float = 30.0


def config_path() -> Path:
    return Path(os.environ.get("PODSIFT_CONFIG") or Path.home() / ".config" / "podsift" / "config.toml")


LLM_KEYS = ("base_url", "model", "api_key", "timeout")


def _file_settings(path: Path) -> dict[str, object]:
    if not path.is_file():
        # A typo'd path, or a folder, would leave the LLM unset, unsaid (/dev/null stays a way to name none).
        if os.environ.get("PODSIFT_CONFIG") and (not path.exists() or path.is_dir()):
            raise ConfigError(f"PODSIFT_CONFIG: no config file at {path}{' (it is a folder)' * path.is_dir()}")
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise ConfigError(f"{path}: cannot read the config file ({err})") from None
    if unknown_top := sorted(set(data) - {"llm"}):  # "[lm]", or the keys above any [llm], left the LLM unset
        first = unknown_top[0]
        if first in LLM_KEYS and not isinstance(data[first], dict):  # "no key 'base_url'" would deny it is one
            raise ConfigError(f"{path}: {first!r} is above the [llm] header; write it under [llm]")
        what = "section" if isinstance(data[first], dict) else "key"
        raise ConfigError(f"{path}: no {what} {first!r}; it takes [llm] with {', '.join(LLM_KEYS)}")
    section = data.get("llm", {})
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: [llm] must be a table")
    if unknown := sorted(set(section) - set(LLM_KEYS)):  # "timout = 5" would be ignored, the default used
        raise ConfigError(f"{path}: [llm] has no key {unknown[0]!r}; it takes {', '.join(LLM_KEYS)}")
    return section


def llm_settings() -> LLMSettings | None:
    """The configured OpenAI-compatible endpoint, or None when there is none."""
    path = config_path()
    file = _file_settings(path)
    base_url, base_url_from = _setting("base_url", file, path)
    model, model_from = _setting("model", file, path)
    timeout, timeout_from = _setting("timeout", file, path, (str, int, float))
    seconds = 30.0 if timeout is None else _seconds(timeout, timeout_from)  # checked now, not once an LLM is set up
    if not base_url and not model:
        return None
    if not base_url or not model:
        given, missing = ("model", "base_url") if model else ("base_url", "model")
        raise ConfigError(
            f"LLM answerer is half configured: {given} is set ({model_from or base_url_from}) but {missing} is not; "
            f"set {ENV_PREFIX}{missing.upper()} or {missing} under [llm] in {path}"
        )
    if urlsplit(base_url).scheme not in ("http", "https") or not urlsplit(base_url).netloc:
        # "ftp://x" or "localhost:11434/v1" was taken, then every answer fell back with "Connection error."
        raise ConfigError(f"{base_url_from}: must be an http:// or https:// address, not {base_url[:80]!r}")
    api_key = _setting("api_key", file, path)[0] or "not-needed"
    return LLMSettings(base_url, model, api_key, seconds)


ENV_PREFIX = "PODSIFT_LLM_"


def _setting(key: str, file: dict[str, object], path: Path, kind: tuple[type, ...] = (str,)) -> tuple[Any, str | None]:
    """A setting from the environment, else from the config file, with where it came from (None when unset)."""
    name = ENV_PREFIX + key.upper()
    if os.environ.get(name):
        return os.environ[name], name
    value = file.get(key)
    source = f"{path}: [llm] {key}"
    if value is None:
        return None, None
    if isinstance(value, bool) or not isinstance(value, kind):
        raise ConfigError(f"{source}: must be {'a string' if kind == (str,) else 'a number'}, not {value!r}")
    return value, source


# Longer than anyone waits for an answer, and well inside what the HTTP client's clock can add.
MAX_TIMEOUT = 86400.0


def _seconds(value: str | int | float, source: str | None) -> float:
    """A positive number of seconds: 0, NaN, inf or a huge value breaks or disables the HTTP client's timeout."""
    try:
        seconds = float(value)
    except ValueError:
        seconds = float("nan")
    if not 0 < seconds <= MAX_TIMEOUT:  # also false for NaN
        raise ConfigError(
            f"{source}: must be a positive number of seconds (at most {MAX_TIMEOUT:g}), not {str(value)!r}"
        )
    return seconds


# An upload token shorter than this is refused: it would be guessed.
MIN_TOKEN_LENGTH = 16


def ingest_token(value: str | None = None) -> str | None:
    """The upload token (``PODSIFT_INGEST_TOKEN`` unless given), checked; None when unset."""
    token = (os.environ.get("PODSIFT_INGEST_TOKEN") if value is None else value) or None
    if token is not None and len(token.strip()) < MIN_TOKEN_LENGTH:
        raise ConfigError(
            f"PODSIFT_INGEST_TOKEN is too short ({len(token.strip())} characters): "
            f"use at least {MIN_TOKEN_LENGTH}, e.g. `python -c 'import secrets; print(secrets.token_urlsafe())'`"
        )
    return token.strip() if token else None


def token_authorizes(authorization: str, token: str | None) -> bool:
    """Whether an ``Authorization`` header carries the token, as ``Bearer <token>`` (any case)."""
    import secrets

    scheme, _, supplied = authorization.strip().partition(" ")
    if token is None or scheme.lower() != "bearer":
        return False
    return secrets.compare_digest(supplied.strip().encode(), token.encode())
