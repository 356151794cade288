"""The HTTP API and the web pages, over the same core as the command line.

One store, one Searcher and one Asker live as long as the server: the model (and,
on SQLite, the vectors) load once, at startup; on PostgreSQL the vectors stay in the
database, which ranks them. Requests run in worker threads and take turns
with the store (SQLite serves one writer, and the search caches are shared).
"""

from __future__ import annotations

import re
import secrets
import tempfile
import queue
import time
from contextlib import contextmanager
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from starlette.exceptions import HTTPException as StarletteHTTPException
from swagger_ui_bundle import swagger_ui_path

from podsift.answer import Asker
from podsift.entities.catalog import EntityReport, UnknownEntity, entity_report, list_entities
from podsift.entities.gazetteer import TYPES, name_key
from podsift.formats import EXPORT_FORMATS, render
from podsift.people import Person, find_person, people
from podsift.search import Searcher, SearchError
from podsift.search.filters import SearchFilters
from podsift.store import Store, open_store
from podsift.summary import summarize
from podsift.text import format_timestamp, shown_time

HERE = Path(__file__).parent
# Requests larger than this are refused before they are read (uploads included).
MAX_BODY = 20 * 1024 * 1024
# A query longer than this is refused; search itself cuts a long paste to 32 words.
MAX_QUERY = 10_000
EXPORT_TYPES = {"vtt": "text/vtt", "srt": "application/x-subrip", "json": "application/json",
                "md": "text/markdown"}  # fmt: skip
# Defence in depth: no inline script can run, so an escaping slip cannot become XSS.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "media-src *; frame-src https://www.youtube-nocookie.com https://www.youtube.com; "
    "object-src 'none'; base-uri 'none'; form-action 'self'"
)


Mode = Literal["lexical", "semantic", "hybrid"]
EntityType = Literal["org", "tool", "person", "place"]
TYPE_QUERY = Query(None, alias="type", description="Only org, tool, person or place.")
# How the pages head each type of entity.
TYPE_NAMES = {"org": "Organisations", "tool": "Tools", "person": "People", "place": "Places"}


def query_filters(
    episode: str | None = None,
    speaker: str | None = None,
    guest: str | None = None,
    season: int | None = None,
    date_from: str | None = Query(None, alias="from"),
    date_to: str | None = Query(None, alias="to"),
    entity: str | None = Query(None, description="Only moments that mention it (any spelling)."),
) -> SearchFilters:
    """The filters /api/search and /api/ask share, from the query string."""
    return SearchFilters(episode=episode, speaker=speaker, guest=guest, season=season,
                         date_from=date_from, date_to=date_to, entity=entity)  # fmt: skip


class ApiError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class ServerSettings:
    db: str | Path  # a SQLite file or a postgresql:// URL
    allow_ingest: bool = False
    ingest_token: str | None = None
    preload_model: bool = True


# Connections a server keeps to an archive whose store serves several at once (PostgreSQL),
# so requests need not take turns; others get one (SQLite: its readers share a process-wide
# cache, and writes serialise anyway).
POSTGRES_SESSIONS = 4


@dataclass
class Session:
    """One connection to the archive, with the searcher and asker over it."""

    store: Store
    searcher: Searcher
    asker: Asker


class Archive:
    """Sessions over the archive; each serves one request at a time."""

    def __init__(self, settings: ServerSettings) -> None:
        self.settings = settings
        llm = _configured_llm()
        first = open_store(settings.db)
        searcher = Searcher(first)
        self.all = [Session(first, searcher, Asker(searcher, llm))]
        for _ in range(POSTGRES_SESSIONS - 1 if first.concurrent_sessions else 0):
            store = open_store(settings.db)
            sibling = Searcher(store, sibling=searcher)
            self.all.append(Session(store, sibling, Asker(sibling, llm)))
        self._idle: queue.Queue[Session] = queue.Queue()
        for each in self.all:
            self._idle.put(each)
        self.searcher = searcher  # for embedding queries outside a session
        self.semantic = searcher.has_vectors()  # whether searches embed the query

    @contextmanager
    def session(self) -> Iterator[Session]:
        taken = self._idle.get()
        try:
            yield taken
        finally:
            self._idle.put(taken)

    def warm_up(self) -> None:
        with self.session() as s:
            if self.semantic:
                s.searcher.search("warm up", limit=1)  # loads the model (and SQLite's vectors)

    def embed_query(self, q: str, mode: str | None) -> None:
        """Embed the query before taking a session: the costliest step runs in parallel."""
        if self.semantic and mode != "lexical" and q.strip():
            self.searcher.query_vector(q)


def _configured_llm() -> Any:
    from podsift.config import llm_settings

    configured = llm_settings()
    if configured is None:
        return None
    from podsift.answer.llm import LLMAnswerer

    return LLMAnswerer(configured)


def create_app(settings: ServerSettings) -> FastAPI:
    if settings.allow_ingest and not settings.ingest_token:
        raise ValueError("--allow-ingest needs a token: set PODSIFT_INGEST_TOKEN")
    archive = Archive(settings)
    if settings.preload_model:
        archive.warm_up()
    app = FastAPI(
        title="podsift",
        description="Search, ask and browse an archive of spoken conversations.",
        version="0.1.0",
        docs_url=None,  # served below from local files: users run this offline
        redoc_url=None,
    )
    app.state.archive = archive
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.mount("/swagger", StaticFiles(directory=swagger_ui_path), name="swagger")

    @app.get("/docs", include_in_schema=False)
    def docs() -> Response:
        page = get_swagger_ui_html(
            openapi_url="/openapi.json", title="podsift API",
            swagger_js_url="/swagger/swagger-ui-bundle.js",
            swagger_css_url="/swagger/swagger-ui.css",
            swagger_favicon_url="/swagger/favicon-32x32.png",
        )  # fmt: skip
        # Swagger UI starts from an inline script; that page alone may run one.
        page.headers["Content-Security-Policy"] = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        return page
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.filters["timestamp"] = format_timestamp
    templates.env.filters["shown_time"] = shown_time
    templates.env.filters["name_url"] = _name_url
    templates.env.filters["marked"] = _marked

    # -- plumbing -------------------------------------------------------------------

    @app.middleware("http")
    async def limits_and_timing(request: Request, call_next: Any) -> Response:
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
            return _error(413, f"request body over the limit of {MAX_BODY // (1024 * 1024)} MB")
        if len(request.url.query) > 4 * MAX_QUERY:
            return _error(414, "query string too long")
        started = time.perf_counter()
        response: Response = await call_next(request)
        response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.2f}"
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response

    @app.exception_handler(ApiError)
    async def api_error(request: Request, err: ApiError) -> Response:
        if request.url.path.startswith("/api/"):
            return _error(err.status, err.message)
        return _page_error(templates, request, err.status, err.message)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, err: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'] if p != 'query')}: {e['msg']}" for e in err.errors()
        )
        if request.url.path.startswith("/api/"):
            return _error(422, problems)
        return _page_error(templates, request, 422, problems)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, err: StarletteHTTPException) -> Response:
        message = "not found" if err.status_code == 404 else str(err.detail)
        if request.url.path.startswith("/api/"):
            return _error(err.status_code, message)
        return _page_error(templates, request, err.status_code, message)

    # -- the JSON API ---------------------------------------------------------------

    def run_search(q: str, mode: str | None, limit: int, chosen: SearchFilters) -> dict[str, Any]:
        archive.embed_query(q, mode)
        with archive.session() as s:
            try:
                result = s.searcher.find(q, mode=mode, limit=limit, filters=chosen)  # type: ignore[arg-type]
            except SearchError as err:
                raise ApiError(400, str(err)) from None
        return result.to_json()

    def run_ask(q: str, chosen: SearchFilters) -> dict[str, Any]:
        archive.embed_query(q, None)
        with archive.session() as s:
            try:
                return s.asker.ask(q, filters=chosen).to_json()
            except SearchError as err:
                raise ApiError(400, str(err)) from None

    @app.get("/api/search", tags=["api"], summary="Moments matching a query (as `search --json`)")
    def api_search(
        q: str = Query(..., max_length=MAX_QUERY, description='What to look for; "phrase" and -word work.'),
        mode: Mode | None = None,
        limit: int = Query(10, ge=1, le=100),
        chosen: SearchFilters = Depends(query_filters),
    ) -> dict[str, Any]:
        return run_search(q, mode, limit, chosen)

    @app.get("/api/ask", tags=["api"], summary="An answer with cited moments (as `ask --json`)")
    def api_ask(
        q: str = Query(..., min_length=1, max_length=MAX_QUERY),
        chosen: SearchFilters = Depends(query_filters),
    ) -> dict[str, Any]:
        return run_ask(q, chosen)

    @app.get("/api/episodes", tags=["api"], summary="Every episode")
    def api_episodes() -> list[dict[str, Any]]:
        with archive.session() as s:
            return [asdict(row) for row in s.store.list_episodes()]

    def load(episode_id: str) -> Any:
        with archive.session() as s:
            episode = s.store.get_episode(episode_id)  # a lookup by key: ids never touch paths
        if episode is None:
            raise ApiError(404, f"no episode {episode_id!r}")
        return episode

    def summary_of(episode: Any) -> Any:
        with archive.session() as s:
            moments = s.store.episode_moments(episode.id)
        return summarize(episode, moments)

    @app.get("/api/episodes/{episode_id}", tags=["api"],
             summary="One episode: timeline, chapters, speakers, links, key points")  # fmt: skip
    def api_episode(episode_id: str) -> dict[str, Any]:
        episode = load(episode_id)
        return episode.to_json() | {"links": _links(episode), "summary": summary_of(episode).to_json()}

    @app.get("/api/episodes/{episode_id}/export.{fmt}", tags=["api"], summary="The episode as VTT, SRT, JSON or Markdown")
    def api_export(episode_id: str, fmt: str) -> Response:
        if fmt not in EXPORT_FORMATS:
            raise ApiError(404, f"no export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
        episode = load(episode_id)
        filename = f"{episode.id}.{fmt}".replace('"', "")
        return Response(render(episode, fmt), media_type=f"{EXPORT_TYPES[fmt]}; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{filename}"'})  # fmt: skip

    @app.post("/api/ingest", tags=["api"], summary="Upload one transcript file (needs --allow-ingest and the token)")
    async def api_ingest(request: Request, filename: str = Query(..., max_length=255)) -> dict[str, Any]:
        if not settings.allow_ingest:
            raise ApiError(403, "ingest is disabled; start the server with --allow-ingest")
        supplied = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
        if not supplied or not secrets.compare_digest(supplied, settings.ingest_token or ""):
            raise ApiError(401, "a valid token is needed: send 'Authorization: Bearer <PODSIFT_INGEST_TOKEN>'")
        name = Path(filename.replace("\\", "/")).name  # never a path: "../../x" becomes "x"
        if not name or name.startswith("."):
            raise ApiError(400, f"unusable file name {filename!r}")
        body = bytearray()
        async for chunk in request.stream():
            body.extend(chunk)
            if len(body) > MAX_BODY:
                raise ApiError(413, f"upload over the limit of {MAX_BODY // (1024 * 1024)} MB")
        if not body:
            raise ApiError(400, "the upload is empty")
        return await _run_ingest(archive, name, bytes(body))

    def run_entities(kind: str | None) -> list[dict[str, Any]]:
        with archive.session() as s:
            return list_entities(s.store, kind)

    def run_entity(name: str) -> EntityReport:
        with archive.session() as s:
            try:
                return entity_report(s.store, name)
            except UnknownEntity as err:
                raise ApiError(404, str(err)) from None

    def run_person(name: str) -> tuple[Person, list[EntityReport]]:
        """The person, and what the archive says of them as an entity (by name, or by a label in their episodes)."""
        with archive.session() as s:
            person = find_person(s.store, name)
            if person is None:
                raise ApiError(404, f"no person {name!r} in the archive (people are guests and named speakers)")
            reports: list[EntityReport] = []
            for i, spelling in enumerate([person.name, *person.aliases]):
                key = name_key(spelling)
                if not key or any(name_key(r.name) == key for r in reports) or s.store.entity(key) is None:
                    continue
                report = entity_report(s.store, spelling)
                if i:  # a first name ("Lavanya") is theirs only in the episodes they are in
                    theirs = {a.episode_id for a in person.appearances}
                    report.moments = [m for m in report.moments if m.episode_id in theirs]
                if report.moments:
                    reports.append(report)
        return person, reports

    @app.get("/api/entities", tags=["api"], summary="Every organisation, tool, person and place mentioned")
    def api_entities(kind: EntityType | None = TYPE_QUERY) -> list[dict[str, Any]]:
        return run_entities(kind)

    @app.get("/api/entities/{name:path}", tags=["api"],
             summary="One entity (any spelling): every mention, with time, speaker and words, and what is named with it")  # fmt: skip
    def api_entity(name: str) -> dict[str, Any]:
        return run_entity(name).to_json()

    @app.get("/api/people", tags=["api"], summary="Everyone who is a guest or a named speaker")
    def api_people() -> list[dict[str, Any]]:
        with archive.session() as s:
            return [p.summary_json() for p in people(s.store)]

    @app.get("/api/people/{name:path}", tags=["api"],
             summary="One person: the episodes they are in and as what, and the moments that mention them")  # fmt: skip
    def api_person(name: str) -> dict[str, Any]:
        person, reports = run_person(name)
        return person.summary_json() | {
            "episodes": [a.to_json() for a in person.appearances],
            "entities": [{"name": r.name, "type": r.type} for r in reports],
            "moments": [vars(m) for r in reports for m in r.moments],
        }

    # -- pages ----------------------------------------------------------------------

    def page(request: Request, name: str, **context: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, name, context)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request, q: str = Query("", max_length=MAX_QUERY), mode: Mode | None = None) -> Response:
        result = run_search(q, mode, 20, SearchFilters()) if q.strip() else None
        with archive.session() as s:
            episodes = [] if q.strip() else s.store.list_episodes()
        hits = result["results"] if result else []
        return page(request, "search.html", q=q, result=result, hits=hits, episodes=episodes)

    @app.get("/episodes/{episode_id}", response_class=HTMLResponse, include_in_schema=False)
    def episode_page(request: Request, episode_id: str) -> Response:
        episode = load(episode_id)
        chapter_at = {c.first_segment: c for c in episode.chapters}
        with archive.session() as s:
            named = s.store.episode_entities(episode.id)
        start_of = {seg.ordinal: seg.start for seg in episode.segments}
        who = {kind: [{"name": r.entity, "mentions": r.mentions, "segment": r.first_segment,
                       "start": start_of.get(r.first_segment)} for r in named if r.type == kind]
               for kind in TYPES}  # fmt: skip
        return page(request, "episode.html", episode=episode, chapter_at=chapter_at, links=_links(episode),
                    summary=summary_of(episode), who={k: v for k, v in who.items() if v}, type_names=TYPE_NAMES,
                    q="")  # fmt: skip

    @app.get("/entities", response_class=HTMLResponse, include_in_schema=False)
    def entities_page(request: Request, kind: EntityType | None = TYPE_QUERY) -> Response:
        listed = run_entities(kind)
        by_type = {t: [e for e in listed if e["type"] == t] for t in TYPES}
        return page(request, "entities.html", by_type={t: v for t, v in by_type.items() if v}, kind=kind,
                    total=len(listed), type_names=TYPE_NAMES, q="")  # fmt: skip

    @app.get("/entities/{name:path}", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(request: Request, name: str) -> Response:
        report = run_entity(name)
        return page(request, "entity.html", entity=report, groups=_by_episode(report.moments),
                    type_names=TYPE_NAMES, q="")  # fmt: skip

    @app.get("/people", response_class=HTMLResponse, include_in_schema=False)
    def people_page(request: Request) -> Response:
        with archive.session() as s:
            everyone = people(s.store)
        return page(request, "people.html", people=everyone, q="")

    @app.get("/people/{name:path}", response_class=HTMLResponse, include_in_schema=False)
    def person_page(request: Request, name: str) -> Response:
        person, reports = run_person(name)
        moments = [m for r in reports for m in r.moments]
        return page(request, "person.html", person=person, entities=reports, groups=_by_episode(moments),
                    type_names=TYPE_NAMES, q="")  # fmt: skip

    @app.get("/ask", response_class=HTMLResponse, include_in_schema=False)
    def ask_page(request: Request, q: str = Query("", max_length=MAX_QUERY)) -> Response:
        answer = run_ask(q, SearchFilters()) if q.strip() else None
        return page(request, "ask.html", q=q, answer=answer)

    return app


async def _run_ingest(archive: Archive, name: str, data: bytes) -> dict[str, Any]:
    import anyio

    from podsift.ingest import ingest

    def work() -> dict[str, Any]:
        with tempfile.TemporaryDirectory() as tmp, archive.session() as s:
            path = Path(tmp) / name
            path.write_bytes(data)
            summary = ingest([path], s.store)
            outcome = summary.outcomes[0]
            if outcome.status == "failed":
                raise ApiError(422, f"{name}: {outcome.error}")
            if archive.semantic:
                from podsift.embed import embed_pending

                embed_pending(s.store, s.searcher.embedder)
        return {"file": name, "status": outcome.status, "episode_id": outcome.episode_id,
                "segments": outcome.segments, "notes": outcome.notes}  # fmt: skip

    return await anyio.to_thread.run_sync(work)


def _links(episode: Any) -> dict[str, str | None]:
    youtube = f"https://www.youtube.com/watch?v={episode.youtube_id}" if episode.youtube_id else None
    return {"page": episode.page_url, "youtube": youtube, "media": episode.media_url}


def _name_url(name: str) -> str:
    """A name as one path segment: "/", "?", "#", quotes and all encoded."""
    return quote(str(name), safe="")


def _marked(text: str, surfaces: Iterable[str]) -> Markup:
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


def _by_episode(moments: list[Any]) -> list[dict[str, Any]]:
    """Mentions grouped by episode (in the order given), one line per segment with all its surfaces."""
    groups: dict[str, dict[str, Any]] = {}
    for m in moments:
        group = groups.setdefault(m.episode_id, {"id": m.episode_id, "title": m.episode_title, "lines": {}})
        line = group["lines"].setdefault((m.start, m.text), {"start": m.start, "estimated": m.time_estimated,
                                                             "speaker": m.speaker, "text": m.text, "surfaces": []})  # fmt: skip
        if m.surface not in line["surfaces"]:
            line["surfaces"].append(m.surface)
    return [g | {"lines": list(g["lines"].values())} for g in groups.values()]


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message, "status": status}, status_code=status)


def _page_error(templates: Jinja2Templates, request: Request, status: int, message: str) -> Response:
    return templates.TemplateResponse(request, "error.html", {"status": status, "message": message, "q": ""},
                                      status_code=status)  # fmt: skip
