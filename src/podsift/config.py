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


def _file_settings(path: Path) -> dict[str, object]:
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise ConfigError(f"{path}: cannot read the config file ({err})") from None
    section = data.get("llm", {})
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: [llm] must be a table")
    return section


def llm_settings() -> LLMSettings | None:
    """The configured OpenAI-compatible endpoint, or None when there is none."""
    path = config_path()
    file = _file_settings(path)
    base_url = os.environ.get("PODSIFT_LLM_BASE_URL") or file.get("base_url")
    model = os.environ.get("PODSIFT_LLM_MODEL") or file.get("model")
    if not base_url and not model:
        return None
    if not base_url or not model:
        missing = "base_url (PODSIFT_LLM_BASE_URL)" if not base_url else "model (PODSIFT_LLM_MODEL)"
        raise ConfigError(f"LLM answerer is half configured: {missing} is not set")
    api_key = os.environ.get("PODSIFT_LLM_API_KEY") or file.get("api_key") or "not-needed"
    timeout = os.environ.get("PODSIFT_LLM_TIMEOUT") or file.get("timeout") or 30.0
    try:
        timeout = float(timeout)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ConfigError(f"LLM timeout must be a number of seconds, not {timeout!r}") from None
    return LLMSettings(str(base_url), str(model), str(api_key), timeout)


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
