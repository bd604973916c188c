"""The one module that knows HTTP and JSON: the server's API as typed calls.

Transient failures (connection errors, timeouts, 502/503/504) are retried with exponential
backoff and jitter; a 401 triggers one token refresh; everything else becomes an exception of
``sync.errors``. Every method may be called from any thread, one call at a time per client.

The sync protocol's answers (check-out, check-in, the change feed, versions, the list of
check-outs), the documents, customer files, file classes and the signed-in user the app shows
come back as the dataclasses of ``sync.wire``, search, views and the audit trail as those of
``sync.wire_search`` (``ServerError`` when malformed). Handed on as dicts: the representations
the sync engine keeps whole in the replica (``file``, ``document``, ``documents``,
``file_classes``, ``me``: their typed forms are ``file_record``, ``document_record``,
``document_records``, ``file_class_records`` and ``signed_in_user``).
"""

from __future__ import annotations

import hashlib
import logging
import random
import socket
import tarfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, cast

import httpx

from .errors import AuthError, Locked, NotFound, Offline, RequestRefused, ServerError, StaleObject
from .wire import (
    CheckinAnswer,
    CheckoutAnswer,
    CheckoutPage,
    CheckoutRecord,
    FeedPage,
    Version,
    list_items,
)
from .wire_records import DocumentRecord, FileClass, FileRecord, SignedInUser
from .wire_search import AuditEvent, SavedView, SearchAnswer, audit_events, saved_views

__all__ = ["RemoteClient", "Tokens"]

log = logging.getLogger(__name__)

API = "/api/v1"
CHUNK = 1024 * 1024
_TRANSIENT_STATUS = {502, 503, 504}


@dataclass
class Tokens:
    access_token: str
    refresh_token: str


class _SignIn:
    """The tokens of one sign-in, shared by the clients made from it (``sibling``): a
    refresh token may be used once (the server ends the whole session when a rotated one comes
    back), so exactly one client refreshes and the others take the new pair."""

    def __init__(self, tokens: Tokens | None) -> None:
        self.tokens = tokens
        self.lock = threading.Lock()


class RemoteClient:
    """A client of one server for one user."""

    def __init__(self, base_url: str, *, tokens: Tokens | None = None, retries: int = 4,
                 backoff: float = 0.2, timeout: float = 30.0,
                 transport: httpx.BaseTransport | None = None,
                 on_tokens: Callable[[Tokens], None] | None = None,
                 _sign_in: _SignIn | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self._sign_in = _sign_in or _SignIn(tokens)
        self._retries = retries
        self._backoff = backoff
        self._timeout = timeout
        self._on_tokens = on_tokens
        self._transport = transport
        self._http = httpx.Client(base_url=self.base_url, timeout=timeout, transport=transport)

    @property
    def tokens(self) -> Tokens | None:
        return self._sign_in.tokens

    @tokens.setter
    def tokens(self, tokens: Tokens | None) -> None:
        self._sign_in.tokens = tokens

    def sibling(self) -> RemoteClient:
        """Another client of the same sign-in (its own connection, for another thread):
        whichever of them refreshes the tokens, all of them use the new ones."""
        return RemoteClient(self.base_url, retries=self._retries, backoff=self._backoff,
                            timeout=self._timeout, transport=self._transport,
                            on_tokens=self._on_tokens, _sign_in=self._sign_in)

    def close(self) -> None:
        self._http.close()

    def reachable(self, timeout: float = 0.5) -> bool:
        """Whether the server's port answers a TCP connect within ``timeout`` seconds: a
        quick look before a command spends the retries of a real request on a dead link.
        Any thread."""
        url = httpx.URL(self.base_url)
        port = url.port or (443 if url.scheme == "https" else 80)
        try:
            with socket.create_connection((url.host, port), timeout=timeout):
                return True
        except OSError:
            return False

    # plumbing ------------------------------------------------------------------------

    def _send(self, method: str, path: str, *, auth: bool = True, **kwargs: Any) -> httpx.Response:
        attempt = 0
        refreshed = False
        while True:
            headers = {**(kwargs.pop("headers", None) or {}), **(self._auth() if auth else {})}
            try:
                response = self._http.request(method, API + path, headers=headers, **kwargs)
            except (httpx.TransportError, httpx.TimeoutException) as exc:
                if attempt >= self._retries:
                    raise Offline(f"{self.base_url} unreachable: {type(exc).__name__}") from exc
                self._sleep(attempt)
                attempt += 1
                kwargs["headers"] = headers
                continue
            if response.status_code in _TRANSIENT_STATUS and attempt < self._retries:
                self._sleep(attempt)
                attempt += 1
                kwargs["headers"] = headers
                continue
            if response.status_code == 401 and auth and not refreshed and self.tokens:
                refreshed = True
                with self._sign_in.lock:
                    if self._auth() == {"Authorization": headers.get("Authorization")}:
                        self._refresh()  # else a sibling refreshed meanwhile: use its pair
                kwargs["headers"] = headers
                continue
            return self._check(response)

    def _auth(self) -> dict[str, str]:
        """The bearer header of the current access token (none before sign-in)."""
        return {"Authorization": f"Bearer {self.tokens.access_token}"} if self.tokens else {}

    def _sleep(self, attempt: int) -> None:
        time.sleep(self._backoff * (2 ** attempt) * (0.5 + random.random()))

    @staticmethod
    def _check(response: httpx.Response) -> httpx.Response:
        status = response.status_code
        if status < 400:
            return response
        if response.request.method == "HEAD":
            if status >= 500:
                raise ServerError(f"HTTP {status} from {response.request.url.path}")
            kind = NotFound if status == 404 else RequestRefused
            raise kind(status, {"code": "head", "detail": f"HTTP {status}"})
        try:
            problem = response.json()
            if not isinstance(problem, dict):
                raise ValueError
        except ValueError:
            raise ServerError(f"HTTP {status} without a problem body "
                              f"({response.headers.get('content-type', '?')})") from None
        if status == 401:
            raise AuthError(str(problem.get("detail", "not authenticated")))
        if status >= 500:
            raise ServerError(f"HTTP {status}: {problem.get('detail', '')}")
        kind = {404: NotFound, 412: StaleObject, 423: Locked}.get(status, RequestRefused)
        raise kind(status, problem)

    def _json(self, method: str, path: str, **kwargs: Any) -> Any:
        response = self._send(method, path, **kwargs)
        if not response.content:
            return None
        try:
            return response.json()
        except ValueError:
            raise ServerError(f"not JSON from {path} but "
                              f"{response.headers.get('content-type', '?')} (a proxy or a "
                              "network login page in the way?)") from None

    # authentication ------------------------------------------------------------------

    def login(self, username: str, password: str, tenant: str | None = None) -> Tokens:
        data = {"username": username, "password": password}
        if tenant:
            data["tenant"] = tenant
        body = self._json("POST", "/auth/token", data=data, auth=False)
        self._set_tokens(body)
        assert self.tokens is not None
        return self.tokens

    def _refresh(self) -> None:
        assert self.tokens is not None
        try:
            body = self._json("POST", "/auth/refresh", auth=False,
                              json={"refresh_token": self.tokens.refresh_token})
        except RequestRefused as exc:
            raise AuthError("the session expired; log in again") from exc
        self._set_tokens(body)

    def _set_tokens(self, body: Any) -> None:
        if not isinstance(body, dict) or "access_token" not in body:
            raise ServerError("the login answer has no token")
        self.tokens = Tokens(str(body["access_token"]), str(body.get("refresh_token", "")))
        if self._on_tokens is not None:
            self._on_tokens(self.tokens)

    def logout(self) -> None:
        if self.tokens is not None:
            self._send("POST", "/auth/logout", json={"refresh_token": self.tokens.refresh_token})
            self.tokens = None

    def signed_in_user(self) -> SignedInUser:
        """Who is signed in (``GET /me``). Raises ``AuthError``, ``Offline``,
        ``ServerError``."""
        return SignedInUser.from_json(self._json("GET", "/me"))

    def me(self) -> dict[str, Any]:
        """``GET /me`` as the server sent it (typed: ``signed_in_user``)."""
        return dict(self._json("GET", "/me"))

    # structure and files ---------------------------------------------------------------

    def file_class_records(self) -> list[FileClass]:
        """The file classes (templates of customer files). Raises ``Offline``,
        ``ServerError``."""
        return [FileClass.from_json(item) for item in self.file_classes()]

    def file_classes(self) -> list[dict[str, Any]]:
        """The file classes as the server sent them: the replica keeps them whole (typed:
        ``file_class_records``)."""
        return list(list_items(self._json("GET", "/file-classes"), "file classes"))

    def files(self, query: str | None = None, *, limit: int = 200) -> list[FileRecord]:
        """The customer files the user can read whose number or name matches ``query``
        (without their registers). Raises ``Offline``, ``ServerError``."""
        params: dict[str, Any] = {"limit": limit}
        if query:
            params["q"] = query
        items = list_items(self._json("GET", "/files", params=params), "files")
        return [FileRecord.from_json(item) for item in items]

    def file_by_key(self, key: str) -> FileRecord:
        """The customer file with the number ``key``, with its registers. Raises
        ``NotFound``, ``Offline``, ``ServerError``."""
        return FileRecord.from_json(self._json("GET", f"/files/by-key/{key}"))

    def file_record(self, file_id: str) -> FileRecord:
        """The customer file with its registers. Raises ``NotFound``, ``Offline``,
        ``ServerError``."""
        return FileRecord.from_json(self._json("GET", f"/files/{file_id}"))

    def file(self, file_id: str) -> dict[str, Any]:
        """The file as the server sent it, for the replica (typed: ``file_record``)."""
        return dict(self._json("GET", f"/files/{file_id}"))

    def document_record(self, doc_id: str) -> DocumentRecord:
        """The document with its current version. Raises ``NotFound``, ``Offline``,
        ``ServerError``."""
        return DocumentRecord.from_json(self._json("GET", f"/documents/{doc_id}"))

    def document(self, doc_id: str) -> dict[str, Any]:
        """The document as the server sent it, for the replica (typed:
        ``document_record``)."""
        return dict(self._json("GET", f"/documents/{doc_id}"))

    def versions(self, doc_id: str) -> list[Version]:
        """The document's versions, oldest first. Raises ``NotFound``, ``Offline``,
        ``ServerError`` (an answer not as the protocol says)."""
        body = self._json("GET", f"/documents/{doc_id}/versions")
        return [Version.from_json(item) for item in list_items(body, "versions")]

    def audit(self, object_id: str) -> list[AuditEvent]:
        """The audit events of one object (oldest first, at most 200). Raises
        ``RequestRefused`` (403 without ``view_audit``), ``Offline``, ``ServerError``."""
        params = {"object": object_id, "limit": 200}
        return audit_events(self._json("GET", "/audit", params=params))

    # search and views --------------------------------------------------------------------

    def search(self, query: str, *, sort: str = "relevance", group_by: str | None = None,
               limit: int = 50, cursor: str | None = None) -> SearchAnswer:
        """One page of ``GET /search`` (API.md "Search and views"). Raises
        ``RequestRefused`` (422 bad query: its problem names the position; 404 with code
        ``search-off``), ``Offline``, ``ServerError``."""
        params = _search_params(sort, group_by, limit, cursor)
        return SearchAnswer.from_json(self._json("GET", "/search",
                                                 params={"q": query, **params}))

    def views(self) -> list[SavedView]:
        """The user's own views and those shared with one of their units. Raises
        ``Offline``, ``ServerError``."""
        return saved_views(self._json("GET", "/views"))

    def create_view(self, name: str, query: str, *,
                    shared_with: str | None = None) -> SavedView:
        """Save ``query`` as a view, private or shared with ``unit:NAME``. Raises
        ``RequestRefused`` (422 naming the ``query`` or ``shared_with``), ``Offline``,
        ``ServerError``."""
        body = {"name": name, "query": query, "shared_with": shared_with}
        return SavedView.from_json(self._json("POST", "/views", json=body))

    def _view_etag(self, view_id: str, etag: str | None) -> str:
        """The ``If-Match`` of a change: the ETag the caller saw, else the current one."""
        return etag if etag else SavedView.from_json(self._json("GET", f"/views/{view_id}")).etag

    def update_view(self, view_id: str, changes: dict[str, Any], *,
                    etag: str | None = None) -> SavedView:
        """Change ``name``, ``query`` or ``shared_with``; ``etag``: the view as the user saw
        it (a colleague's newer change is ``StaleObject``). Raises as ``create_view``, and
        ``NotFound``, ``RequestRefused`` 403 (not the owner)."""
        return SavedView.from_json(
            self._json("PATCH", f"/views/{view_id}", json=changes,
                       headers={"If-Match": self._view_etag(view_id, etag)}))

    def delete_view(self, view_id: str, *, etag: str | None = None) -> None:
        self._send("DELETE", f"/views/{view_id}",
                   headers={"If-Match": self._view_etag(view_id, etag)})

    def view_results(self, view_id: str, *, file_id: str | None = None,
                     sort: str = "relevance", group_by: str | None = None, limit: int = 50,
                     cursor: str | None = None) -> SearchAnswer:
        """One page of a view's hits, only in file ``file_id`` when given. Raises as
        ``search``, and ``NotFound``."""
        params = _search_params(sort, group_by, limit, cursor)
        if file_id is not None:
            params["file"] = file_id
        return SearchAnswer.from_json(self._json("GET", f"/views/{view_id}/results",
                                                 params=params))

    def document_records(self, file_id: str, **params: Any) -> list[DocumentRecord]:
        """All documents of a file the user can read (follows ``next_cursor``); ``params``
        are the list's filters (``register``, ``type``, ``q``, ...). Raises ``NotFound``,
        ``Offline``, ``AuthError``, ``ServerError``."""
        return [DocumentRecord.from_json(item) for item in self.documents(file_id, **params)]

    def documents(self, file_id: str, **params: Any) -> list[dict[str, Any]]:
        """As ``document_records``, as the server sent them (for the replica)."""
        query: dict[str, Any] = {"limit": 1000, **params}
        items: list[dict[str, Any]] = []
        while True:
            page = self._json("GET", f"/files/{file_id}/documents", params=query)
            items.extend(list_items(page, "documents"))
            if not page.get("next_cursor"):
                return items
            query["cursor"] = page["next_cursor"]

    def create_document(self, file_id: str, body: dict[str, Any]) -> DocumentRecord:
        """File a new document online; its content blob must be uploaded first
        (``put_blob``). Idempotent when ``body`` has an ``id``. Raises ``RequestRefused``
        (422 validation, 403), ``Locked``, ``Offline``, ``ServerError``."""
        return DocumentRecord.from_json(
            self._json("POST", f"/files/{file_id}/documents", json=body))

    def update_document(self, doc_id: str, changes: dict[str, Any],
                        etag: str) -> DocumentRecord:
        """Change title, index values or registers (``{"add": [], "remove": []}``) online;
        the document as it is afterwards. Raises ``StaleObject`` (412: someone changed it
        since ``etag``), ``RequestRefused`` (422 with the field, 403), ``Locked``,
        ``Offline``, ``ServerError``."""
        return DocumentRecord.from_json(
            self._json("PATCH", f"/documents/{doc_id}", json=changes,
                       headers={"If-Match": etag}))

    def add_version(self, doc_id: str, content: dict[str, Any], etag: str, *,
                    comment: str = "") -> dict[str, Any]:
        """Make uploaded content (``put_blob`` first) the document's next version."""
        return dict(self._json("POST", f"/documents/{doc_id}/versions",
                               json={"content": content, "comment": comment},
                               headers={"If-Match": etag}))

    def delete_document(self, doc_id: str, etag: str) -> None:
        """Tombstone the document; ``RequestRefused`` 409 with ``retention_until`` or
        ``legal_hold`` when the archive keeps it."""
        self._send("DELETE", f"/documents/{doc_id}", headers={"If-Match": etag})

    # check-out and check-in ------------------------------------------------------------

    def checkout(self, file_id: str, *, device_id: str, mode: str,
                 registers: list[str] | None = None,
                 limit: int | None = None) -> CheckoutAnswer:
        """Check the file out (``mode``: ``shared`` or ``exclusive``); ``limit``: at most so
        many documents in the answer, the rest by :meth:`checkout_documents` (a server that
        does not page answers all of them). Raises ``Locked``, ``NotFound``, ``Offline``,
        ``ServerError``."""
        body: dict[str, Any] = {"device_id": device_id, "mode": mode}
        if registers:
            body["registers"] = registers
        if limit is not None:
            try:
                return CheckoutAnswer.from_json(self._json(
                    "POST", f"/files/{file_id}/checkout", json={**body, "limit": limit}))
            except RequestRefused as exc:
                if exc.status != 422 or "limit" not in str(exc.problem):
                    raise
                # a server before pages: it refused the field before checking anything out
        return CheckoutAnswer.from_json(
            self._json("POST", f"/files/{file_id}/checkout", json=body))

    def checkout_documents(self, checkout_id: str, cursor: str, *,
                           limit: int) -> CheckoutPage:
        """The next page of a check-out's documents (``next_cursor`` of the one before).
        Raises ``Offline``, ``NotFound``, ``RequestRefused`` (409: the check-out ended),
        ``ServerError``."""
        return CheckoutPage.from_json(self._json(
            "GET", f"/checkouts/{checkout_id}/documents",
            params={"cursor": cursor, "limit": limit}))

    def checkouts(self) -> list[CheckoutRecord]:
        """The user's open check-outs. Raises ``Offline``, ``ServerError``."""
        items = list_items(self._json("GET", "/checkouts"), "check-outs")
        return [CheckoutRecord.from_json(item) for item in items]

    def checkin(self, checkout_id: str, operations: list[dict[str, Any]], *,
                release: bool) -> CheckinAnswer:
        """Send ``operations``; ``release`` ends the check-out afterwards. Raises
        ``RequestRefused``, ``Offline``, ``ServerError``."""
        return CheckinAnswer.from_json(
            self._json("POST", f"/checkouts/{checkout_id}/checkin",
                       json={"operations": operations, "release": release}))

    def cancel_checkout(self, checkout_id: str) -> None:
        self._send("DELETE", f"/checkouts/{checkout_id}")

    def changes(self, since: str, *, file_id: str | None = None,
                limit: int = 500) -> FeedPage:
        """A page of the change feed after ``since`` (of one file when given). Raises
        ``RequestRefused`` (410: a cursor the server no longer knows), ``Offline``,
        ``ServerError``."""
        params: dict[str, Any] = {"since": since, "limit": limit}
        if file_id:
            params["file"] = file_id
        return FeedPage.from_json(self._json("GET", "/changes", params=params))

    # content ---------------------------------------------------------------------------

    def has_blob(self, sha256: str) -> bool:
        try:
            self._send("HEAD", f"/blobs/{sha256}")
        except NotFound:
            return False
        return True

    def put_blob(self, path: Path, sha256: str) -> None:
        """Upload ``path`` unless the server has it already (idempotent, streamed)."""
        if self.has_blob(sha256):
            return
        self._send("PUT", f"/blobs/{sha256}", content=_FileBody(path),
                   headers={"Content-Type": "application/octet-stream"})

    def download(self, doc_id: str, number: int, sha256: str, target: BinaryIO) -> None:
        """Stream a version's content into ``target``; verify its hash (``ServerError``)."""
        attempt = 0
        while True:
            digest = hashlib.sha256()
            target.seek(0)
            target.truncate()
            try:
                with self._http.stream("GET", f"{API}/documents/{doc_id}/versions/{number}/"
                                       "content", headers=self._auth()) as response:
                    if response.status_code == 401 and self.tokens and attempt == 0:
                        self._refresh()
                        attempt += 1
                        continue
                    if response.status_code >= 400:
                        response.read()
                        self._check(response)
                    for chunk in response.iter_bytes(CHUNK):
                        digest.update(chunk)
                        target.write(chunk)
            except (httpx.TransportError, httpx.TimeoutException) as exc:
                if attempt >= self._retries:
                    raise Offline(f"download interrupted: {type(exc).__name__}") from exc
                self._sleep(attempt)
                attempt += 1
                continue
            if digest.hexdigest() != sha256:
                raise ServerError(f"content of {doc_id} v{number} does not match its hash")
            return

    def download_contents(self, versions: list[tuple[str, int]],
                          store: Callable[[str, BinaryIO], None]) -> None:
        """``POST /contents``: many versions' content in one streamed tar; ``store`` gets each
        member's SHA-256 (its name, not yet verified) and a stream of its bytes. Versions the
        server leaves out are simply not stored. No retries: a caller falls back to
        :meth:`download` for whatever did not arrive. Raises ``Offline``, ``NotFound`` (a server
        without the endpoint) and the other errors of :meth:`_check`."""
        body = {"versions": [{"document_id": d, "number": n} for d, n in versions]}
        for attempt in range(2):
            try:
                with self._http.stream("POST", f"{API}/contents", json=body,
                                       headers=self._auth()) as response:
                    if response.status_code == 401 and self.tokens and attempt == 0:
                        response.read()
                        self._refresh()
                        continue
                    if response.status_code >= 400:
                        response.read()
                        self._check(response)
                    stream_in = cast(BinaryIO, _ByteStream(response.iter_bytes(CHUNK)))
                    with tarfile.open(fileobj=stream_in, mode="r|") as archive:
                        for member in archive:
                            stream = archive.extractfile(member) if member.isfile() else None
                            if stream is not None:
                                store(member.name, cast(BinaryIO, stream))
            except (httpx.TransportError, httpx.TimeoutException) as exc:
                raise Offline(f"download interrupted: {type(exc).__name__}") from exc
            except tarfile.TarError as exc:
                raise ServerError(f"the server's contents are not a readable tar: {exc}") \
                    from exc
            return


class _FileBody:
    """A file as a streamed request body that a retry can send again from its start (a
    generator would be spent after the first attempt: the retry would send nothing)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __iter__(self) -> Iterator[bytes]:
        with self.path.open("rb") as fh:
            while chunk := fh.read(CHUNK):
                yield chunk


class _ByteStream:
    """A readable file over an iterator of byte chunks (what ``tarfile``'s stream mode
    reads from)."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._buffer = bytearray()

    def read(self, size: int = -1) -> bytes:
        while size < 0 or len(self._buffer) < size:
            chunk = next(self._chunks, None)
            if chunk is None:
                break
            self._buffer += chunk
        if size < 0:
            size = len(self._buffer)
        data = bytes(self._buffer[:size])
        del self._buffer[:size]
        return data


def _search_params(sort: str, group_by: str | None, limit: int,
                   cursor: str | None) -> dict[str, Any]:
    params: dict[str, Any] = {"sort": sort, "limit": limit}
    if group_by is not None:
        params["group_by"] = group_by
    if cursor is not None:
        params["cursor"] = cursor
    return params
