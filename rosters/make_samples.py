"""Write the fictional sample rosters and attendance files of the sample workshops.

Run ``python3 rosters/make_samples.py``; the output is the same on every run (seeded).
Every person here is fictional: first and family names are drawn at random from lists of
common names from across Indonesia, and NIPs are generated to be well-formed, not real.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from builder.model.curriculum import Curriculum  # noqa: E402
from builder.sources.roster import session_labels  # noqa: E402
from builder.check.schema import validate  # noqa: E402
from builder.write.output import atomic_write, fix_core_dates  # noqa: E402
from builder.sources.yamlfile import load  # noqa: E402

FIRST_MALE = ["Agus", "Bambang", "Dedi", "Fajar", "Hendra", "Irwan", "Joko", "Kurniawan", "Made", "Nyoman",
              "Rizky", "Syahrul", "Taufik", "Wahyu", "Yohanes", "Arif", "Benediktus", "Daniel", "Gusti", "Hasan",
              "Ikhsan", "Ma'ruf", "Rahmat", "Sutrisno", "Uray", "Zulkifli", "Petrus", "Stefanus", "Andreas", "Abang"]
FIRST_FEMALE = ["Ayu", "Dewi", "Fitri", "Kartika", "Lestari", "Maria", "Nur'aini", "Putri", "Ratna", "Siti",
                "Theresia", "Wulan", "Yuliana", "Anisa", "Citra", "Endang", "Herlina", "Indah", "Juliana", "Lusia",
                "Melati", "Novita", "Rosalina", "Sri", "Utin", "Veronika", "Yanti", "Agustina", "Dayang", "Elisabeth"]
FAMILY = ["Saputra", "Wijaya", "Hidayat", "Simanjuntak", "Nasution", "Siregar", "Tanjung", "Lubis", "Harahap",
          "Pardede", "Manurung", "Sinaga", "Rahayu", "Susanti", "Pratama", "Kusuma", "Setiawan", "Gunawan",
          "Wibowo", "Purba", "Ginting", "Tarigan", "Lamhot", "Syahputra", "Alkadrie", "Mahmud", "Effendi",
          "Tan", "Lim", "Halim", "Rumbiak", "Wonda", "Pattinasarany", "Latuconsina", "Ndoen", "Manafe",
          "Fanggidae", "Dethan", "Bulu", "Lay", "Daeng Matasa", "Pangerang", "Sompa", "Rangkuti", "Nainggolan"]
TITLES_BACK = ["S.Sos.", "S.I.Kom.", "S.E.", "S.H.", "S.Pd.", "A.Md.", "S.Kom.", "S.Sos., M.Si.", "S.H., M.H.",
               "S.E., M.M.", "S.IP.", "S.Ap."]
RANKS = ["Penata Muda (III/a)", "Penata Muda Tingkat I (III/b)", "Penata (III/c)", "Penata Tingkat I (III/d)",
         "Pembina (IV/a)", "Pengatur (II/c)", "Pengatur Tingkat I (II/d)"]
POSITIONS = ["Pranata Humas Ahli Pertama", "Pranata Humas Ahli Muda", "Pranata Humas Terampil", "Analis Kebijakan",
             "Kepala Subbagian Umum dan Kepegawaian", "Sekretaris Camat", "Kepala Seksi Pelayanan",
             "Pengelola Informasi Publik", "Pengadministrasi Umum", "Kepala Subbagian Protokol"]

KUBU_RAYA_UNITS = [
    "Dinas Komunikasi dan Informatika Kabupaten Kubu Raya", "Badan Perencanaan Pembangunan Daerah Kabupaten Kubu Raya",
    "Dinas Pendidikan Kabupaten Kubu Raya", "Dinas Kesehatan Kabupaten Kubu Raya",
    "Badan Penanggulangan Bencana Daerah Kabupaten Kubu Raya", "Dinas Sosial Kabupaten Kubu Raya",
    "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Kubu Raya", "Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Kubu Raya",
    "Sekretariat DPRD Kabupaten Kubu Raya", "Inspektorat Kabupaten Kubu Raya",
    "Kecamatan Sungai Raya", "Kecamatan Sungai Kakap", "Kecamatan Sungai Ambawang", "Kecamatan Rasau Jaya",
    "Kecamatan Kuala Mandor B", "Kecamatan Kubu", "Kecamatan Teluk Pakedai", "Kecamatan Terentang", "Kecamatan Batu Ampar",
]
KUBU_RAYA_WOMEN = ["Tim Penggerak PKK Kabupaten Kubu Raya", "Dharma Wanita Persatuan Kabupaten Kubu Raya",
                   "Gabungan Organisasi Wanita Kabupaten Kubu Raya"]
NTT_REGENCIES = ["Kabupaten Kupang", "Kota Kupang", "Kabupaten Rote Ndao", "Kabupaten Sabu Raijua", "Kabupaten Alor",
                 "Kabupaten Flores Timur", "Kabupaten Sikka", "Kabupaten Ende", "Kabupaten Ngada", "Kabupaten Manggarai",
                 "Kabupaten Manggarai Barat", "Kabupaten Sumba Timur", "Kabupaten Sumba Barat", "Kabupaten Belu",
                 "Kabupaten Timor Tengah Selatan", "Kabupaten Timor Tengah Utara", "Kabupaten Lembata", "Kabupaten Malaka"]


def make_nip(rng: random.Random, female: bool) -> str:
    """A well-formed, fictional NIP: birth date, TMT CPNS, gender digit and sequence."""
    born = dt.date(1965, 1, 1) + dt.timedelta(days=rng.randrange(0, 30 * 365))
    tmt_year = min(born.year + rng.randint(21, 30), 2019)
    tmt_month = rng.choice([1, 3, 4, 12])
    return f"{born:%Y%m%d}{tmt_year:04d}{tmt_month:02d}{2 if female else 1}{rng.randint(1, 12):03d}"


def make_person(rng: random.Random, used: set[str]) -> tuple[str, bool]:
    """A unique fictional name and whether the person is female."""
    while True:
        female = rng.random() < 0.5
        first = rng.choice(FIRST_FEMALE if female else FIRST_MALE)
        name = f"{first} {rng.choice(FAMILY)}"
        if rng.random() < 0.2:
            name = f"{first} {rng.choice(FIRST_FEMALE if female else FIRST_MALE)} {rng.choice(FAMILY)}"
        if name not in used:
            used.add(name)
            return name, female


def asn_row(rng: random.Random, used: set[str], agency: str, role: str = "peserta") -> dict:
    """A civil servant's roster row."""
    name, female = make_person(rng, used)
    muslim_first = name.split()[0] in ("Siti", "Nur'aini", "Anisa", "Fitri", "Ratna", "Endang", "Yanti")
    return {"Nama": name, "Gelar Depan": "Hj." if muslim_first and rng.random() < 0.3 else "",
            "Gelar Belakang": rng.choice(TITLES_BACK) if rng.random() < 0.7 else "",
            "NIP": make_nip(rng, female), "Pangkat/Golongan": rng.choice(RANKS), "Jabatan": rng.choice(POSITIONS),
            "Instansi": agency, "E-mail": f"{name.split()[0].lower().replace(chr(39), '')}.{len(used):03d}@example.go.id",
            "Peran": role}


def non_asn_row(used: set[str], rng: random.Random, name: str, agency: str, role: str, position: str = "") -> dict:
    """A row for someone without a NIP (speaker from the press, member of a women's organisation)."""
    used.add(name)
    return {"Nama": name, "Gelar Depan": "", "Gelar Belakang": "", "NIP": "", "Pangkat/Golongan": "",
            "Jabatan": position, "Instansi": agency, "E-mail": "", "Peran": role}


def kubu_raya_rows(rng: random.Random) -> list[dict]:
    """75 participants plus speakers, moderators, committee and MC of the Kubu Raya rakor."""
    used: set[str] = set()
    rows = []
    for index in range(66):
        rows.append(asn_row(rng, used, KUBU_RAYA_UNITS[index % len(KUBU_RAYA_UNITS)]))
    for index in range(9):
        name, _female = make_person(rng, used | {n + "x" for n in used})
        name = name if _female else f"{rng.choice(FIRST_FEMALE)} {rng.choice(FAMILY)}"
        position = ["Anggota", "Sekretaris", "Bendahara"][index % 3]
        rows.append(non_asn_row(used, rng, name, KUBU_RAYA_WOMEN[index % 3], "peserta", position))
    rows.append({**non_asn_row(used, rng, "Maria Goreti Lusi", "Komisi Informasi", "narasumber", "Narasumber"),
                 "Gelar Depan": "Dr.", "Gelar Belakang": "S.H., M.H."})
    rows.append({**non_asn_row(used, rng, "Bambang Sutejo Wiryawan", "Praktisi Keprotokolan", "narasumber",
                               "Narasumber"), "Gelar Depan": "Drs."})
    rows.append({**non_asn_row(used, rng, "Anindya Kusuma Wardhani", "Praktisi Pembawa Acara", "narasumber",
                               "Narasumber"), "Gelar Belakang": "S.Sos."})
    rows.append(non_asn_row(used, rng, "Fransiskus Xaverius Tamba", "Wartawan", "narasumber", "Narasumber"))
    rows.append(asn_row(rng, used, "Bagian Humas dan Protokol Setda Kabupaten Kubu Raya", "moderator")
                | {"Nama": "Yudha Prasetya"})
    rows.append(asn_row(rng, used, "Bagian Humas dan Protokol Setda Kabupaten Kubu Raya", "moderator")
                | {"Nama": "Rina Oktaviani", "Gelar Belakang": "S.I.Kom."})
    for _ in range(4):
        rows.append(asn_row(rng, used, "Bagian Humas dan Protokol Setda Kabupaten Kubu Raya", "panitia"))
    rows.append(asn_row(rng, used, "Bagian Humas dan Protokol Setda Kabupaten Kubu Raya", "pembawa acara"))
    return rows


def ntt_rows(rng: random.Random) -> list[dict]:
    """Humas and protocol staff of the kabupaten/kota of NTT plus speakers, committee and MC."""
    used: set[str] = set()
    rows = []
    for index in range(54):
        regency = NTT_REGENCIES[index % len(NTT_REGENCIES)]
        unit = "Bagian Protokol dan Komunikasi Pimpinan" if index % 2 else "Bagian Hubungan Masyarakat"
        rows.append(asn_row(rng, used, f"{unit} Setda {regency}"))
    rows.append(non_asn_row(used, rng, "Markus Dethan", "Komisi Informasi", "narasumber", "Narasumber")
                | {"Gelar Belakang": "S.H."})
    rows.append(non_asn_row(used, rng, "Agustinus Lado", "Wartawan", "narasumber", "Narasumber"))
    rows.append(non_asn_row(used, rng, "Simon Petrus Lay", "Praktisi Keprotokolan", "narasumber", "Narasumber")
                | {"Gelar Depan": "Drs."})
    rows.append(non_asn_row(used, rng, "Helena Fanggidae", "Praktisi Pembawa Acara", "narasumber", "Narasumber")
                | {"Gelar Belakang": "S.Sos."})
    rows.append(asn_row(rng, used, "Biro Humas dan Protokol Setda Provinsi Nusa Tenggara Timur", "moderator")
                | {"Nama": "Theresia Bulu"})
    rows.append(asn_row(rng, used, "Biro Humas dan Protokol Setda Provinsi Nusa Tenggara Timur", "moderator")
                | {"Nama": "Petrus Manafe"})
    for _ in range(3):
        rows.append(asn_row(rng, used, "Biro Humas dan Protokol Setda Provinsi Nusa Tenggara Timur", "panitia"))
    rows.append(asn_row(rng, used, "Bagian Protokol dan Komunikasi Pimpinan Setda Kabupaten Rote Ndao", "pembawa acara"))
    return rows


MALUKU_TENGAH_UNITS = [
    "Dinas Komunikasi, Informatika, dan Persandian Kabupaten Maluku Tengah",
    "Dinas Kesehatan Kabupaten Maluku Tengah", "Dinas Pendidikan dan Kebudayaan Kabupaten Maluku Tengah",
    "Badan Penanggulangan Bencana Daerah Kabupaten Maluku Tengah", "Dinas Sosial Kabupaten Maluku Tengah",
    "Sekretariat DPRD Kabupaten Maluku Tengah", "Kecamatan Kota Masohi", "Kecamatan Amahai", "Kecamatan Tehoru",
    "Kecamatan Teon Nila Serua", "Kecamatan Leihitu", "Kecamatan Salahutu",
]
MALUKU_FAMILY = ["Latuheru", "Pattiasina", "Sahetapy", "Tuhumury", "Wattimena", "Leiwakabessy", "Matulessy",
                 "Pelupessy", "Tuhuteru", "Ohorella", "Sopacua", "Lewerissa", "Nanlohy", "Tehupeiory", "Souhoka",
                 "Latumeten", "Tutupary", "Marasabessy", "Hatuwe", "Rumalutur"]


def maluku_tengah_rows(rng: random.Random) -> list[dict]:
    """40 fictional participants plus speakers, moderators, committee and MC of the Maluku Tengah Bimtek."""
    used: set[str] = set()
    rows = []
    family = list(FAMILY)
    FAMILY[:] = MALUKU_FAMILY  # names drawn from common Maluku family names only
    try:
        for index in range(40):
            rows.append(asn_row(rng, used, MALUKU_TENGAH_UNITS[index % len(MALUKU_TENGAH_UNITS)]))
        unit = "Bagian Protokol dan Komunikasi Pimpinan Setda Kabupaten Maluku Tengah"
        rows.append(non_asn_row(used, rng, "Magdalena Sahetapy", "Komisi Informasi", "narasumber",
                                "Narasumber") | {"Gelar Belakang": "S.H."})
        rows.append(non_asn_row(used, rng, "Johanis Matulessy", "Praktisi Keprotokolan", "narasumber",
                                "Narasumber") | {"Gelar Depan": "Drs."})
        rows.append(non_asn_row(used, rng, "Fransina Leiwakabessy", "Praktisi Pembawa Acara", "narasumber",
                                "Narasumber") | {"Gelar Belakang": "S.Sos."})
        rows.append(non_asn_row(used, rng, "Hasan Ohorella", "Wartawan", "narasumber", "Narasumber"))
        rows.append(asn_row(rng, used, unit, "moderator") | {"Nama": "Ronald Pelupessy"})
        rows.append(asn_row(rng, used, unit, "moderator") | {"Nama": "Nurlela Tuhuteru"})
        for _ in range(3):
            rows.append(asn_row(rng, used, unit, "panitia"))
        rows.append(asn_row(rng, used, unit, "pembawa acara"))
    finally:
        FAMILY[:] = family
    return rows


def write_xlsx(path: Path, header: list[str], rows: list[list[str]], title: str) -> None:
    """Write one sheet with a bold, shaded header and text cells (NIPs stay text)."""
    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    for row in rows:
        sheet.append(row)
    for column, width in zip("ABCDEFGHIJKLMN", (5, 32, 12, 18, 22, 24, 30, 50, 30, 14)):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.number_format = "@"
    import io
    buffer = io.BytesIO()
    book.save(buffer)
    atomic_write(path, fix_core_dates(buffer.getvalue(), "2019-09-01T00:00:00Z"))


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    """Write a semicolon-separated CSV with a BOM, as Excel in an Indonesian locale exports it."""
    import io
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    atomic_write(path, ("\ufeff" + buffer.getvalue()).encode("utf-8"))


ROSTER_HEADER = ["No", "Nama", "Gelar Depan", "Gelar Belakang", "NIP", "Pangkat/Golongan", "Jabatan", "Instansi",
                 "E-mail", "Peran"]


def write_workshop(curriculum: str, rows: list[dict], rng: random.Random) -> None:
    """Write roster (.xlsx + .csv) and attendance (.xlsx + .csv) for one workshop."""
    stem = Path(curriculum).stem
    table = [[str(i)] + [row[k] for k in ROSTER_HEADER[1:]] for i, row in enumerate(rows, start=1)]
    write_xlsx(HERE / f"{stem}.xlsx", ROSTER_HEADER, table, "Peserta")
    write_csv(HERE / f"{stem}.csv", ROSTER_HEADER, table)
    # The agenda alone decides the attendance columns; the roster being rewritten is not read.
    model, _diagnostics = validate(Curriculum, load(HERE.parent / "curriculum" / curriculum))
    sessions = session_labels(model)
    header = ["No", "Nama", "NIP", "Instansi"] + [label for *_x, label in sessions]
    attendance = []
    for i, row in enumerate(rows, start=1):
        marks = ["1"] * len(sessions)
        if row["Peran"] == "peserta":
            draw = rng.random()
            if draw < 0.10:
                marks[rng.randrange(len(sessions))] = "0"
            elif draw < 0.14:
                for index in rng.sample(range(len(sessions)), 2):
                    marks[index] = "0"
        attendance.append([str(i), row["Nama"], row["NIP"], row["Instansi"]] + marks)
    write_xlsx(HERE / f"{stem}-kehadiran.xlsx", header, attendance, "Kehadiran")
    write_csv(HERE / f"{stem}-kehadiran.csv", header, attendance)


def main() -> None:
    """Write the three sample workshops' files."""
    write_workshop("rakor-kubu-raya-2019.yaml", kubu_raya_rows(random.Random(20190924)), random.Random(24))
    write_workshop("raker-humas-ntt-2019.yaml", ntt_rows(random.Random(20190424)), random.Random(42))
    write_workshop("bimtek-maluku-tengah-2025.yaml", maluku_tengah_rows(random.Random(20251014)), random.Random(14))


if __name__ == "__main__":
    main()
