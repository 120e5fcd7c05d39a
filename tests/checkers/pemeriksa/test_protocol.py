"""Seating checker: UU 9/2010 precedence, Pasal 13 (host beside the principal), Pasal 15 (representatives)."""

from builder.checkers import grade as check

SEATS = ["K1", "K2", "K3", "K4", "K5"]
OFFICIALS = [
    {"name": "Bupati Kubu Raya", "rank": 1},
    {"name": "Ketua DPRD", "rank": 4},
    {"name": "Dandim 1207", "rank": 6},
    {"name": "Kapolres", "rank": 6.5},
    {"name": "Kepala Dinas Kominfo", "rank": 10, "host": True},
]


def seat(**mapping):
    return check("seating", mapping, {"seats": SEATS, "officials": OFFICIALS})


def test_seating_principal_centre_host_beside_right_outranks_left():
    result = seat(K1="Dandim 1207", K2="Kepala Dinas Kominfo", K3="Bupati Kubu Raya", K4="Ketua DPRD", K5="Kapolres")
    assert result.passed, result.text


def test_seating_host_may_sit_on_either_side_of_the_principal_pasal_13():
    result = seat(K1="Dandim 1207", K2="Ketua DPRD", K3="Bupati Kubu Raya", K4="Kepala Dinas Kominfo", K5="Kapolres")
    assert result.passed, result.text


def test_seating_principals_right_is_the_audiences_left_and_outranks():
    result = seat(K1="Kapolres", K2="Kepala Dinas Kominfo", K3="Bupati Kubu Raya", K4="Ketua DPRD", K5="Dandim 1207")
    assert not result.passed
    assert ("Kursi K1 adalah kursi kedua di sebelah kanan pimpinan (kiri bila dilihat dari hadirin); kursi ini untuk "
            "Dandim 1207 (urutan 6), bukan Kapolres (urutan 6.5)") in result.text


def test_seating_host_not_beside_the_highest_official_cites_pasal_13():
    result = seat(K1="Dandim 1207", K2="Ketua DPRD", K3="Bupati Kubu Raya", K4="Kapolres", K5="Kepala Dinas Kominfo")
    assert "Tuan rumah Kepala Dinas Kominfo harus duduk di samping pejabat tertinggi (UU 9/2010 Pasal 13): " \
           "kursi K2 atau K4" in result.text


def test_seating_principal_must_be_in_the_centre():
    result = seat(K1="Bupati Kubu Raya", K2="Kepala Dinas Kominfo", K3="Ketua DPRD", K4="Dandim 1207", K5="Kapolres")
    assert "Kursi K3 (kursi tengah, tempat pejabat tertinggi) untuk Bupati Kubu Raya, bukan Ketua DPRD." in result.text


def test_seating_representative_sits_by_own_rank_pasal_15():
    officials = [{"name": "Bupati Rote Ndao", "rank": 3}, {"name": "Ketua DPRD Rote Ndao", "rank": 4},
                 {"name": "Asisten I Setda Provinsi NTT", "rank": 8, "represents": "Gubernur NTT"}]
    params = {"seats": ["K1", "K2", "K3"], "officials": officials}
    right = {"K1": "Ketua DPRD Rote Ndao", "K2": "Bupati Rote Ndao", "K3": "Asisten I Setda Provinsi NTT"}
    assert check("seating", right, params).passed
    wrong = check("seating", {"K1": "Bupati Rote Ndao", "K2": "Asisten I Setda Provinsi NTT",
                              "K3": "Ketua DPRD Rote Ndao"}, params)
    assert "Kursi K2 (kursi tengah, tempat pejabat tertinggi) untuk Bupati Rote Ndao, bukan Asisten I Setda " \
           "Provinsi NTT. Asisten I Setda Provinsi NTT mewakili Gubernur NTT, tetapi wakil duduk menurut jabatannya " \
           "sendiri (UU 9/2010 Pasal 15)." in wrong.text


def test_seating_even_number_of_seats_alternates_from_either_centre_seat():
    officials = [{"name": f"P{rank}", "rank": rank} for rank in (1, 2, 3, 4)]
    params = {"seats": ["A", "B", "C", "D"], "officials": officials}
    assert check("seating", {"A": "P4", "B": "P2", "C": "P1", "D": "P3"}, params).passed  # 4-2-1-3
    assert check("seating", {"A": "P2", "B": "P1", "C": "P3", "D": "P4"}, params).passed
    assert not check("seating", {"A": "P3", "B": "P1", "C": "P2", "D": "P4"}, params).passed


def test_seating_unknown_names_and_missing_people_are_explained():
    result = seat(K1="Dandim", K3="Bupati Kubu Raya")
    assert "Belum mendapat kursi:" in result.text
    assert "“Dandim” (kursi K1) tidak ada dalam daftar pejabat; maksud Anda “Dandim 1207”?" in result.text
