"""Site furniture in scraped articles: related-article blocks (and all that follows them),
"back to top" links, share and print lines, section breadcrumbs. Returned as spans of the
original text; the text itself is never changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from archive.metadata.textmap import Folded, fold_char_text
from archive.models import Span

# A line that opens a block of links to other articles: the block runs to the end of the text.
RELATED_RE = re.compile(
    r"^\W*(?:شاهد|اقرا|إقرا|طالع|تابع)\s+(?:ايضا|كذلك|المزيد)\W*$"
    r"|^\W*(?:مواضيع|اخبار|مقالات|قصص|روابط|موضوعات)\s+(?:ذات\s+صله|متعلقه|مشابهه|قد\s+تهمك)\W*$"
    r"|^\W*(?:قد\s+يعجبك\s+ايضا|المزيد\s+من\s+الاخبار|الاكثر\s+قراءه|اخترنا\s+لك|ننصحك\s+بقراءه)\W*$"
)
# One line naming a single related article ("اقرأ أيضًا: …"): that line only.
RELATED_INLINE_RE = re.compile(r"^\W*(?:شاهد|اقرا|إقرا|طالع)\s+(?:ايضا|كذلك)\s*[:：\-–]")
BACK_TO_TOP_RE = re.compile(
    r"^\W*(?:زر\s+)?(?:الذهاب|العوده|الرجوع)\s+(?:الي|للاعلي)(?:\s+الاعلي)?\W*$"
)
SHARE_WORDS = frozenset(
    fold_char_text(w)
    for w in (
        "شارك شاركها شارك_المقال مشاركة المقال الخبر على عبر فيسبوك فيس بوك تويتر إكس واتساب "
        "واتس آب تيليجرام تلغرام تليجرام لينكدإن لينكد إن بينتيريست ريديت طباعة اطبع البريد "
        "الإلكتروني ارسل أرسل نسخ انسخ الرابط رابط مختصر facebook twitter whatsapp telegram "
        "linkedin pinterest reddit print email share x messenger ماسنجر"
    ).split()
)
SECTION_WORDS = tuple(
    sorted(
        {
            fold_char_text(w)
            for w in (
                "الأخبار أخبار الرئيسية رئيسية مانشيت سياسة السياسة اقتصاد الاقتصاد رياضة الرياضة "
                "تقارير التقارير محلي محليات عربي عربية دولي دولية العالم ثقافة الثقافة منوعات آراء "
                "الرأي رأي مقالات تحقيقات حوارات فيديو صور بيانات البيانات نشاطات النشاطات عاجل "
                "أخبار_محلية مجتمع المجتمع تقرير ملفات أخبار_عاجلة سوريا شؤون الأقاليم المناطق "
                "صحة تكنولوجيا علوم فن فنون سياحة اخبار المرأة"
            )
            .replace("_", " ")
            .split()
        },
        key=len,
        reverse=True,
    )
)
_HOME_CHAIN_RE = re.compile(r"^\W*(?:الرءيسيه|الصفحه الرءيسيه|home)\s*(?:>|»|›|/|\||<|«|‹)")
_BREADCRUMB_SEP_RE = re.compile(r"\s*(?:>|»|›|/|\||<|«|‹|-)\s*")
_SECTION_RE = re.compile("(?:" + "|".join(re.escape(w) for w in SECTION_WORDS) + ")+")


@dataclass(frozen=True, slots=True)
class Line:
    start: int  # offsets in the original text, without the newline
    end: int
    text: str  # stripped original text
    folded: str


def split_lines(text: str, folded: Folded | None = None) -> list[Line]:
    """Non-empty lines with their offsets. `folded`, when given, is the folded form of the
    whole text: each line's folded form is sliced from it instead of folded again."""
    lines, pos = [], 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = pos + len(raw) - len(raw.lstrip())
            end = start + len(stripped)
            if folded is None:
                f = fold_char_text(stripped)
            elif folded.identity:
                f = folded.text[start:end]
            else:
                f = folded.text[folded.folded_index(start) : folded.folded_index(end)]
            lines.append(Line(start, end, stripped, f))
        pos += len(raw) + 1
    return lines


def is_breadcrumb(line: Line) -> bool:
    """Section names glued or chained with separators: "الأخبارمانشيت", "الرئيسية » سياسة"."""
    if len(line.folded) > 60:
        return False
    if _HOME_CHAIN_RE.match(line.folded) and len(line.folded.split()) <= 8:
        return True  # "الرئيسية » أخبار مصر": a chain from the home page, whatever the sections
    parts = [p for p in _BREADCRUMB_SEP_RE.split(line.folded) if p]
    if not parts:
        return False
    glued = [p.replace(" ", "") for p in parts]
    if not all(_SECTION_RE.fullmatch(p) for p in glued):
        return False
    # one section name alone is not a breadcrumb; two chained or glued together are
    return len(parts) >= 2 or len(parts[0].split()) >= 2 or glued[0] not in SECTION_WORDS


_WORDS_RE = re.compile(r"\w+")


def is_share_line(line: Line) -> bool:
    if len(line.folded) > 100:
        return False
    words = _WORDS_RE.findall(line.folded.lower())
    if not words:
        return False
    return sum(w in SHARE_WORDS for w in words) / len(words) >= 0.6


def find_boilerplate(text: str, lines: list[Line] | None = None) -> list[Span]:
    lines = lines if lines is not None else split_lines(text)
    spans: list[Span] = []
    for index, line in enumerate(lines):
        if RELATED_RE.match(line.folded):
            spans.append(Span(line.start, len(text.rstrip())))
            break
        if (
            RELATED_INLINE_RE.match(line.folded)
            or BACK_TO_TOP_RE.match(line.folded)
            or is_share_line(line)
            or (index < 3 and is_breadcrumb(line))
        ):
            spans.append(Span(line.start, line.end))
    return spans


def inside(spans: list[Span] | tuple[Span, ...], start: int, end: int) -> bool:
    return any(s.start <= start and end <= s.end for s in spans)
