"""Shared fixtures: sample project roots, a loaded workshop, LibreOffice conversion."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from builder.write.pdf import convert_to_pdf, find_soffice
from builder.sources.project import load_workshop

ROOTS = Path(__file__).parent / "roots"
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def roots() -> Path:
    """The folder of small input trees."""
    return ROOTS


@pytest.fixture
def basic_root(tmp_path: Path) -> Path:
    """A writable copy of tests/roots/basic (one module, one two-day curriculum)."""
    target = tmp_path / "basic"
    shutil.copytree(ROOTS / "basic", target)
    return target


@pytest.fixture
def basic_workshop(basic_root: Path):
    """The checked Workshop of tests/roots/basic."""
    workshop, report = load_workshop(basic_root / "curriculum" / "bimtek-contoh.yaml")
    assert workshop is not None, [d.format() for d in report.items]
    return workshop


@pytest.fixture
def reference_workshop():
    """The bundled default workshop (curriculum/ and modules/ of the repository)."""
    from builder.sources.project import default_curriculum

    workshop, report = load_workshop(default_curriculum(REPO))
    assert workshop is not None, [d.format() for d in report.items]
    return workshop


@pytest.fixture
def to_pdf(tmp_path: Path):
    """Convert documents to PDF with LibreOffice; skip the test when LibreOffice is absent."""
    if find_soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")

    def convert(*sources: Path) -> list[Path]:
        return convert_to_pdf(list(sources), tmp_path / "pdf")

    return convert


def pytest_collection_modifyitems(items) -> None:
    """Mark tests that convert with LibreOffice, so ``-m "not libreoffice and not kernel"`` is the fast suite."""
    for item in items:
        if "to_pdf" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.libreoffice)
