"""Indonesian dates, times, ranges and number words."""

import datetime as dt

from builder.i18n import Locale


def test_dates_are_written_the_indonesian_way():
    """``Selasa, 24 September 2019`` with the weekday, en-dash ranges across months and years."""
    loc = Locale("id")
    assert loc.date(dt.date(2019, 9, 24)) == "Selasa, 24 September 2019"
    assert loc.date(dt.date(2019, 4, 26)) == "Jumat, 26 April 2019"
    assert loc.date_range(dt.date(2019, 9, 24), dt.date(2019, 9, 25)) == "24–25 September 2019"
    assert loc.date_range(dt.date(2019, 9, 30), dt.date(2019, 10, 2)) == "30 September–2 Oktober 2019"
    assert loc.date_range(dt.date(2019, 12, 31), dt.date(2020, 1, 1)) == "31 Desember 2019–1 Januari 2020"


def test_times_use_a_period_and_the_zone():
    """``pukul 08.00 WIB`` (EYD V writes clock times with a period)."""
    loc = Locale("id")
    assert loc.time(dt.time(8, 0), "WIB") == "pukul 08.00 WIB"
    assert loc.time(dt.time(19, 30), "WITA") == "pukul 19.30 Wita"
    assert loc.time_range(dt.time(8, 0), dt.time(9, 30)) == "08.00–09.30"


def test_terbilang_and_english():
    """Numbers spelled out in Indonesian; English labels available."""
    assert Locale("id").number_words(18) == "delapan belas"
    assert Locale("en").date(dt.date(2019, 9, 24)) == "Tuesday, 24 September 2019"
    assert Locale("en").label("answer_key") == "Answer Key"
