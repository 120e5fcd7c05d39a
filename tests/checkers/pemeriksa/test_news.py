"""News-writing checkers: lead (PWI 1977), headline (EYD V title case), press release."""

from builder.checkers import grade as check

LEAD = ("Asisten Administrasi dan Umum Setda Kubu Raya membuka Rapat Koordinasi Kehumasan dan Keprotokolan "
        "di Aula Kantor Bupati Kubu Raya, Selasa (24/9/2019). Rakor diikuti 75 peserta dari SKPD, kecamatan "
        "dan organisasi wanita.")


def lines(result):
    return [m.text for m in result.messages if m.kind == "salah"]


def test_lead_model_answer_passes_and_reports_what_was_found_for_each_5w_element():
    result = check("lead", LEAD, {"max_words": 45})
    assert result.passed and result.score == 1
    assert "Unsur Siapa ditemukan: “Asisten Administrasi dan Umum Setda Kubu Raya”." in result.text
    assert "Unsur Di mana ditemukan: “di Aula Kantor Bupati Kubu Raya”." in result.text
    assert "Unsur Kapan ditemukan: “Selasa (24/9/2019)”." in result.text


def test_lead_pwi_1977_at_most_three_sentences():
    result = check("lead", LEAD + " Kalimat ketiga di sini. Kalimat keempat juga.", {})
    assert not result.passed
    assert any("4 kalimat" in line and "PWI 1977" in line for line in lines(result))


def test_lead_sentence_split_keeps_titles_and_initials_together():
    text = ("Drs. H. Ali Contoh, M.Si. membuka rakor di Aula Kantor Bupati Kubu Raya, Selasa (24/9/2019) "
            "pukul 08.00 WIB.")
    assert "Jumlah kalimat: 1" in check("lead", text, {}).text


def test_lead_pwi_1977_at_most_45_words():
    long = LEAD.replace("Rakor diikuti", "Rakor yang " + "sangat " * 20 + "penting itu diikuti")
    result = check("lead", long, {"max_words": 45})
    assert any("pedoman PWI 1977 membatasi paling banyak 45 kata" in line for line in lines(result))


def test_lead_names_the_missing_5w_elements():
    result = check("lead", "Bupati Kubu Raya membuka rapat koordinasi kehumasan.", {})
    missing = lines(result)
    assert any(line.startswith("Unsur Di mana belum ditemukan") for line in missing)
    assert any(line.startswith("Unsur Kapan belum ditemukan") for line in missing)


def test_lead_kapan_must_be_a_day_or_date_not_kemarin():
    result = check("lead", "Bupati Kubu Raya kemarin membuka rakor di Aula Kantor Bupati.", {})
    assert any("Unsur Kapan ditulis “kemarin”" in line for line in lines(result))


def test_lead_place_before_time():
    text = "Selasa (24/9/2019), Bupati Kubu Raya membuka rakor kehumasan di Aula Kantor Bupati Kubu Raya."
    result = check("lead", text, {})
    assert any(line.startswith("Sebutkan tempat sebelum waktu") for line in lines(result))


def test_lead_keywords_param_lets_the_author_name_what_shows_an_element():
    result = check("lead", "Tim PPID menggelar sosialisasi di Sungai Raya, Rabu (25/9/2019).",
                   {"require": ["siapa"], "keywords": {"siapa": ["Tim PPID"]}})
    assert result.passed and "“Tim PPID”" in result.text


def test_headline_eyd_v_title_case_function_words_lower_case():
    result = check("headline", "Bupati buka Rakor Kehumasan Di Sungai Raya", {"max_words": 10})
    text = " ".join(lines(result))
    assert "“buka” → “Buka”" in text and "“Di” → “di”" in text


def test_headline_no_final_period_and_no_question():
    assert "Hapus titik di akhir judul" in check("headline", "Bupati Buka Rakor Kehumasan.", {}).text
    assert "bukan kalimat tanya" in check("headline", "Apakah Bupati Buka Rakor Kehumasan?", {}).text


def test_headline_word_limit_is_configurable():
    headline = "Asisten Buka Rakor Kehumasan dan Keprotokolan Kubu Raya"
    assert check("headline", headline, {"max_words": 10}).passed
    assert "Judul Anda 8 kata" in check("headline", headline, {"max_words": 6}).text


def test_headline_all_capitals_is_flagged():
    assert "seluruhnya dengan huruf kapital" in check("headline", "BUPATI BUKA RAKOR KEHUMASAN", {}).text


RELEASE = """Untuk disiarkan segera

Asisten Buka Rakor Kehumasan Kubu Raya

Sungai Raya, 24 September 2019 – Asisten Administrasi dan Umum Setda Kubu Raya membuka Rapat Koordinasi Kehumasan di Aula Kantor Bupati Kubu Raya, Selasa (24/9/2019).

Rakor dua hari itu diikuti 75 peserta dari perangkat daerah, kecamatan, dan organisasi wanita.

Tentang Bagian Humas dan Protokol: bagian ini mengelola informasi dan keprotokolan pimpinan daerah.

Narahubung: Rina Contoh, 0812-3456-7890"""


def test_press_release_has_all_required_parts():
    result = check("press_release", RELEASE, {"city": "Sungai Raya"})
    assert result.passed, result.text
    assert "Ada dateline: “Sungai Raya, 24 September 2019”." in result.text


def test_press_release_names_each_missing_part():
    text = "Asisten Buka Rakor\n\nAsisten membuka rakor kehumasan di Aula Kantor Bupati pada hari ini."
    missing = " ".join(lines(check("press_release", text, {})))
    assert "Untuk disiarkan segera" in missing and "Bagian wajib belum ada: dateline" in missing
    assert "Bagian wajib belum ada: narahubung" in missing


def test_press_release_without_body_and_profile_cannot_pass():
    """The draft the issue names: release line, headline, dateline, lead and contact, but no body and no profile."""
    text = RELEASE.split("\n\nRakor dua hari")[0] + "\n\nNarahubung: Rina Contoh, 0812-3456-7890"
    result = check("press_release", text, {"city": "Sungai Raya"})
    assert not result.passed and result.score <= 0.5
    wrong = " ".join(m.text for m in result.messages if m.kind == "salah")
    assert "Bagian wajib belum ada: tubuh berita" in wrong and "Bagian wajib belum ada: profil singkat lembaga" in wrong


def test_press_release_dateline_city_must_match_and_contact_needs_phone_or_email():
    text = RELEASE.replace("Sungai Raya,", "Pontianak,").replace("0812-3456-7890", "Bagian Humas")
    missing = " ".join(lines(check("press_release", text, {"city": "Sungai Raya"})))
    assert "Dateline menyebut kota “Pontianak”" in missing
    assert "nomor telepon atau alamat surel" in missing
