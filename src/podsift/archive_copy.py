"""Copy a whole archive into another: a laptop's SQLite file into PostgreSQL when a team
outgrows it (or back, or into another file).

Everything goes across through the store interface, as it was saved: episodes with their
chapters, segments, repairs and mentions; every vector, so nothing is embedded again; the
settings (the model in use, calibrated abstention); the followed feeds and what each item
became, so the next sync asks only for what changed; and the tuned models. Moments are cut
again by the same cutter, which gives the very texts the vectors were made for. The
target's lexical index is built at the end.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from podsift.embed import ACTIVE_SETTING, BASE_SETTING, copy_models, models_dir
from podsift.ingest import MOMENTS_SETTING, index_words
from podsift.moments import VERSION as MOMENTS_VERSION
from podsift.moments import build_moments
from podsift.store import Store
from podsift.text import counted


class CopyRefused(Exception):
    """The copy would overwrite or mix with something; nothing was written."""


@dataclass
class CopySummary:
    episodes: int = 0
    moments: int = 0
    vectors: int = 0
    feeds: int = 0
    feed_items: int = 0
    models: list[str] = field(default_factory=list)  # tuned model folders copied

    def to_json(self) -> dict[str, object]:
        return vars(self).copy()


def copy_archive(source: Store, target: Store, on_episode: Callable[[int, int], None] | None = None) -> CopySummary:
    """Copy ``source`` whole into the empty archive ``target``; ``on_episode(done, total)`` hears progress."""
    if source.location == target.location:
        raise CopyRefused("the target is the archive itself")
    held = len(target.episode_ids())
    if held:
        raise CopyRefused(f"it already holds {counted(held, 'episode')}; copy into an empty archive")
    summary = CopySummary()
    listed = source.list_episodes()
    for done, row in enumerate(listed):
        if on_episode:
            on_episode(done, len(listed))
        episode = source.get_episode(row.id)
        if episode is None:  # removed while the copy ran
            continue
        moments = build_moments(episode)
        target.save_episode(episode, moments, source.episode_mentions(episode.id), new=True)
        summary.episodes += 1
        summary.moments += len(moments)
    if on_episode:
        on_episode(len(listed), len(listed))
    for model in source.vector_models():
        for batch in source.vectors(model):
            target.save_vectors(model, batch)
            summary.vectors += len(batch)
    for feed in source.feeds():
        target.add_feed(feed.url)
        if feed.synced_at:
            target.record_feed_sync(feed.url, title=feed.title, etag=feed.etag, last_modified=feed.last_modified,
                                    status=feed.status or "ok", image=feed.image)  # fmt: skip
        for item in source.feed_items(feed.url).values():
            target.save_feed_item(item)
            summary.feed_items += 1
        summary.feeds += 1
    summary.models = copy_models(models_dir(source), models_dir(target))
    for key, value in source.settings().items():
        if key in (ACTIVE_SETTING, BASE_SETTING):
            value = _moved_model(value, models_dir(source), models_dir(target))
        target.set_setting(key, value)
    target.set_setting(MOMENTS_SETTING, str(MOMENTS_VERSION))  # cut just now, by this cutter
    index_words(target)
    return summary


def _moved_model(value: str, source: Path, target: Path) -> str:
    """A model setting whose folder was in the source's models folder, pointed at its copy."""
    try:
        data = json.loads(value)
    except ValueError:
        return value
    if not isinstance(data, dict):
        return value
    for key in ("path", "reranker"):
        path = data.get(key)
        if isinstance(path, str) and Path(path).resolve().is_relative_to(source.resolve()):
            data[key] = str(target.resolve() / Path(path).resolve().relative_to(source.resolve()))
    return json.dumps(data)
