"""Rich text: the Markdown subset parsed into paragraphs, spans and lists."""

from __future__ import annotations

from builder.render.richtext import ListBlock, Paragraph, Span, inline_text, parse, plain_text


def test_paragraphs_with_bold_italic_and_links():
    """Bold, italic and link runs keep their text and formatting; soft breaks become spaces."""
    (first, second) = parse("Ini **tebal** dan *miring*\nlanjut.\n\nLihat [situs](https://example.org).")
    assert first == Paragraph((Span("Ini "), Span("tebal", bold=True), Span(" dan "), Span("miring", italic=True),
                               Span(" lanjut.")))
    assert second.spans[1] == Span("situs", href="https://example.org")
    assert second.text == "Lihat situs."


def test_bullet_and_numbered_lists_with_nesting_and_start():
    """Lists keep their kind, their start number and nested lists inside items."""
    blocks = parse("- satu\n- dua\n  1. anak\n  2. anak dua\n\n3. tiga\n4. empat")
    bullets, numbered = blocks
    assert isinstance(bullets, ListBlock) and not bullets.ordered
    assert [item[0].text for item in bullets.items] == ["satu", "dua"]
    nested = bullets.items[1][1]
    assert nested.ordered and [i[0].text for i in nested.items] == ["anak", "anak dua"]
    assert numbered.ordered and numbered.start == 3


def test_html_and_entities_stay_literal():
    """Raw HTML is not interpreted: angle brackets and ampersands come out as written."""
    (paragraph,) = parse("PT A & B <Tbk> <b>tebal</b> <script>x</script>")
    assert paragraph.text == "PT A & B <Tbk> <b>tebal</b> <script>x</script>"
    assert not any(span.bold for span in paragraph.spans)


def test_plain_text_keeps_list_markers_and_urls():
    """plain_text drops markup but keeps list markers and shows a link's address."""
    text = "Ini **penting** & <benar>.\n\n- satu\n- [dua](https://example.org/?a=1&b=2)\n\n1. x\n2. y"
    assert plain_text(text) == (
        "Ini penting & <benar>.\n\n- satu\n- dua (https://example.org/?a=1&b=2)\n\n1. x\n2. y"
    )
    assert plain_text(text, with_urls=False).splitlines()[3] == "- dua"


def test_inline_text_and_empty_input():
    """inline_text puts everything on one line; empty input gives nothing."""
    assert inline_text("Satu\n\n- dua\n- tiga") == "Satu - dua - tiga"
    assert parse("") == () and parse(None) == () and plain_text("   ") == ""


def test_emoji_and_long_words_pass_through():
    """Emoji and a 120-character word survive parsing unchanged."""
    word = "x" * 120
    assert plain_text(f"Halo 🎤 {word}") == f"Halo 🎤 {word}"


def test_inline_spans_read_only_inline_markup():
    """A slide point keeps a leading '1.' and literal '<Tbk>'; '2*3' is not italic (CommonMark rules)."""
    from builder.render.richtext import inline_spans

    spans = inline_spans("1. Sambutan **Bupati** untuk PT A & B <Tbk>, 2*3")
    assert "".join(s.text for s in spans) == "1. Sambutan Bupati untuk PT A & B <Tbk>, 2*3"
    assert [s.text for s in spans if s.bold] == ["Bupati"] and not any(s.italic for s in spans)


EDGE_TEXTS = [
    "Satu baris.", "baris satu\nbaris dua", "para satu\n\n\npara dua\n", "  \nawal kosong", "akhir spasi \nlanjut",
    "dua spasi  \nlanjut", "\u00a0nbsp di awal", "Judul\n===", "Judul\n---", "1. satu", "2) dua", "1.5 juta rupiah",
    "- butir", "+ butir", "# Judul", "> kutipan", "    kode", "\tkode", "a\r\nb", "harga 10% - diskon", "e-mail: a@b.id",
    "Tanggal 2019-09-24, pukul 08.00", "tanda ! dan ? dan : dan ;", "kurung (a) dan {b}", "garis | tegak", "~~coret~~",
    "baris\n   menjorok", "x\n\n \n\ny", "kata  dengan  spasi", "emoji 🎉 dan é", "tanda \"kutip\" dan 'apostrof'",
]


def _rich_texts_in_sources() -> list[str]:
    """Every string value in the project's module and curriculum YAML files."""
    from pathlib import Path

    from ruamel.yaml import YAML

    root = Path(__file__).resolve().parents[2]
    found: list[str] = []

    def walk(value) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for path in sorted([*root.glob("modules/*.yaml"), *root.glob("curriculum/*.yaml")]):
        walk(YAML(typ="safe").load(path.read_text(encoding="utf-8")))
    return found


def test_plain_text_shortcut_gives_what_the_markdown_parser_gives():
    """Text without Markdown syntax skips the parser; where it does, the blocks are the parser's own."""
    from builder.render.richtext import _markdown_blocks, _plain_blocks

    texts = EDGE_TEXTS + _rich_texts_in_sources()
    shortcut = [text for text in texts if _plain_blocks(text) is not None]
    assert len(shortcut) > 100  # the sources' plain texts do take the shortcut
    for text in shortcut:
        assert _plain_blocks(text) == _markdown_blocks(text), text
    for text in ("akhir spasi \nlanjut", "1. satu", "Judul\n===", "    kode", "\u00a0nbsp di awal", "a & b"):
        assert _plain_blocks(text) is None
