"""Check the printed layout of built documents: render with LibreOffice, read the PDF back, report defects.

Each finding names the file, the page and what is wrong, with a stable code:

- ``sparse-page``: a page of a document whose body is less than 15 % filled;
- ``heading-at-foot``: a heading in the lowest 30 % of a page with fewer than two lines after it there;
- ``row-can-split``: a .docx table row that is allowed to break across pages (no ``cantSplit``);
- ``header-not-repeated``: a multi-row table whose header row does not repeat on the next page;
- ``thin-continuation``: a continuation slide less than half used while the slide before had room;
- ``small-text``: text under the minimum size on certificates, name tags and tent cards;
- ``outside-page``: text placed outside the page.

Text positions and sizes come from pypdf (the content stream, so text off the page is seen too);
lines come from poppler's ``pdftotext -bbox-layout``; how much of a page is used is measured on the
ink of a low-resolution render (``pdftoppm``), so charts and pictures count as content.
"""

from __future__ import annotations

import math
import re
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable
from xml.etree import ElementTree

from builder.write.pdf import convert_to_pdf

SPARSE = 0.15  # a page with less of its body used than this is nearly empty
BAND = 0.05  # top and bottom share of a page kept for running headers and footers
MIN_CARD_PT = 8.0  # smallest text allowed on certificates and cards
FOOT = 0.7  # a heading below this share of the page height is at its foot
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XHTML = "{http://www.w3.org/1999/xhtml}"
CARD_NAMES = ("certificates/", "name-cards", "tent-cards", "sertifikat")
CONTINUED = re.compile(r"\s*\((lanjutan|continued)(\s*\d+)?\)\s*$", re.I)


@dataclass(frozen=True)
class Finding:
    """One layout defect: where it is and what is wrong."""

    file: str
    page: int  # 1-based; 0 when the finding is about the source file as a whole
    code: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:page {self.page}" if self.page else self.file
        return f"{where}: {self.message} [{self.code}]"


@dataclass(frozen=True)
class TextLine:
    """A line of text on a PDF page, top-down coordinates in points."""

    text: str
    top: float
    bottom: float
    left: float
    right: float


@dataclass(frozen=True)
class Span:
    """A piece of text drawn on a page: its origin (PDF coordinates) and effective size in points."""

    text: str
    x: float
    y: float
    size: float


# ---------------------------------------------------------------- reading PDFs back

def pdf_lines(pdf: Path) -> list[tuple[float, float, list[TextLine]]]:
    """(width, height, lines) of every page, read with ``pdftotext -bbox-layout``."""
    raw = subprocess.run(["pdftotext", "-enc", "UTF-8", "-bbox-layout", str(pdf), "-"], capture_output=True,
                         check=True).stdout.decode("utf-8", errors="replace")
    body = raw[raw.find("<body>"):raw.rfind("</body>") + len("</body>")]  # the head holds unescaped metadata
    body = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", body)
    root = ElementTree.fromstring(f'<html xmlns="http://www.w3.org/1999/xhtml">{body}</html>')
    pages = []
    for page in root.iter(f"{XHTML}page"):
        lines = []
        for line in page.iter(f"{XHTML}line"):
            words = [w.text or "" for w in line.iter(f"{XHTML}word")]
            lines.append(TextLine(" ".join(words), float(line.get("yMin")), float(line.get("yMax")),
                                  float(line.get("xMin")), float(line.get("xMax"))))
        pages.append((float(page.get("width")), float(page.get("height")), lines))
    return pages


def pdf_spans(pdf: Path) -> list[tuple[float, float, list[Span]]]:
    """(width, height, spans) of every page, read with pypdf's text visitor."""
    from pypdf import PdfReader

    pages = []
    for page in PdfReader(str(pdf)).pages:
        spans: list[Span] = []

        def visit(text, cm, tm, font_dict, font_size, spans=spans):
            if not text.strip():
                return
            m = _multiply(tm, cm)
            scale = math.sqrt(abs(m[0] * m[3] - m[1] * m[2]))
            spans.append(Span(text.strip(), m[4], m[5], round(font_size * scale, 2)))

        page.extract_text(visitor_text=visit)
        box = page.mediabox
        pages.append((float(box.width), float(box.height), spans))
    return pages


def _multiply(a, b) -> list[float]:
    """Product of two PDF matrices given as six numbers."""
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


def ink_rows(pdf: Path, dpi: int = 24) -> list[tuple[int, list[bool]]]:
    """For every page, its pixel height and which pixel rows hold any ink (render with ``pdftoppm``)."""
    from PIL import Image

    with tempfile.TemporaryDirectory(prefix="layout-") as folder:
        subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-png", str(pdf), f"{folder}/p"], check=True,
                       capture_output=True)
        result = []
        for png in sorted(Path(folder).glob("p-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1])):
            with Image.open(png) as image:
                gray = image.convert("L")
                width, height = gray.size
                data = gray.tobytes()
            rows = [min(data[y * width:(y + 1) * width]) < 200 for y in range(height)]
            result.append((height, rows))
        return result


def body_fill(rows: list[bool], band: float = BAND) -> float:
    """Share of a page's body (between the header and footer bands) from its top to the lowest ink."""
    height = len(rows)
    top, bottom = int(height * band), int(height * (1 - band))
    inked = [y for y in range(top, bottom) if rows[y]]
    if not inked:
        return 0.0
    return (inked[-1] - top + 1) / (bottom - top)


# ---------------------------------------------------------------- reading sources

def docx_headings(docx: Path) -> list[str]:
    """Texts of the heading paragraphs of a .docx (styles named Heading/Judul, or with an outline level)."""
    with zipfile.ZipFile(docx) as archive:
        styles = ElementTree.fromstring(archive.read("word/styles.xml"))
        document = ElementTree.fromstring(archive.read("word/document.xml"))
    heading_ids = set()
    for style in styles.iter(f"{W}style"):
        name = style.find(f"{W}name")
        label = (name.get(f"{W}val") if name is not None else "") or ""
        if re.match(r"(heading|judul)\s*\d", label, re.I) or style.find(f"{W}pPr/{W}outlineLvl") is not None:
            heading_ids.add(style.get(f"{W}styleId"))
    texts = []
    for paragraph in document.iter(f"{W}p"):
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        if style is not None and style.get(f"{W}val") in heading_ids:
            text = "".join(t.text or "" for t in paragraph.iter(f"{W}t")).strip()
            if text:
                texts.append(text)
    return texts


def docx_table_findings(docx: Path, name: str) -> list[Finding]:
    """Tables whose rows may split across pages, and multi-row tables without a repeating header row."""
    with zipfile.ZipFile(docx) as archive:
        document = ElementTree.fromstring(archive.read("word/document.xml"))
    loose, headless = [], []
    for number, table in enumerate(document.iter(f"{W}tbl"), start=1):
        rows = table.findall(f"{W}tr")
        if any(row.find(f"{W}trPr/{W}cantSplit") is None for row in rows):
            loose.append(number)
        if len(rows) > 3 and _looks_like_header(rows[0]) and rows[0].find(f"{W}trPr/{W}tblHeader") is None:
            headless.append(number)
    findings = []
    if loose:
        findings.append(Finding(name, 0, "row-can-split", f"{len(loose)} table(s) have rows that may break across "
                                f"pages (tables {_numbers(loose)}); set cantSplit"))
    if headless:
        findings.append(Finding(name, 0, "header-not-repeated", f"{len(headless)} table(s) do not repeat their header "
                                f"row on the next page (tables {_numbers(headless)}); set tblHeader"))
    return findings


def _numbers(numbers: list[int], shown: int = 6) -> str:
    """'1, 2, 3 …' for a list of table numbers."""
    text = ", ".join(str(n) for n in numbers[:shown])
    return text + (" …" if len(numbers) > shown else "")


def _looks_like_header(row) -> bool:
    """True when every run of the row is bold (the usual look of a header row)."""
    runs = [r for r in row.iter(f"{W}r") if "".join(t.text or "" for t in r.iter(f"{W}t")).strip()]
    return bool(runs) and all(_bold(r) for r in runs)


def _bold(run) -> bool:
    """True when a run is bold by its own properties."""
    bold = run.find(f"{W}rPr/{W}b")
    return bold is not None and bold.get(f"{W}val", "true") not in ("0", "false")


def pptx_titles(pptx: Path) -> list[str]:
    """The title text of every slide, in order ('' when a slide has no title)."""
    from pptx import Presentation

    titles = []
    for slide in Presentation(str(pptx)).slides:
        title = slide.shapes.title
        titles.append(title.text_frame.text.strip() if title is not None and title.has_text_frame else "")
    return titles


# ---------------------------------------------------------------- the checks

def _normal(text: str) -> str:
    """Lower-case text with runs of white space (and soft hyphens) folded, for matching."""
    return re.sub(r"\s+", " ", text.replace("\u00ad", "").replace("\u00a0", " ")).strip().lower()


def check_sparse(name: str, fills: list[float]) -> list[Finding]:
    """Pages whose body is less than :data:`SPARSE` filled (a single-page document is exempt)."""
    if len(fills) < 2:
        return []
    return [Finding(name, number, "sparse-page", f"page body only {fill:.0%} filled")
            for number, fill in enumerate(fills, start=1) if fill < SPARSE]


def check_headings(name: str, pages: list[tuple[float, float, list[TextLine]]], headings: list[str]) -> list[Finding]:
    """Headings low on a page followed by fewer than two lines there while the document goes on."""
    wanted = [_normal(h) for h in headings if len(h) > 2]
    findings = []
    for number, (_, height, lines) in enumerate(pages[:-1], start=1):
        body = [line for line in lines if height * BAND < line.top and line.bottom < height * (1 - BAND)]
        body.sort(key=lambda line: (round(line.top), line.left))
        for index, line in enumerate(body[-3:], start=max(0, len(body) - 3)):
            text = _normal(line.text)
            if len(text) > 3 and any(h.startswith(text) for h in wanted):  # the heading or its first line
                after = len(body) - index - 1
                if after < 2 and line.top > height * FOOT:
                    findings.append(Finding(name, number, "heading-at-foot",
                                            f"heading {line.text!r} has {after} line(s) after it on the page"))
                break
    return findings


def check_continuations(name: str, titles: list[str], fills: list[float]) -> list[Finding]:
    """Continuation slides less than half used although the slide before had room for their content."""
    findings = []
    for index in range(1, min(len(titles), len(fills))):
        base = CONTINUED.sub("", titles[index])
        if not titles[index] or base == titles[index] or CONTINUED.sub("", titles[index - 1]) != base:
            continue
        before, now = fills[index - 1], fills[index]
        if now < 0.5 and before + now <= 1.0:
            findings.append(Finding(name, index + 1, "thin-continuation",
                                    f"continuation of {base!r} uses {now:.0%}; the slide before uses {before:.0%}"))
    return findings


def check_spans(name: str, pages: list[tuple[float, float, list[Span]]], minimum: float | None) -> list[Finding]:
    """Text drawn outside the page, and (when ``minimum`` is given) text smaller than ``minimum`` points."""
    findings = []
    for number, (width, height, spans) in enumerate(pages, start=1):
        outside = [s for s in spans if not (-1 <= s.x <= width + 1 and -1 <= s.y <= height + 1)]
        if outside:
            findings.append(Finding(name, number, "outside-page",
                                    f"{len(outside)} text piece(s) outside the page, e.g. {outside[0].text[:40]!r}"))
        if minimum:
            small = [s for s in spans if 0 < s.size < minimum - 0.05]
            if small:
                tiny = min(small, key=lambda s: s.size)
                findings.append(Finding(name, number, "small-text",
                                        f"{len(small)} text piece(s) under {minimum:g} pt, smallest {tiny.size:g} pt "
                                        f"({tiny.text[:40]!r})"))
    return findings


def slide_fills(pages: list[tuple[float, float, list[TextLine]]], titles: list[str]) -> list[float]:
    """How much of each slide's body (below the title, above the footer band) text reaches down."""
    fills = []
    for (width, height, lines), title in zip(pages, titles):
        wanted = _normal(title)
        title_lines = [line for line in lines if wanted and _normal(line.text) and wanted.startswith(
            _normal(line.text)[:20])]
        top = max((line.bottom for line in title_lines), default=height * 0.2)
        bottom = height * 0.9
        body = [line for line in lines if line.top >= top - 1 and line.bottom <= bottom and line not in title_lines]
        if not body:
            fills.append(0.0)
            continue
        fills.append(max(0.0, min(1.0, (max(line.bottom for line in body) - top) / (bottom - top))))
    return fills


def kind_of(path: Path) -> str:
    """'slides', 'card' (certificates, name tags, tent cards) or 'document'."""
    text = path.as_posix()
    if path.suffix == ".pptx":
        return "slides"
    if any(part in text for part in CARD_NAMES):
        return "card"
    return "document"


def condense(findings: list[Finding], keep: int = 3) -> list[Finding]:
    """Keep the first ``keep`` page findings of each code and sum the rest up in one more finding."""
    seen: dict[str, list[Finding]] = {}
    result = []
    for finding in findings:
        group = seen.setdefault(finding.code, [])
        group.append(finding)
        if len(group) <= keep or not finding.page:
            result.append(finding)
    for code, group in seen.items():
        extra = [f for f in group[keep:] if f.page]
        if extra:
            pages = ", ".join(str(f.page) for f in extra[:10]) + (" …" if len(extra) > 10 else "")
            result.append(Finding(extra[0].file, extra[0].page, code, f"same on {len(extra)} more page(s): {pages}"))
    return result


def check_pdf(source: Path, pdf: Path, name: str | None = None) -> list[Finding]:
    """All findings for one source document and its rendered PDF."""
    return condense(_check_pdf(source, pdf, name or source.name))


def _check_pdf(source: Path, pdf: Path, name: str) -> list[Finding]:
    """Uncondensed findings for one source document and its PDF."""
    kind = kind_of(source)
    lines = pdf_lines(pdf)
    findings = check_spans(name, pdf_spans(pdf), MIN_CARD_PT if kind == "card" else None)
    if kind == "slides":
        titles = pptx_titles(source)
        findings += check_continuations(name, titles, slide_fills(lines, titles))
        return findings
    if kind == "document":
        findings += docx_table_findings(source, name)
        findings += check_sparse(name, [body_fill(rows) for _, rows in ink_rows(pdf)])
        findings += check_headings(name, lines, docx_headings(source))
    return findings


def check_files(sources: Iterable[Path], root: Path | None = None, pdf_dir: Path | None = None) -> list[Finding]:
    """Render ``sources`` (.docx/.pptx) with one LibreOffice run and check every PDF."""
    sources = sorted(sources)
    if not sources:
        return []
    with tempfile.TemporaryDirectory(prefix="layout-pdf-") as scratch:
        out = pdf_dir or Path(scratch)
        findings = []
        stems: dict[str, list[Path]] = {}
        for source in sources:  # LibreOffice names PDFs by stem: convert clashing stems separately
            stems.setdefault(source.stem, []).append(source)
        batches: list[list[Path]] = []
        for group in stems.values():
            for index, source in enumerate(group):
                while len(batches) <= index:
                    batches.append([])
                batches[index].append(source)
        for number, batch in enumerate(batches):
            folder = out / f"batch{number}"
            for source, pdf in zip(batch, convert_to_pdf(batch, folder)):
                label = f"{root.name}/{source.relative_to(root).as_posix()}" if root else source.name
                findings += check_pdf(source, pdf, label)
        return findings


def printable(folder: Path) -> list[Path]:
    """The documents of a build folder worth checking (not per-person certificate copies or quiz variants B+)."""
    chosen = []
    for path in sorted(folder.rglob("*")):
        if path.suffix not in (".docx", ".pptx") or "per-orang" in path.parts:
            continue
        chosen.append(path)
    return chosen
