"""``workshop certificates``: correct, revoke, re-issue and list certificates in the durable register."""

from __future__ import annotations

from pathlib import Path

import click

from builder.check.diagnostics import UserError, display_path


def register(group: click.Group) -> None:
    """Add the ``certificates`` command group."""
    group.add_command(certificates)


def load_checked_workshop(curriculum: Path | None):
    """The workshop, or a UserError when it does not load."""
    from builder.sources.project import load_workshop

    workshop, report = load_workshop(curriculum)
    if workshop is None or workshop.curriculum.certificate is None:
        raise UserError("the workshop could not be loaded or has no certificate settings, so its register is unknown",
                        "run `workshop validate` and fix the errors first, or pass --register PATH")
    return workshop


def open_workshop_register(curriculum: Path | None, register_path: Path | None):
    """(register, workshop title) for ``--register PATH`` or the curriculum's ``registers/<id>.sqlite3``."""
    from builder.domain.register import Register, register_path as default_path

    title = ""
    if register_path is None:
        workshop = load_checked_workshop(curriculum)
        register_path, title = default_path(workshop.root, workshop.id), workshop.curriculum.title
    if register_path.suffix == ".json":
        raise UserError(f"{display_path(register_path)} is an export of the register, not the register",
                        "pass registers/<workshop-id>.sqlite3, or leave --register out")
    register = Register.open(register_path)
    if register is None or not register.has_tables():
        raise UserError(f"{display_path(register_path)}: no certificate register found",
                        "run `workshop build --only certificates` first, or pass --register PATH")
    return register, title


@click.group()
def certificates() -> None:
    """Correct, revoke, re-issue and list issued certificates (registers/<workshop-id>.sqlite3).

    \b
    After a change, rebuild to print the new version and publish its status:
      workshop build --only certificates,site
    """


CURRICULUM = click.option("--curriculum", type=click.Path(path_type=Path), default=None,
                          help="Workshop whose register is changed (default: the project's).")


def _with_key(curriculum: Path | None, action):
    """Run ``action(register, key, workshop)`` with the workshop's register and signing key."""
    from builder.render.certificates import event_of, open_register, signing_key

    workshop = load_checked_workshop(curriculum)
    register = open_register(workshop)
    if register is None or not register.has_tables():
        raise UserError(f"no certificate register for {workshop.id} yet", "run `workshop build --only certificates` first")
    try:
        key = signing_key(workshop, register)
        return action(register, key, workshop, event_of(workshop))
    finally:
        register.close()


@certificates.command()
@click.argument("number")
@click.option("--name", default=None, help="The corrected name, with titles as printed.")
@click.option("--nip", default=None, help="The corrected NIP (18 digits).")
@click.option("--position", default=None, help="The corrected jabatan.")
@click.option("--agency", default=None, help="The corrected instansi.")
@click.option("--role", default=None, type=click.Choice(["peserta", "narasumber", "moderator", "panitia", "pembawa acara"]),
              help="The corrected role.")
@CURRICULUM
def correct(number: str, name, nip, position, agency, role, curriculum: Path | None) -> None:
    """Issue version 2 (3, ...) of certificate NUMBER with corrected printed fields.

    \b
    The number stays; the previous version is marked replaced and still verifies as
    "replaced" so a misprinted copy is recognised. Example:
      workshop certificates correct "800/003/Humpro/IX/2019" --name "Ma'ruf O'Neil, S.H., M.I.Kom."
    """
    from builder.model.people import nip_problem

    if nip is not None and nip_problem(nip):
        raise UserError(f"--nip: {nip_problem(nip)}", "give the 18-digit NIP without spaces")
    changes = {"name": name, "nip": nip, "position": position, "agency": agency, "role": role}
    if all(value is None for value in changes.values()):
        raise UserError("nothing to correct", "give at least one of --name, --nip, --position, --agency, --role")
    record = _with_key(curriculum, lambda register, key, workshop, event: register.correct(number, changes, key))
    click.echo(f"{record.number}: version {record.version} issued (version {record.version - 1} is now replaced); "
               "rebuild to print it: workshop build --only certificates,site")


@certificates.command()
@click.argument("number")
@click.option("--reason", required=True, help="Why the certificate is revoked (kept in the register's history).")
@CURRICULUM
def revoke(number: str, reason: str, curriculum: Path | None) -> None:
    """Revoke certificate NUMBER: it then verifies as "revoked" (exit code 4).

    \b
    Example:
      workshop certificates revoke "800/009/Humpro/IX/2019" --reason "tidak memenuhi syarat kehadiran"
    """
    from builder.domain.register import Register, register_path

    workshop = load_checked_workshop(curriculum)
    register = Register.open(register_path(workshop.root, workshop.id))
    if register is None or not register.has_tables():
        raise UserError(f"no certificate register for {workshop.id} yet", "run `workshop build --only certificates` first")
    try:
        record = register.revoke(number, reason)
    finally:
        register.close()
    click.echo(f"{record.number}: revoked; republish the site so the page shows it: workshop build --only site")


@certificates.command()
@click.argument("number")
@CURRICULUM
def reissue(number: str, curriculum: Path | None) -> None:
    """Re-issue a revoked certificate NUMBER as a new version with the same fields."""
    record = _with_key(curriculum, lambda register, key, workshop, event: register.reissue(number, key))
    click.echo(f"{record.number}: re-issued as version {record.version}; rebuild: workshop build --only certificates,site")


@certificates.command()
@click.argument("number", required=False)
@CURRICULUM
@click.option("--register", "register_path", type=click.Path(path_type=Path), default=None,
              help="Register file (default: registers/<workshop-id>.sqlite3).")
def history(number: str | None, curriculum: Path | None, register_path: Path | None) -> None:
    """Show the register's history (of one certificate when NUMBER is given): who, when, what."""
    import json

    register, _title = open_workshop_register(curriculum, register_path)
    try:
        seq = None
        if number is not None:
            record = register.find(number)
            if record is None:
                raise UserError(f"certificate number {number!r} is not in the register", "copy the number as printed")
            seq = record.seq
        for event in register.history(seq):
            details = json.dumps(event["details"], ensure_ascii=False, sort_keys=True)
            version = f" v{event['version']}" if event["version"] else ""
            click.echo(f"{event['at']}  {event['actor']}  {event['action']}{version}  {details}")
    finally:
        register.close()
