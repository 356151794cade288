"""Finding the moment something was said."""

from podsift.search.engine import MODES, MomentHit, Mode, Searcher, SearchError, moment_url
from podsift.search.filters import SearchFilters
from podsift.search.query import ParsedQuery, parse_query

__all__ = [
    "MODES", "Mode", "MomentHit", "ParsedQuery", "SearchError", "SearchFilters", "Searcher",
    "moment_url", "parse_query",
]  # fmt: skip
