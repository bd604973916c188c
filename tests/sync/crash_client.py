"""A real client process for the kill -9 tests: a scripted offline session and a check-in.

    python crash_client.py run|resume URL HOME KEY INVOICE_ID NOTE_ID

``run`` plays the whole session: check out ``KEY``, a colleague (bob) changes the invoice's
due date on the server, then offline: two new documents, index values, new versions, the
deletion of a note, a cover change; then a sync and the check-in. ``DOSSIER_FAULT`` (see
``sync.faults``) kills it with SIGKILL somewhere on the way.

``resume`` is the same user restarting the program on the same replica: every step journaled as
done is skipped (its effect must already be in the replica, or on the server: redoing it would
hide a lost edit); the step that was running at the kill is done again only if the replica does
not show it (it committed or it did not, never half); then the rest, the sync and the check-in.
The end state is therefore the same whatever the kill point, and the test compares the server
with it. ``resume`` prints a JSON summary of the replica on stdout.

The password comes from ``DOSSIER_PASSWORD``; nothing here needs the test's process.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

USER = "alice"
COLLEAGUE = "bob"
TENANT = "acme"
DEVICE = "crash-laptop"

#: What the session writes; the test derives the expected server state from these.
ORDER_TITLE = "Pedido P-9"
ORDER_INDEX = {"number": "P-9", "date": "2026-06-01"}
ORDER_MORE = {"amount": "42.00", "currency": "EUR"}
LETTER_TITLE = "Carta oferta"
LETTER_INDEX = {"date": "2026-06-02", "subject": "Oferta"}
CONTENT = {
    "order": b"%PDF-1.4 order P-9",
    "letter-1": b"Dear customer, version 1",
    "letter-2": b"Dear customer, version 2 (signed)",
    "invoice-2": b"%PDF-1.4 Factura 1 corrected",
}
FILENAMES = {"order": "pedido.pdf", "letter-1": "carta.txt", "letter-2": "carta.txt",
             "invoice-2": "f1.pdf"}
INVOICE_MINE = {"paid": True}
INVOICE_THEIRS = {"due_date": "2026-06-30"}
COVER = {"city": "Cádiz", "phone": "+34 956 000 000"}
STEPS = ("checkout", "colleague", "add_order", "add_letter", "index_invoice", "index_order",
         "version_invoice", "version_letter", "delete_note", "cover", "sync", "checkin")


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Session:
    def __init__(self, url: str, home: Path, key: str, invoice: str, note: str) -> None:
        from sync.engine import Engine
        from sync.remote import RemoteClient
        from sync.replica import Replica

        self.url, self.home, self.key = url, home, key
        self.invoice, self.note = invoice, note
        self.password = os.environ["DOSSIER_PASSWORD"]
        remote = RemoteClient(url, retries=2, backoff=0.01)
        remote.login(USER, self.password, TENANT)
        self.replica = Replica(home / "replica.sqlite3")
        self.engine = Engine(remote, self.replica, device_id=DEVICE, files_dir=home / "files")
        self.journal_path = home / "journal.jsonl"
        self.ids: dict[str, str] = {}
        self.done: list[str] = []
        if self.journal_path.exists():
            for line in self.journal_path.read_text(encoding="utf-8").splitlines():
                entry = json.loads(line)
                self.done.append(entry["step"])
                self.ids.update(entry.get("ids", {}))

    def journal(self, step: str) -> None:
        with self.journal_path.open("a", encoding="utf-8") as out:
            out.write(json.dumps({"step": step, "ids": self.ids}) + "\n")
            out.flush()
            os.fsync(out.fileno())

    def source(self, name: str) -> Path:
        """The file the user saves from Word or scans (a fresh copy each time)."""
        path = self.home / "src" / name / FILENAMES[name]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(CONTENT[name])
        return path

    # the replica's view, for the step that was running at the kill -------------------------

    def local_file(self) -> Any:
        from sqlalchemy import select

        from sync.replica import LocalFile

        with self.replica.transaction() as session:
            return session.scalar(select(LocalFile).where(LocalFile.key == self.key))

    def local_doc(self, doc_id: str | None = None, *, title: str | None = None) -> Any:
        from sqlalchemy import select

        from sync.replica import LocalDocument

        with self.replica.transaction() as session:
            if doc_id is not None:
                return session.get(LocalDocument, doc_id)
            return session.scalar(select(LocalDocument).where(LocalDocument.title == title))

    def shows(self, step: str) -> bool:
        """Whether the replica shows the effect of ``step`` (for the interrupted step)."""
        file = self.local_file()
        if step == "checkout":
            return file is not None
        if step == "colleague":
            return False  # idempotent by itself
        if step in ("add_order", "add_letter"):
            title = ORDER_TITLE if step == "add_order" else LETTER_TITLE
            doc = self.local_doc(title=title)
            if doc is not None:
                self.ids[step[4:]] = doc.id
            return doc is not None
        if step == "index_invoice":
            return bool(self.local_doc(self.invoice).index.get("paid"))
        if step == "index_order":
            return self.local_doc(self.ids["order"]).index.get("amount") is not None
        if step in ("version_invoice", "version_letter"):
            return False  # the same content again is no new version: idempotent by itself
        if step == "delete_note":
            doc = self.local_doc(self.note)
            return doc is None or doc.state == "deleted"
        if step == "cover":
            return bool(file.cover.get("city") == COVER["city"])
        if step == "checkin":  # released and the working folder tidied
            return file is not None and file.checkout_id is None and file.working_dir is None
        return False  # sync: always again

    # the steps -----------------------------------------------------------------------------

    def step(self, name: str) -> None:
        from sync import outbox

        if name == "checkout":
            self.engine.checkout(self.key)
        elif name == "colleague":
            self.colleague()
        elif name == "add_order":
            self.ids["order"] = outbox.add_document(
                self.replica, key=self.key, path=self.source("order"), register="orders",
                doc_type="order", title=ORDER_TITLE, index=ORDER_INDEX)
        elif name == "add_letter":
            self.ids["letter"] = outbox.add_document(
                self.replica, key=self.key, path=self.source("letter-1"),
                register="correspondence", doc_type="letter", title=LETTER_TITLE,
                index=LETTER_INDEX)
        elif name == "index_invoice":
            outbox.set_index(self.replica, self.invoice, INVOICE_MINE)
        elif name == "index_order":
            outbox.set_index(self.replica, self.ids["order"], ORDER_MORE)
        elif name == "version_invoice":
            outbox.new_version(self.replica, self.invoice, self.source("invoice-2"),
                               comment="corrected")
        elif name == "version_letter":
            outbox.new_version(self.replica, self.ids["letter"], self.source("letter-2"),
                               comment="signed")
        elif name == "delete_note":
            outbox.delete_document(self.replica, self.note)
        elif name == "cover":
            outbox.update_cover(self.replica, self.key, COVER)
        elif name == "sync":
            report = self.engine.sync()
            if report.offline:
                raise SystemExit("the sync found the server offline")
        elif name == "checkin":
            self.engine.checkin(self.key)

    def colleague(self) -> None:
        """Bob, at the office, sets the invoice's due date (once)."""
        import httpx

        token = os.environ.get("DOSSIER_COLLEAGUE_TOKEN") or httpx.post(
            f"{self.url}/api/v1/auth/token", timeout=30, data={
                "username": COLLEAGUE, "password": self.password, "tenant": TENANT,
            }).json()["access_token"]
        with httpx.Client(base_url=f"{self.url}/api/v1", timeout=30,
                          headers={"Authorization": f"Bearer {token}"}) as bob:
            doc = bob.get(f"/documents/{self.invoice}").json()
            if doc["index"].get("due_date") == INVOICE_THEIRS["due_date"]:
                return
            answer = bob.patch(f"/documents/{self.invoice}", json={"index": INVOICE_THEIRS},
                               headers={"If-Match": doc["etag"]})
            answer.raise_for_status()

    def play(self, *, resume: bool) -> None:
        interrupted = True
        for name in STEPS:
            if name in self.done:
                continue
            if resume and interrupted and self.shows(name):
                self.journal(name)
                interrupted = False
                continue
            interrupted = False
            self.step(name)
            self.journal(name)

    def summary(self) -> dict[str, Any]:
        from sqlalchemy import select

        from sync.replica import LocalDocument, LocalVersion

        engine = self.engine
        with self.replica.transaction() as session:
            docs = list(session.scalars(select(LocalDocument).where(
                LocalDocument.state != "deleted")))
        missing = [d.id for d in docs
                   if d.sha256 and not self.replica.cache_path(d.sha256).exists()]
        with self.replica.transaction() as session:
            versions = {(v.document_id, v.sha256) for v in session.scalars(select(LocalVersion))}
        # while checked out, working copies: each one whole version of its document (never
        # half-written), the current one unless noted as stale; nothing else visible in the
        # working folders. Checked in: nothing visible is left (the check-in removed the
        # copies, none was edited) but the deleted note's copy when the deletion was killed
        # before it removed it
        file = self.local_file()
        checked_out = file is not None and file.checkout_id is not None
        bad: list[str] = []
        stale: list[str] = []
        for doc in docs if checked_out else []:
            path = Path(doc.working_path) if doc.working_path else None
            if path is None or not path.is_file():
                bad.append(doc.title)
                continue
            content = sha(path.read_bytes())
            if content != doc.sha256:
                (stale if (doc.id, content) in versions else bad).append(doc.title)
        known = {Path(d.working_path) for d in docs if d.working_path} if checked_out else set()
        stray = [str(p) for p in (self.home / "files").rglob("*")
                 if p.is_file() and p not in known and not p.name.startswith(".")
                 and f"[{self.note[:8]}]" not in p.name]
        return {"ids": self.ids, "pending": engine.pending_count(),
                "conflicts": [c.kind for c in engine.conflicts()],
                "reports": [c.kind for c in engine.reports()],
                "checked_out": checked_out,
                "documents": sorted(d.title for d in docs), "missing_content": missing,
                "bad_working_copies": bad, "stale_working_copies": stale,
                "stray_files": stray,
                "cover": file.cover if file is not None else None}

    def close(self) -> None:
        self.engine.remote.close()
        self.replica.close()


def zygote() -> int:
    """Serve runs as forks of this process, which has paid the imports once (``forks``)."""
    import httpx  # noqa: F401  (the expensive imports, once)
    import sqlalchemy  # noqa: F401

    import sync.engine
    import sync.outbox  # noqa: F401
    from tests.sync.forks import serve_forks

    return serve_forks(main)


def main(argv: list[str]) -> int:
    if argv == ["zygote"]:
        return zygote()
    mode, url, home, key, invoice, note = argv
    session = Session(url, Path(home), key, invoice, note)
    try:
        session.play(resume=mode == "resume")
        if mode == "resume":
            print(json.dumps(session.summary()))
    finally:
        session.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
