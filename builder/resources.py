"""Files the toolkit reads at run time, shipped inside the installed package.

The bundled templates live in the top-level ``templates/`` folder of the source tree;
``builder/templates`` is a symbolic link to it, so a wheel or a plain ``pip install .`` carries
them as package data and an editable install reads them in place.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def template_path(name: str) -> Path:
    """The path of the bundled template ``name`` (e.g. ``"handout.docx"``)."""
    return PACKAGE / "templates" / name


def starter_text(kind: str) -> str:
    """The commented starter YAML for ``workshop new KIND`` (``module`` or ``curriculum``)."""
    return (PACKAGE / "data" / f"{kind}-template.yaml").read_text(encoding="utf-8")
