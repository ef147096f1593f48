"""Decoding and clean-up: every supported encoding, and refusals instead of mojibake."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archive.importing.decode import DecodeError, clean_text, decode_bytes

ARTICLE = (
    "قال المتحدث باسم الحكومة إنَّ الاجتماع سيُعقد في دمشق يوم الثلاثاء المقبل، "
    "بمشاركة وفود من عدة دول عربية.\nوأضاف: «نأمل أن نصل إلى اتفاق».\n"
)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (ARTICLE.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"), "utf-8-bom"),
        (b"\xff\xfe" + ARTICLE.encode("utf-16-le"), "utf-16-le"),
        (b"\xfe\xff" + ARTICLE.encode("utf-16-be"), "utf-16-be"),
        (ARTICLE.encode("utf-16-le"), "utf-16-le"),
        (ARTICLE.encode("utf-16-be"), "utf-16-be"),
        (ARTICLE.encode("cp1256"), "cp1256"),
    ],
)
def test_each_supported_encoding_decodes_to_the_same_text(data: bytes, encoding: str) -> None:
    text, found = decode_bytes(data)
    assert found == encoding
    assert text == ARTICLE


@pytest.mark.parametrize(
    "short",
    ["سوريا", "قال الرئيس", "تقرير: 2019", "ظاهرة الطقس في الطائف", "عاجل!", "أ"],
)
def test_short_windows_1256_texts_are_detected(short: str) -> None:
    assert decode_bytes(short.encode("cp1256")) == (short, "cp1256")


def test_utf8_arabic_with_a_broken_byte_is_rejected_not_read_as_cp1256() -> None:
    data = ARTICLE.encode("utf-8")
    broken = data[:41] + data[42:]  # cut one byte out of a two-byte letter
    with pytest.raises(DecodeError, match="invalid UTF-8"):
        decode_bytes(broken)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20, "binary"),
        (bytes(range(256)) * 4, "binary"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 60, "binary"),
        (b"caf\xe9 au lait", "not Windows-1256"),
    ],
)
def test_non_text_is_rejected_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(DecodeError, match=reason):
        decode_bytes(data)


def test_clean_text_normalises_line_ends_controls_and_nfc_but_keeps_harakat() -> None:
    raw = "\ufeffسَلامٌ\r\nعَلَيْكُم\rوَ\x00رحمة\x07 الله\x1b[31m\tهنا\u0085\n\n"
    assert clean_text(raw) == "سَلامٌ\nعَلَيْكُم\nوَرحمة الله\tهنا"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("\x1b[31mعاجل\x1b[0m", "عاجل"),  # SGR colour and reset
        ("\x1b[1;38;5;196mخبر\x1b[m عاجل", "خبر عاجل"),  # 256-colour, empty reset
        ("\x1b[38:2::255:0:0mأحمر\x1b[39m", "أحمر"),  # colon sub-parameters
        ("سطر\x1b[2K\x1b[1G جديد\x1b[?25h", "سطر جديد"),  # erase, move, private mode
        ("\x9b31mعاجل\x9b0m", "عاجل"),  # 8-bit CSI
        ("\x1b]0;pwned\x07العنوان", "العنوان"),  # OSC window title ended by BEL
        ("\x1b]52;c;ZXZpbA==\x1b\\النص", "النص"),  # OSC 52 clipboard ended by ST
        ("\x1b]8;;http://evil\x1b\\رابط\x1b]8;;\x1b\\", "رابط"),  # OSC 8 hyperlink
        ("\x9d0;title\x9cنص", "نص"),  # 8-bit OSC and ST
        ("\x1bPq#0;2;0;0;0\x1b\\صورة", "صورة"),  # DCS (sixel)
        ("\x1b_Gf=100;AAAA\x1b\\صورة", "صورة"),  # APC (kitty graphics)
        ("\x1b7حفظ\x1b8 \x1bc\x1b(Bنص\x1b=", "حفظ نص"),  # two- and three-byte escapes
        ("\x1b]0;لا نهاية\nالسطر الثاني", "السطر الثاني"),  # unterminated: ends at its line
        ("نص\x1b", "نص"),  # a lone ESC at the end
        ("\x1b[عاجل", "عاجل"),  # a CSI cut before its final byte
        ("[31m] قال: «[نص]» \\ ^_^", "[31m] قال: «[نص]» \\ ^_^"),  # no ESC: all kept
    ],
)
def test_clean_text_removes_whole_escape_sequences_not_only_the_esc_byte(
    raw: str, clean: str
) -> None:
    assert clean_text(raw) == clean


def test_a_coloured_terminal_capture_is_text_not_binary() -> None:
    line = "\x1b[1;31mعاجل:\x1b[0m \x1b[33mانعقاد مجلس الأمن\x1b[0m\n"
    text, _ = decode_bytes((line * 40).encode("utf-8"))
    assert clean_text(text).splitlines()[0] == "عاجل: انعقاد مجلس الأمن"


def test_clean_text_composes_decomposed_hamza_to_nfc() -> None:
    decomposed = "\u0627\u0654\u062d\u0645\u062f"  # alef + combining hamza above
    assert clean_text(decomposed) == "أحمد"
    assert unicodedata.is_normalized("NFC", clean_text(decomposed))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_decode_or_raise_decode_error_only(data: bytes) -> None:
    try:
        text, encoding = decode_bytes(data)
    except DecodeError as exc:
        assert str(exc)
        return
    if encoding == "utf-8":
        assert text == data.decode("utf-8")
    assert encoding in {"utf-8", "utf-8-bom", "utf-16-le", "utf-16-be", "cp1256"} or (
        encoding.startswith("utf-32")
    )


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x0621, max_codepoint=0x0652), min_size=1))
def test_arabic_text_round_trips_through_utf8_and_utf16(text: str) -> None:
    assert decode_bytes(text.encode("utf-8"))[0] == text
    assert decode_bytes(b"\xff\xfe" + text.encode("utf-16-le"))[0] == text
