"""Render built documents with LibreOffice and report layout defects; exit 1 when there are any.

Usage:
    python3 tools/layout_check.py build/rakor-kubu-raya-2019          # every .docx/.pptx of a build
    python3 tools/layout_check.py agenda.docx slides/x.pptx --pdf-dir /tmp/pdf
    python3 tools/layout_check.py --build curriculum/raker-humas-ntt-2019.yaml

With --build, the workshop is built into a temporary folder first (needs the project's sources).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from builder.write.layoutcheck import check_files, printable  # noqa: E402


def build(curriculum: Path, out: Path) -> Path:
    """Build ``curriculum`` into ``out`` with the toolkit's CLI and return the workshop folder."""
    from click.testing import CliRunner

    from builder.cli import main

    result = CliRunner().invoke(main, ["build", str(curriculum), "--out", str(out)], catch_exceptions=False)
    if result.exit_code != 0:
        sys.exit(f"build of {curriculum} failed:\n{result.output}")
    return next(p for p in out.iterdir() if p.is_dir())


def main(argv: list[str] | None = None) -> int:
    """Check the given documents or build folders and print one line per finding."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help=".docx/.pptx files or build folders")
    parser.add_argument("--build", type=Path, action="append", default=[], help="build this curriculum first")
    parser.add_argument("--pdf-dir", type=Path, help="keep the rendered PDFs here")
    args = parser.parse_args(argv)
    findings = []
    with tempfile.TemporaryDirectory(prefix="layout-build-") as scratch:
        targets = list(args.paths) + [build(c, Path(scratch) / c.stem) for c in args.build]
        for target in targets:
            files = printable(target) if target.is_dir() else [target]
            root = target if target.is_dir() else None
            findings += check_files(files, root, args.pdf_dir / target.name if args.pdf_dir else None)
    for finding in findings:
        print(finding)
    print(f"{len(findings)} finding(s)", file=sys.stderr)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
