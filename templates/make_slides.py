"""Build ``templates/slides.pptx``, the 16:9 slide master every deck is rendered from.

Run ``python3 templates/make_slides.py`` after changing this script; the result is committed.
The script starts from python-pptx's default template and rewrites its theme, master and the
eleven layouts (names in Indonesian, the names the renderer looks up). Fonts are Calibri
(Carlito is metric-compatible on Linux); the accent colour is the theme's ``accent1``, which
the renderer replaces with the curriculum's ``branding.accent``.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lxml import etree  # noqa: E402
from pptx import Presentation  # noqa: E402
from pptx.opc.constants import RELATIONSHIP_TYPE as RT  # noqa: E402
from pptx.util import Emu, Inches  # noqa: E402

from builder.write.output import normalize_zip  # noqa: E402

OUT = Path(__file__).resolve().parent / "slides.pptx"
NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
NSDECL = f'xmlns:a="{NS["a"]}" xmlns:p="{NS["p"]}" xmlns:r="{NS["r"]}"'
FIXED_DATE = dt.datetime(2019, 9, 24, 0, 0, 0)

WIDTH, HEIGHT = Emu(12192000), Inches(7.5)  # exactly 13.333 x 7.5 in (16:9)
MARGIN = 0.6  # inches, left and right content margin
CONTENT_W = 13.333 - 2 * MARGIN
TITLE = (MARGIN, 0.3, 11.15, 1.1)  # leaves room for a logo at the top right
BODY = (MARGIN, 1.7, CONTENT_W, 5.05)
FOOTER = (MARGIN, 6.95, 9.0, 0.4)
SLIDE_NUMBER = (13.333 - MARGIN - 1.4, 6.95, 1.4, 0.4)

THEME_COLOURS = {
    "dk1": "262626", "lt1": "FFFFFF", "dk2": "1B2A3A", "lt2": "EEF2F6",
    "accent1": "1F4E79", "accent2": "C0504D", "accent3": "9BBB59", "accent4": "8064A2",
    "accent5": "4BACC6", "accent6": "F79646", "hlink": "1F4E79", "folHlink": "5F497A",
}
GREY = '<a:solidFill><a:srgbClr val="7F7F7F"/></a:solidFill>'
WHITE = '<a:solidFill><a:schemeClr val="bg1"/></a:solidFill>'
SOFT_WHITE = '<a:solidFill><a:schemeClr val="bg1"><a:lumMod val="85000"/></a:schemeClr></a:solidFill>'
ACCENT = '<a:solidFill><a:schemeClr val="accent1"/></a:solidFill>'
ACCENT_LIGHT = ('<a:solidFill><a:schemeClr val="accent1"><a:lumMod val="60000"/><a:lumOff val="40000"/></a:schemeClr>'
                '</a:solidFill>')
SLIDE_NUMBER_FIELD = ('<a:fld id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}" type="slidenum"><a:rPr lang="id-ID"/>'
                      '<a:t>‹#›</a:t></a:fld>')
EMPTY_BODY = '<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="id-ID"/></a:p></p:txBody>'
PALE = '<a:solidFill><a:schemeClr val="bg2"/></a:solidFill>'


def emu(inches: float) -> int:
    """Inches to EMU, rounded."""
    return int(round(inches * 914400))


def xfrm(box: tuple[float, float, float, float]) -> str:
    """An ``a:xfrm`` element for a box given in inches."""
    x, y, w, h = box
    return f'<a:xfrm><a:off x="{emu(x)}" y="{emu(y)}"/><a:ext cx="{emu(w)}" cy="{emu(h)}"/></a:xfrm>'


def level(size: float, *, bold: bool = False, italic: bool = False, color: str = "", align: str = "l",
          bullet: bool = False, space_before: float = 0, line: int = 100, font: str = "+mn-lt") -> str:
    """An ``a:lvl1pPr`` paragraph style."""
    indent = f' marL="{emu(0.35)}" indent="{-emu(0.35)}"' if bullet else ' marL="0" indent="0"'
    bullet_xml = ('<a:buClr><a:schemeClr val="accent1"/></a:buClr><a:buFont typeface="Arial"/><a:buChar char="•"/>'
                  if bullet else "<a:buNone/>")
    attrs = f' sz="{int(size * 100)}"' + (' b="1"' if bold else ' b="0"') + (' i="1"' if italic else "")
    return (f'<a:lvl1pPr algn="{align}"{indent}><a:lnSpc><a:spcPct val="{line * 1000}"/></a:lnSpc>'
            f'<a:spcBef><a:spcPts val="{int(space_before * 100)}"/></a:spcBef>{bullet_xml}'
            f'<a:defRPr{attrs}>{color}<a:latin typeface="{font}"/></a:defRPr></a:lvl1pPr>')


class Shapes:
    """Collects the ``p:sp`` elements of one shape tree, numbering their ids."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self.next_id = 2

    def _id(self) -> int:
        """The next free shape id."""
        self.next_id += 1
        return self.next_id - 1

    def placeholder(self, name: str, ph: str, box=None, *, lst: str = "", anchor: str = "t", prompt: str = "",
                    fill: str = "", insets: float | None = None) -> None:
        """A placeholder; ``ph`` is the inner ``p:ph`` attribute text, e.g. ``type="body" idx="1"``."""
        geometry = (xfrm(box) + '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>' if box else "") + fill
        inset = "" if insets is None else (f' lIns="{emu(insets)}" tIns="{emu(insets * 0.7)}"'
                                           f' rIns="{emu(insets)}" bIns="{emu(insets * 0.7)}"')
        run = (SLIDE_NUMBER_FIELD if ph.startswith('type="sldNum"')
               else f'<a:r><a:rPr lang="id-ID"/><a:t>{prompt}</a:t></a:r>')
        body = (f'<p:txBody><a:bodyPr wrap="square"{inset} anchor="{anchor}"><a:normAutofit/></a:bodyPr>'
                f'<a:lstStyle>{lst}</a:lstStyle><a:p>{run}</a:p>'
                f'</p:txBody>') if prompt else EMPTY_BODY
        if ph.startswith('type="pic"') or ph.startswith('type="tbl"'):
            body = ""
        self.items.append(
            f'<p:sp><p:nvSpPr><p:cNvPr id="{self._id()}" name="{name}"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
            f'<p:nvPr><p:ph {ph}/></p:nvPr></p:nvSpPr><p:spPr>{geometry}</p:spPr>{body}</p:sp>')

    def rect(self, name: str, box, fill: str) -> None:
        """A decorative filled rectangle without outline."""
        self.items.append(
            f'<p:sp><p:nvSpPr><p:cNvPr id="{self._id()}" name="{name}"/><p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr>'
            f'<p:spPr>{xfrm(box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{fill}<a:ln><a:noFill/></a:ln></p:spPr>'
            f'<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="id-ID"/></a:p></p:txBody></p:sp>')

    def text(self, name: str, box, text: str, lst: str) -> None:
        """A decorative text shape (not a placeholder)."""
        self.items.append(
            f'<p:sp><p:nvSpPr><p:cNvPr id="{self._id()}" name="{name}"/><p:cNvSpPr txBox="1"/><p:nvPr userDrawn="1"/>'
            f'</p:nvSpPr><p:spPr>{xfrm(box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>'
            f'<p:txBody><a:bodyPr wrap="none" lIns="0" tIns="0" rIns="0" bIns="0"/><a:lstStyle>{lst}</a:lstStyle>'
            f'<a:p><a:r><a:rPr lang="id-ID"/><a:t>{text}</a:t></a:r></a:p></p:txBody></p:sp>')

    def footer(self, light: bool = False) -> None:
        """Footer and slide-number placeholders (positions from the master)."""
        colour = SOFT_WHITE if light else ""
        lst_f = level(11, color=colour) if light else ""
        lst_n = level(11, color=colour, align="r") if light else ""
        self.placeholder("Footer", 'type="ftr" sz="quarter" idx="11"', lst=lst_f, prompt=" ", anchor="ctr")
        self.placeholder("Nomor Slide", 'type="sldNum" sz="quarter" idx="12"', lst=lst_n, prompt=" ", anchor="ctr")

    def tree(self) -> str:
        """The ``p:spTree`` element."""
        return ('<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
                '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/>'
                f'<a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>{"".join(self.items)}</p:spTree>')


def title_ph(shapes: Shapes, box=None, **style) -> None:
    """The slide title placeholder, optionally restyled."""
    lst = level(**style) if style else ""
    shapes.placeholder("Judul", 'type="title"', box, lst=lst, anchor="b", prompt="Klik untuk menambah judul")


def body_ph(shapes: Shapes, idx: int, box=None, prompt: str = "Klik untuk menambah teks", **kwargs) -> None:
    """A body text placeholder with index ``idx``."""
    style = {k: kwargs.pop(k) for k in list(kwargs) if k not in ("anchor", "fill", "insets")}
    shapes.placeholder(f"Teks {idx}", f'type="body" idx="{idx}"', box, lst=level(**style) if style else "",
                       prompt=prompt, **kwargs)


# ---------------------------------------------------------------- master and layouts

def master_tree() -> str:
    """The master: accent bar on the left, short accent rule under the title, footer, slide number."""
    shapes = Shapes()
    shapes.rect("Bilah aksen", (0, 0, 0.14, 7.5), ACCENT)
    shapes.rect("Garis judul", (MARGIN + 0.1, 1.47, 1.0, 0.055), ACCENT)
    shapes.placeholder("Judul", 'type="title"', TITLE, anchor="b", prompt="Klik untuk mengubah gaya judul")
    shapes.placeholder("Isi", 'type="body" idx="1"', BODY, prompt="Klik untuk mengubah gaya teks")
    shapes.placeholder("Footer", 'type="ftr" sz="quarter" idx="3"', FOOTER, anchor="ctr", prompt=" ",
                       lst=level(11, color=GREY))
    shapes.placeholder("Nomor Slide", 'type="sldNum" sz="quarter" idx="4"', SLIDE_NUMBER, anchor="ctr", prompt=" ",
                       lst=level(11, color=GREY, align="r"))
    return shapes.tree()


def text_styles() -> str:
    """Master text styles: Calibri bold titles in the dark text colour, bulleted body text."""
    title = ('<p:titleStyle><a:lvl1pPr algn="l" defTabSz="914400" rtl="0" eaLnBrk="1" latinLnBrk="0" hangingPunct="1">'
             '<a:lnSpc><a:spcPct val="90000"/></a:lnSpc><a:spcBef><a:spcPct val="0"/></a:spcBef><a:buNone/>'
             '<a:defRPr sz="3200" b="1" kern="1200"><a:solidFill><a:schemeClr val="tx2"/></a:solidFill>'
             '<a:latin typeface="+mj-lt"/><a:ea typeface="+mj-ea"/><a:cs typeface="+mj-cs"/></a:defRPr></a:lvl1pPr>'
             '</p:titleStyle>')
    levels = []
    for number, (size, margin) in enumerate(((24, 0.35), (20, 0.75), (18, 1.1), (16, 1.45), (16, 1.8)), start=1):
        char = "•" if number % 2 else "–"
        levels.append(
            f'<a:lvl{number}pPr marL="{emu(margin)}" indent="{-emu(0.35)}" algn="l" defTabSz="914400" rtl="0"'
            ' eaLnBrk="1" latinLnBrk="0" hangingPunct="1"><a:lnSpc><a:spcPct val="100000"/></a:lnSpc>'
            f'<a:spcBef><a:spcPts val="1000"/></a:spcBef><a:buClr><a:schemeClr val="accent1"/></a:buClr>'
            f'<a:buFont typeface="Arial"/><a:buChar char="{char}"/><a:defRPr sz="{size * 100}" kern="1200">'
            '<a:solidFill><a:schemeClr val="tx1"/></a:solidFill><a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/>'
            f'<a:cs typeface="+mn-cs"/></a:defRPr></a:lvl{number}pPr>')
    other = ('<p:otherStyle><a:defPPr><a:defRPr lang="id-ID"/></a:defPPr>'
             '<a:lvl1pPr marL="0" algn="l" defTabSz="914400">'
             '<a:defRPr sz="1800" kern="1200"><a:solidFill><a:schemeClr val="tx1"/></a:solidFill>'
             '<a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/></a:defRPr></a:lvl1pPr>'
             '</p:otherStyle>')
    return f'<p:txStyles>{title}<p:bodyStyle>{"".join(levels)}</p:bodyStyle>{other}</p:txStyles>'


def layout_title() -> Shapes:
    """Judul: a full-width accent block with the title, subtitle below it, details underneath."""
    s = Shapes()
    s.rect("Blok aksen", (0, 0, 13.333, 4.6), ACCENT)
    s.rect("Garis aksen", (0, 4.6, 13.333, 0.08), ACCENT_LIGHT)
    s.placeholder("Judul", 'type="ctrTitle"', (0.8, 0.8, 11.0, 2.55),
                  lst=level(40, bold=True, color=WHITE, line=90), anchor="b", prompt="Klik untuk menambah judul")
    s.placeholder("Subjudul", 'type="subTitle" idx="1"', (0.8, 3.45, 11.7, 1.0),
                  lst=level(20, color=SOFT_WHITE, line=100), prompt="Klik untuk menambah subjudul")
    body_ph(s, 13, (0.8, 4.95, 11.7, 1.95), prompt="Narasumber, tanggal dan tempat", size=18, space_before=4)
    return s


def layout_section() -> Shapes:
    """Bagian: accent background, large white title, a short rule and a line of context."""
    s = Shapes()
    title_ph(s, (0.8, 1.5, 11.0, 2.7), size=40, bold=True, color=WHITE, line=90)
    s.rect("Garis", (0.9, 4.38, 1.2, 0.06), WHITE)
    body_ph(s, 1, (0.8, 4.6, 11.7, 1.7), size=22, color=SOFT_WHITE, space_before=4)
    s.footer(light=True)
    return s


def layout_content() -> Shapes:
    """Judul dan Isi: title and bulleted text in the master's positions."""
    s = Shapes()
    title_ph(s)
    s.placeholder("Isi", 'type="body" idx="1"', None, prompt="Klik untuk menambah poin")
    s.footer()
    return s


def layout_two_columns() -> Shapes:
    """Dua Kolom: title, two column headings and two shaded text columns."""
    s = Shapes()
    title_ph(s)
    column = (CONTENT_W - 0.3) / 2
    right = MARGIN + column + 0.3
    body_ph(s, 13, (MARGIN, 1.7, column, 0.55), prompt="Judul kolom kiri", size=20, bold=True, anchor="b")
    body_ph(s, 14, (right, 1.7, column, 0.55), prompt="Judul kolom kanan", size=20, bold=True, anchor="b",
            color=ACCENT)
    body_ph(s, 1, (MARGIN, 2.3, column, 4.45), prompt="Isi kolom kiri", size=20, fill=PALE, insets=0.15)
    body_ph(s, 2, (right, 2.3, column, 4.45), prompt="Isi kolom kanan", size=20, fill=PALE, insets=0.15)
    s.footer()
    return s


def layout_picture() -> Shapes:
    """Gambar dan Keterangan: a picture on the left, its caption on the right."""
    s = Shapes()
    title_ph(s)
    s.placeholder("Gambar", 'type="pic" idx="1"', (MARGIN, 1.7, 7.9, 5.05))
    body_ph(s, 2, (8.8, 1.7, 13.333 - MARGIN - 8.8, 5.05), prompt="Keterangan gambar", size=20, anchor="ctr")
    s.footer()
    return s


def layout_table() -> Shapes:
    """Tabel: title and a table placeholder over the content area."""
    s = Shapes()
    title_ph(s)
    s.placeholder("Tabel", 'type="tbl" idx="1"', BODY)
    s.footer()
    return s


def layout_quote() -> Shapes:
    """Kutipan: a large quotation mark, the quote in italics and its source right-aligned."""
    s = Shapes()
    title_ph(s)
    s.text("Tanda kutip", (0.85, 1.6, 1.0, 1.4), "“", level(120, bold=True, color=ACCENT_LIGHT))
    body_ph(s, 1, (1.9, 1.9, 10.2, 3.45), prompt="Kutipan", size=28, italic=True, anchor="ctr")
    body_ph(s, 13, (1.9, 5.45, 10.2, 0.8), prompt="Sumber kutipan", size=18, align="r",
            color=GREY)
    s.footer()
    return s


def layout_exercise() -> Shapes:
    """Latihan: instructions on the left, an accent box with the time and a note on the right."""
    s = Shapes()
    title_ph(s)
    body_ph(s, 1, (MARGIN, 1.7, 8.7, 5.05), prompt="Petunjuk latihan", size=20, space_before=8)
    body_ph(s, 13, (9.6, 1.7, 13.333 - MARGIN - 9.6, 1.5), prompt="Waktu", size=32, bold=True, color=WHITE,
            align="ctr", anchor="ctr", fill=ACCENT)
    body_ph(s, 14, (9.6, 3.4, 13.333 - MARGIN - 9.6, 3.35), prompt="Keterangan", size=16, fill=PALE, insets=0.15)
    s.footer()
    return s


def layout_question() -> Shapes:
    """Soal: the question in bold, the options below it."""
    s = Shapes()
    title_ph(s)
    body_ph(s, 13, (MARGIN, 1.7, CONTENT_W, 1.7), prompt="Pertanyaan", size=24, bold=True, space_before=0)
    body_ph(s, 1, (MARGIN, 3.5, CONTENT_W, 3.25), prompt="Pilihan jawaban", size=22, space_before=8)
    s.footer()
    return s


def layout_agenda() -> Shapes:
    """Agenda: one line per item, time or minutes, a tab, then the title."""
    s = Shapes()
    title_ph(s)
    body_ph(s, 1, None, prompt="09.00–09.30\tPokok bahasan", size=22, space_before=10)
    s.footer()
    return s


def layout_closing() -> Shapes:
    """Penutup: accent background, a centred thank-you and contact lines."""
    s = Shapes()
    title_ph(s, (0.8, 1.6, CONTENT_W - 0.4, 1.8), size=48, bold=True, color=WHITE, align="ctr", line=90)
    s.rect("Garis", (13.333 / 2 - 0.6, 3.55, 1.2, 0.06), WHITE)
    body_ph(s, 1, (0.8, 3.8, CONTENT_W - 0.4, 2.6), size=20, color=SOFT_WHITE, align="ctr", space_before=4)
    s.footer(light=True)
    return s


ACCENT_BACKGROUND = f'<p:bg><p:bgPr>{ACCENT}<a:effectLst/></p:bgPr></p:bg>'

# (layout name, builder, hide master shapes, background)
LAYOUTS = (
    ("Judul", layout_title, True, ""),
    ("Bagian", layout_section, True, ACCENT_BACKGROUND),
    ("Judul dan Isi", layout_content, False, ""),
    ("Dua Kolom", layout_two_columns, False, ""),
    ("Gambar dan Keterangan", layout_picture, False, ""),
    ("Tabel", layout_table, False, ""),
    ("Kutipan", layout_quote, False, ""),
    ("Latihan", layout_exercise, False, ""),
    ("Soal", layout_question, False, ""),
    ("Agenda", layout_agenda, False, ""),
    ("Penutup", layout_closing, True, ACCENT_BACKGROUND),
)


def replace_children(element, tag: str, xml: str) -> None:
    """Replace the child ``tag`` of ``element`` (or append) with parsed ``xml``."""
    new = etree.fromstring(xml.replace(">", f" {NSDECL}>", 1))
    old = element.find(tag, NS)
    if old is not None:
        old.addprevious(new)
        element.remove(old)
    else:
        element.append(new)


def rewrite_layout(layout, name: str, builder, hide_master: bool, background: str) -> None:
    """Give a default layout its name, shapes and background."""
    element = layout._element
    element.set("preserve", "1")
    if hide_master:
        element.set("showMasterSp", "0")
    elif "showMasterSp" in element.attrib:
        del element.attrib["showMasterSp"]
    csld = element.find("p:cSld", NS)
    csld.set("name", name)
    for old in csld.findall("p:bg", NS):
        csld.remove(old)
    replace_children(csld, "p:spTree", builder().tree())
    if background:
        csld.insert(0, etree.fromstring(background.replace("<p:bg>", f"<p:bg {NSDECL}>", 1)))


def rewrite_theme(prs) -> None:
    """Name the theme, set its colours and make Calibri the heading and body font."""
    part = prs.slide_master.part.part_related_by(RT.THEME)
    xml = part.blob.decode("utf-8")
    xml = re.sub(r'<a:theme ([^>]*)name="[^"]*"', r'<a:theme \1name="Humas Workshop"', xml, count=1)
    xml = re.sub(r'<a:clrScheme name="[^"]*"', '<a:clrScheme name="Humas Workshop"', xml, count=1)
    for key, value in THEME_COLOURS.items():
        xml = re.sub(rf"<a:{key}>.*?</a:{key}>", f'<a:{key}><a:srgbClr val="{value}"/></a:{key}>', xml, count=1,
                     flags=re.S)
    xml = re.sub(r'<a:fontScheme name="[^"]*"', '<a:fontScheme name="Humas Workshop"', xml, count=1)
    xml = re.sub(r'(<a:majorFont><a:latin typeface=")[^"]*"', r'\1Calibri"', xml, count=1)
    xml = re.sub(r'(<a:minorFont><a:latin typeface=")[^"]*"', r'\1Calibri"', xml, count=1)
    part._blob = xml.encode("utf-8")


def drop_thumbnail(prs) -> None:
    """Remove the 4:3 preview picture of the default template."""
    rels = prs.part.package._rels
    for rid, rel in list(rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            rels.pop(rid)


def set_properties(prs) -> None:
    """Fixed core properties so that the file is reproducible."""
    core = prs.core_properties
    core.title = "Master slide Humas Workshop"
    core.author = "humas-workshop"
    core.last_modified_by = "humas-workshop"
    core.created = FIXED_DATE
    core.modified = FIXED_DATE
    core.last_printed = FIXED_DATE
    core.revision = 1
    core.subject = "Templat presentasi 16:9 untuk modul pelatihan kehumasan"
    core.keywords = ""
    core.comments = ""


def build() -> Path:
    """Create the master and save it to ``templates/slides.pptx``."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(WIDTH), Emu(HEIGHT)
    rewrite_theme(prs)
    master = prs.slide_master._element
    csld = master.find("p:cSld", NS)
    replace_children(csld, "p:spTree", master_tree())
    replace_children(master, "p:txStyles", text_styles())
    for layout, (name, builder, hide, background) in zip(prs.slide_layouts, LAYOUTS, strict=True):
        rewrite_layout(layout, name, builder, hide, background)
    drop_thumbnail(prs)
    set_properties(prs)
    buffer = io.BytesIO()
    prs.save(buffer)
    OUT.write_bytes(normalize_zip(buffer.getvalue()))
    return OUT


if __name__ == "__main__":
    print(build())
