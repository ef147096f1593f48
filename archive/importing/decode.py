"""Bytes to clean text: encoding detection and the clean-up applied before storage.

Detection is deliberately conservative, because a wrong guess stores mojibake that looks
like text. In order:

1. a byte-order mark: UTF-8, UTF-32 LE/BE, UTF-16 LE/BE;
2. UTF-16 without a BOM, only when NUL bytes say so and the result is plausible text;
3. strict UTF-8;
4. Windows-1256 (the legacy Arabic code page), only when the result reads as Arabic:
   mostly Arabic letters, spaces, digits and punctuation. UTF-8 Arabic with a broken byte
   decodes under cp1256 into ط/ظ followed by symbols (§ † ‡ ±…), which this check refuses.

Anything else is rejected with a reason (`DecodeError`), never guessed.

Text that decodes but is itself mojibake — UTF-8 Arabic that was once misread as
Windows-1252/Latin-1 and saved again as UTF-8 ("Ø¹Ù‚Ø¯" for "عقد", common in old CMS
dumps) — is repaired when the misreading can be undone exactly, and rejected otherwise.
charset-normalizer is not used for the decision: on short Arabic texts it often names
another code page, and its guesses cannot be told from right answers here.
"""

from __future__ import annotations

import re
import unicodedata

from archive.text.controls import ESCAPE_SEQUENCE_RE, has_escape, strip_controls

BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

# Controls that mark binary data when frequent (\t \n \r \f \v are ordinary in text).
_BINARY_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f]")

_ARABIC_LETTER_RE = re.compile("[\u0621-\u064a]")
_TA_ZA_RE = re.compile("[\u0637\u0638]")  # ط ظ: the lead bytes of UTF-8 Arabic, read as cp1256
# What Arabic prose in Windows-1256 is made of: Arabic letters, harakat, tatweel, ASCII,
# whitespace, Arabic and common typographic punctuation, NBSP, ZWNJ/ZWJ, LRM/RLM.
_CP1256_TEXT_RE = re.compile(
    "[\u0621-\u0652\u0640\u0660-\u0669\t\n\r\x0c\x20-\x7e"
    "\u060c\u061b\u061f\u00ab\u00bb\u00a0\u2013\u2014\u2018\u2019\u201c\u201d\u2026"
    "\u200c-\u200f]"
)


# A lead byte of two-byte UTF-8 Arabic (0xD8-0xDB: Ø Ù Ú Û) followed by a continuation byte
# (0x80-0xBF) as Windows-1252 or Latin-1 shows it: the mark of double-encoded Arabic.
_CP1252_CONTINUATION = bytes(range(0x80, 0xC0)).decode("cp1252", errors="ignore")
_LATIN1_CONTINUATION = bytes(range(0x80, 0xC0)).decode("latin-1")
_DOUBLE_ENCODED_RE = re.compile(
    f"[\u00d8-\u00db][{re.escape(_CP1252_CONTINUATION + _LATIN1_CONTINUATION)}]"
)
_TO_CP1252_BYTE = {ch: bytes([b]) for b in range(256) for ch in bytes([b]).decode("latin-1")}
_TO_CP1252_BYTE.update(
    {
        bytes([b]).decode("cp1252"): bytes([b])
        for b in range(0x80, 0xA0)
        if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
    }
)


class DecodeError(ValueError):
    """The bytes are not text we can decode; the message is the reason, for the user."""


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode `data`; return (text, encoding name). Raises DecodeError with the reason."""
    if not data:
        raise DecodeError("empty file")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    f"invalid {encoding.upper()} after its byte-order mark "
                    f"(byte {exc.start + len(bom)})"
                ) from exc
            _check_not_binary(text)
            text, repaired = _undo_double_encoding(text)
            name = encoding + "-bom" if encoding == "utf-8" else encoding
            return text, name + repaired
    nuls = data.count(0)
    if nuls:
        guessed = _utf16_without_bom(data)
        if guessed is not None:
            return guessed
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    else:
        _check_not_binary(text)
        text, repaired = _undo_double_encoding(text)
        return text, "utf-8" + repaired
    if nuls:
        raise DecodeError(f"binary file ({nuls} NUL bytes, not UTF-8)")
    text = data.decode("cp1256")
    if _reads_as_arabic(text):
        return text, "cp1256"
    raise DecodeError(
        f"invalid UTF-8 (byte {utf8_error.start}: 0x{data[utf8_error.start]:02x}) "
        "and not Windows-1256 Arabic text"
    )


def _undo_double_encoding(text: str) -> tuple[str, str]:
    """(text, "") when it is not double-encoded Arabic; (repaired text, "+repaired") when
    the Windows-1252 misreading undoes exactly; DecodeError when it cannot be undone."""
    if "\u00d8" not in text and "\u00d9" not in text:
        return text, ""
    marks = len(_DOUBLE_ENCODED_RE.findall(text))
    if marks < 3 or marks < 0.2 * sum(1 for c in text if c > "\x7f"):
        return text, ""  # a few Ø/Ù in Latin text (Danish, French names), not mojibake
    try:
        data = b"".join(_TO_CP1252_BYTE[c] if c > "\x7f" else c.encode() for c in text)
        repaired = data.decode("utf-8")
    except (KeyError, UnicodeDecodeError) as exc:
        raise DecodeError(
            f"double-encoded UTF-8 (Arabic misread as Windows-1252, {marks} marks like 'Ø¹') "
            "that cannot be repaired exactly"
        ) from exc
    return repaired, "+repaired"


def _check_not_binary(text: str) -> None:
    if has_escape(text):  # a coloured terminal capture is text: its escapes are not noise
        text = ESCAPE_SEQUENCE_RE.sub("", text)
    controls = len(_BINARY_CONTROL_RE.findall(text))
    if controls > max(2, len(text) // 50):
        raise DecodeError(f"binary file ({controls} control characters)")


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    if len(data) % 2:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _plausible_text(text):
            return text, encoding
    return None


def _plausible_text(text: str) -> bool:
    """Mostly letters, digits, spaces and punctuation of the scripts an archive holds."""
    if not text.strip():
        return False
    good = sum(
        1
        for c in text
        if c in "\t\n\r"
        or ("\x20" <= c <= "\u024f" and not ("\x7f" <= c <= "\x9f"))
        or "\u0600" <= c <= "\u06ff"
        or "\u2000" <= c <= "\u206f"
    )
    return good >= 0.95 * len(text)


def _reads_as_arabic(text: str) -> bool:
    """True when a cp1256 decoding is Arabic prose rather than mojibake or binary."""
    arabic = len(_ARABIC_LETTER_RE.findall(text))
    if arabic == 0:
        return False
    foreign = sum(1 for c in text if c > "\x7f" and c.isalpha())  # Arabic included
    if arabic < 0.5 * foreign:
        return False
    # In UTF-8 Arabic misread as cp1256, every other character is ط or ظ.
    if len(_TA_ZA_RE.findall(text)) > 0.2 * arabic + 2:
        return False
    usual = len(_CP1256_TEXT_RE.findall(text))
    return usual >= 0.97 * len(text)


# A letter or a digit (tatweel, a letter to Unicode, only stretches one): a text without any
# (NULs, controls, zero-width and bidi marks, harakat alone) is no article.
_LETTER_OR_DIGIT_RE = re.compile("[^\\W_\u0640]")


def has_letter_or_digit(text: str) -> bool:
    return _LETTER_OR_DIGIT_RE.search(text) is not None


def clean_text(text: str) -> str:
    """The stored form: NFC, LF line ends, no terminal escape sequence (the whole of it,
    archive.text.controls) and no other control character except \\t and \\n, no leading
    BOM, no blank lines or spaces at either end.
    Letters and harakat are kept as written (NFC only composes canonical equivalents)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = strip_controls(text)
    text = text.lstrip("\ufeff")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text.strip()
