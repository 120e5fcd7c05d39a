"""``workshop verify``: check a certificate number or QR URL against the certificate register."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from builder.diagnostics import UserError


def register(group: click.Group) -> None:
    """Add the ``verify`` command."""
    group.add_command(verify)


@click.command()
@click.argument("claim")
@click.option("--name", default=None, help="The name printed on the certificate, to compare with the register.")
@click.option("--register", "register_path", type=click.Path(path_type=Path), default=None,
              help="register.json to check against (default: build/<workshop>/certificates/register.json).")
@click.option("--curriculum", type=click.Path(path_type=Path), default=None,
              help="Workshop whose register and key are used (default: the project's).")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=None,
              help="Build folder the certificates were written to (default: build/).")
def verify(claim: str, name: str | None, register_path: Path | None, curriculum: Path | None, out_dir: Path | None) -> None:
    """Say whether a certificate is genuine: its number exists, its QR hash and name match.

    \b
    CLAIM is the certificate number or the URL/text from its QR code.
    Exit code 0 when the certificate is valid, 1 when it is not, 2 on bad input.

    \b
    Examples:
      workshop verify "800/007/Humpro/IX/2019"
      workshop verify "https://humas.example.go.id/verifikasi?no=800%2F007%2FHumpro%2FIX%2F2019&h=3f2a..."
      workshop verify "800/007/Humpro/IX/2019" --name "Ma'ruf O'Neil, S.H."
    """
    from builder.build import output_root
    from builder.certificates import load_register
    from builder.certificates import verify as check
    from builder.outputs.certificates import secret_of
    from builder.project import load_workshop

    workshop, report = load_workshop(curriculum)
    if workshop is None:
        raise UserError("the workshop could not be loaded, so its certificate key is unknown",
                        "run `workshop validate` and fix the errors first")
    path = register_path or output_root(workshop, out_dir) / "certificates" / "register.json"
    register = load_register(path)
    if register is None:
        raise UserError(f"{path}: no certificate register found", "run `workshop build --only certificates` first, "
                        "or pass --register PATH")
    verdict = check(register, claim, secret_of(workshop), name)
    # The verdict is for the person holding the certificate: it is said in Indonesian only.
    if verdict.valid:
        click.echo("SAH: " + verdict.message.removeprefix("sah: "))
    else:
        click.echo("TIDAK SAH: " + verdict.message)
    if verdict.entry is not None and verdict.valid:
        entry = verdict.entry
        click.echo(f"  nomor: {entry.number}\n  nama: {entry.name}\n  peran: {entry.role}\n  acara: {register.title}")
    sys.stdout.flush()
    sys.exit(0 if verdict.valid else 1)
