"""``dossier-server``: the administrator's command line.

Every command takes ``--data-dir`` (or ``DOSSIER_DATA_DIR``) and honours ``DATABASE_URL``.
Exit codes: 0 success, 1 failure (one readable line on stderr), 2 bad usage.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import signal
import socket
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from .settings import Settings, load_settings

__all__ = ["main"]

log = logging.getLogger("server_stub")


class CliError(Exception):
    """A failure to report as one line on stderr with exit code 1."""


def _password(args: argparse.Namespace) -> str:
    if getattr(args, "password_stdin", False):
        return sys.stdin.readline().rstrip("\r\n")
    if getattr(args, "password", None):
        return str(args.password)
    if os.environ.get("DOSSIER_PASSWORD"):
        return os.environ["DOSSIER_PASSWORD"]
    raise CliError("give a password: --password, --password-stdin or DOSSIER_PASSWORD")


def _settings(args: argparse.Namespace) -> Settings:
    overrides = {"data_dir": args.data_dir, "host": getattr(args, "host", None),
                 "port": getattr(args, "port", None)}
    try:
        return load_settings(overrides, config_file=args.config)
    except (ValueError, FileNotFoundError) as exc:
        raise CliError(f"configuration: {exc}") from exc


def _database(settings: Settings) -> Any:
    from .db import open_database

    try:
        return open_database(settings.effective_database_url)
    except Exception as exc:
        raise CliError(f"cannot open the database: {str(exc).splitlines()[0]}") from exc


def listening_socket(host: str, port: int) -> socket.socket:
    """A TCP socket bound and listening (connections queue from now on, before uvicorn
    accepts them). ``IPPROTO_TCP`` is named: asyncio sets ``TCP_NODELAY`` on the accepted
    connections only when the socket says so, and without it every small answer waited
    ~40 ms for the client's delayed ACK (Nagle) — about 50 ms per request instead of 4."""
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET,
                         socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.bind((host, port))
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    return sock


def cmd_serve(args: argparse.Namespace) -> int:
    from .app import build_context

    if args.nice > 0 and hasattr(os, "nice"):
        os.nice(args.nice)  # before any thread starts: they all inherit it

    settings = _settings(args)
    try:
        build_context(settings).database.dispose()  # migrate once, before any worker starts
    except ValueError as exc:
        raise CliError(f"configuration: {exc}") from exc
    try:
        sock = listening_socket(settings.host, settings.port)
    except OSError as exc:
        raise CliError(f"cannot listen on {settings.host}:{settings.port}: {exc.strerror}") from exc
    port = sock.getsockname()[1]
    workers = max(1, args.workers if hasattr(os, "fork") else 1)
    if workers == 1:
        _announce(args, settings.host, port)
        _serve_on(sock, settings, args.log_level)
        return 0
    children = []
    for _ in range(workers):
        pid = os.fork()
        if pid == 0:  # a worker: its own database pool and caches, the shared socket
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            try:
                _serve_on(sock, settings, args.log_level)
            finally:
                os._exit(0)
        children.append(pid)
    _announce(args, settings.host, port, workers)

    def stop(signum: int, _frame: object) -> None:
        for child in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(child, signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for child in children:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(child, 0)
    return 0


def _announce(args: argparse.Namespace, host: str, port: int, workers: int = 1) -> None:
    if args.port_file:
        tmp = Path(args.port_file).with_suffix(".tmp")
        tmp.write_text(str(port))
        tmp.replace(args.port_file)
    plural = f" ({workers} worker processes)" if workers > 1 else ""
    print(f"Dossier server listening on http://{host}:{port}{plural}", flush=True)


def _serve_on(sock: socket.socket, settings: Settings, log_level: str) -> None:
    import uvicorn

    from .app import create_app

    config = uvicorn.Config(create_app(settings), log_level=log_level, access_log=False)
    uvicorn.Server(config).run(sockets=[sock])


def cmd_init(args: argparse.Namespace) -> int:
    from .domain.identity import IdentityError, ensure_tenant, ensure_user

    database = _database(_settings(args))
    password = _password(args)
    try:
        with database.writing() as session:
            tenant = ensure_tenant(session, args.tenant)
            _user, created = ensure_user(session, tenant, args.admin, password, roles=["admin"])
    except IdentityError as exc:
        raise CliError(str(exc)) from exc
    state = "created" if created else "exists already (password and roles updated)"
    print(f"tenant {args.tenant}: admin {args.admin} {state}")
    return 0


def cmd_create_user(args: argparse.Namespace) -> int:
    from .domain.identity import IdentityError, ensure_user, find_tenant

    database = _database(_settings(args))
    password = _password(args)
    try:
        with database.writing() as session:
            tenant = find_tenant(session, args.tenant)
            if tenant is None:
                raise CliError(f"no tenant {args.tenant}; run init first")
            _user, created = ensure_user(session, tenant, args.username, password,
                                         actor="cli", roles=args.role, groups=args.group,
                                         units=args.unit)
    except IdentityError as exc:
        raise CliError(str(exc)) from exc
    print(f"user {args.username} {'created' if created else 'updated'}")
    return 0


def _when(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise CliError(f"not a timestamp: {value}") from exc
    if parsed.tzinfo is None:
        raise CliError(f"give the timestamp with an offset: {value}")
    return parsed


def cmd_grant(args: argparse.Namespace) -> int:
    from .api.grants import resolve_principal
    from .domain.identity import IdentityError, add_grant, find_tenant
    from .fileclasses import load_file_classes
    from .problems import Problem

    settings = _settings(args)
    database = _database(settings)
    classes = [c.name for c in load_file_classes(settings.file_classes_dir).all()]
    scope_kind, _, scope_ref = args.scope.partition(":")
    try:
        with database.writing() as session:
            tenant = find_tenant(session, args.tenant)
            if tenant is None:
                raise CliError(f"no tenant {args.tenant}")
            kind, principal_id = resolve_principal(session, tenant.id, args.principal)
            grant = add_grant(session, tenant.id, actor="cli", principal_kind=kind,
                              principal_id=principal_id,
                              permissions=args.permissions.split(","), scope_kind=scope_kind,
                              scope_ref=scope_ref or None, valid_from=_when(args.valid_from),
                              valid_until=_when(args.valid_until), file_classes=classes)
            grant_id = grant.id
    except IdentityError as exc:
        raise CliError(str(exc)) from exc
    except Problem as exc:
        raise CliError(exc.detail) from exc
    print(grant_id)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from .blobstore import BlobStore
    from .demo.seed import seed_demo

    settings = _settings(args)
    database = _database(settings)
    report = seed_demo(database, BlobStore(settings.blob_dir), tenant_name=args.tenant,
                       customers=args.customers, per_customer=args.documents_per_customer,
                       admin_password=os.environ.get("DOSSIER_PASSWORD", "demo"))
    print(json.dumps(report))
    return 0


def cmd_verify_audit(args: argparse.Namespace) -> int:
    from .audit import verify_and_checkpoint
    from .audit_anchor import CheckpointLog, load_audit_key
    from .domain.identity import find_tenant

    settings = _settings(args)
    database = _database(settings)
    try:
        checkpoints = CheckpointLog(settings.audit_checkpoint_path, load_audit_key(settings))
    except (OSError, ValueError) as exc:
        raise CliError(f"audit key: {exc}") from exc
    with database.reader() as session:
        tenant = find_tenant(session, args.tenant)
        if tenant is None:
            raise CliError(f"no tenant {args.tenant}")
        report = verify_and_checkpoint(session, tenant.id, checkpoints)
    if report.ok:
        print(f"audit trail of {args.tenant} intact: {report.events} events, head {report.head}")
        return 0
    if report.problem == "checkpoint-signature":
        raise CliError(f"audit checkpoints forged: line {report.broken_at} of "
                       f"{settings.audit_checkpoint_path} is not signed with the audit key")
    raise CliError(f"audit trail of {args.tenant} broken at event {report.broken_at} "
                   f"({report.problem})")


def _search_context(args: argparse.Namespace) -> tuple[Any, str]:
    """The server context with its configured search backend (not started) and the id of
    tenant ``args.tenant``."""
    from .app import build_context
    from .domain.identity import find_tenant

    settings = _settings(args)
    try:
        context = build_context(settings, _database(settings))
    except ValueError as exc:
        raise CliError(f"configuration: {exc}") from exc
    if context.search is None:
        raise CliError("search is off (search_backend = \"off\")")
    with context.database.reader() as session:
        tenant = find_tenant(session, args.tenant)
        if tenant is None:
            raise CliError(f"no tenant {args.tenant}")
        return context, tenant.id


def cmd_reindex(args: argparse.Namespace) -> int:
    from .search import TantivyBackend

    context, tenant_id = _search_context(args)
    backend = context.search
    if isinstance(backend, TantivyBackend) and not backend.acquire_writer():
        raise CliError("the search index is being written by a running server; stop it "
                       "first (it rebuilds a deleted index folder on start)")
    try:
        cursor = backend.rebuild(tenant_id)
    finally:
        backend.stop()
    print(f"search index of {args.tenant} rebuilt up to change {cursor}")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    """A search as the tenant's administrator: every document of the tenant."""
    import html

    from .api.search import run_search
    from .problems import Problem
    from .rights import PERMISSIONS, Actor, EffectiveGrant

    context, tenant_id = _search_context(args)
    admin = Actor(user_id="cli", username="dossier-server", tenant_id=tenant_id,
                  grants=[EffectiveGrant(frozenset(PERMISSIONS), "tenant", None)],
                  roles=["admin"])
    try:
        with context.database.reader() as session:
            answer = run_search(context, admin, session, args.query, field="query",
                                sort=args.sort, group_by=None, limit=args.limit, cursor=None)
    except Problem as exc:
        if exc.code == "index-building":
            raise CliError(f"the search index of {args.tenant} is not built yet: start the "
                           "server (it builds it) or run reindex") from exc
        raise CliError(exc.detail) from exc
    if args.json:
        print(json.dumps(answer, ensure_ascii=False, indent=2))
        return 0
    for hit in answer["items"]:
        document = hit["document"]
        snippet = html.unescape(hit["snippet"].replace("<mark>", "").replace("</mark>", ""))
        print("\t".join([hit["file"]["key"], document["type"], document["title"],
                         str(document["created_at"])[:10], snippet]))
    shown = len(answer["items"])
    print(f"{answer['total']} documents" + (f" ({shown} shown)" if shown < answer["total"]
                                            else ""))
    return 0


def _limit(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 1000:
        raise argparse.ArgumentTypeError(f"a number from 1 to 1000, not {text!r}")
    return value


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", type=Path, help="data directory (DOSSIER_DATA_DIR)")
    common.add_argument("--config", type=Path, help="config file (default <data dir>/server.toml)")
    parser = argparse.ArgumentParser(prog="dossier-server", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", parents=[common], help="run the HTTP server")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument("--port-file", type=Path, help="write the bound port here (for --port 0)")
    serve.add_argument("--log-level", default="warning")
    serve.add_argument("--workers", type=int, default=1,
                       help="server processes sharing the port (stateless; POSIX only)")
    serve.add_argument("--nice", type=int, default=0, metavar="N",
                       help="run N steps nicer (the desktop's embedded server yields the CPU "
                            "to the window)")
    serve.set_defaults(run=cmd_serve)

    def with_password(p: argparse.ArgumentParser) -> None:
        p.add_argument("--password", help="or --password-stdin, or DOSSIER_PASSWORD")
        p.add_argument("--password-stdin", action="store_true")

    init = sub.add_parser("init", parents=[common], help="create database, tenant and admin")
    init.add_argument("--tenant", required=True)
    init.add_argument("--admin", required=True)
    with_password(init)
    init.set_defaults(run=cmd_init)

    user = sub.add_parser("create-user", parents=[common], help="create or update a user")
    user.add_argument("--tenant", required=True)
    user.add_argument("--username", required=True)
    with_password(user)
    for flag in ("role", "group", "unit"):
        user.add_argument(f"--{flag}", action="append", default=[])
    user.set_defaults(run=cmd_create_user)

    grant = sub.add_parser("grant", parents=[common], help="grant permissions on a scope")
    grant.add_argument("--tenant", required=True)
    grant.add_argument("--principal", required=True, help="user:NAME, group:, role: or unit:")
    grant.add_argument("--permissions", required=True, help="comma-separated, e.g. read,create")
    grant.add_argument("--scope", default="tenant",
                       help="tenant | file_class:NAME | file:ID | register:ID | document:ID")
    grant.add_argument("--valid-from")
    grant.add_argument("--valid-until")
    grant.set_defaults(run=cmd_grant)

    demo = sub.add_parser("demo", parents=[common], help="seed demo customers and documents")
    demo.add_argument("--tenant", default="demo")
    demo.add_argument("--customers", type=int, default=60)
    demo.add_argument("--documents-per-customer", type=int, default=20)
    demo.set_defaults(run=cmd_demo)

    verify = sub.add_parser("verify-audit", parents=[common], help="verify the audit chain")
    verify.add_argument("--tenant", required=True)
    verify.set_defaults(run=cmd_verify_audit)

    reindex = sub.add_parser("reindex", parents=[common],
                             help="rebuild a tenant's search index from the database")
    reindex.add_argument("--tenant", required=True)
    reindex.set_defaults(run=cmd_reindex)

    search = sub.add_parser("search", parents=[common],
                            help="search a tenant's documents as its administrator")
    search.add_argument("--tenant", required=True)
    search.add_argument("query", help="the query language of API.md, e.g. 'type:invoice "
                                      "amount>100'")
    search.add_argument("--json", action="store_true", help="the API's answer as JSON")
    search.add_argument("--limit", type=_limit, default=20, help="hits to show (1-1000)")
    search.add_argument("--sort", default="relevance",
                        help="relevance, created, -created or a field (- descending: "
                             "--sort=-amount)")
    search.set_defaults(run=cmd_search)
    return parser


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = _parser().parse_args(argv)
    try:
        code: int = args.run(args)
        return code
    except CliError as exc:
        print(f"dossier-server: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
