"""The durable certificate register: one SQLite file per workshop in ``registers/``, outside ``build/``.

Every certificate number ever issued is kept here, with every version of what was printed
and an append-only history (issued, corrected, revoked, re-issued, imported: who, when, what
changed). Issuing runs in one ``BEGIN IMMEDIATE`` transaction, so two builds at once never give
two people one number and a build killed mid-issue leaves the register as before or fully updated.
A build issues with ``pending=True`` and commits only after its new output folder is in place.
Versions and history cannot be updated or deleted (triggers refuse it).
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import socket
import sqlite3
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from builder.check.diagnostics import UserError, display_path
from builder.domain.signing import Claims, SigningKey, b64url, make_token, unb64url

SCHEMA_VERSION = 1
LOCK_TIMEOUT = 15.0  # seconds to wait for another build holding the register
FIELDS = ("name", "nip", "position", "agency", "role")

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS keys (kid TEXT PRIMARY KEY, public TEXT NOT NULL, added_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS certificates (
    seq INTEGER PRIMARY KEY, number TEXT NOT NULL UNIQUE, person_key TEXT NOT NULL UNIQUE,
    version INTEGER NOT NULL, status TEXT NOT NULL CHECK (status IN ('valid', 'revoked')),
    listed INTEGER NOT NULL DEFAULT 1);
CREATE TABLE IF NOT EXISTS versions (
    seq INTEGER NOT NULL REFERENCES certificates(seq), version INTEGER NOT NULL,
    name TEXT NOT NULL, nip TEXT NOT NULL, position TEXT NOT NULL, agency TEXT NOT NULL, role TEXT NOT NULL,
    event TEXT NOT NULL, first_day TEXT NOT NULL, last_day TEXT NOT NULL, jp TEXT NOT NULL,
    token TEXT NOT NULL, kid TEXT NOT NULL, issued_at TEXT NOT NULL, PRIMARY KEY (seq, version));
CREATE TABLE IF NOT EXISTS history (
    id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
    seq INTEGER, version INTEGER, details TEXT NOT NULL);
CREATE TRIGGER IF NOT EXISTS versions_no_update BEFORE UPDATE ON versions
    BEGIN SELECT RAISE(ABORT, 'certificate versions are append-only'); END;
CREATE TRIGGER IF NOT EXISTS versions_no_delete BEFORE DELETE ON versions
    BEGIN SELECT RAISE(ABORT, 'certificate versions are append-only'); END;
CREATE TRIGGER IF NOT EXISTS history_no_update BEFORE UPDATE ON history
    BEGIN SELECT RAISE(ABORT, 'the register history is append-only'); END;
CREATE TRIGGER IF NOT EXISTS history_no_delete BEFORE DELETE ON history
    BEGIN SELECT RAISE(ABORT, 'the register history is append-only'); END;
CREATE TRIGGER IF NOT EXISTS certificates_no_delete BEFORE DELETE ON certificates
    BEGIN SELECT RAISE(ABORT, 'certificate numbers are never deleted'); END;
"""


@dataclass(frozen=True)
class Event:
    """Workshop-level fields bound into every token: event id, first and last day, JP."""

    event: str
    first_day: str
    last_day: str
    jp: str


@dataclass(frozen=True)
class Issue:
    """One person to issue for: their stable key and the printed fields."""

    key: str
    name: str
    nip: str = ""
    position: str = ""
    agency: str = ""
    role: str = "peserta"

    def fields(self) -> dict[str, str]:
        """The printed per-person fields."""
        return {name: getattr(self, name) for name in FIELDS}


@dataclass(frozen=True)
class Version:
    """One version of a certificate as it was printed and signed."""

    version: int
    name: str
    nip: str
    position: str
    agency: str
    role: str
    event: str
    first_day: str
    last_day: str
    jp: str
    token: str
    kid: str
    issued_at: str

    def fields(self) -> dict[str, str]:
        """The printed per-person fields."""
        return {name: getattr(self, name) for name in FIELDS}


@dataclass(frozen=True)
class Record:
    """A certificate number with its current state and every version."""

    seq: int
    number: str
    key: str
    version: int
    status: str  # valid | revoked
    listed: bool
    versions: tuple[Version, ...] = ()

    @property
    def current(self) -> Version:
        """The version in force."""
        return next(v for v in self.versions if v.version == self.version)

    def status_of(self, version: int) -> str:
        """``valid``, ``replaced`` or ``revoked`` for one version."""
        if version < self.version:
            return "replaced"
        return "revoked" if self.status == "revoked" else "valid"


@dataclass
class IssueResult:
    """What an issue run gave: records by person key, and warnings to show."""

    records: dict[str, Record]
    warnings: list[str] = field(default_factory=list)
    new: int = 0


def register_path(root: Path, workshop_id: str) -> Path:
    """``registers/<workshop-id>.sqlite3`` in the project folder."""
    return root / "registers" / f"{workshop_id}.sqlite3"


def actor() -> str:
    """Who runs this: ``user@host``."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "unknown"
    return f"{user}@{socket.gethostname()}"


def now() -> str:
    """The current UTC time, ISO 8601 to the second."""
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def _fix_hint(path: Path) -> str:
    return (f"restore {display_path(path)} from your backup (the damaged file was left untouched); "
            "certificate numbers already printed are only in that file")


class Register:
    """An open register file."""

    def __init__(self, path: Path, connection: sqlite3.Connection, timeout: float = LOCK_TIMEOUT,
                 on_wait: Callable[[float], None] | None = None) -> None:
        self.path = path
        self.db = connection
        self.timeout = timeout  # seconds :meth:`begin` waits for another holder of the write lock
        self.on_wait = on_wait  # told ``on_wait(timeout)`` when the write lock is not free at once

    # --- opening --------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, create: bool = False, timeout: float | None = None,
             on_wait: Callable[[float], None] | None = None) -> "Register | None":
        """Open (or with ``create`` make) the register at ``path``; None when absent and not creating.

        ``on_wait(timeout)`` is called when taking the write lock has to wait for another build.
        """
        if not path.exists() and not create:
            return None
        if create:
            path.parent.mkdir(parents=True, exist_ok=True)
        try:
            if path.exists():
                with open(path, "rb") as handle:
                    head = handle.read(16)
                if head and head != b"SQLite format 3\x00":
                    raise sqlite3.DatabaseError("file is not a database")
            wait = LOCK_TIMEOUT if timeout is None else timeout
            connection = sqlite3.connect(str(path), timeout=wait, isolation_level=None)
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute("PRAGMA synchronous = FULL")
            register = cls(path, connection, wait, on_wait)
            register._check()
            return register
        except sqlite3.OperationalError as error:
            raise cls._operational(path, error) from None
        except sqlite3.DatabaseError as error:
            raise UserError(f"{display_path(path)}: the certificate register is damaged ({error})",
                            _fix_hint(path)) from None

    @staticmethod
    def _operational(path: Path, error: sqlite3.OperationalError) -> UserError:
        """A UserError for a locked or unreadable register."""
        if "locked" in str(error) or "busy" in str(error):
            return UserError(f"{display_path(path)}: the certificate register is in use by another build or command",
                             "wait until it finishes and run this again; nothing was changed")
        return UserError(f"{display_path(path)}: the certificate register cannot be opened ({error})",
                         "check the file's permissions and free disk space; nothing was changed")

    def _check(self) -> None:
        """Refuse damaged registers and registers written by a newer version."""
        result = self.db.execute("PRAGMA quick_check").fetchone()
        if not result or result[0] != "ok":
            raise sqlite3.DatabaseError(f"integrity check: {result[0] if result else 'no answer'}")
        tables = {row[0] for row in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "meta" in tables:
            row = self.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            version = int(row[0]) if row and str(row[0]).isdigit() else 0
            if version > SCHEMA_VERSION:
                raise UserError(f"{display_path(self.path)}: the certificate register was written by a newer "
                                f"version of humas-workshop (register format {version}, this version reads "
                                f"{SCHEMA_VERSION})", "upgrade: pip install -U humas-workshop; the register was not changed")

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` ... ``COMMIT`` (rolled back on any error)."""
        with self._pending_transaction() as db:
            yield db
        self.commit()

    def begin(self) -> None:
        """``BEGIN IMMEDIATE``: take the register's write lock, waiting up to ``timeout`` for another build.

        With ``on_wait`` the lock is first tried without waiting; when another build holds it,
        ``on_wait(timeout)`` says so before the wait starts.
        """
        try:
            if self.on_wait is None or not self._begin_at_once():
                if self.on_wait is not None:
                    self.on_wait(self.timeout)
                self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise self._operational(self.path, error) from None

    def _begin_at_once(self) -> bool:
        """Try ``BEGIN IMMEDIATE`` without waiting; False when another connection holds the write lock."""
        self.db.execute("PRAGMA busy_timeout = 0")
        try:
            self.db.execute("BEGIN IMMEDIATE")
            return True
        except sqlite3.OperationalError as error:
            if "locked" in str(error) or "busy" in str(error):
                return False
            raise
        finally:
            self.db.execute(f"PRAGMA busy_timeout = {round(self.timeout * 1000)}")

    def commit(self) -> None:
        """Make the open transaction durable (it is rolled back when that fails)."""
        try:
            self.db.execute("COMMIT")
        except sqlite3.OperationalError as error:
            self.db.execute("ROLLBACK")
            raise self._operational(self.path, error) from None

    def rollback(self) -> None:
        """Undo the open transaction, if there is one."""
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")

    @property
    def pending(self) -> bool:
        """True while an issue waits for :meth:`commit` (see ``issue(..., pending=True)``)."""
        return self.db.in_transaction

    def _ensure_schema(self, workshop: str) -> None:
        """Create the tables (inside the open transaction)."""
        for statement in _statements(SCHEMA):
            self.db.execute(statement)
        self.db.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        self.db.execute("INSERT OR IGNORE INTO meta VALUES ('workshop', ?)", (workshop,))
        self.db.execute("INSERT OR IGNORE INTO meta VALUES ('created_at', ?)", (now(),))

    # --- reading --------------------------------------------------------------------------

    def has_tables(self) -> bool:
        """True once the register holds its tables."""
        return self.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'certificates'").fetchone() is not None

    def meta(self, key: str) -> str | None:
        """A value of the meta table."""
        if not self.has_tables():
            return None
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def public_keys(self) -> dict[str, bytes]:
        """Every public key that ever signed in this register, by key id."""
        if not self.has_tables():
            return {}
        return {kid: unb64url(public) for kid, public in self.db.execute("SELECT kid, public FROM keys ORDER BY added_at, kid")}

    def records(self) -> list[Record]:
        """Every certificate with its versions, by sequence number."""
        if not self.has_tables():
            return []
        versions: dict[int, list[Version]] = {}
        for row in self.db.execute("SELECT seq, version, name, nip, position, agency, role, event, first_day, last_day, "
                                   "jp, token, kid, issued_at FROM versions ORDER BY seq, version"):
            versions.setdefault(row[0], []).append(Version(*row[1:]))
        return [Record(seq, number, key, version, status, bool(listed), tuple(versions.get(seq, ())))
                for seq, number, key, version, status, listed in
                self.db.execute("SELECT seq, number, person_key, version, status, listed FROM certificates ORDER BY seq")]

    def find(self, number: str) -> Record | None:
        """The certificate with ``number``."""
        return next((r for r in self.records() if r.number == number), None)

    def history(self, seq: int | None = None) -> list[dict]:
        """The history, oldest first (of one certificate when ``seq`` is given)."""
        if not self.has_tables():
            return []
        query = "SELECT id, at, actor, action, seq, version, details FROM history"
        rows = self.db.execute(query + (" WHERE seq = ? ORDER BY id" if seq is not None else " ORDER BY id"),
                               (() if seq is None else (seq,)))
        return [{"id": i, "at": at, "actor": who, "action": action, "seq": s, "version": v, "details": json.loads(d)}
                for i, at, who, action, s, v, d in rows]

    # --- writing --------------------------------------------------------------------------

    def _log(self, action: str, seq: int | None, version: int | None, details: dict, who: str, at: str) -> None:
        self.db.execute("INSERT INTO history (at, actor, action, seq, version, details) VALUES (?, ?, ?, ?, ?, ?)",
                        (at, who, action, seq, version, json.dumps(details, ensure_ascii=False, sort_keys=True)))

    def _add_key(self, key: SigningKey, who: str, at: str) -> None:
        if self.db.execute("SELECT 1 FROM keys WHERE kid = ?", (key.kid,)).fetchone() is None:
            self.db.execute("INSERT INTO keys VALUES (?, ?, ?)", (key.kid, b64url(key.public), at))
            self._log("key-added", None, None, {"kid": key.kid}, who, at)

    def _add_version(self, seq: int, number: str, version: int, fields: dict[str, str], event: Event,
                     key: SigningKey, at: str) -> None:
        claims = Claims(number, fields["name"], fields["role"], event.event, event.first_day, event.last_day,
                        event.jp, version)
        self.db.execute("INSERT INTO versions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (seq, version, *(fields[f] for f in FIELDS), event.event, event.first_day, event.last_day,
                         event.jp, make_token(key, claims), key.kid, at))

    def issue(self, people: list[Issue], event: Event, key: SigningKey, number_of: Callable[[int], str],
              legacy: list[dict] | None = None, pending: bool = False) -> IssueResult:
        """Give every person a number (keeping every number issued before) in one transaction.

        With ``pending`` the transaction stays open: this connection reads the new numbers (for
        the certificates, exports and the verification page of the same build), other
        connections do not, and nothing is on disk until :meth:`commit` (a :meth:`rollback`, a
        failed build or a killed process leaves the register as it was).
        """
        who, at = actor(), now()
        warnings: list[str] = []
        new = 0
        with self.transaction() if not pending else self._pending_transaction():
            self._ensure_schema(event.event)
            known = [kid for (kid,) in self.db.execute("SELECT kid FROM keys")]
            if known and key.kid not in known:
                warnings.append(f"signing with a new key {key.kid} ({display_path(key.path)}); this register was signed "
                                f"with {', '.join(known)} before. Certificates signed earlier keep verifying (every key "
                                "is published); if this is not the key you meant, restore the right one and rebuild")
            self._add_key(key, who, at)
            if legacy and self.meta("legacy_import") is None:
                self._import_legacy(legacy, people, event, key, who, at)
            existing = {k: (seq, number, version, status) for seq, number, k, version, status in
                        self.db.execute("SELECT seq, number, person_key, version, status FROM certificates")}
            next_seq = (self.db.execute("SELECT MAX(seq) FROM certificates").fetchone()[0] or 0) + 1
            for person in people:
                if person.key in existing:
                    continue
                number = number_of(next_seq)
                if self.db.execute("SELECT 1 FROM certificates WHERE number = ?", (number,)).fetchone():
                    raise UserError(f"certificate.number_pattern gives the number {number!r} twice",
                                    "put {seq} (e.g. {seq:03d}) in certificate.number_pattern; nothing was issued")
                self.db.execute("INSERT INTO certificates VALUES (?, ?, ?, 1, 'valid', 1)", (next_seq, number, person.key))
                self._add_version(next_seq, number, 1, person.fields(), event, key, at)
                self._log("issued", next_seq, 1, {"number": number, **person.fields()}, who, at)
                existing[person.key] = (next_seq, number, 1, "valid")
                next_seq += 1
                new += 1
            listed = {p.key for p in people}
            self.db.execute("UPDATE certificates SET listed = 0 WHERE listed = 1")
            self.db.executemany("UPDATE certificates SET listed = 1 WHERE person_key = ?", [(k,) for k in listed])
        by_key = {r.key: r for r in self.records()}
        for person in people:
            warnings.extend(_differences(by_key[person.key], person, event))
        return IssueResult({p.key: by_key[p.key] for p in people}, warnings, new)

    @contextmanager
    def _pending_transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` left open for :meth:`commit` or :meth:`rollback` (rolled back on any error)."""
        self.begin()
        try:
            yield self.db
        except BaseException:
            self.rollback()
            raise

    def _import_legacy(self, legacy: list[dict], people: list[Issue], event: Event, key: SigningKey,
                       who: str, at: str) -> None:
        """Take over the numbers of an old ``build/.../register.json`` (once, into an empty register)."""
        if self.db.execute("SELECT COUNT(*) FROM certificates").fetchone()[0]:
            return
        positions = {p.key: p.position for p in people}
        for entry in sorted(legacy, key=lambda e: int(e["seq"])):
            fields = {"name": str(entry.get("name", "")), "nip": str(entry.get("nip", "")),
                      "position": positions.get(entry["key"], ""), "agency": str(entry.get("agency", "")),
                      "role": str(entry.get("role", "peserta"))}
            seq, number = int(entry["seq"]), str(entry["number"])
            self.db.execute("INSERT INTO certificates VALUES (?, ?, ?, 1, 'valid', ?)",
                            (seq, number, str(entry["key"]), 1 if entry.get("active", True) else 0))
            self._add_version(seq, number, 1, fields, event, key, at)
            self._log("imported", seq, 1, {"number": number, "from": "register.json", **fields}, who, at)
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('legacy_import', ?)", (at,))

    def correct(self, number: str, changes: dict[str, str], key: SigningKey, event: Event | None = None) -> Record:
        """Issue the next version of certificate ``number`` with ``changes`` to its printed fields."""
        who, at = actor(), now()
        with self.transaction():
            record = self._require(number)
            if record.status == "revoked":
                raise UserError(f"certificate {number} is revoked", f"re-issue it first: workshop certificates reissue {number!r}")
            current = record.current
            fields = {**current.fields(), **{k: v for k, v in changes.items() if v is not None}}
            diff = {k: [current.fields()[k], v] for k, v in fields.items() if current.fields()[k] != v}
            if not diff:
                raise UserError(f"certificate {number} already says that", "give a field that differs, e.g. --name \"...\"")
            event = event or Event(current.event, current.first_day, current.last_day, current.jp)
            self._add_key(key, who, at)
            version = record.version + 1
            self._add_version(record.seq, number, version, fields, event, key, at)
            self.db.execute("UPDATE certificates SET version = ? WHERE seq = ?", (version, record.seq))
            self._log("corrected", record.seq, version, {"number": number, "replaces": record.version, "changes": diff},
                      who, at)
        return self.find(number)

    def revoke(self, number: str, reason: str) -> Record:
        """Revoke certificate ``number`` (its current version)."""
        who, at = actor(), now()
        with self.transaction():
            record = self._require(number)
            if record.status == "revoked":
                raise UserError(f"certificate {number} is already revoked", "see `workshop certificates history`")
            self.db.execute("UPDATE certificates SET status = 'revoked' WHERE seq = ?", (record.seq,))
            self._log("revoked", record.seq, record.version, {"number": number, "reason": reason}, who, at)
        return self.find(number)

    def reissue(self, number: str, key: SigningKey) -> Record:
        """Re-issue a revoked certificate as a new version with the same fields."""
        who, at = actor(), now()
        with self.transaction():
            record = self._require(number)
            if record.status != "revoked":
                raise UserError(f"certificate {number} is not revoked", "only revoked certificates can be re-issued")
            current = record.current
            self._add_key(key, who, at)
            version = record.version + 1
            event = Event(current.event, current.first_day, current.last_day, current.jp)
            self._add_version(record.seq, number, version, current.fields(), event, key, at)
            self.db.execute("UPDATE certificates SET version = ?, status = 'valid' WHERE seq = ?", (version, record.seq))
            self._log("reissued", record.seq, version, {"number": number, "replaces": record.version}, who, at)
        return self.find(number)

    def _require(self, number: str) -> Record:
        record = self.find(number) if self.has_tables() else None
        if record is None:
            raise UserError(f"certificate number {number!r} is not in {display_path(self.path)}",
                            "copy the number exactly as printed; `workshop certificates history` lists them")
        return record


def _statements(script: str) -> list[str]:
    """Split the schema into statements (triggers contain ';' inside BEGIN ... END)."""
    statements, current = [], []
    for line in script.strip().splitlines():
        current.append(line)
        text = "\n".join(current).strip()
        if text.endswith(";") and (not text.upper().startswith("CREATE TRIGGER") or text.upper().endswith("END;")):
            statements.append(text)
            current = []
    return statements


def _differences(record: Record, person: Issue, event: Event) -> list[str]:
    """Warnings when the roster or agenda no longer match what was issued under a number."""
    current = record.current
    warnings = []
    changed = {k: (current.fields()[k], v) for k, v in person.fields().items() if current.fields()[k] != v}
    if changed:
        what = "; ".join(f"{k} {old!r} -> {new!r}" for k, (old, new) in changed.items())
        options = " ".join(f'--{k} "{new}"' for k, (old, new) in changed.items())
        warnings.append(f"{record.number} was issued (version {record.version}) with other details than the roster "
                        f"now has ({what}); the certificate keeps the issued details. To issue a corrected version: "
                        f"workshop certificates correct \"{record.number}\" {options}")
    if (current.first_day, current.last_day, current.jp) != (event.first_day, event.last_day, event.jp):
        warnings.append(f"{record.number} was issued for {current.first_day}–{current.last_day}, {current.jp} JP, but the "
                        f"curriculum now says {event.first_day}–{event.last_day}, {event.jp} JP: correct the "
                        "curriculum, or issue corrected versions")
    return warnings


def export_json(register: Register, workshop: str, title: str) -> str:
    """The register as readable JSON (an export; the SQLite file is the register)."""
    certificates = []
    for record in register.records():
        current = record.current
        certificates.append({"seq": record.seq, "number": record.number, "key": record.key, "version": record.version,
                             "status": record.status, "listed": record.listed, **current.fields(),
                             "issued_at": current.issued_at, "token": current.token,
                             "versions": [asdict(v) | {"status": record.status_of(v.version)} for v in record.versions]})
    head = {"format": "humas-workshop-register-export/1", "workshop": workshop, "title": title,
            "register": display_path(register.path), "keys": {k: b64url(v) for k, v in register.public_keys().items()}}

    def rows(items: list[dict]) -> str:  # one item per line: readable, diffable, and fast (C encoder)
        return ",\n".join("  " + json.dumps(item, ensure_ascii=False) for item in items)

    header = json.dumps(head, ensure_ascii=False)[:-1]
    return (f'{header},\n"certificates": [\n{rows(certificates)}\n],\n'
            f'"history": [\n{rows(register.history())}\n]}}\n')


def export_csv(register: Register, locale=None) -> str:
    """The register's current versions as CSV, headed in ``locale``'s language (default Indonesian)."""
    import csv
    import io

    from builder.i18n import Locale
    from builder.write.cells import safe_row

    label = (locale or Locale("id")).label

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([label(f"csv.register.{name}") for name in
                     ("number", "version", "status", "name", "nip", "position", "agency", "role", "issued", "listed")])
    for record in register.records():
        current = record.current
        writer.writerow(safe_row([record.number, record.version, record.status, current.name, current.nip, current.position,
                         current.agency, current.role, current.issued_at, label("csv.yes" if record.listed else "csv.no")]))
    return buffer.getvalue()


def legacy_entries(path: Path) -> list[dict] | None:
    """Entries of an old ``register.json`` written before the SQLite register, else None."""
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or "format" in data or not isinstance(data.get("entries"), list):
        return None
    entries = [e for e in data["entries"] if isinstance(e, dict) and {"seq", "number", "key"} <= e.keys()]
    return entries or None

