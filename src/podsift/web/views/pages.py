"""The HTML pages: home, search, ask, episodes, shows, entities and people, rendered on the server."""

from __future__ import annotations

import re
from collections.abc import Iterable
from email.parser import BytesParser
from email.policy import HTTP
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, quote

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from podsift.entities.gazetteer import TYPES
from podsift.media_files import VIDEO_SUFFIXES, url_suffix
from podsift.people import people
from podsift.search.filters import SearchFilters, stored_show
from podsift.text import counted, format_timestamp, fragment_time, shown_time, strip_controls, youtube_video
from podsift.web.archive import MAX_QUERY, ApiError, Archive, links
from podsift.web.overview import NO_SHOW, overview
from podsift.web.views.api import (
    MAX_FEED_REQUEST,
    TYPE_QUERY,
    ArchiveDep,
    EntityType,
    Mode,
    app_path,
    may_write,
    name_url,
    query_filters,
)

if TYPE_CHECKING:
    from podsift.model import Episode

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
# How the pages head each type of entity.
TYPE_NAMES = {"org": "Organisations", "tool": "Tools", "person": "People", "place": "Places"}

router = APIRouter(include_in_schema=False)
# What a page lists at once of a list that grows with the archive (the episodes naming an entity, a
# show's episodes, the names, the people): a name said in every episode filled megabytes; the rest are a "more" link away.
PER_PAGE = 20
PAGE_QUERY = Query(1, alias="page", ge=1, le=100_000, description="which page of the list")


def _printable(value: Any) -> Any:
    """What a page shows, without control characters: "?q=%00" put a raw NUL in the page's heading."""
    if isinstance(value, Markup):
        return Markup(strip_controls(str(value)))
    return strip_controls(value) if isinstance(value, str) else value


def make_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=TEMPLATES, context_processors=[root_of])
    templates.env.finalize = _printable
    templates.env.filters["timestamp"] = format_timestamp
    templates.env.filters["shown_time"] = shown_time
    templates.env.filters["fragment_time"] = fragment_time
    templates.env.filters["name_url"] = name_url
    templates.env.filters["marked"] = marked
    templates.env.filters["counted"] = counted
    templates.env.globals["search_url"] = search_url
    templates.env.globals["episode_url"] = episode_url
    return templates


def root_of(request: Request) -> dict[str, str]:
    """What every page puts before its own links: the root path a proxy serves the app under
    (``--root-path``), "" without one."""
    return {"root": app_path(request, "")}


def templates_of(request: Request) -> Jinja2Templates:
    return request.app.state.templates


Templates = Depends(templates_of)


def page(templates: Jinja2Templates, request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, status_code=status)


# The filters a page's address may carry besides the show (which has its own menu), as the API names them.
KEPT_FILTERS = (("episode", "episode"), ("speaker", "speaker"), ("guest", "guest"), ("season", "season"),
                ("date_from", "from"), ("date_to", "to"), ("entity", "entity"))  # fmt: skip


def search_url(q: str, kept: Iterable[tuple[str, str]] = (), show: str = "", path: str = "/") -> str:
    """The home page searching ``q`` (or the ask page asking it) within the filters given (a link must
    not drop them)."""
    pairs = [("q", q), *kept, *([("show", show)] if show else [])]
    return path + "?" + "&".join(f"{name}={quote(str(value), safe='')}" for name, value in pairs)


def episode_url(episode_id: str, segment: int | None, start: float | None = None) -> str:
    """The episode page at a line: its id ("#s12") is what a browser scrolls to without JavaScript, and
    tells apart lines that share a time; a time ("#t=") where the line is not known."""
    at = f"#s{segment}" if segment is not None else f"#t={fragment_time(start)}" if start is not None else ""
    return f"/episodes/{quote(episode_id, safe='/')}{at}"  # as the templates' urlencode writes it


def kept_filters(chosen: SearchFilters) -> list[tuple[str, str]]:
    """The filters an address gave, as (name, value), for the form to carry on and the page to show."""
    return [(name, str(value)) for field, name in KEPT_FILTERS if (value := getattr(chosen, field)) not in (None, "")]


@router.get("/", response_class=HTMLResponse)
def home(
    request: Request,
    q: str = Query("", max_length=MAX_QUERY),
    mode: Mode | None = None,
    chosen: SearchFilters = Depends(query_filters),
    archive: Archive = ArchiveDep,
    templates: Jinja2Templates = Templates,
) -> Response:
    kept = kept_filters(chosen)
    with archive.session() as s:
        shows = [row.name for row in s.store.shows() if row.episodes]
        # Search takes a show in any case; the menu shows it chosen as stored ("signal & noise"
        # filtered the results under "All shows", and the next search from the page dropped it).
        show = (stored_show(chosen.show, shows) or chosen.show) if chosen.show else ""
        if not q.strip():
            return page(templates, request, "home.html", q=q, home=s.store.kept("overview", lambda: overview(s.store)), no_show=NO_SHOW,
                        show_names=shows, show=show, kept=kept)  # fmt: skip
    try:
        result = archive.search(q, mode, 20, chosen)
    except ApiError as err:
        if err.status != 400:
            raise
        # A query with no words or an unknown filter: said on the search page, the query kept to mend.
        return page(templates, request, "search.html", 400, q=q, result=None, error=err.message, hits=[],
                    show_names=shows, show=show, kept=kept)  # fmt: skip
    return page(templates, request, "search.html", q=q, result=result, hits=result["results"], show_names=shows,
                show=show, kept=kept)  # fmt: skip


@router.get("/shows", response_class=HTMLResponse)
def shows_page(request: Request, archive: Archive = ArchiveDep, templates: Jinja2Templates = Templates) -> Response:
    return page(templates, request, "shows.html", shows=archive.shows(), allow_feeds=archive.settings.allow_ingest, q="")


@router.post("/shows", response_class=HTMLResponse)
async def follow_feed(request: Request, archive: Archive = ArchiveDep, templates: Jinja2Templates = Templates) -> Response:
    """The "Follow a feed" form sent without JavaScript (its script uses the API): the sync starts as a
    job and the browser goes to its page; a refusal is said on this page, the URL kept to mend."""
    body = await request.body()
    url = ""
    try:
        sent = form_fields(body[:MAX_FEED_REQUEST], request.headers.get("content-type", ""))
        url, token = (sent.get(name, "").strip() for name in ("url", "token"))
        may_write(archive, f"Bearer {token}", "the ingest token is the server's PODSIFT_INGEST_TOKEN")
        if len(body) > MAX_FEED_REQUEST:
            raise ApiError(413, f"the form is over {MAX_FEED_REQUEST} bytes; a feed's URL is shorter")
        if not url:
            raise ApiError(400, "url: a feed URL is needed")
        job = archive.start_feed(url)
    except ApiError as err:
        if not archive.settings.allow_ingest or err.status >= 500:
            raise  # no form to show it by: the error page says it
        return page(templates, request, "shows.html", err.status, shows=archive.shows(), allow_feeds=True,
                    url=url, error=err.message, q="")  # fmt: skip
    # 303: the browser asks for the job's page, and reloading it does not send the form again.
    return RedirectResponse(app_path(request, f"/jobs/{quote(job.id, safe='')}"), status_code=303)


def form_fields(body: bytes, content_type: str) -> dict[str, str]:
    """A form's text fields as a browser sends them: URL-encoded, or multipart (`enctype="multipart/form-data"`,
    `curl -F`), which read as URL-encoded lost every field."""
    kind = content_type.partition(";")[0].strip().lower()
    if kind in ("", "application/x-www-form-urlencoded"):
        return {name: values[0] for name, values in parse_qs(body.decode("utf-8", "replace")).items()}
    if kind == "multipart/form-data":
        header = b"Content-Type: " + content_type.encode("latin-1", "replace") + b"\r\n\r\n"
        message = BytesParser(policy=HTTP).parsebytes(header + body)
        fields = {}
        for part in message.iter_parts() if message.is_multipart() else ():
            value = part.get_payload(decode=True)
            if isinstance(value, bytes) and not part.get_filename():  # a file is no field of this form
                fields[str(part.get_param("name", header="content-disposition"))] = value.decode("utf-8", "replace")
        return fields
    raise ApiError(415, f"a form is sent as application/x-www-form-urlencoded or multipart/form-data, not {kind[:60]}")


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
def job_page(request: Request, job_id: str, archive: Archive = ArchiveDep, templates: Jinja2Templates = Templates) -> Response:
    """How far a feed followed from /shows got; while it runs the page reloads itself, script or not.
    Its address is the job's unguessable id, never the token."""
    job = archive.job(job_id)
    status = (job.status or 500) if job.state == "failed" else 200
    return page(templates, request, "job.html", status, job=job, q="")


@router.get("/shows/{name:path}", response_class=HTMLResponse)
def show_page(
    request: Request,
    name: str,
    at: int = PAGE_QUERY,
    archive: Archive = ArchiveDep,
    templates: Jinja2Templates = Templates,
) -> Response:
    show, episodes = archive.show(name)
    shown, paging = page_of(episodes, at, f"/shows/{name_url(name)}")
    require_page(at, paging)
    return page(templates, request, "show.html", show=show, episodes=shown, paging=paging, q="")


@router.get("/episodes/{episode_id}", response_class=HTMLResponse)
def episode_page(
    request: Request, episode_id: str, archive: Archive = ArchiveDep, templates: Jinja2Templates = Templates
) -> Response:
    episode = archive.episode(episode_id)
    chapter_at = {c.first_segment: c for c in episode.chapters}
    with archive.session() as s:
        named = s.store.episode_entities(episode.id)
    start_of = {seg.ordinal: seg.start for seg in episode.segments}
    who = {kind: [{"name": r.entity, "mentions": r.mentions, "segment": r.first_segment,
                   "start": start_of.get(r.first_segment)} for r in named if r.type == kind]
           for kind in TYPES}  # fmt: skip
    return page(templates, request, "episode.html", episode=episode, chapter_at=chapter_at, links=links(episode),
                video=youtube_video(episode.youtube_id),
                guests=archive.guest_names(episode), summary=archive.summary(episode),
                who={k: v for k, v in who.items() if v}, type_names=TYPE_NAMES, q="")  # fmt: skip


@router.get("/entities", response_class=HTMLResponse)
def entities_page(
    request: Request,
    kind: EntityType | None = TYPE_QUERY,
    at: int = PAGE_QUERY,
    archive: Archive = ArchiveDep,
    templates: Jinja2Templates = Templates,
) -> Response:
    listed = archive.entities(kind)
    shown, paging = page_of(listed, at, f"/entities?type={kind}" if kind else "/entities", noun="names")
    require_page(at, paging)
    counts = {t: sum(e["type"] == t for e in listed) for t in TYPES}
    by_type = {t: [e for e in shown if e["type"] == t] for t in TYPES}
    return page(templates, request, "entities.html", by_type={t: v for t, v in by_type.items() if v}, kind=kind,
                counts=counts, total=len(listed), paging=paging, type_names=TYPE_NAMES, q="")  # fmt: skip


@router.get("/entities/{name:path}", response_class=HTMLResponse)
def entity_page(
    request: Request,
    name: str,
    at: int = PAGE_QUERY,
    archive: Archive = ArchiveDep,
    templates: Jinja2Templates = Templates,
) -> Response:
    report = archive.entity(name)
    groups, paging = page_of(by_episode(report.moments), at, f"/entities/{name_url(name)}")
    require_page(at, paging)
    return page(templates, request, "entity.html", entity=report, groups=groups, paging=paging,
                type_names=TYPE_NAMES, q="")  # fmt: skip


@router.get("/people", response_class=HTMLResponse)
def people_page(
    request: Request, at: int = PAGE_QUERY, archive: Archive = ArchiveDep, templates: Jinja2Templates = Templates
) -> Response:
    with archive.session() as s:
        everyone = people(s.store)
    shown, paging = page_of(everyone, at, "/people", noun="people")
    require_page(at, paging)
    return page(templates, request, "people.html", people=shown, paging=paging, q="")


@router.get("/people/{name:path}", response_class=HTMLResponse)
def person_page(
    request: Request,
    name: str,
    at: int = PAGE_QUERY,
    archive: Archive = ArchiveDep,
    templates: Jinja2Templates = Templates,
) -> Response:
    person, reports = archive.person(name)
    moments = [m for r in reports for m in r.moments]
    url = f"/people/{name_url(name)}"
    # One ?page= turns both lists: someone in (or named in) every episode made either long.
    appearances, table = page_of(person.appearances, at, url)
    groups, paging = page_of(by_episode(moments), at, url)
    require_page(at, table, paging)
    return page(templates, request, "person.html", person=person, entities=reports, appearances=appearances,
                table=table, groups=groups, paging=paging, type_names=TYPE_NAMES, q="")  # fmt: skip


@router.get("/ask", response_class=HTMLResponse)
def ask_page(
    request: Request,
    q: str = Query("", max_length=MAX_QUERY),
    chosen: SearchFilters = Depends(query_filters),
    archive: Archive = ArchiveDep,
    templates: Jinja2Templates = Templates,
) -> Response:
    kept = kept_filters(chosen) + ([("show", chosen.show)] if chosen.show else [])
    try:
        answer = archive.ask(q, chosen) if q.strip() else None
    except ApiError as err:
        if err.status != 400:
            raise
        return page(templates, request, "ask.html", 400, q=q, answer=None, players={}, error=err.message, kept=kept)
    players = {}
    for episode_id in dict.fromkeys(c["episode_id"] for c in answer["citations"]) if answer else ():
        players[episode_id] = player(archive.episode(episode_id))
    return page(templates, request, "ask.html", q=q, answer=answer, players=players, kept=kept)




def player(episode: "Episode") -> dict[str, str]:
    """How a quote from the episode plays in place, as on the episode page: YouTube, else its own media
    (audio or video), else not at all."""
    if video := youtube_video(episode.youtube_id):
        return {"kind": "youtube", "src": video}
    if episode.media_url:
        # Video plays in a <video> element; anything else a media link names plays as audio.
        kind = "video" if url_suffix(episode.media_url) in VIDEO_SUFFIXES else "audio"
        return {"kind": kind, "src": episode.media_url.split("#")[0]}  # the page adds each quote's #t=
    return {}


def marked(text: str, surfaces: Iterable[str]) -> Markup:
    """The text escaped, with every whole-word occurrence of the surfaces in <mark>."""
    wanted = sorted({s for s in surfaces if s}, key=len, reverse=True)
    if not wanted:
        return escape(text)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(s) for s in wanted) + r")(?!\w)")
    out, last = [], 0
    for m in pattern.finditer(text):
        out += [escape(text[last : m.start()]), Markup("<mark>"), escape(m.group()), Markup("</mark>")]
        last = m.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


def page_of(items: list[Any], at: int, url: str, noun: str = "episodes") -> tuple[list[Any], dict[str, Any]]:
    """One page of a list that grows with the archive, and links to the pages beside it (plain links:
    no script needed). ``url`` is the page's address, its own parameters kept."""
    start = (at - 1) * PER_PAGE
    shown = items[start : start + PER_PAGE]
    join = "&" if "?" in url else "?"
    paging = {"first": start + 1, "last": start + len(shown), "total": len(items), "noun": noun,
              "previous": f"{url}{join}page={at - 1}" if at > 1 else None,
              "next": f"{url}{join}page={at + 1}" if start + PER_PAGE < len(items) else None,
              "next_last": min(start + 2 * PER_PAGE, len(items))}  # fmt: skip
    return shown, paging


def require_page(at: int, *pagings: dict[str, Any]) -> None:
    """A page past the end of every list the page holds is not found, and says how many there are."""
    if at > 1 and all(p["last"] < p["first"] for p in pagings):
        pages = max(1, -(-max(p["total"] for p in pagings) // PER_PAGE))
        raise ApiError(404, f"page {at}: the list fills {counted(pages, 'page')}")


def by_episode(moments: list[Any]) -> list[dict[str, Any]]:
    """Mentions grouped by episode (in the order given), one line per segment with all its surfaces."""
    groups: dict[str, dict[str, Any]] = {}
    for m in moments:
        group = groups.setdefault(m.episode_id, {"id": m.episode_id, "title": m.episode_title, "lines": {}})
        line = group["lines"].setdefault((m.start, m.text), {"start": m.start, "estimated": m.time_estimated, "segment": m.segment,
                                                             "speaker": m.speaker, "text": m.text, "surfaces": []})  # fmt: skip
        if m.surface not in line["surfaces"]:
            line["surfaces"].append(m.surface)
    return [g | {"lines": list(g["lines"].values())} for g in groups.values()]
