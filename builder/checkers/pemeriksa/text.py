"""Text utilities shared by the checkers: normalising a participant's text, reading an answer's
shape, and the salted digests that ship instead of exact answers."""

from __future__ import annotations

import hashlib
import json
import re

from .messages import _say
from .result import Result, _empty, _failure

TEXT_TEXTS = {
    "id": {
        "shape.text": "Jawaban latihan ini berupa teks. Tulis teks Anda di antara tanda kutip tiga: "
                      'jawaban = """ ... """',
        "shape.list": "Jawaban latihan ini berupa daftar: setiap baris di antara tanda kutip, dipisahkan koma, di "
                      "dalam kurung siku [ ].",
        "shape.mapping": "Jawaban latihan ini berupa pasangan \"kunci\": \"isian\" di dalam kurung kurawal {{ }}. "
                         "Isi bagian di kanan tanda titik dua saja.",
    },
    "en": {
        "shape.text": "The answer to this exercise is a text. Write your text between triple quotes: "
                      'jawaban = """ ... """',
        "shape.list": "The answer to this exercise is a list: each line between quotes, separated by commas, inside "
                      "square brackets [ ].",
        "shape.mapping": "The answer to this exercise is \"key\": \"value\" pairs inside curly brackets {{ }}. Fill in "
                         "only the part to the right of the colon.",
    },
}

# Names of days and months as participants write them (the answers stay Indonesian in both languages).
_MONTH_RE = "Januari|Februari|Pebruari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Nopember|Desember"
_DAY_RE = "Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu|Ahad"

_EDGE_PUNCTUATION = "\"'“”‘’()[]{}<>«»,.;:!?…"


def sidik(salt: str, text: str) -> str:
    """The salted SHA-256 digest of an exact answer (what ships instead of the answer itself)."""
    return hashlib.sha256(f"{salt}\x1f{text}".encode("utf-8")).hexdigest()


def tokens(text: str) -> list[str]:
    """Words of ``text`` with punctuation at their edges removed; case and inner punctuation are kept."""
    words = (w.strip(_EDGE_PUNCTUATION) for w in _clean(text).split())
    return [w for w in words if w]


def _canonical(answer) -> str:
    """A stable text form of an answer: whitespace collapsed, empty list items and mapping values dropped."""
    if isinstance(answer, str):
        return json.dumps(" ".join(answer.split()), ensure_ascii=False)
    if isinstance(answer, (list, tuple)):
        return json.dumps([_canonical(x) for x in answer if str(x).strip()], ensure_ascii=False)
    if isinstance(answer, dict):
        return json.dumps({str(k): _canonical(v) for k, v in answer.items() if str(v or "").strip()},
                          ensure_ascii=False, sort_keys=True)
    return json.dumps(repr(answer), ensure_ascii=False)


def sidik_jawaban(salt: str, answer) -> str:
    """The digest of a whole answer (used to tell an untouched starter from a real attempt)."""
    return sidik(salt, _canonical(answer))


def _size(answer) -> int:
    if isinstance(answer, str):
        return len(answer)
    if isinstance(answer, dict):
        return sum(len(str(k)) + len(str(v)) for k, v in answer.items())
    if isinstance(answer, (list, tuple)):
        return sum(len(str(x)) for x in answer)
    return 0


def _is_blank(answer) -> bool:
    if answer is None:
        return True
    if isinstance(answer, str):
        return not answer.strip()
    if isinstance(answer, (list, tuple)):
        return not any(str(x).strip() for x in answer if x is not None)
    if isinstance(answer, dict):
        return not any(str(v).strip() for v in answer.values() if v is not None)
    return False


def _quote(text: str) -> str:
    return f"“{text}”"


def _clean(text: str) -> str:
    """Normalise quotes and whitespace of a participant's text."""
    text = str(text).replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"[ \t\u00a0]+", " ", text).strip()


def _key(text: str) -> str:
    """A comparison key: case-folded, punctuation and list numbering removed, spaces collapsed."""
    text = _clean(text).casefold()
    text = re.sub(r"^\s*(\d+[.)]|[-*•])\s*", "", text)
    text = re.sub(r"[^\w\s/-]", " ", text)
    return " ".join(text.split())


def _words(text: str) -> list[str]:
    return [w for w in text.split() if any(c.isalnum() for c in w)]


def _as_text(title: str, answer) -> tuple[str | None, Result | None]:
    """The answer as text, or a friendly Result when it is empty or of the wrong shape."""
    if answer is None or (isinstance(answer, str) and not answer.strip()):
        return None, _empty(title)
    if not isinstance(answer, str):
        return None, _failure(title, _say(TEXT_TEXTS, "shape.text"))
    return _clean(answer).replace("\r\n", "\n"), None


def _as_list(title: str, answer) -> tuple[list[str] | None, Result | None]:
    """The answer as a list of non-empty strings (a text of lines is accepted too)."""
    if isinstance(answer, str):
        answer = [line for line in answer.splitlines()]
    if isinstance(answer, tuple):
        answer = list(answer)
    if not isinstance(answer, list):
        return None, _failure(title, _say(TEXT_TEXTS, "shape.list"))
    items = [_clean(x) for x in answer if str(x).strip()]
    if not items:
        return None, _empty(title)
    return items, None


def _as_mapping(title: str, answer) -> tuple[dict | None, Result | None]:
    """The answer as a mapping with at least one filled value."""
    if not isinstance(answer, dict):
        return None, _failure(title, _say(TEXT_TEXTS, "shape.mapping"))
    mapping = {_clean(k): ("" if v is None else _clean(v)) for k, v in answer.items()}
    if not any(mapping.values()):
        return None, _empty(title)
    return mapping, None
