"""The JSON API: the same answers as the command line's ``--json``."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response

from podsift.config import token_authorizes
from podsift.entities.catalog import entity_json
from podsift.formats import EXPORT_FORMATS, render
from podsift.people import Person, people
from podsift.search.filters import SearchFilters
from podsift.web.archive import MAX_BODY, MAX_QUERY, ApiError, Archive, links
from podsift.web.jobs import status_url

Mode = Literal["lexical", "semantic", "hybrid"]
EntityType = Literal["org", "tool", "person", "place"]
TYPE_QUERY = Query(None, alias="type", description="Only org, tool, person or place.")
EXPORT_TYPES = {"vtt": "text/vtt", "srt": "application/x-subrip", "json": "application/json",
                "md": "text/markdown"}  # fmt: skip

router = APIRouter(prefix="/api", tags=["api"])
# What a download's plain ``filename`` keeps: quotes, slashes and controls would break it.
UNSAFE_IN_FILENAME = re.compile(r"[^\w.\- ]")
# A feed request is one URL; anything much longer is not one.
MAX_FEED_REQUEST = 4096
# A list that grows with the archive comes a page at a time: "LinkedIn" in every episode was 350 kB.
LIMIT_QUERY = Query(20, ge=1, le=100, description="How many of the list to give (1-100).")
OFFSET_QUERY = Query(0, ge=0, le=10_000_000, description="How many of the list to skip; `next` gives the page after.")
# The whole archive's lists stay whole arrays (clients read them so) unless a slice is asked for.
SLICE_LIMIT_QUERY = Query(None, ge=1, le=1000, description="How many of the list to give (1-1000); without it, all.")
SLICE_OFFSET_QUERY = Query(None, ge=0, le=10_000_000, description="How many of the list to skip; `Link` gives the next slice.")


def archive_of(request: Request) -> Archive:
    return request.app.state.archive


ArchiveDep = Depends(archive_of)


def query_filters(
    episode: str | None = None,
    speaker: str | None = None,
    guest: str | None = None,
    season: int | None = None,
    date_from: str | None = Query(None, alias="from"),
    date_to: str | None = Query(None, alias="to"),
    entity: str | None = Query(None, description="Only moments that mention it (any spelling)."),
    show: str | None = Query(None, max_length=1000, description="Only episodes of this show (any case)."),
) -> SearchFilters:
    """The filters /api/search and /api/ask share, from the query string."""
    filters = SearchFilters(episode=episode, speaker=speaker, guest=guest, season=season,
                            date_from=date_from, date_to=date_to, entity=entity, show=show or None)  # fmt: skip
    if problem := filters.problem():
        raise ApiError(422, problem)
    return filters


@router.get("/search", summary="Moments matching a query (as `search --json`)")
def api_search(
    q: str = Query(..., max_length=MAX_QUERY, description='What to look for; "phrase" and -word work.'),
    mode: Mode | None = None,
    limit: int = Query(10, ge=1, le=100),
    chosen: SearchFilters = Depends(query_filters),
    archive: Archive = ArchiveDep,
) -> dict[str, Any]:
    return archive.search(q, mode, limit, chosen)


@router.get("/ask", summary="An answer with cited moments (as `ask --json`)")
def api_ask(
    q: str = Query(..., max_length=MAX_QUERY, description="The question; a blank one is a 400, as in search."),
    chosen: SearchFilters = Depends(query_filters),
    archive: Archive = ArchiveDep,
) -> dict[str, Any]:
    return archive.ask(q, chosen)


class Cut:
    """How a whole-archive list is given: whole without ``limit`` and ``offset``; else that slice (an
    ``offset`` alone: the rest), with how many there are in all in ``X-Total-Count`` and the next
    slice's address (path and query) in ``Link`` (none on the last), the answer staying an array as clients read it."""

    def __init__(self, request: Request, response: Response, limit: int | None, offset: int | None) -> None:
        self.request, self.response, self.limit, self.offset = request, response, limit, offset

    def __call__(self, items: list[Any], shown: Callable[[Any], Any] | None = None) -> list[Any]:
        """The slice of a list read whole, each of its items as ``shown`` gives it (only those sent are worked on)."""

        def rows(limit: int | None, start: int) -> list[Any]:
            cut = items[start:] if limit is None else items[start : start + limit]
            return cut if shown is None else [shown(item) for item in cut]

        return self.page(lambda: len(items), rows)

    def page(self, total: Callable[[], int], rows: Callable[[int | None, int], list[Any]]) -> list[Any]:
        """The slice read alone: ``rows(limit, offset)`` (limit None: every row), ``total()`` counting them all."""
        if self.limit is None and self.offset is None:
            return rows(None, 0)
        start, count = self.offset or 0, total()
        self.response.headers["X-Total-Count"] = str(count)
        if self.limit is not None and start + self.limit < count:
            # A reference the client resolves against the address it used (RFC 8288): behind a proxy
            # the scheme and host this server sees are not the ones the client reached.
            self.response.headers["Link"] = f'<{next_page(self.request, self.limit, start + self.limit)}>; rel="next"'
        return rows(self.limit, start)


def whole_or_slice(
    request: Request, response: Response, limit: int | None = SLICE_LIMIT_QUERY, offset: int | None = SLICE_OFFSET_QUERY
) -> Cut:
    return Cut(request, response, limit, offset)


CutDep = Depends(whole_or_slice)


@router.get("/episodes", summary="Every episode (`limit` and `offset` give a slice)")
def api_episodes(cut: Cut = CutDep, archive: Archive = ArchiveDep) -> list[dict[str, Any]]:
    with archive.session() as s:  # a page read alone: the whole list of a large archive is slow
        return cut.page(s.store.count_episodes, lambda limit, start: [asdict(r) for r in s.store.list_episodes(limit, start)])


@router.get("/episodes/{episode_id}", summary="One episode: timeline, chapters, speakers, links, key points")
def api_episode(episode_id: str, archive: Archive = ArchiveDep) -> dict[str, Any]:
    episode = archive.episode(episode_id)
    # Where the server read the file is its own business (its folders, an upload's temporary one).
    shown = {k: v for k, v in episode.to_json().items() if k != "source_path"}
    return shown | {"guest_names": archive.guest_names(episode), "links": links(episode),
                    "summary": archive.summary(episode).to_json()}  # fmt: skip


@router.delete("/episodes/{episode_id}", summary="Remove an episode, as `podsift remove` does (needs --allow-ingest and the token)")
async def api_remove(episode_id: str, request: Request, archive: Archive = ArchiveDep) -> dict[str, Any]:
    _may_write(request, archive)
    return await archive.remove(episode_id)


@router.get("/episodes/{episode_id}/export.{fmt}", summary="The episode as VTT, SRT, JSON or Markdown")
def api_export(episode_id: str, fmt: str, archive: Archive = ArchiveDep) -> Response:
    if fmt not in EXPORT_FORMATS:
        raise ApiError(404, f"no export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    episode = archive.episode(episode_id)
    if fmt == "md":  # a page to read: names, not the slugs a source gives
        episode.guests = archive.guest_names(episode)
    return Response(render(episode, fmt), media_type=f"{EXPORT_TYPES[fmt]}; charset=utf-8",
                    headers={"Content-Disposition": attachment(episode.id, fmt)})  # fmt: skip


def attachment(stem: str, suffix: str) -> str:
    """A download's Content-Disposition for any name (RFC 6266): the UTF-8 name percent-encoded,
    and an ASCII one for clients that read only ``filename`` (a header carries Latin-1 at most)."""
    name = f"{stem}.{suffix}"
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()  # "Bäume" as "Baume"
    plain = (UNSAFE_IN_FILENAME.sub("", ascii_stem).strip(" .") or "episode") + f".{suffix}"
    if plain == name:
        return f'attachment; filename="{plain}"'
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(name, safe='')}"


@router.post("/ingest", summary="Upload one transcript file (needs --allow-ingest and the token)")
async def api_ingest(
    request: Request, filename: str = Query(..., max_length=255), archive: Archive = ArchiveDep
) -> dict[str, Any]:
    _may_write(request, archive)
    name = Path(filename.replace("\\", "/")).name  # never a path: "../../x" becomes "x"
    # A file system takes at most 255 bytes and no NUL; control characters help no one.
    if not name or name.startswith(".") or len(name.encode()) > 255 or not name.isprintable():
        raise ApiError(400, f"unusable file name {filename[:80]!r}")
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > MAX_BODY:
            raise ApiError(413, f"upload over the limit of {MAX_BODY // (1024 * 1024)} MB")
    if not body:
        raise ApiError(400, "the upload is empty")
    return await archive.ingest(name, bytes(body))


def _may_write(request: Request, archive: Archive) -> None:
    may_write(archive, request.headers.get("authorization", ""), "send 'Authorization: Bearer <PODSIFT_INGEST_TOKEN>'")


def may_write(archive: Archive, authorization: str, how: str) -> None:
    """Writes need the server started with --allow-ingest and the request to bear the token
    (``authorization`` as the header carries it); ``how`` says how to send it."""
    settings = archive.settings
    if not settings.allow_ingest:
        raise ApiError(403, "ingest is disabled; start the server with --allow-ingest")
    if not token_authorizes(authorization, settings.ingest_token):
        raise ApiError(401, f"a valid token is needed: {how}")


@router.post("/feeds", summary='Follow a feed and sync it (body {"url": …, "wait": true}; needs --allow-ingest and the token)',
             responses={202: {"description": 'With "wait": false: the job, whose `status_url` tells how far it got'}})
async def api_add_feed(request: Request, archive: Archive = ArchiveDep) -> Any:
    """Synced before answering, as `sync --json` reports; with `"wait": false`, answered at once (202)
    with a job to poll at `status_url`, as a big feed outlasts a proxy's wait for one response."""
    _may_write(request, archive)
    body = await request.body()
    if len(body) > MAX_FEED_REQUEST:
        raise ApiError(413, f"request body over {MAX_FEED_REQUEST} bytes; send {{\"url\": …}}")
    try:
        sent = json.loads(body)
    except ValueError:
        raise ApiError(400, 'the body must be JSON: {"url": "https://…"}') from None
    url = sent.get("url") if isinstance(sent, dict) else None
    if not isinstance(url, str) or not url.strip():
        raise ApiError(400, 'url: a feed URL is needed, as {"url": "https://…"}')
    wait = sent.get("wait", True)
    if not isinstance(wait, bool):
        raise ApiError(400, "wait: true (answer when synced) or false (answer at once with a job)")
    if wait:
        return await archive.add_feed(url.strip())
    job = archive.start_feed(url.strip())
    root = app_path(request, "")
    return JSONResponse(job.as_dict(root), status_code=202, headers={"Location": root + status_url(job.id)})


@router.get("/jobs/{job_id}", summary="How far a job started by the API got, and its result once done (needs the token)")
def api_job(job_id: str, request: Request, archive: Archive = ArchiveDep) -> dict[str, Any]:
    _may_write(request, archive)
    return archive.job(job_id).as_dict(app_path(request, ""))


@router.get("/shows", summary="Every show: its episodes' count, latest date and artwork (`limit` and `offset` give a slice)")
def api_shows(cut: Cut = CutDep, archive: Archive = ArchiveDep) -> list[dict[str, Any]]:
    return cut(archive.shows())


@router.get("/shows/{name:path}", summary="One show and its episodes, latest first")
def api_show(
    name: str, request: Request, limit: int = LIMIT_QUERY, offset: int = OFFSET_QUERY, archive: Archive = ArchiveDep
) -> dict[str, Any]:
    show, episodes = archive.show(name)
    return {"show": show} | paged(request, limit, offset, episodes=episodes)


@router.get("/entities", summary="Every organisation, tool, person and place mentioned (`limit` and `offset` give a slice)")
def api_entities(kind: EntityType | None = TYPE_QUERY, cut: Cut = CutDep, archive: Archive = ArchiveDep) -> list[dict[str, Any]]:
    return cut(archive.entity_rows(kind), entity_json)  # kept whole: a page serialises its own alone


@router.get("/entities/{name:path}",
            summary="One entity (any spelling): its mentions a page at a time, with time, speaker and words, and what is named with it")  # fmt: skip
def api_entity(
    name: str, request: Request, limit: int = LIMIT_QUERY, offset: int = OFFSET_QUERY, archive: Archive = ArchiveDep
) -> dict[str, Any]:
    report = archive.entity(name).to_json()
    return report | paged(request, limit, offset, moments=report["moments"])


@router.get("/people", summary="Everyone who is a guest or a named speaker (`limit` and `offset` give a slice)")
def api_people(cut: Cut = CutDep, archive: Archive = ArchiveDep) -> list[dict[str, Any]]:
    with archive.session() as s:
        return cut(people(s.store), Person.summary_json)  # everyone is kept: a page serialises its own alone


@router.get("/people/{name:path}",
            summary="One person: the episodes they are in and as what, and the moments that mention them")  # fmt: skip
def api_person(
    name: str, request: Request, limit: int = LIMIT_QUERY, offset: int = OFFSET_QUERY, archive: Archive = ArchiveDep
) -> dict[str, Any]:
    person, reports = archive.person(name)
    # Someone in every episode, or named in every one, is the longest answer of all: both lists are paged.
    return person.summary_json() | {"entities": [{"name": r.name, "type": r.type} for r in reports]} | paged(
        request, limit, offset, episodes=[a.to_json() for a in person.appearances],
        moments=[vars(m) for r in reports for m in r.moments])  # fmt: skip


def paged(request: Request, limit: int, offset: int, **lists: list[Any]) -> dict[str, Any]:
    """One page of each list, with how many the first holds in all (``total``; any other's as
    ``<name>_total``) and the address of the next page (the request's own, its other parameters
    kept), null on the last."""
    following = offset + limit
    more = any(following < len(items) for items in lists.values())
    answer: dict[str, Any] = {"limit": limit, "offset": offset, "next": next_page(request, limit, following) if more else None}
    for i, (field, items) in enumerate(lists.items()):
        answer |= {field: items[offset:following], "total" if i == 0 else f"{field}_total": len(items)}
    return answer


def next_page(request: Request, limit: int, following: int) -> str:
    """The request's own address (path and query) for ``limit`` from ``following`` on, its other
    parameters kept."""
    kept = [(k, v) for k, v in request.query_params.multi_items() if k not in ("limit", "offset")]
    path = "/".join(map(name_url, app_path(request, route_path(request)).split("/")))
    return f"{path}?{urlencode([*kept, ('limit', limit), ('offset', following)])}"


def route_path(request: Request) -> str:
    """The path the app routed, without the root path a proxy serves it under (an ASGI server puts
    that in front of the path; a test client may not)."""
    root, path = request.scope.get("root_path", ""), request.scope["path"]
    return path[len(root) :] if root and path.startswith(root + "/") else path


def app_path(request: Request, path: str) -> str:
    """An address of this app as the client reaches it: under the root path (``--root-path``) a
    proxy serves it at, as "/podsift/api/…"."""
    return request.scope.get("root_path", "").rstrip("/") + path


def name_url(name: str) -> str:
    """A name as one path segment: "/", "?", "#", quotes and all encoded; a name of dots alone
    ("." or "..") too, which a browser would otherwise resolve as "here" or "up"."""
    segment = quote(str(name), safe="")
    return segment.replace(".", "%2E") if not segment.strip(".") else segment
