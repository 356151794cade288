"""Podcast feeds: read them (parse), download over HTTP (fetch), turn items into episodes (sync)."""
