"""Pemeriksa latihan buku kerja (Jupyter) pelatihan kehumasan dan keprotokolan.

Berkas ini disalin ke samping buku kerja peserta dan hanya memakai pustaka standar Python,
sehingga berjalan di Jupyter biasa tanpa internet. Setiap pemeriksa menerima jawaban peserta
(teks, daftar teks, atau pasangan kunci-nilai) dan mengembalikan :class:`Result` dengan umpan
balik dalam bahasa pelatihan (Indonesia atau Inggris).

Penggunaan di buku kerja::

    from pemeriksa import periksa, siapkan
    siapkan({...})             # aturan latihan (diisi saat buku kerja dibuat; tanpa kunci jawaban)
    periksa("id-latihan")      # membaca variabel jawaban_id_latihan lalu memeriksanya

Kunci jawaban tidak ikut dikirim kepada peserta. Bila sebuah latihan menuntut bentuk yang persis
(misalnya "pukul 09.00 WIB" atau kategori informasi), yang dikirim hanyalah sidik (hash SHA-256
bergaram) dari bentuk itu; selebihnya berupa aturan yang juga diajarkan dalam modul.
"""

# In the toolkit this package is imported part by part; participants get one generated file,
# builder/checkers/bundle.py joins the parts (in bundle.PARTS order) and keeps this docstring
# and __all__. Names below that start with "_" are re-exported for the toolkit, not shipped API.

from __future__ import annotations

from .information import (  # noqa: F401
    INFORMATION_TEXTS, LIBUR_NASIONAL, MONTHS, _category, _parse_date, check_classify_info, check_deadline,
    set_holidays, working_day_deadline,
)
from .mc import MC_TEXTS, check_greetings_order, check_script_fix, check_susunan_acara  # noqa: F401
from .messages import LANGUAGES, feedback_language, set_language, speaking  # noqa: F401
from .news import NEWS_TEXTS, check_eyd, check_headline, check_lead, check_press_release  # noqa: F401
from .protocol import PROTOCOL_TEXTS, check_seating  # noqa: F401
from .result import (  # noqa: F401
    EMPTY, MAX_CHARS, MAX_ITEMS, REQUIRED_CAP, RESULT_TEXTS, TITLE_TEXTS, Message, Result, _Rules,
)
from .runtime import (  # noqa: F401
    CHECKERS, RUNTIME_TEXTS, _EXERCISES, answer_variable, check, periksa, ready_text, siapkan,
)
from .spelling import SPELLING_TEXTS, Finding, spelling_mistakes  # noqa: F401
from .text import TEXT_TEXTS, _is_blank, sidik, sidik_jawaban, tokens  # noqa: F401

__all__ = [
    "CHECKERS", "EMPTY", "LIBUR_NASIONAL", "Message", "Result", "check", "periksa", "siapkan", "set_holidays",
    "set_language", "spelling_mistakes", "answer_variable", "working_day_deadline", "sidik", "sidik_jawaban",
    "tokens",
]
