"""Where an article comes from: a "المصدر:" line, "الموقع الرسمي لـ…", or an attribution
phrase (نقلا عن، وفق ما نقل موقع/وكالة/قناة …، بحسب وكالة …). A dump's source field wins."""

from __future__ import annotations

import re

from archive.metadata.boilerplate import Line
from archive.metadata.textmap import Folded, fold

_QUOTED = r"[\"“”«»'‘’]"
_LABEL_RE = re.compile(r"^\W*(?:المصدر|مصدر الخبر|المصدر والصور|نقلا عن|عن)\s*[:：\-–]\s*(?P<v>.+)$")
_OFFICIAL_RE = re.compile(r"^\W*(?P<v>الموقع\s+الرسمي\s+(?:ل|لـ\s*|ل\s+).{3,80}?)\W*$")
_OUTLET = r"(?:موقع|وكاله|قناه|صحيفه|جريده|مجله|اذاعه|تلفزيون|شبكه|منصه|مركز)"
# An attribution: the outlet's name follows, quoted or up to a stop word / punctuation.
_ATTRIB_RE = re.compile(
    r"(?:نقلا\s+عن|نقلاً\s+عن|وفق(?:ا|ً)?\s+ما\s+(?:نقل(?:ت|ه)?|ذكر(?:ت|ه)?|اورد(?:ت|ه)?|افاد(?:ت)?)|"
    r"بحسب\s+ما\s+(?:نقل(?:ت|ه)?|ذكر(?:ت|ه)?|اورد(?:ت|ه)?|افاد(?:ت)?)|حسبما\s+(?:نقل(?:ت)?|ذكر(?:ت)?|"
    r"اورد(?:ت)?|افاد(?:ت)?)|(?:بحسب|حسب|وفق|وفقا\s+ل)\s*(?=" + _OUTLET + r")|"
    r"(?:ذكرت|افادت|اوردت|نقلت|قالت)\s+(?=" + _OUTLET + r"))\s*"
    r"(?P<v>(?:" + _OUTLET + r"\s+){0,2}(?:" + _QUOTED + r"[^\"“”«»'‘’\n]{2,40}" + _QUOTED
    + r"|[^\s.,،:؛\"“”«»()]+(?:\s+[^\s.,،:؛\"“”«»()]+){0,4}))"
)
_STOP_WORDS = {
    "ان", "انه", "بان", "في", "من", "على", "علي", "عن", "الي", "مع", "التي", "الذي", "اليوم",
    "امس", "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", "يوم",
    "مساء", "صباح", "فقد", "وقد", "حيث", "بعد", "قبل", "خلال", "ضمن", "وذلك", "عبر", "الرسمي",
    "الالكتروني", "قوله", "قولها", "مصادر", "مصدر", "و",
}  # fmt: skip
_OUTLET_PREFIX_RE = re.compile(r"^(?:(?:موقع|قناه|شبكه|منصه|مجله|صحيفه|جريده)\s+)+")


def find_source(lines: list[Line], skip: set[int]) -> str | None:
    for index in range(len(lines) - 1, -1, -1):
        if index in skip:
            continue
        line = lines[index]
        f = fold(line.text)
        m = _LABEL_RE.match(f.text)
        if m and len(line.text) < 120:
            return _clean(line.text[f.orig(m.start("v")) :])
        m = _OFFICIAL_RE.match(f.text)
        if m and len(line.text) < 100:
            return _clean(line.text[f.orig(m.start("v")) : f.orig_end(m.end("v"))])
    for index, line in enumerate(lines):
        if index in skip:
            continue
        f = fold(line.text)
        m = _ATTRIB_RE.search(f.text)
        if m:
            name = _outlet_name(line.text, f, m.start("v"), m.end("v"))
            if name:
                return name
    return None


def _outlet_name(text: str, f: Folded, start: int, end: int) -> str | None:
    folded = f.text[start:end]
    quoted = re.search(_QUOTED + r"([^\"“”«»'‘’]+)" + _QUOTED, folded)
    if quoted:
        return text[f.orig(start + quoted.start(1)) : f.orig_end(start + quoted.end(1))].strip()
    words = folded.split()
    kept = []
    for word in words:
        if word in _STOP_WORDS or word.startswith("ل") and kept and word[1:] in _STOP_WORDS:
            break
        kept.append(word)
    if not kept:
        return None
    length = len(" ".join(kept))
    prefix = _OUTLET_PREFIX_RE.match(folded)
    cut = 0
    if prefix and len(kept) > len(prefix.group().split()):
        cut = prefix.end()
    elif folded.startswith("وكاله ") and kept[1:2] != ["الانباء"] and len(kept) > 1:
        cut = len("وكاله ")
    return _clean(text[f.orig(start + cut) : f.orig_end(start + length)]) or None


def _clean(value: str) -> str:
    return value.strip().strip(".،,:؛ \"“”«»").strip()
