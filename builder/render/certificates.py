"""Certificates: ``certificates/all.docx`` (+ ``all.pdf``), one file per person, credentials, exports.

Numbers and every printed version live in the durable register ``registers/<workshop-id>.sqlite3``
(see :mod:`builder.domain.register`); ``certificates/register.json|csv`` are exports of it. Each
certificate's QR carries a token signed with the project's Ed25519 key (:mod:`builder.domain.signing`);
without a key (``certificate.draft: true``) only drafts marked "DRAF" are printed and the register
is not touched. Individual PDFs are split from the one LibreOffice conversion of ``all.docx``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from pathlib import Path

from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage

from builder.write.cells import safe_row
from builder.domain.certificates import (
    TOKENS, CombinedWriter, ROLE_WORDS, draft_stamp_png, fitted_size, format_number, person_values, prepare, qr_png,
    single_docx, slug, verify_url,
)
from builder.domain.credentials import Achievement, credential, enveloped, vc_jwt
from builder.check.diagnostics import UserError, display_path
from builder.domain.register import Event, Issue, IssueResult, Register, export_csv, export_json, legacy_entries, register_path
from builder.domain.signing import KEY_ENV, SigningKey, create_key, key_path, load_key, loose_permissions
from builder.i18n import Locale, add_labels
from builder.render.certwording import keep_degree_with_name, keep_region_together, statement_for
from builder.render import BuildContext, output_kind, preflight
from builder.write.cache import certificate_inputs, outline
from builder.render.agenda import jinja_env
from builder.write.pdf import INSTALL_HINT, convert_to_pdf, find_soffice, page_count
from builder.model.workshop import Workshop
from builder.resources import template_path
from builder.sources.roster import Eligibility, Person, eligibility, format_nip

TEMPLATE = template_path("certificate.docx")
NAME_WIDTH_PT = 700  # usable line width of the name on A4 landscape with the template's margins
LINE_WIDTH_PT = 720

add_labels({
    "id": {"cert.number": "Nomor", "cert.given_to": "diberikan kepada", "cert.as_role": "sebagai",
           "cert.verify": "Pindai kode QR untuk memeriksa keaslian sertifikat ini",
           "cert.programme": "MATERI PELATIHAN", "cert.no": "No.", "cert.material": "Materi",
           "cert.total": "Jumlah jam pelajaran",
           "cert.statement": "pada {title} yang diselenggarakan oleh {organizer} di {venue}, {city}, "
                             "pada {dates} selama {jp} ({words}) jam pelajaran.",
           "cert.not_eligible": "tidak mendapat sertifikat: {name} ({reason})",
           "cert.draft": "DRAF – TIDAK SAH: belum diterbitkan; kode QR ini tidak dapat diverifikasi",
           "cert.draft_word": "DRAF",
           "cert.criteria": "Mengikuti minimal {share}% sesi {title} ({jp} jam pelajaran).",
           "cert.no_pdf": "PDF tidak dibuat: LibreOffice tidak terpasang. {hint}"},
    "en": {"cert.number": "Number", "cert.given_to": "is awarded to", "cert.as_role": "as",
           "cert.verify": "Scan the QR code to check that this certificate is genuine",
           "cert.programme": "PROGRAMME", "cert.no": "No.", "cert.material": "Topic",
           "cert.total": "Total lesson hours",
           "cert.statement": "at {title} organised by {organizer} at {venue}, {city}, on {dates}, "
                             "for {jp} ({words}) lesson hours of 45 minutes.",
           "cert.not_eligible": "no certificate for {name} ({reason})",
           "cert.draft": "DRAFT – NOT VALID: not issued; this QR code does not verify",
           "cert.draft_word": "DRAFT",
           "cert.criteria": "Attended at least {share}% of the sessions of {title} ({jp} lesson hours).",
           "cert.no_pdf": "no PDF made: LibreOffice is not installed. {hint}"},
})

PLACEHOLDER_QR = qr_png("SERTIFIKAT PLACEHOLDER 0000")


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
        "qr": InlineImage(template, io.BytesIO(PLACEHOLDER_QR), width=Mm(27)),
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


def render_template_once(workshop: Workshop, locale: Locale, draft: bool = False, statement: str | None = None) -> bytes:
    """Render the certificate template with workshop values (and a role's statement) and per-person tokens."""
    template = DocxTemplate(str(TEMPLATE))
    template.render(template_context(workshop, locale, template, draft, statement), jinja_env=jinja_env(),
                    autoescape=True)
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def sizes_for(values: dict[str, str]) -> tuple[float, float]:
    """Font sizes of the name and the position line so that each fits on one line where possible."""
    return (fitted_size(values["name"], 28, 20, NAME_WIDTH_PT, em=0.6),
            fitted_size(values["position_line"], 11, 10, LINE_WIDTH_PT, em=0.5))


def pages_per_certificate(workshop: Workshop) -> int:
    """1, or 2 when the programme page is printed on the back."""
    return 2 if workshop.curriculum.certificate.programme_page else 1


def write_eligibility(ctx: BuildContext, decisions: list[Eligibility]) -> None:
    """``certificates/kelayakan.csv``: every participant's attendance and whether they get a certificate."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["baris", "nama", "peran", "hadir", "jumlah_sesi", "layak", "alasan"])
    for decision in decisions:
        person = decision.person
        writer.writerow(safe_row([person.row, person.display_name, person.role,
                                  "" if decision.attended is None else decision.attended, decision.total or "",
                                  "ya" if decision.eligible else "tidak", decision.reason]))
        if not decision.eligible:
            ctx.out.note("certificates", ctx.locale.label("cert.not_eligible", name=person.display_name,
                                                          reason=decision.reason))
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


def issue(workshop: Workshop, people: list[Person], out_root: Path, note=lambda message: None) -> tuple[IssueResult, SigningKey]:
    """Number and sign ``people`` in the durable register (importing an old register.json once)."""
    settings = workshop.curriculum.certificate
    register = open_register(workshop, create=True)
    try:
        key = signing_key(workshop, register, note)
        date = certificate_date(workshop)
        issues = [Issue(p.key, p.display_name, p.nip, p.position, p.agency, p.role) for p in people]
        # The old register sits in the output folder; a staging build may write elsewhere first.
        folders = (out_root, workshop.root / "build" / workshop.id)
        legacy = next(filter(None, (legacy_entries(f / "certificates" / "register.json") for f in folders)), None)
        result = register.issue(issues, event_of(workshop), key, lambda seq: format_number(settings.number_pattern, seq, date),
                                legacy)
        return result, key
    finally:
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


def write_exports(workshop: Workshop, write) -> None:
    """``certificates/register.json|csv``: exports of the durable register."""
    register = open_register(workshop)
    if register is None:
        return
    try:
        write("certificates/register.json", export_json(register, workshop.id, workshop.curriculum.title).encode("utf-8"))
        write("certificates/register.csv", export_csv(register).encode("utf-8"))
    finally:
        register.close()


def build_certificates(workshop: Workshop, people: list[Person], locale: Locale, out_root: Path, write,
                       with_pdf: bool = True, write_individual: bool = True,
                       note=lambda message: None, keep=lambda part, files, *data: False) -> IssueResult | None:
    """Issue (or draft), render and write the certificates of ``people``; return the issue result.

    ``write(relative, data)`` stores one file. ``all.docx`` is streamed to a temporary file so
    that memory stays flat for any number of people.
    """
    settings = workshop.curriculum.certificate
    draft = settings.draft
    role_words = ROLE_WORDS[locale.language]
    if draft:
        result, key, known = None, None, draft_numbers(workshop)
        note(f"drafts only (certificate.draft: true): marked {locale.label('cert.draft_word')!r}, QR codes do not verify")
        stamp = draft_stamp_png(locale.label("cert.draft_word"))
    else:
        result, key = issue(workshop, people, out_root, note)
        for warning in result.warnings:
            note(f"warning: {warning}")
    versions: dict[str, object] = {}  # one rendering of the template per distinct statement (role, sessions)

    def prepared_for(person: Person):
        statement = statement_for(workshop, locale, person)
        if statement not in versions:
            versions[statement] = prepare(render_template_once(workshop, locale, draft, statement), PLACEHOLDER_QR)
        return versions[statement]

    prepared = prepared_for(people[0]) if people else prepare(render_template_once(workshop, locale, draft),
                                                               PLACEHOLDER_QR)
    achievement = None if draft else achievement_of(workshop, locale)
    pattern = qr_pattern(workshop)
    names: list[str] = []
    with tempfile.TemporaryDirectory(prefix="certificates-") as scratch:
        combined_path = Path(scratch) / "all.docx"
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
                name = f"{seq:04d}-{slug(fields['name'])}"
                names.append(name)
                own = [f"certificates/per-orang/{name}.{suffix}" for suffix in (("docx",) if draft else ("docx", "json"))]
                if write_individual and not keep(name, own, outline(workshop), statement_for(workshop, locale, person), draft,
                                                 values, qr, sizes, achievement, None if draft else (record, key.kid)):
                    write(f"certificates/per-orang/{name}.docx", single_docx(prepared, values, qr, sizes))
                    if not draft:
                        body = credential(achievement, record, version, values["role"])
                        write(f"certificates/per-orang/{name}.json", enveloped(vc_jwt(key, body)))
            combined.close()
        write("certificates/all.docx", combined_path.read_bytes())
        if with_pdf and names:
            _write_pdfs(combined_path, names, pages_per_certificate(workshop), write, write_individual)
    if not draft:
        write_exports(workshop, write)
    return result


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


def _write_pdfs(combined: Path, names: list[str], pages_each: int, write, write_individual: bool) -> None:
    """Convert ``all.docx`` once and split the PDF into one file per person."""
    from pypdf import PdfReader, PdfWriter

    from builder.check.diagnostics import UserError

    pdf = convert_to_pdf([combined], combined.parent / "pdf")[0]
    pages = page_count(pdf)
    if pages != len(names) * pages_each:
        raise UserError(f"certificates/all.pdf has {pages} pages, expected {len(names) * pages_each} "
                        f"({pages_each} per certificate): a certificate spilled onto another page",
                        "shorten the longest name or position, or report this as a bug")
    write("certificates/all.pdf", pdf.read_bytes())
    if not write_individual:
        return
    reader = PdfReader(str(pdf))
    for index, name in enumerate(names):
        writer = PdfWriter()
        for page in reader.pages[index * pages_each:(index + 1) * pages_each]:
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

    build_certificates(workshop, people, ctx.locale, ctx.out.root, write, with_pdf=with_pdf,
                       note=lambda message: ctx.out.note("certificates", message), keep=keep)


@preflight("certificates")
def check_name_fonts(ctx: BuildContext) -> list:
    """Warn about names and agencies with letters that no installed font prints."""
    from builder.check.fonts import coverage_diagnostics

    roster = ctx.workshop.roster
    return coverage_diagnostics(roster.people, roster.path) if roster is not None else []
