"""Slide paragraphs: rich text read with the shared Markdown parser, and DrawingML read back with python-pptx."""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.util import Emu

from builder.render.pptx.fit import Box
from builder.render.pptx.text import BULLET_INDENT, Para, inline_plain, rich_paras, runs, write


def test_inline_markdown_becomes_runs_and_values_stay_literal():
    """Bold, italic and link text are runs; a value shown with markup=False keeps its asterisks."""
    assert runs("Ini **penting** dan *miring*, lihat [situs](https://contoh.go.id).") == [
        ("Ini ", False, False), ("penting", True, False), (" dan ", False, False), ("miring", False, True),
        (", lihat ", False, False), ("situs", False, False), (".", False, False)]
    assert inline_plain("1. **Pembukaan**") == "1. Pembukaan"  # block syntax stays text on one line
    assert Para("PT *A* & B\x07", 18, markup=False).pieces == [("PT *A* & B", False, False)]
    assert Para("x", 18, lead="Narasumber: ").pieces[0] == ("Narasumber: ", True, False)


def test_rich_text_blocks_become_paragraphs():
    """Paragraphs, bullets (nested ones flattened) and numbered items with a hanging "N.<TAB>"."""
    text = ("Baca kasus berikut dengan **teliti**.\nLalu kerjakan.\n\n"
            "- satu\n- dua *penting*\n  - anak\n\n1. pertama\n2. **kedua** saja\n")
    paras = rich_paras(text, 20)
    assert [p.pieces for p in paras] == [
        [("Baca kasus berikut dengan ", False, False), ("teliti", True, False), (". Lalu kerjakan.", False, False)],
        [("satu", False, False)], [("dua ", False, False), ("penting", False, True)], [("anak", False, False)],
        [("1.\tpertama", False, False)], [("2.\t", False, False), ("kedua", True, False), (" saja", False, False)]]
    assert [(p.bullet, p.hang, p.space_before) for p in paras] == [
        (False, 0, 10), (True, 0, 6), (True, 0, 6), (True, 0, 6), (False, BULLET_INDENT, 6), (False, BULLET_INDENT, 6)]
    assert paras[4].line().text == "1.    pertama"  # the estimator sees the tab as four spaces
    assert rich_paras("", 20) == [] and rich_paras("<b>tetap</b> teks", 20)[0].text == "<b>tetap</b> teks"


def test_write_puts_formatted_paragraphs_into_a_shape():
    """Sizes, bullets, bold/italic runs, insets and the language are written and read back by python-pptx."""
    prs = Presentation()
    shape = prs.slides.add_slide(prs.slide_layouts[6]).shapes.add_textbox(0, 0, Emu(3000000), Emu(2000000))
    write(shape, [Para("Judul **tebal**", 24, bold=False, align="ctr"),
                  Para("butir", 20, bullet=True, space_before=6, italic=True)], Box(236, 157, (5, 4, 5, 4)), "en-US")
    buffer = io.BytesIO()
    prs.save(buffer)
    frame = Presentation(io.BytesIO(buffer.getvalue())).slides[0].shapes[0].text_frame
    first, second = frame.paragraphs
    assert [(r.text, r.font.bold, r.font.size.pt) for r in first.runs] == [("Judul ", None, 24), ("tebal", True, 24)]
    assert second.runs[0].font.italic and second.space_before.pt == 6
    assert second._p.pPr.find("{http://schemas.openxmlformats.org/drawingml/2006/main}buChar").get("char") == "•"
    assert frame.margin_left == Emu(5 * 12700) and frame.margin_top == Emu(4 * 12700)
    assert first.runs[0]._r.rPr.get("lang") == "en-US"


def test_plain_text_runs_skip_the_parser_and_give_what_it_gives():
    """A text without inline-Markdown characters is one run without parsing: the parser's answer exactly."""
    import random
    from pathlib import Path

    from builder.render.pptx.text import spans_runs
    from builder.render.richtext import inline_spans

    modules = Path(__file__).resolve().parents[3] / "modules"
    texts = [line.strip(" -") for path in sorted(modules.glob("*.yaml"))
             for line in path.read_text(encoding="utf-8").splitlines()]
    pick = random.Random(11)
    alphabet = "ab 1.#-+=(){}^%$@:;é\u00a0\x01\x7f*_[]<>&\\`~!\t\r\n\0"
    texts += ["".join(pick.choice(alphabet) for _ in range(pick.randrange(0, 30))) for _ in range(3000)]
    texts += ["  foo  ", "1. Pembukaan", "# judul", "- butir", "> kutipan", "http://contoh.go.id", "***", "   "]
    plain = 0
    for text in texts:
        assert runs(text) == list(spans_runs(inline_spans(text))), repr(text)
        plain += bool(text) and "*" not in text and "[" not in text
    assert plain > 500  # the fast path was taken often


def test_a_resized_paragraph_is_what_dataclasses_replace_gives():
    """Para.sized copies without dataclasses.replace: the same fields, a new object, the original unchanged."""
    from dataclasses import fields, replace

    para = Para("**Judul**\tisi", 24, bullet=True, bold=True, align="ctr", space_before=10, hang=3.0, spacing=0.9,
                markup=False, keep_with_next=True, lead="Catatan: ", parsed=(("Judul", True, False),))
    smaller = para.sized(18)
    assert smaller == replace(para, size=18, space_before=7.5) and smaller is not para
    assert [getattr(smaller, f.name) for f in fields(Para)] == [getattr(replace(para, size=18, space_before=7.5),
                                                                   f.name) for f in fields(Para)]
    assert para.size == 24 and para.space_before == 10
    assert hash(smaller) == hash(replace(para, size=18, space_before=7.5))
    assert para.sized(24) is para
