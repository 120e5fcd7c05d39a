"""The slide-fit estimate against real renders: Carlito metrics predict LibreOffice's line breaks."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Emu, Pt

from builder.render.pptx import fit as slidefit
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
