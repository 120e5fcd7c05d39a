"""Certificates: ``certificates/all.docx`` (+ ``all.pdf``), one file per person, the register and eligibility.

Numbers are kept in ``certificates/register.json`` of the build folder: rebuilding after adding or
removing people never renumbers anyone else. Individual PDFs are split from the one LibreOffice
conversion of ``all.docx``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from pathlib import Path

from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage

from builder.certificates import (
    TOKENS, CombinedWriter, Register, ROLE_WORDS, assign_numbers, fitted_size, load_register, person_values, prepare,
    qr_png, register_csv, single_docx, slug, verify_url,
)
from builder.certwording import keep_degree_with_name, keep_region_together, statement_for
from builder.i18n import Locale, add_labels
from builder.outputs import BuildContext, output_kind
from builder.outputs.agenda import jinja_env
from builder.pdf import INSTALL_HINT, convert_to_pdf, find_soffice, page_count
from builder.project import Workshop
from builder.resources import template_path
from builder.roster import Eligibility, Person, eligibility, format_nip

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
           "cert.no_pdf": "PDF tidak dibuat: LibreOffice tidak terpasang. {hint}"},
    "en": {"cert.number": "Number", "cert.given_to": "is awarded to", "cert.as_role": "as",
           "cert.verify": "Scan the QR code to check that this certificate is genuine",
           "cert.programme": "PROGRAMME", "cert.no": "No.", "cert.material": "Topic",
           "cert.total": "Total lesson hours",
           "cert.statement": "at {title} organised by {organizer} at {venue}, {city}, on {dates}, "
                             "for {jp} ({words}) lesson hours of 45 minutes.",
           "cert.not_eligible": "no certificate for {name} ({reason})",
           "cert.no_pdf": "no PDF made: LibreOffice is not installed. {hint}"},
})

PLACEHOLDER_QR = qr_png("SERTIFIKAT PLACEHOLDER 0000")


def secret_of(workshop: Workshop) -> str:
    """The key of the verification hash: the curriculum's secret, else one derived from the workshop id."""
    settings = workshop.curriculum.certificate
    return (settings.secret if settings and settings.secret else f"humas-workshop:{workshop.id}")


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


def template_context(workshop: Workshop, locale: Locale, template: DocxTemplate,
                     statement: str | None = None) -> dict:
    """Workshop-level values of the certificate, with tokens standing in for the per-person fields."""
    cur = workshop.curriculum
    settings = cur.certificate
    signer = settings.signer
    labels = {key.removeprefix("cert."): locale.label(key) for key in
              ("cert.number", "cert.given_to", "cert.as_role", "cert.verify", "cert.programme", "cert.no",
               "cert.material", "cert.total")}
    labels |= {"facilitator": locale.label("facilitator"), "jp": locale.label("jp")}
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
                   "nip_line": f"NIP. {format_nip(signer.nip)}" if signer.nip else ""},
        "programme": programme_rows(workshop) if settings.programme_page else [],
        "title": cur.title,
        "dates_place": f"{dates} · {cur.venue}, {cur.city}",
        "jp": cur.jp,
    }


def render_template_once(workshop: Workshop, locale: Locale, statement: str | None = None) -> bytes:
    """Render the certificate template with workshop values (and a role's statement) and per-person tokens."""
    template = DocxTemplate(str(TEMPLATE))
    template.render(template_context(workshop, locale, template, statement), jinja_env=jinja_env(), autoescape=True)
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
        writer.writerow([person.row, person.display_name, person.role,
                         "" if decision.attended is None else decision.attended, decision.total or "",
                         "ya" if decision.eligible else "tidak", decision.reason])
        if not decision.eligible:
            ctx.out.note("certificates", ctx.locale.label("cert.not_eligible", name=person.display_name,
                                                          reason=decision.reason))
    ctx.out.write_text("certificates", "certificates/kelayakan.csv", buffer.getvalue())


def build_certificates(workshop: Workshop, people: list[Person], locale: Locale, out_root: Path, write,
                       with_pdf: bool = True, write_individual: bool = True) -> Register:
    """Number, render and write the certificates of ``people``; return the new register.

    ``write(relative, data)`` stores one file. ``all.docx`` is streamed to a temporary file so
    that memory stays flat for any number of people.
    """
    cur = workshop.curriculum
    settings = cur.certificate
    previous = load_register(out_root / "certificates" / "register.json")
    register = assign_numbers(people, previous, workshop.id, cur.title, settings.number_pattern,
                              certificate_date(workshop), secret_of(workshop))
    by_key = register.by_key()
    versions: dict[str, object] = {}  # one rendering of the template per distinct statement (role, sessions)

    def prepared_for(person: Person):
        statement = statement_for(workshop, locale, person)
        if statement not in versions:
            versions[statement] = prepare(render_template_once(workshop, locale, statement), PLACEHOLDER_QR)
        return versions[statement]

    prepared = prepared_for(people[0]) if people else prepare(render_template_once(workshop, locale), PLACEHOLDER_QR)
    role_words = ROLE_WORDS[locale.language]
    names: list[str] = []
    with tempfile.TemporaryDirectory(prefix="certificates-") as scratch:
        combined_path = Path(scratch) / "all.docx"
        with open(combined_path, "wb") as handle:
            combined = CombinedWriter(handle, prepared)
            for person in people:
                entry = by_key[person.key]
                values = person_values(entry, person, role_words)
                values["name"] = keep_degree_with_name(values["name"])
                qr = qr_png(verify_url(settings.verify_url, entry))
                sizes = sizes_for(values)
                combined.prepared = prepared = prepared_for(person)  # versions differ only in the statement text
                combined.add(values, qr, sizes)
                name = f"{entry.seq:04d}-{slug(person.display_name)}"
                names.append(name)
                if write_individual:
                    write(f"certificates/per-orang/{name}.docx", single_docx(prepared, values, qr, sizes))
            combined.close()
        write("certificates/all.docx", combined_path.read_bytes())
        if with_pdf:
            _write_pdfs(combined_path, names, pages_per_certificate(workshop), write, write_individual)
    write("certificates/register.json", register.to_json().encode("utf-8"))
    write("certificates/register.csv", register_csv(register).encode("utf-8"))
    return register


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

    from builder.diagnostics import UserError

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


@output_kind("certificates", "certificates/all.docx, all.pdf, per-orang/*.docx|pdf, register.csv|json, kelayakan.csv")
def render(ctx: BuildContext) -> None:
    """Certificates for everyone on the roster who qualifies."""
    workshop = ctx.workshop
    if workshop.roster is None or workshop.curriculum.certificate is None:
        ctx.out.note("certificates", "skipped: the curriculum names no roster or no certificate settings")
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

    build_certificates(workshop, people, ctx.locale, ctx.out.root, write, with_pdf=with_pdf)
