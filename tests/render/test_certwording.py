"""Certificate wording per role and the no-break spaces that keep names and titles whole."""

from __future__ import annotations

from builder.render.certwording import NBSP, keep_degree_with_name, keep_region_together


def test_degrees_stay_with_the_last_word_of_the_name():
    """'M.Kom.' never starts a line alone; names without degrees are unchanged."""
    assert keep_degree_with_name("Raden Roro Siti, S.Sos., M.Kom.") == f"Raden Roro Siti,{NBSP}S.Sos.,{NBSP}M.Kom."
    assert keep_degree_with_name("Hj. Siti Bulu") == "Hj. Siti Bulu"
    assert keep_degree_with_name("Budi, S.H.") == f"Budi,{NBSP}S.H."


def test_the_region_of_a_signer_title_is_never_broken():
    """The title may break before 'Provinsi', never inside 'Nusa Tenggara Timur'."""
    assert keep_region_together("Sekretaris Daerah Provinsi Nusa Tenggara Timur") == (
        f"Sekretaris Daerah Provinsi{NBSP}Nusa{NBSP}Tenggara{NBSP}Timur")
    assert keep_region_together("Kepala Bagian Umum") == "Kepala Bagian Umum"
