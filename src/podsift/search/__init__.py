"""Finding the moment something was said."""

from podsift.search.engine import MODES, Match, Mode, MomentHit, Searcher, SearchError, SearchResult, moment_url
from podsift.search.filters import SearchFilters
from podsift.search.query import ParsedQuery, parse_query

__all__ = [
    "MODES", "Match", "Mode", "MomentHit", "ParsedQuery", "SearchError", "SearchFilters", "SearchResult", "Searcher",
    "moment_url", "parse_query",
]  # fmt: skip
