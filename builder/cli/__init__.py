"""The command line (stage 7 of the data flow, the user's end): ``workshop`` and its sub-commands.

:mod:`builder.cli.main` holds the group and the core commands (build, validate, list, new); each
other module here adds one family of commands through ``register(group)``.
"""

from builder.cli.main import main

__all__ = ["main"]
