"""The one fitting API: the estimate (checked against real LibreOffice renders) and paragraph fitting."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Emu, Pt

from builder.render.pptx import fit as slidefit
from builder.render.pptx.fit import Box, NoRoom, first_fitting, group_paras, paired_pages, split
from builder.render.pptx.text import Para
from builder.write.layoutcheck import pdf_lines
from builder.write.pdf import convert_to_pdf, find_soffice

MODULES = Path(__file__).resolve().parents[2] / "modules"


def test_widths_come_from_carlito_and_no_break_spaces_join_words():
    """Advance widths are Carlito's (bold wider); a no-break space keeps two words on one line."""
    assert slidefit.char_em("a") == pytest.approx(0.479 * slidefit.WIDTH_MARGIN)
    assert slidefit.char_em("W", bold=True) > slidefit.char_em("W")
    width = slidefit.text_em("aa bb") + 0.01  # two short words a line
    assert slidefit.wrapped_lines("aa bb cc dd", width) == 2
    assert slidefit.wrapped_lines("aa bb\u00a0cc dd", width) == 3  # "bb cc" stays together: aa / bb cc / dd


def test_partition_balances_by_height():
    """Two groups of unequal items are balanced by height, not by count (no split after one bullet)."""
    heights = [58.6, 47.0, 95.7, 24.3, 24.3, 19.5, 24.3, 24.3, 47.0]
    groups = slidefit.partition(heights, 356)
    sums = [sum(heights[i] for i in group) for group in groups]
    assert len(groups) == 2 and max(sums) - min(sums) < 40
    assert slidefit.partition([10.0] * 5, 100) == [[0, 1, 2, 3, 4]]  # fits: never split


def sample_paragraphs(count: int) -> list[str]:
    """Sentences from the bundled modules (shuffled with a fixed seed)."""
    texts = []
    for path in sorted(MODULES.glob("*.yaml")):
        texts += [re.sub(r"[*_`#>\[\]]", "", m.group(0)) for m in re.finditer(r"[A-Z][^\n]{80,400}", path.read_text())]
    random.Random(1).shuffle(texts)
    return texts[:count]


@pytest.mark.libreoffice
@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")
def test_estimated_line_counts_match_libreoffice(tmp_path):
    """Module text at 14-24 pt in boxes 300-800 pt wide: never more lines than estimated, nearly all exact."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)
    rng = random.Random(2)
    samples = []
    for text in sample_paragraphs(40):
        size, width, bold = rng.choice([14, 16, 18, 20, 24]), rng.choice([300, 420, 560, 800]), rng.random() < 0.2
        box = prs.slides.add_slide(prs.slide_layouts[6]).shapes.add_textbox(
            Emu(40 * 12700), Emu(20 * 12700), Emu(width * 12700), Emu(500 * 12700))
        box.text_frame.word_wrap = True
        run = box.text_frame.paragraphs[0].add_run()
        run.text, run.font.size, run.font.name, run.font.bold = text, Pt(size), "Calibri", bold
        samples.append((text, size, width, bold))
    prs.save(tmp_path / "kalibrasi.pptx")
    (pdf,) = convert_to_pdf([tmp_path / "kalibrasi.pptx"], tmp_path)
    exact = 0
    for (text, size, width, bold), (_w, _h, lines) in zip(samples, pdf_lines(pdf)):
        rendered = len({round(line.top) for line in lines})
        estimated = slidefit.wrapped_lines(text, (width - 14.4) / size, bold)
        assert rendered <= estimated, (text[:40], size, width, rendered, estimated)
        exact += rendered == estimated
    assert exact >= 0.9 * len(samples)


def test_estimator_basics():
    """Greedy wrapping by estimated glyph widths, heights and balanced partitions behave as documented."""
    # Carlito's advance widths (thousandths of an em): a 479, space 226, A 579, 1 507; stretched by 1 %
    assert slidefit.text_em("aa AA 11") == pytest.approx((479 * 2 + 226 * 2 + 579 * 2 + 507 * 2) / 1000 * 1.01)
    assert slidefit.text_em("aa", bold=True) > slidefit.text_em("aa")
    assert slidefit.wrapped_lines("aaa bbb ccc", 3.5) == 2  # 'aaa bbb' is 3.27 em
    assert slidefit.wrapped_lines("a" * 20, 3.5) == 3  # 7 glyphs a line
    assert slidefit.wrapped_lines("x\ny", 10) == 2
    assert slidefit.wrapped_lines("pembukaan", 5) == 1 and slidefit.wrapped_lines("PEMBUKAAN", 5) == 2
    assert slidefit.partition([1.0] * 30, 8.5, 8) == [list(range(0, 8)), list(range(8, 16)),
                                                      list(range(16, 23)), list(range(23, 30))]
    assert slidefit.partition([1.0, 9.0], 8.5) is None
    assert slidefit.partition([1.0] * 4, 10, count=2) == [[0, 1], [2, 3]]
    text = "kata " * 30  # 30 words of 1.77 em plus spaces: 10 words (19.7 em) on a 20 em line
    height = slidefit.text_height([slidefit.Line(text, 20, space_before=10)], 400)
    assert height == pytest.approx(10 + 3 * 20 * slidefit.LINE_EM)


BOX = Box(400, 200)  # inner 385.6 x 192.8 pt


def test_first_fitting_takes_the_largest_size_that_fits():
    """Short text keeps the largest size; long text shrinks; text too long at every size gives None."""
    short = [Para("Pendek", 24), Para("Juga pendek", 20)]
    assert [p.size for p in first_fitting(short, BOX, (24, 20))] == [24, 20]  # proportions kept
    long = [Para("kata " * 60, 24)]  # ~7 lines at 24 pt, ~5 at 16 pt
    fitted = first_fitting(long, BOX, (24, 20, 16))
    assert fitted is not None and fitted[0].size < 24
    assert slidefit.height(fitted, BOX) <= BOX.inner_height < slidefit.height(long, BOX)
    assert first_fitting([Para("kata " * 400, 24)], BOX, (24, 16)) is None


def test_split_keeps_everything_on_one_box_when_it_fits_and_balances_otherwise():
    """Nine bullets with room for four a box: three balanced groups at the smallest size, every item once."""
    paras = [Para(f"Butir nomor {n} dengan sedikit teks", 24, bullet=True, space_before=10) for n in range(9)]
    chosen, groups = split(paras[:2], BOX, (24, 20))
    assert groups == [[0, 1]] and chosen[0].size == 24
    chosen, groups = split(paras, BOX, (24, 20), max_items=4)
    assert [i for g in groups for i in g] == list(range(9))
    assert max(len(g) for g in groups) <= 4 and max(map(len, groups)) - min(map(len, groups)) <= 1
    assert {p.size for p in chosen} == {20}
    assert all(slidefit.height(group_paras(chosen, g), BOX) <= BOX.inner_height for g in groups)
    assert group_paras(chosen, groups[1])[0].space_before == 0  # a slide never starts with a gap


def test_split_keeps_a_heading_with_the_paragraph_after_it():
    """A paragraph marked keep_with_next is never the last on its box."""
    paras = []
    for n in range(6):
        paras += [Para(f"Judul {n}", 20, bold=True, keep_with_next=True), Para("isi " * 25, 20)]
    _chosen, groups = split(paras, BOX, (20,))
    assert len(groups) > 1
    assert all(not paras[g[-1]].keep_with_next for g in groups)


def test_split_names_the_item_that_cannot_fit_alone():
    """NoRoom carries the index of the paragraph too tall for an empty box, its length and the size tried."""
    paras = [Para("pendek", 24), Para("panjang " * 300, 24), Para("pendek", 24)]
    with pytest.raises(NoRoom) as caught:
        split(paras, BOX, (24, 20))
    assert (caught.value.index, caught.value.size) == (1, 20)
    assert caught.value.characters == len(paras[1].line().text)


def test_paired_pages_keep_each_pair_side_by_side():
    """Before/after columns that correspond one to one are split at the same pairs."""
    left = [Para("sebelum " * 12, 20) for _ in range(6)]
    right = [Para("sesudah " * 6, 20) for _ in range(6)]
    pages = paired_pages(left, right, (BOX, BOX), 16)
    assert pages is not None and len(pages) > 1
    assert [len(a) for a, _b in pages] == [len(b) for _a, b in pages]
    assert sum(len(a) for a, _b in pages) == 6


def _reference_wrapped_lines(text: str, width_em: float, bold: bool = False) -> int:
    """The greedy word wrap written out plainly (no remembered word widths), to compare with the fast one."""
    total = 0
    for part in text.split("\n"):
        lines, used = 1, 0.0
        for word in re.split(r"[ \t\n\r\f\v]+", part.strip(" \t")):
            if not word:
                continue
            width = sum(slidefit.char_em(c, bold) for c in word)
            if used and used + slidefit.char_em(" ", bold) + width <= width_em:
                used += slidefit.char_em(" ", bold) + width
                continue
            if used:
                lines, used = lines + 1, 0.0
            if width <= width_em:
                used = width
                continue
            for char in word:
                glyph = slidefit.char_em(char, bold)
                if used + glyph > width_em and used:
                    lines, used = lines + 1, 0.0
                used += glyph
        total += lines
    return total


def test_wrapped_lines_with_remembered_word_widths_counts_as_the_plain_wrap():
    """Measuring each text's words once changes no line count: module texts and odd ones, several widths."""
    texts = [line for path in sorted(MODULES.glob("*.yaml")) for line in path.read_text(encoding="utf-8").splitlines()]
    pick = random.Random(7)
    texts += ["", " ", "\n", "a\n\nb", "\t kata\u00a0kata  lagi \n", "x" * 300, "Sangat" + "panjang" * 40 + " kata"]
    texts += ["".join(pick.choice("ab ÀÉ\u00a0\t\nW.-") for _ in range(pick.randrange(1, 120))) for _ in range(200)]
    for text in texts:
        for width in (3.5, 12.0, 27.3, 60.0):
            for bold in (False, True):
                assert slidefit.wrapped_lines(text, width, bold) == _reference_wrapped_lines(text, width, bold), text


def test_remembered_fitting_gives_what_fitting_computes_and_fresh_lists():
    """first_fitting and split remember their answers: equal to the computed ones, and safe to change."""
    cases = [[Para("Pendek", 24), Para("Juga pendek", 20)], [Para("kata " * 60, 24)],
             [Para(f"Butir {n} " + "isi " * n, 24, bullet=True, space_before=10) for n in range(12)]]
    for paras in cases:
        for sizes in ((24, 20, 16), (20,)):
            for _ in range(2):  # the second call is answered from memory
                fitted = first_fitting(paras, BOX, sizes)
                assert fitted == slidefit._first_fitting(paras, BOX, sizes)
                if fitted is not None:
                    fitted.append("changed")  # a caller's change never reaches the next caller
                chosen, groups = split(paras, BOX, sizes, 4)
                assert (chosen, groups) == slidefit._split(paras, BOX, sizes, 4)
                chosen.clear()
                groups[0].append(99)
    with pytest.raises(NoRoom):  # errors are raised every time, never remembered as answers
        split([Para("panjang " * 300, 24)], BOX, (24,))
    with pytest.raises(NoRoom):
        split([Para("panjang " * 300, 24)], BOX, (24,))


def test_text_width_from_remembered_character_widths_is_the_sum_of_char_em():
    """text_em looks character widths up once measured: bit for bit the sum of char_em, in order."""
    pick = random.Random(3)
    texts = ["", "a", "Kehumasan", "ÀÉ\u00a0ẞ✓漢", "W" * 50] + [
        "".join(chr(pick.randrange(32, 0x2FFF)) for _ in range(pick.randrange(1, 40))) for _ in range(300)]
    for text in texts:
        for bold in (False, True):
            total = 0
            for char in text:
                total += slidefit.char_em(char, bold)
            assert slidefit.text_em(text, bold) == total, text
