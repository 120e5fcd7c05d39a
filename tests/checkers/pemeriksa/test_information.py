"""Public-information checkers: UU 14/2008 categories (Pasal 9, 10, 11, 17) and Pasal 22 working-day deadlines."""

import datetime as dt

from builder.checkers import LIBUR_NASIONAL, working_day_deadline
from builder.checkers import grade as check

ANSWERS = {"Laporan keuangan tahunan": "berkala", "Peringatan dini banjir": "serta-merta",
           "Perjanjian dengan pihak ketiga": "setiap-saat", "Rekam medis pasien": "dikecualikan"}


def test_classify_info_all_right_accepts_spelling_variants():
    answer = {"Laporan keuangan tahunan": "Berkala", "Peringatan dini banjir": "serta merta",
              "Perjanjian dengan pihak ketiga": "tersedia setiap saat", "Rekam medis pasien": "dikecualikan"}
    assert check("classify_info", answer, {"answers": ANSWERS}).passed


def test_classify_info_wrong_category_explains_the_chosen_article_without_giving_the_answer():
    answer = dict(ANSWERS, **{"Peringatan dini banjir": "berkala"})
    result = check("classify_info", answer, {"answers": ANSWERS, "reasons": {"Peringatan dini banjir": "Warga harus "
                                                                              "segera tahu."}})
    assert result.score == 0.75
    wrong = [m.text for m in result.messages if m.kind == "salah"]
    assert wrong == ["“Peringatan dini banjir” bukan informasi berkala. Ciri informasi berkala (UU 14/2008 Pasal 9: "
                     "informasi tentang badan publik, kegiatan dan kinerjanya, serta laporan keuangan diumumkan secara "
                     "berkala, paling singkat 6 bulan sekali) tidak cocok dengan informasi ini. Petunjuk: Warga harus "
                     "segera tahu. Pertimbangkan lagi ketiga kategori lainnya."]
    assert "serta-merta" not in wrong[0]


def test_classify_info_pasal_17_and_unknown_category_and_blank_item():
    answer = dict(ANSWERS, **{"Rekam medis pasien": "rahasia", "Perjanjian dengan pihak ketiga": ""})
    result = check("classify_info", answer, {"answers": ANSWERS})
    assert "kategori “rahasia” tidak dikenal" in result.text
    assert "“Perjanjian dengan pihak ketiga” belum diberi kategori" in result.text


def test_holiday_table_is_installed_from_the_holidays_package():
    assert LIBUR_NASIONAL["2019-08-17"] and LIBUR_NASIONAL["2019-06-05"]
    assert min(LIBUR_NASIONAL) < "2018-12-31" and max(LIBUR_NASIONAL) > "2027-01-01"


def test_deadline_counts_working_days_after_receipt_uu_14_2008_pasal_22():
    # received Thursday 15 Aug 2019: day 1 is Friday 16 Aug; Saturday 17 Aug is a holiday anyway
    assert working_day_deadline(dt.date(2019, 8, 15), 10) == dt.date(2019, 8, 29)
    assert working_day_deadline(dt.date(2019, 8, 29), 7) == dt.date(2019, 9, 9)


def test_deadline_skips_national_holidays_idul_fitri_2019():
    # 5-6 June 2019 (Idul Fitri) are national holidays; cuti bersama is not counted
    assert working_day_deadline(dt.date(2019, 5, 27), 10) == dt.date(2019, 6, 13)


def test_deadline_right_answer_passes():
    params = {"received": "2019-08-15", "days": 10, "extension": 7}
    result = check("deadline", {"jawaban": "2019-08-29", "perpanjangan": "9 September 2019"}, params)
    assert result.passed and "Kamis, 29 Agustus 2019 — benar" in result.text


def test_deadline_calendar_days_and_forgotten_holidays_are_explained():
    params = {"received": dt.date(2019, 5, 27)}
    calendar = check("deadline", {"jawaban": "2019-06-06", "perpanjangan": "2019-06-24"}, params)
    assert "Anda menghitung hari kalender" in calendar.text
    assert "bukan hari kerja" in calendar.text  # 6 June 2019 is Idul Fitri
    forgot = check("deadline", {"jawaban": "2019-06-10", "perpanjangan": "2019-06-24"}, params)
    assert "Ada libur nasional yang belum dilewati:" in forgot.text and "Rabu, 5 Juni 2019 (Hari Raya Idul Fitri)" in forgot.text


def test_deadline_extension_counts_after_the_first_ten_days():
    params = {"received": "2019-08-15"}
    result = check("deadline", {"jawaban": "2019-08-29", "perpanjangan": "2019-08-26"}, params)
    assert "dihitung sesudah batas 10 hari kerja pertama" in result.text


def test_deadline_unreadable_date_is_a_friendly_message():
    result = check("deadline", {"jawaban": "akhir bulan", "perpanjangan": ""}, {"received": "2019-08-15"})
    assert "“akhir bulan” untuk “jawaban” tidak terbaca" in result.text and "Isi tanggal untuk “perpanjangan”" in result.text
