"""RFC 9457 problem details: one exception type and the handlers that render it."""

from __future__ import annotations

import logging
import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

__all__ = ["Problem", "install_problem_handlers", "log_client_gone", "problem_response"]

log = logging.getLogger(__name__)

MEDIA_TYPE = "application/problem+json"

_TITLES = {
    400: "Bad request", 401: "Not authenticated", 403: "Forbidden", 404: "Not found",
    405: "Method not allowed", 409: "Conflict", 410: "Gone", 412: "Precondition failed",
    413: "Too large", 415: "Unsupported media type", 416: "Range not satisfiable",
    422: "Validation error", 423: "Locked", 428: "Precondition required",
    429: "Too many requests", 500: "Internal server error",
}


class Problem(Exception):
    """An error answered as ``application/problem+json``; ``extra`` adds fields to the body."""

    def __init__(self, status: int, code: str, detail: str = "", **extra: Any) -> None:
        super().__init__(detail or code)
        self.status = status
        self.code = code
        self.detail = detail
        self.extra = extra
        self.headers: dict[str, str] = {}

    def body(self) -> dict[str, Any]:
        return {"type": f"https://dossier.invalid/problems/{self.code}",
                "title": _TITLES.get(self.status, "Error"), "status": self.status,
                "detail": self.detail or self.code, "code": self.code, **self.extra}


def log_client_gone(method: str, path: str) -> None:
    """A client hung up before its request was complete: normal, so one line, no traceback."""
    log.warning("client went away during %s %s; request abandoned", method, path)


def problem_response(problem: Problem) -> JSONResponse:
    headers = dict(problem.headers)
    if problem.status == 401:
        headers.setdefault("WWW-Authenticate", "Bearer")
    if problem.status == 413:
        # the rest of the body is not read: close instead of draining it for keep-alive
        headers.setdefault("Connection", "close")
    return JSONResponse(problem.body(), status_code=problem.status, media_type=MEDIA_TYPE,
                        headers=headers)


def _validation_problem(exc: RequestValidationError) -> Problem:
    errors = []
    for error in exc.errors():
        loc = [str(p) for p in error.get("loc", ())]
        if loc and loc[0] in ("body", "query", "path", "header"):
            loc = loc[1:]  # where it came from, not a field (a body field may be "query")
        errors.append({"field": ".".join(loc), "reason": str(error.get("msg", ""))})
        if error.get("type") == "json_invalid":
            return Problem(422, "malformed-json", "the body is not valid JSON")
    first = errors[0] if errors else {"field": "", "reason": "invalid"}
    return Problem(422, "validation", f"{first['field']}: {first['reason']}",
                   field=first["field"], errors=errors)


def _allowed_methods(request: Request) -> list[str]:
    """Every method the path answers, from the published contract (Starlette's own 405
    names only the methods of the first route whose path matched)."""
    path = request.url.path
    methods: set[str] = set()
    for template, item in request.app.openapi().get("paths", {}).items():
        pattern = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template))
        if re.fullmatch(pattern, path):
            methods |= {m.upper() for m in item}
    return sorted(methods)


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(Problem)
    async def _problem(_request: Request, exc: Problem) -> JSONResponse:
        return problem_response(exc)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return problem_response(_validation_problem(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400 and "parsing the body" in str(exc.detail):
            # FastAPI's answer to a body that is not UTF-8: the same as malformed JSON
            return problem_response(Problem(422, "malformed-json", "the body is not valid JSON"))
        problem = Problem(exc.status_code, "http", str(exc.detail))
        problem.headers = dict(exc.headers or {})
        if exc.status_code == 405:
            problem.headers["Allow"] = ", ".join(_allowed_methods(request))
        return problem_response(problem)

    @app.exception_handler(ClientDisconnect)
    async def _gone(request: Request, _exc: ClientDisconnect) -> Response:
        log_client_gone(request.method, request.url.path)
        return Response(status_code=400)  # nobody is listening any more

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem_response(Problem(500, "internal", "an unexpected error occurred"))
