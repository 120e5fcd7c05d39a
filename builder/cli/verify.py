"""``workshop verify``: check a certificate's QR link (signature and status) or number against the register."""

from __future__ import annotations

import sys
from pathlib import Path

import click

# The verdict is for the person holding the certificate: it is said in Indonesian only.
HEADLINES = {"valid": "SAH", "replaced": "DIGANTI", "revoked": "DICABUT", "forged": "TIDAK SAH",
             "unknown": "TIDAK SAH", "mismatch": "TIDAK SAH"}


def register(group: click.Group) -> None:
    """Add the ``verify`` command."""
    group.add_command(verify)


@click.command()
@click.argument("claim")
@click.option("--name", default=None, help="The name printed on the certificate, to compare with the register.")
@click.option("--register", "register_path", type=click.Path(path_type=Path), default=None,
              help="Register file to check against (default: registers/<workshop-id>.sqlite3).")
@click.option("--curriculum", type=click.Path(path_type=Path), default=None,
              help="Workshop whose register is used (default: the project's).")
def verify(claim: str, name: str | None, register_path: Path | None, curriculum: Path | None) -> None:
    """Say whether a certificate is genuine and in force.

    \b
    CLAIM is the URL or text from the certificate's QR code (its signed token is checked
    against the public keys in the register), or the certificate number (checked against the
    register only).
    Exit codes: 0 valid; 1 not valid (signature does not match, unknown number, name differs);
    3 replaced by a newer version (the current version is shown); 4 revoked; 2 bad input.

    \b
    Examples:
      workshop verify "https://sertifikat.example.go.id/acara/verify.html?t=MXw4MDAv..."
      workshop verify "800/007/Humpro/IX/2019"
      workshop verify "800/007/Humpro/IX/2019" --name "Ma'ruf O'Neil, S.H."
    """
    from builder.domain.certificates import check_claim
    from builder.cli.certificates import open_workshop_register

    register, title = open_workshop_register(curriculum, register_path)
    try:
        verdict = check_claim(register, claim, name, title)
    finally:
        register.close()
    click.echo(f"{HEADLINES[verdict.status]}: {verdict.message.removeprefix('sah: ')}")
    if verdict.version is not None and verdict.status != "mismatch":
        version, record = verdict.version, verdict.record
        click.echo(f"  nomor: {record.number}\n  versi: {version.version} (berlaku: versi {record.version})\n"
                   f"  nama: {version.name}\n  peran: {version.role}\n  acara: {title or version.event}\n"
                   f"  tanggal: {version.first_day} – {version.last_day}\n  JP: {version.jp}")
    sys.stdout.flush()
    sys.exit(verdict.exit_code)

