"""MC checkers: susunan acara (UU 9/2010 Pasal 28 and convention), script fixes, greetings order."""

from builder.checkers import grade as check

ITEMS = [
    {"text": "Pembukaan oleh pembawa acara", "role": "opening"},
    {"text": "Menyanyikan lagu kebangsaan Indonesia Raya", "role": "opening-anthem"},
    {"text": "Laporan ketua panitia", "role": "report"},
    {"text": "Sambutan Ketua DPRD", "role": "speech", "rank": 4},
    {"text": "Sambutan Wakil Bupati", "role": "speech", "rank": 2},
    {"text": "Sambutan Bupati sekaligus membuka acara", "role": "opening-speech", "rank": 1},
    {"text": "Doa", "role": "doa"},
    {"text": "Penutup", "role": "closing"},
]
GOOD = ["Menyanyikan lagu kebangsaan Indonesia Raya", "Pembukaan oleh pembawa acara", "Laporan ketua panitia",
        "Sambutan Ketua DPRD", "Sambutan Wakil Bupati", "Sambutan Bupati sekaligus membuka acara", "Doa", "Penutup"]


def order(*texts):
    return check("susunan_acara", list(texts), {"items": ITEMS})


def test_susunan_acara_correct_order_passes():
    assert order(*GOOD).passed


def test_susunan_acara_indonesia_raya_before_the_opening_uu_9_2010_pasal_28():
    result = order(GOOD[1], GOOD[0], *GOOD[2:])
    assert not result.passed and "UU 9/2010 Pasal 28" in result.text
    assert "“Menyanyikan lagu kebangsaan Indonesia Raya” harus sebelum “Pembukaan oleh pembawa acara”" in result.text


def test_susunan_acara_committee_report_before_speeches():
    result = order(GOOD[0], GOOD[1], GOOD[3], GOOD[2], *GOOD[4:])
    assert "“Laporan ketua panitia” disampaikan sebelum sambutan" in result.text


def test_susunan_acara_speeches_in_rising_rank_highest_last_and_opens():
    result = order(*GOOD[:3], GOOD[4], GOOD[3], *GOOD[5:])
    assert "“Sambutan Ketua DPRD” harus sebelum “Sambutan Wakil Bupati”" in result.text
    result = order(*GOOD[:3], GOOD[5], GOOD[3], GOOD[4], *GOOD[6:])
    assert "pejabat tertinggi berbicara paling akhir sekaligus membuka acara" in result.text


def test_susunan_acara_reports_unknown_missing_and_accepts_numbering_and_case():
    result = order("1. menyanyikan lagu kebangsaan indonesia raya", *GOOD[1:6], "Hiburan")
    assert "“Hiburan” tidak ada dalam daftar acara" in result.text
    assert "belum tercantum: “Doa”; “Penutup”" in result.text
    assert "Indonesia Raya dinyanyikan sebelum pembukaan" in result.text


def test_script_fix_waktu_dan_tempat_kami_persilakan_is_wrong():
    result = check("script_fix", "Waktu dan tempat kami persilakan kepada Bapak Bupati.", {})
    assert not result.passed and "Yang dipersilakan adalah orangnya" in result.text


def test_script_fix_corrected_script_passes_and_must_contain():
    params = {"must_contain": ["dengan hormat kami persilakan"]}
    assert check("script_fix", "Bapak Bupati Kubu Raya, dengan hormat kami persilakan.", params).passed
    assert "“persilahkan” → “persilakan”" in check("script_fix", "Bapak Bupati, kami persilahkan.", params).text


OFFICIALS = [{"name": "Bupati Kubu Raya", "rank": 1}, {"name": "Wakil Bupati Kubu Raya", "rank": 2},
             {"name": "Ketua DPRD Kubu Raya", "rank": 4}]


def test_greetings_highest_first_then_descending_precedence():
    good = ["Yang terhormat Bupati Kubu Raya", "Yang kami hormati Wakil Bupati Kubu Raya", "Ketua DPRD Kubu Raya",
            "Hadirin yang berbahagia"]
    assert check("greetings_order", good, {"officials": OFFICIALS}).passed


def test_greetings_wrong_first_person_is_named_and_wakil_is_not_confused_with_bupati():
    result = check("greetings_order", ["Wakil Bupati Kubu Raya", "Bupati Kubu Raya", "Ketua DPRD Kubu Raya"],
                   {"officials": OFFICIALS})
    assert "Sapaan pertama harus untuk pejabat tertinggi, Bupati Kubu Raya, bukan Wakil Bupati Kubu Raya" in result.text
    assert "Semua pejabat disapa" in result.text


def test_greetings_missing_official():
    result = check("greetings_order", ["Bupati Kubu Raya", "Ketua DPRD Kubu Raya"], {"officials": OFFICIALS})
    assert "Belum ada sapaan untuk: Wakil Bupati Kubu Raya" in result.text
