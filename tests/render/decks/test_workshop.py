"""The workshop deck's content: fit errors located in the curriculum file from the model's positions."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.check.diagnostics import UserError
from builder.i18n import Locale
from builder.render.pptx.template import prepare_template
from builder.render.slides import lay_out_deck
from builder.sources.project import load_workshop
from tests.helpers import forbid_yaml_reads, make_project, run_cli

ROOTS = Path(__file__).resolve().parents[2] / "roots"
CURRICULUM = "bimtek-contoh.yaml"


def _with_long_rule(tmp_path: Path) -> tuple[Path, str, int]:
    """The basic curriculum with a second house rule too long for any slide; returns root, text and its line."""
    source = (ROOTS / "basic" / "curriculum" / CURRICULUM).read_text(encoding="utf-8")
    huge = ("Peserta menonaktifkan nada dering telepon genggam selama sesi berlangsung " * 30).strip()
    text = source.replace("theme: Humas yang terbuka & melayani",
                          f"theme: Humas yang terbuka & melayani\nhouse_rules:\n  - Hadir tepat waktu.\n  - {huge}")
    assert text != source
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("  - Peserta menonaktifkan"))
    return make_project(tmp_path, curricula={CURRICULUM: text}), text, line


def test_a_rule_too_long_is_located_in_the_curriculum_without_reading_yaml(tmp_path, monkeypatch):
    root, text, line = _with_long_rule(tmp_path)
    workshop, report = load_workshop(root / "curriculum" / CURRICULUM)
    assert workshop is not None, [d.format() for d in report.items]
    forbid_yaml_reads(monkeypatch)
    with pytest.raises(UserError) as caught:
        lay_out_deck(workshop, "workshop", Locale("id"), prepare_template(workshop))
    assert f"curriculum/{CURRICULUM}:{line}:5: house_rules[1]: this rule is too long for one slide" \
        in caught.value.message


def test_validate_names_the_curriculum_line_of_a_rule_too_long(tmp_path):
    root, _text, line = _with_long_rule(tmp_path)
    result = run_cli(root, "validate")
    assert result.exit_code == 2, result.output
    assert f"curriculum/{CURRICULUM}:{line}:5: error: house_rules[1]: this rule is too long for one slide" \
        in result.output
