"""Notebook exercise checkers (standard library only).

The participant-facing module is :mod:`builder.checkers.pemeriksa`; the build copies that single
file beside the notebooks. This package re-exports it so the toolkit and its tests run the very
same code.
"""

from builder.checkers import pemeriksa
from builder.checkers.pemeriksa import (  # noqa: F401
    CHECKERS,
    EMPTY,
    LIBUR_NASIONAL,
    Message,
    Result,
    answer_variable,
    check,
    decode_exercises,
    encode_exercises,
    periksa,
    set_holidays,
    siapkan,
    spelling_mistakes,
    working_day_deadline,
)

SOURCE = pemeriksa.__file__

