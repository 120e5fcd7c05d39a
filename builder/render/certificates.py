"""Certificates: ``certificates/all.docx`` (+ ``all.pdf``), one file per person, credentials, exports.

Numbers and every printed version live in the durable register ``registers/<workshop-id>.sqlite3``
(see :mod:`builder.domain.register`); ``certificates/register.json|csv`` are exports of it. Each
certificate's QR carries a token signed with the project's Ed25519 key (:mod:`builder.domain.signing`);
without a key (``certificate.draft: true``) only drafts marked "DRAF" are printed and the register
is not touched. ``all.pdf`` and the individual PDFs come from one LibreOffice run over parts of
``all.docx`` (see :class:`PartWriter`).
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import functools
import io
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from builder.write.cells import safe_row
from builder.domain.certificates import (
    TOKENS, CombinedWriter, draft_stamp_png, fitted_size, format_number, person_values, prepare, qr_png,
    single_docx, slug, verify_url,
)
from builder.domain.credentials import Achievement, credential, enveloped, vc_jwt
from builder.check.diagnostics import UserError, display_path
from builder.domain.register import Event, Issue, IssueResult, Register, export_csv, export_json, legacy_entries, register_path
from builder.domain.signing import KEY_ENV, SigningKey, create_key, key_path, load_key, loose_permissions
from builder.i18n import Locale
from builder.render.certwording import keep_degree_with_name, keep_region_together, statement_for
from builder.render import BuildContext, output_kind
from builder.render import preflights  # noqa: F401 (registers this kind's preflight: the name fonts)
from builder.render.inputs import certificate_inputs, outline
from builder.render.agenda import jinja_env
from builder.write.pdf import INSTALL_HINT, find_soffice, start_conversion
from builder.model.workshop import Workshop
from builder.resources import template_path
from builder.model.people import Eligibility, Person, eligibility, format_nip

if TYPE_CHECKING:  # docxtpl is imported where it is used: commands that render nothing stay fast
    from docxtpl import DocxTemplate

    from builder.domain.certificates import Prepared

TEMPLATE = template_path("certificate.docx")
NAME_WIDTH_PT = 700  # usable line width of the name on A4 landscape with the template's margins
LINE_WIDTH_PT = 720
BUILD_LOCK_TIMEOUT = 600.0  # seconds a build waits for another build of the workshop holding the register
PART_SIZE = 200  # certificates per document LibreOffice converts: its time per page grows with length


@functools.lru_cache(maxsize=1)
def placeholder_qr() -> bytes:
    """The QR image the template is rendered with before each person's own replaces it (made on first use)."""
    return qr_png("SERTIFIKAT PLACEHOLDER 0000")


def certificate_date(workshop: Workshop) -> dt.date:
    """The date printed beside the signature: the configured one, else the last day."""
    settings = workshop.curriculum.certificate
    return settings.date if settings and settings.date else workshop.curriculum.last_date


def programme_rows(workshop: Workshop) -> list[dict]:
    """Learning slots with their JP for the programme page."""
    rows = []
    for day in workshop.curriculum.days:
        for item in day.items:
            if not item.counts_for_jp:
                continue
            title = item.title or (workshop.modules[item.module].title if item.module else "")
            rows.append({"no": len(rows) + 1, "title": title, "facilitator": item.facilitator or item.moderator,
                         "jp": f"{item.minutes / 45:g}".replace(".", ",")})
    return rows


def template_context(workshop: Workshop, locale: Locale, template: DocxTemplate, draft: bool = False,
                     statement: str | None = None) -> dict:
    """Workshop-level values of the certificate, with tokens standing in for the per-person fields."""
    from docx.shared import Mm
    from docxtpl import InlineImage

    cur = workshop.curriculum
    settings = cur.certificate
    signer = settings.signer
    labels = {key.removeprefix("cert."): locale.label(key) for key in
              ("cert.number", "cert.given_to", "cert.as_role", "cert.verify", "cert.programme", "cert.no",
               "cert.material", "cert.total")}
    labels |= {"facilitator": locale.label("facilitator"), "jp": locale.label("jp")}
    if draft:
        labels["verify"] = locale.label("cert.draft")
    logo = ""
    if cur.branding.logo:
        logo = InlineImage(template, str(workshop.resolve(cur.branding.logo)), height=Mm(16))
    dates = locale.date_range(cur.first_date, cur.last_date)
    return {
        "labels": labels,
        "logo": logo,
        "kop": cur.branding.organizer_lines or [cur.organizer],
        "accent": cur.branding.accent.lstrip("#"),
        "p": TOKENS,
        "qr": InlineImage(template, io.BytesIO(placeholder_qr()), width=Mm(27)),
        "statement": statement if statement is not None else locale.label(
            "cert.statement", title=cur.title, organizer=cur.organizer, venue=cur.venue, city=cur.city, dates=dates,
            jp=cur.jp, words=locale.number_words(cur.jp)),
        "place_date": f"{settings.place}, {locale.date(certificate_date(workshop), weekday=False)}",
        "signer": {"title": keep_region_together(signer.title), "name": signer.name, "rank": signer.rank,
                   "nip_line": f"NIP {format_nip(signer.nip)}" if signer.nip else ""},
        "programme": programme_rows(workshop) if settings.programme_page else [],
        "title": cur.title,
        "dates_place": f"{dates} · {cur.venue}, {cur.city}",
        "jp": cur.jp,
    }


TEMPLATE_TITLE = "SERTIFIKAT"  # the heading templates/certificate.docx carries as plain text


def retitle(document, title: str) -> None:
    """Put ``title`` (the ``certificate`` label) in place of the template's heading when they differ.

    The heading stays plain text in the template: a ``{{ }}`` tag would make docxtpl mark the run
    ``xml:space="preserve"`` and change the bytes of every Indonesian certificate.
    """
    if title == TEMPLATE_TITLE:
        return
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            if run.text == TEMPLATE_TITLE:
                run.text = title
                return


def render_template_once(workshop: Workshop, locale: Locale, draft: bool = False, statement: str | None = None) -> bytes:
    """Render the certificate template with workshop values (and a role's statement) and per-person tokens."""
    from docxtpl import DocxTemplate

    template = DocxTemplate(str(TEMPLATE))
    template.render(template_context(workshop, locale, template, draft, statement), jinja_env=jinja_env(),
                    autoescape=True)
    retitle(template.docx, locale.label("certificate"))
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


STATEMENT_TOKEN = "ZzStatementTokenZz"  # mixed case: a filter that changed the statement would change it too


class StatementVersions:
    """The certificate template prepared once per statement: rendered once, the statement put into copies.

    The template is rendered with :data:`STATEMENT_TOKEN` for the statement; each statement then
    replaces the token in the prepared XML, escaped as the rendered XML escapes text. A statement
    docxtpl would render differently (tabs, line breaks, control characters), or a template that
    does anything else with the statement, gets a rendering of its own as before.
    """

    def __init__(self, workshop: Workshop, locale: Locale, draft: bool) -> None:
        self.workshop, self.locale, self.draft = workshop, locale, draft
        self.versions: dict[str | None, Prepared] = {}
        self.base: Prepared | None = None
        self.tokenised: bool | None = None  # whether the token stands for the statement (known after one rendering)

    def get(self, statement: str | None) -> Prepared:
        """The prepared template with ``statement`` (None: the workshop's participant statement)."""
        if statement not in self.versions:
            self.versions[statement] = self._make(statement)
        return self.versions[statement]

    def _make(self, statement: str | None) -> Prepared:
        """Fill the token of the rendered template, or render the template with ``statement`` when that is not safe."""
        from dataclasses import replace
        from xml.sax.saxutils import escape  # as lxml writes text: &, < and > escaped, quotes as they are

        if statement is not None and not any(ord(c) < 32 or c == "\x7f" for c in statement) and self._tokenised():
            text = escape(statement)
            return replace(self.base, document=self.base.document.replace(STATEMENT_TOKEN, text),
                                       body=self.base.body.replace(STATEMENT_TOKEN, text))
        return prepare(render_template_once(self.workshop, self.locale, self.draft, statement), placeholder_qr())

    def _tokenised(self) -> bool:
        """Render the template with the token once; True when the token appears only where the statement goes."""
        if self.tokenised is None:
            self.base = prepare(render_template_once(self.workshop, self.locale, self.draft, STATEMENT_TOKEN),
                                placeholder_qr())
            token = STATEMENT_TOKEN.lower().encode("utf-8")
            document = self.base.document.lower()
            self.tokenised = (STATEMENT_TOKEN in self.base.body
                              and document.count(token.decode()) == self.base.document.count(STATEMENT_TOKEN)
                              == self.base.body.count(STATEMENT_TOKEN)
                              and not any(token in data.lower() for name, data in self.base.entries.items()
                                          if name != "word/document.xml"))
        return self.tokenised


def sizes_for(values: dict[str, str]) -> tuple[float, float]:
    """Font sizes of the name and the position line so that each fits on one line where possible."""
    return (fitted_size(values["name"], 28, 20, NAME_WIDTH_PT, em=0.6),
            fitted_size(values["position_line"], 11, 10, LINE_WIDTH_PT, em=0.5))


def pages_per_certificate(workshop: Workshop) -> int:
    """1, or 2 when the programme page is printed on the back."""
    return 2 if workshop.curriculum.certificate.programme_page else 1


def refusal_reason(decision: Eligibility, minimum: float, locale: Locale) -> str:
    """Why ``decision`` gives no certificate, in ``locale``'s language ("" when it gives one)."""
    if decision.eligible:
        return ""
    if decision.attended is None:
        return locale.label("cert.reason.unrecorded")
    share = decision.attended / decision.total if decision.total else 1.0
    return locale.label("cert.reason.attendance", attended=decision.attended, total=decision.total,
                        share=f"{share:.0%}", minimum=f"{minimum:.0%}")


def write_eligibility(ctx: BuildContext, decisions: list[Eligibility]) -> None:
    """``certificates/kelayakan.csv``: every participant's attendance and whether they get a certificate."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    label = ctx.locale.label
    minimum = ctx.workshop.curriculum.certificate.min_attendance
    writer.writerow([label(f"csv.eligibility.{name}")
                     for name in ("row", "name", "role", "attended", "sessions", "eligible", "reason")])
    for decision in decisions:
        person = decision.person
        reason = refusal_reason(decision, minimum, ctx.locale)
        writer.writerow(safe_row([person.row, person.display_name, person.role,
                                  "" if decision.attended is None else decision.attended, decision.total or "",
                                  label("csv.yes" if decision.eligible else "csv.no"), reason]))
        if not decision.eligible:
            ctx.out.note("certificates", label("cert.not_eligible", name=person.display_name, reason=reason))
    ctx.out.write_text("certificates", "certificates/kelayakan.csv", buffer.getvalue())


def event_of(workshop: Workshop) -> Event:
    """The workshop fields every token binds: id, first and last day, JP."""
    cur = workshop.curriculum
    return Event(workshop.id, cur.first_date.isoformat(), cur.last_date.isoformat(), f"{cur.jp:g}")


def qr_pattern(workshop: Workshop) -> str:
    """``certificate.verify_url``, else ``<site_url>/verify.html?t={token}``, else empty."""
    settings = workshop.curriculum.certificate
    if settings.verify_url:
        return settings.verify_url
    return f"{settings.site_url.rstrip('/')}/verify.html?t={{token}}" if settings.site_url else ""


def open_register(workshop: Workshop, create: bool = False) -> Register | None:
    """The workshop's register in ``registers/`` (None when it does not exist and ``create`` is false)."""
    return Register.open(register_path(workshop.root, workshop.id), create=create)


def signing_key(workshop: Workshop, register: Register | None, note=lambda message: None) -> SigningKey:
    """The project's signing key; created on the first issue when none is configured or recorded."""
    path, chosen_by = key_path(workshop.root, workshop.curriculum.certificate.signing_key)
    if path.exists():
        key = load_key(path)
        if loose_permissions(path):
            note(f"warning: {display_path(path)} can be read by other users; fix it: chmod 600 {display_path(path)}")
        return key
    known = register.public_keys() if register is not None else {}
    if chosen_by or known:
        where = f" (set by {chosen_by})" if chosen_by else ""
        raise UserError(f"{display_path(path)}: the certificate signing key is missing{where}"
                        + (f"; {len(known)} key(s) already signed this register" if known else ""),
                        f"restore the key from your backup to that path, or set {KEY_ENV} to where it is; "
                        "to print unsigned drafts meanwhile set certificate.draft: true")
    try:
        key = create_key(path)
    except FileExistsError:  # another build created it a moment ago
        return load_key(path)
    ignore = path.parent / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# private signing keys: never commit, back up separately\n*\n", encoding="utf-8")
    note(f"created the certificate signing key {display_path(path)} (owner-only); back it up together with "
         f"registers/ — without it no further certificates can be signed")
    return key


def issue(workshop: Workshop, people: list[Person], out_root: Path, note=lambda message: None,
          register: Register | None = None) -> tuple[IssueResult, SigningKey]:
    """Number and sign ``people`` in the durable register (importing an old register.json once).

    Given an open ``register``, the numbers are only planned: its transaction stays open for the
    caller to commit once the output is in place (see :func:`pending_register`).
    """
    settings = workshop.curriculum.certificate
    pending = register is not None
    register = register or open_register(workshop, create=True)
    try:
        key = signing_key(workshop, register, note)
        date = certificate_date(workshop)
        issues = [Issue(p.key, p.display_name, p.nip, p.position, p.agency, p.role) for p in people]
        # The old register sits in the output folder; a staging build may write elsewhere first.
        folders = (out_root, workshop.root / "build" / workshop.id)
        legacy = next(filter(None, (legacy_entries(f / "certificates" / "register.json") for f in folders)), None)
        result = register.issue(issues, event_of(workshop), key, lambda seq: format_number(settings.number_pattern, seq, date),
                                legacy, pending=pending)
        return result, key
    finally:
        if not pending:
            register.close()


def achievement_of(workshop: Workshop, locale: Locale) -> Achievement:
    """The workshop-level part of every credential."""
    cur = workshop.curriculum
    dates = locale.date_range(cur.first_date, cur.last_date)
    statement = locale.label("cert.statement", title=cur.title, organizer=cur.organizer, venue=cur.venue,
                             city=cur.city, dates=dates, jp=cur.jp, words=locale.number_words(cur.jp))
    criteria = locale.label("cert.criteria", share=f"{cur.certificate.min_attendance * 100:g}", title=cur.title, jp=cur.jp)
    return Achievement(workshop.id, cur.title, cur.organizer, statement, criteria, cur.certificate.site_url,
                       locale.language)


def draft_numbers(workshop: Workshop) -> dict[str, str]:
    """Numbers already issued, by person key, for drafts (read only; empty without a register)."""
    register = open_register(workshop)
    if register is None:
        return {}
    try:
        return {r.key: r.number for r in register.records()}
    finally:
        register.close()


def write_exports(workshop: Workshop, write, register: Register | None = None, locale: Locale | None = None) -> None:
    """``certificates/register.json|csv``: exports of the durable register (or of the pending ``register``)."""
    shared = register is not None
    register = register or open_register(workshop)
    if register is None:
        return
    try:
        write("certificates/register.json", export_json(register, workshop.id, workshop.curriculum.title).encode("utf-8"))
        write("certificates/register.csv", export_csv(register, locale).encode("utf-8"))
    finally:
        if not shared:
            register.close()


def lock_wait_note(ctx: BuildContext):
    """``note(seconds)``: tell the user this build waits for another build of the workshop to release the register.

    Shown at once (not with the notes after the build): in the progress line and as a line on
    stderr, which a live progress display prints above itself.
    """
    def note(seconds: float) -> None:
        message = ctx.locale.label("cert.lock_wait", workshop=ctx.workshop.id, seconds=f"{seconds:g}")
        ctx.progress(message)
        print(f"certificates: {message}", file=sys.stderr, flush=True)

    return note


def pending_register(ctx: BuildContext) -> Register:
    """The register this build issues into, opened once: its new numbers are committed after the output swap.

    Renderers of the same build (certificates, exports, the verification page) read the planned
    numbers through it; a build that fails or is killed before the swap leaves the register as it was.
    """
    if "certificates.register" not in ctx.prepared:
        path = register_path(ctx.workshop.root, ctx.workshop.id)
        existed = path.exists()
        register = Register.open(path, create=True, timeout=BUILD_LOCK_TIMEOUT, on_wait=lock_wait_note(ctx))
        ctx.prepared["certificates.register"] = register

        def finish(committed: bool) -> None:
            try:
                if committed and register.pending:
                    register.commit()
                else:
                    register.rollback()
            except UserError as error:
                raise UserError(f"{display_path(path)}: the new output is in place but the certificate register "
                                f"could not record its numbers ({error.message})",
                                "build again: the same numbers are issued and the register records them") from None
            finally:
                register.close()
                ctx.prepared.pop("certificates.register", None)
                if not committed and not existed and path.exists() and path.stat().st_size == 0:
                    path.unlink()  # a first build that failed leaves no empty register behind

        ctx.finishers.append(finish)
    return ctx.prepared["certificates.register"]


def build_certificates(workshop: Workshop, people: list[Person], locale: Locale, out_root: Path, write,
                       with_pdf: bool = True, write_individual: bool = True,
                       note=lambda message: None, register: Register | None = None,
                       keep=lambda part, files, *data: False) -> IssueResult | None:
    """Issue (or draft), render and write the certificates of ``people``; return the issue result.

    ``write(relative, data)`` stores one file. ``all.docx`` is streamed to a temporary file so
    that memory stays flat for any number of people. With an open ``register`` the numbers are
    only planned in its pending transaction (committed by the caller); else they are issued at once.
    """
    settings = workshop.curriculum.certificate
    draft = settings.draft
    role_words = locale.roles()
    if draft:
        result, key, known = None, None, draft_numbers(workshop)
        note(f"drafts only (certificate.draft: true): marked {locale.label('cert.draft_word')!r}, QR codes do not verify")
        stamp = draft_stamp_png(locale.label("cert.draft_word"))
    else:
        result, key = issue(workshop, people, out_root, note, register)
        for warning in result.warnings:
            note(f"warning: {warning}")
    versions = StatementVersions(workshop, locale, draft)  # the template per distinct statement (role, sessions)

    def prepared_for(person: Person):
        return versions.get(statement_for(workshop, locale, person))

    prepared = prepared_for(people[0]) if people else versions.get(None)
    achievement = None if draft else achievement_of(workshop, locale)
    pattern = qr_pattern(workshop)
    names: list[str] = []
    later: list = []  # with PDFs, the per-person files are written while LibreOffice converts
    defer = later.append if with_pdf else (lambda task: task())
    with tempfile.TemporaryDirectory(prefix="certificates-") as scratch:
        combined_path = Path(scratch) / "all.docx"
        parts = PartWriter(Path(scratch) / "parts") if with_pdf else None
        with open(combined_path, "wb") as handle:
            combined = CombinedWriter(handle, prepared)
            for index, person in enumerate(people, 1):
                if draft:
                    number = known.get(person.key, locale.label("cert.draft_word"))
                    fields = {"name": person.display_name, "nip": person.nip, "position": person.position,
                              "agency": person.agency, "role": person.role}
                    seq, qr = index, stamp
                else:
                    record = result.records[person.key]
                    if record.status == "revoked":
                        note(f"{record.number} ({record.current.name}) is revoked: no certificate printed")
                        continue
                    version = record.current
                    number, fields, seq = record.number, version.fields(), record.seq
                    qr = qr_png(verify_url(pattern, number, version.token))
                values = person_values(number, fields, role_words)
                values["name"] = keep_degree_with_name(values["name"])
                sizes = sizes_for(values)
                combined.prepared = prepared = prepared_for(person)  # versions differ only in the statement text
                combined.add(values, qr, sizes)
                if parts is not None:
                    parts.add(prepared, values, qr, sizes)
                name = f"{seq:04d}-{slug(fields['name'])}"
                names.append(name)
                own = [f"certificates/per-orang/{name}.{suffix}" for suffix in (("docx",) if draft else ("docx", "json"))]
                if write_individual and not keep(name, own, outline(workshop), statement_for(workshop, locale, person), draft,
                                                 values, qr, sizes, achievement, None if draft else (record, key.kid)):
                    defer(functools.partial(write_person, write, name, (prepared, values, qr, sizes),
                                            None if draft else (key, achievement, record, version)))
            combined.close()
        write("certificates/all.docx", combined_path.read_bytes())
        paths = parts.close() if parts is not None else []
        with start_conversion(paths, Path(scratch) / "pdf") if paths else contextlib.nullcontext() as conversion:
            for task in later:
                task()
            if conversion is not None:
                _write_pdfs(conversion.wait(), names, pages_per_certificate(workshop), write, write_individual)
    if not draft:
        write_exports(workshop, write, register, locale)
    return result


def write_person(write, name: str, filled: tuple, signed: tuple | None) -> None:
    """Write one person's ``.docx`` and, unless drafting, their signed credential."""
    prepared, values, qr, sizes = filled
    write(f"certificates/per-orang/{name}.docx", single_docx(prepared, values, qr, sizes))
    if signed is not None:
        key, achievement, record, version = signed
        body = credential(achievement, record, version, values["role"])
        write(f"certificates/per-orang/{name}.json", enveloped(vc_jwt(key, body)))


def only_used_images(page):
    """Give ``page`` its own resources holding only the images it draws.

    LibreOffice shares one resource dictionary, with every QR image of the document, among all
    pages; copied as is, each one-page PDF would carry all of them (1 MB each for 1,000 people).
    """
    import re

    from pypdf.generic import DictionaryObject, NameObject

    resources = page["/Resources"].get_object()
    used = set(re.findall(rb"/([^\s/<>\[\]()]+)\s+Do\b", page.get_contents().get_data()))
    pruned = DictionaryObject()
    for key, value in resources.items():
        if key == "/XObject":
            images = value.get_object()
            value = DictionaryObject({NameObject(k): v for k, v in images.items() if k[1:].encode() in used})
        pruned[NameObject(key)] = value
    page[NameObject("/Resources")] = pruned
    return page


class PartWriter:
    """The certificates again, in parts of :data:`PART_SIZE` for LibreOffice (faster than one long document)."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir()
        self.folder, self.paths, self.count = folder, [], 0
        self.handle = self.writer = None

    def add(self, prepared, values: dict[str, str], qr: bytes, sizes: tuple[float, float]) -> None:
        """Append one certificate, starting a new part every :data:`PART_SIZE` certificates."""
        if self.count % PART_SIZE == 0:
            self._finish()
            self.paths.append(self.folder / f"part-{len(self.paths):04d}.docx")
            self.handle = open(self.paths[-1], "wb")
            self.writer = CombinedWriter(self.handle, prepared)
        self.writer.prepared = prepared
        self.writer.add(values, qr, sizes)
        self.count += 1

    def _finish(self) -> None:
        """Close the part being written, if any."""
        if self.writer is not None:
            self.writer.close()
            self.handle.close()
            self.writer = self.handle = None

    def close(self) -> list[Path]:
        """Finish the last part; return the paths of all parts in order."""
        self._finish()
        return self.paths


def _write_pdfs(pdfs: list[Path], names: list[str], pages_each: int, write, write_individual: bool) -> None:
    """Join the PDFs of the parts as ``all.pdf`` and split one file per person."""
    from pypdf import PdfReader, PdfWriter

    from builder.check.diagnostics import UserError

    readers = [PdfReader(str(pdf)) for pdf in pdfs]
    pages = [page for reader in readers for page in reader.pages]
    if len(pages) != len(names) * pages_each:
        raise UserError(f"certificates/all.pdf has {len(pages)} pages, expected {len(names) * pages_each} "
                        f"({pages_each} per certificate): a certificate spilled onto another page",
                        "shorten the longest name or position, or report this as a bug")
    joined = PdfWriter()
    for reader in readers:
        joined.append(reader)
    buffer = io.BytesIO()
    joined.write(buffer)
    write("certificates/all.pdf", buffer.getvalue())
    if not write_individual:
        return
    for index, name in enumerate(names):
        writer = PdfWriter()
        for page in pages[index * pages_each:(index + 1) * pages_each]:
            writer.add_page(only_used_images(page))
        writer.add_metadata({"/Title": name})
        buffer = io.BytesIO()
        writer.write(buffer)
        write(f"certificates/per-orang/{name}.pdf", buffer.getvalue())


@output_kind("certificates", "certificates/all.docx, all.pdf, per-orang/*.docx|pdf|json, register.csv|json, kelayakan.csv")
def render(ctx: BuildContext) -> None:
    """Certificates for everyone on the roster who qualifies."""
    workshop = ctx.workshop
    if workshop.roster is None or workshop.curriculum.certificate is None:
        ctx.out.note("certificates", "skipped: the curriculum names no roster or no certificate settings")
        return
    if ctx.reuse("certificates", "all", *certificate_inputs(workshop)):
        return
    decisions = eligibility(workshop.roster, workshop.attendance, workshop.curriculum.certificate.min_attendance)
    write_eligibility(ctx, decisions)
    people = [d.person for d in decisions if d.eligible]
    with_pdf = find_soffice() is not None
    if not with_pdf:
        ctx.out.note("certificates", ctx.locale.label("cert.no_pdf", hint=INSTALL_HINT))
    ctx.progress(f"{len(people)} certificates")

    def write(relative: str, data: bytes) -> None:
        ctx.out.write("certificates", relative, data)

    def keep(part: str, files: list[str], *data) -> bool:
        return ctx.units is not None and ctx.units.keep_part(part, (ctx.locale.language, *data), files, ctx.out)

    register = None if workshop.curriculum.certificate.draft else pending_register(ctx)
    build_certificates(workshop, people, ctx.locale, ctx.out.root, write, with_pdf=with_pdf,
                       note=lambda message: ctx.out.note("certificates", message), register=register, keep=keep)
