"""The web server: the HTTP API and the pages, over the same core as the command line.

This module assembles the app: limits and security headers, error handling, static
files and the API docs. The routes live in ``views/``; what they ask of the archive,
in ``archive.py``.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match
from swagger_ui_bundle import swagger_ui_path

from podsift.config import ConfigError, ingest_token
from podsift.store import lost_schema
from podsift.web.archive import MAX_BODY, MAX_QUERY, ApiError, Archive, ServerSettings
from podsift.web.views import api, pages

__all__ = ["ApiError", "ServerSettings", "create_app"]

HERE = Path(__file__).parent
# Defence in depth: no inline script can run, so an escaping slip cannot become XSS; no
# other site may frame the pages (clickjacking). Images may come from any http(s) host:
# show artwork is shown from its feed's URL, never fetched by the server.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https: http:; "
    "media-src *; frame-src https://www.youtube-nocookie.com https://www.youtube.com; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # Embedded YouTube players need the origin, never the path and query (a search).
    "Referrer-Policy": "strict-origin-when-cross-origin",
}

# Where the traceback of a request that failed goes: uvicorn's own error log, as it logs its own.
LOG = logging.getLogger("uvicorn.error")
SERVER_FAILED = "the server failed to answer this request; its log says why"


def create_app(settings: ServerSettings) -> FastAPI:
    if settings.allow_ingest and not settings.ingest_token:
        raise ConfigError("--allow-ingest needs a token: set PODSIFT_INGEST_TOKEN")
    ingest_token(settings.ingest_token or "")  # refuses a token short enough to guess
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
    templates = pages.make_templates()
    app.state.archive = archive
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.mount("/swagger", StaticFiles(directory=swagger_ui_path), name="swagger")

    # Browsers ask for /favicon.ico on pages without a <link rel="icon"> (the API docs, JSON).
    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return FileResponse(HERE / "static" / "favicon.svg", media_type="image/svg+xml")

    @app.get("/docs", include_in_schema=False)
    def docs(request: Request) -> Response:
        root = api.app_path(request, "")  # behind a proxy serving podsift under a path, the page's own loads too
        page = get_swagger_ui_html(
            openapi_url=f"{root}/openapi.json", title="podsift API",
            swagger_js_url=f"{root}/swagger/swagger-ui-bundle.js",
            swagger_css_url=f"{root}/swagger/swagger-ui.css",
            swagger_favicon_url=f"{root}/swagger/favicon-32x32.png",
        )  # fmt: skip
        # Swagger UI starts from an inline script; that page alone may run one.
        page.headers["Content-Security-Policy"] = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        return page

    reads = _parameters()
    known = frozenset().union(*(names for _, names in reads))

    @app.middleware("http")
    async def limits_and_headers(request: Request, call_next: Any) -> Response:
        started = time.perf_counter()
        length = request.headers.get("content-length")
        head = request.method == "HEAD"
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
            response = _answer_error(templates, request, 413,
                                     f"request body over the limit of {MAX_BODY // (1024 * 1024)} MB")  # fmt: skip
        elif len(request.url.query) > 4 * MAX_QUERY:
            response = _answer_error(templates, request, 414, "query string too long")
        elif _api(request) and (unknown := _unread(request, reads, known)):
            # `?spaeker=Maya` was ignored: everyone's moments came back as if filtered, as were
            # `/api/ask?limit=5` (a search's). (Pages let any parameter by: a shared link carries tracking tags.)
            response = _answer_error(templates, request, 422, f"unknown parameter {unknown[0][:40]!r}; {unknown[1]}")
        elif twice := _repeated(request, known):
            # Every parameter takes one value: the last of two was used, the first silently dropped.
            response = _answer_error(templates, request, 422, f"{twice[:40]} was given more than once; it takes one value")
        else:
            if head:  # answered as GET would be, without the body (uptime checks, `curl -I`)
                request.scope["method"] = "GET"
            try:
                response = await call_next(request)
            except Exception as err:
                if lost := lost_schema(err):  # a bad copy, a hand edit: the operator's to mend, said in a line
                    LOG.warning("%s %s: %s", request.method, request.url.path, lost)
                    response = _answer_error(templates, request, 503, lost)
                else:
                    # A failure nothing foresaw: its traceback to the server's log, and to the client the
                    # documented error shape, without internals, on a connection that stays open.
                    LOG.exception("%s %s failed", request.method, request.url.path)
                    response = _answer_error(templates, request, 500, SERVER_FAILED)
        if head:
            request.scope["method"] = "HEAD"  # the server then sends the headers alone
            response = await _headers_only(response)
        response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.2f}"
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.exception_handler(ApiError)
    async def api_error(request: Request, err: ApiError) -> Response:
        return _answer_error(templates, request, err.status, err.message)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, err: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'] if p != 'query')}: {e['msg']}" for e in err.errors()
        )
        return _answer_error(templates, request, 422, problems)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, err: StarletteHTTPException) -> Response:
        message = "not found" if err.status_code == 404 else str(err.detail)
        return _answer_error(templates, request, err.status_code, message)

    app.include_router(api.router)
    app.include_router(pages.router)
    return app


def _repeated(request: Request, known: frozenset[str]) -> str | None:
    """The first query parameter podsift reads that is given more than once, if any: others
    (a link's ``utm_source`` twice) are none of its business."""
    seen: set[str] = set()
    for key, _ in request.query_params.multi_items():
        if key in seen and key in known:
            return key
        seen.add(key)
    return None


def _parameters() -> list[tuple[APIRoute, frozenset[str]]]:
    """The query parameters each route of the API and the pages reads."""
    reads = []
    for route in (r for router in (api.router, pages.router) for r in router.routes if isinstance(r, APIRoute)):
        names: set[str] = set()
        todo = [route.dependant]
        while todo:  # the route's own parameters, and those of what it depends on (its filters)
            dependant = todo.pop()
            names.update(p.alias for p in dependant.query_params)
            todo.extend(dependant.dependencies)
        reads.append((route, frozenset(names)))
    return reads


def _unread(request: Request, reads: list[tuple[APIRoute, frozenset[str]]], known: frozenset[str]) -> tuple[str, str] | None:
    """The first query parameter the route asked for does not read, and what it does read; on a path
    no route serves, one that no route reads."""
    matches = [(route.matches(request.scope)[0], route, names) for route, names in reads]
    if not any(m is Match.FULL for m, _, _ in matches) and request.method != "HEAD" and any(
            m is Match.PARTIAL for m, _, _ in matches):  # fmt: skip
        return None  # another method's route: the 405 to come says what is wrong
    # The route for this method, else (a HEAD) the GET's.
    path, wanted = next(((r.path_format, n) for m, r, n in matches if m is Match.FULL),
                        next(((r.path_format, n) for m, r, n in matches if m is Match.PARTIAL), ("the API", known)))  # fmt: skip
    for name in request.query_params:
        if name not in wanted:
            return name, f"{path} reads {', '.join(sorted(wanted)) or 'no parameter'}"
    return None


def _api(request: Request) -> bool:
    # under --root-path the ASGI server puts the root path in front of the request's path
    return api.route_path(request).startswith("/api/")


def _answer_error(templates: Jinja2Templates, request: Request, status: int, message: str) -> Response:
    """JSON for the API, an error page for people."""
    if _api(request):
        return _error(status, message)
    return templates.TemplateResponse(request, "error.html", {"status": status, "message": message, "q": ""},
                                      status_code=status)  # fmt: skip


async def _headers_only(response: Response) -> Response:
    """A HEAD's answer: the GET's status and headers (its length too), the body read and dropped."""
    body = getattr(response, "body_iterator", None)
    if body is not None:
        async for _ in body:
            pass
    return Response(status_code=response.status_code, headers=dict(response.headers))


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message, "status": status}, status_code=status)
