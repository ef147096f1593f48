"""The benchmark corpus: real Arabic articles scaled to N documents.

The samples (and any folder of articles given with `--source`) are cut into titles,
sub-headings, paragraphs and sentences. Each generated document recombines them: some
paragraphs kept whole, some rebuilt from sentences of other articles, sub-headings between
them, a varied title, a publication date (in the dump's `date` field and, sometimes, as a
dated first line in one of the formats Arabic sites use), a source, and now and then the
boilerplate that real pages carry ("شاهد أيضًا", "زر الذهاب إلى الأعلى", "المصدر: …").

Five articles have a few thousand distinct words; a real archive of a million articles has
hundreds of thousands. So that posting lists and the FTS vocabulary keep a realistic long
tail, a few words per paragraph are swapped for words of a Zipf-distributed vocabulary made
by recombining the stems and clitics of the real words (pseudo-words that look and
normalise like Arabic: same letters, same prefixes and suffixes).

Everything is drawn from one `random.Random(seed)`: the same seed and sources give the same
corpus, byte for byte.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import random
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
OUT = Path(__file__).resolve().parent / "out"

SOURCES = (
    "عنب بلدي",
    "الجزيرة نت",
    "وكالة الأنباء السورية (سانا)",
    "وكالة هاوار",
    "نورث برس",
    "المرصد السوري لحقوق الإنسان",
    "العربي الجديد",
    "الشرق الأوسط",
    "روداو",
    "سكاي نيوز عربية",
    "بي بي سي عربي",
    "فرانس برس",
    "رويترز",
    "اندبندنت عربية",
    "تلفزيون سوريا",
    "الموقع الرسمي لمجلس سوريا الديمقراطية",
    "الدائرة الإعلامية للائتلاف الوطني السوري",
    "المدن",
    "الحرة",
    "ANHA",
)
MONTHS_LEVANT = (
    "كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران",
    "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول",
)  # fmt: skip
MONTHS_EGYPT = (
    "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
    "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
)  # fmt: skip
MONTHS_MAGHREB = (
    "جانفي", "فيفري", "مارس", "أفريل", "ماي", "جوان",
    "جويلية", "أوت", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
)  # fmt: skip
WEEKDAYS = ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")
INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
TITLE_PREFIXES = ("سوريا:", "عاجل:", "بالفيديو:", "تقرير:", "خاص:", "", "", "", "", "")
BOILERPLATE_TAILS = (
    "زر الذهاب إلى الأعلى",
    "شارك هذا المقال",
    "طباعة",
)
PREFIX_CLITICS = ("", "", "", "", "ال", "ال", "و", "وال", "بال", "لل", "ب", "ل", "ف", "كال")
SUFFIX_CLITICS = ("", "", "", "", "ة", "ات", "ان", "ين", "ون", "ها", "ه", "ية", "ي")

_SENTENCE_END = re.compile(r"(?<=[.!؟?])\s+")
_DATE_ONLY = re.compile(r"^[\d\u0660-\u0669/\-. ]+$")
_ARABIC_WORD = re.compile(r"^[\u0621-\u064a]{3,}$")
_CLITIC_PREFIX = re.compile(r"^(?:وال|بال|كال|فال|لل|ال|و|ب|ل|ف)(?=[\u0621-\u064a]{3,})")
_CLITIC_SUFFIX = re.compile(r"(?<=[\u0621-\u064a]{3})(?:ها|ات|ان|ين|ون|ية|ة|ه|ي)$")


@dataclass(frozen=True, slots=True)
class GeneratedDoc:
    """One record of the JSONL dump (the fields `arshif import` reads)."""

    title: str
    body: str
    date: str | None
    source: str | None


@dataclass
class Pool:
    """The pieces of the source articles that documents are built from."""

    titles: list[str]
    headings: list[str]
    paragraphs: list[str]
    sentences: list[str]
    stems: list[str]

    @property
    def fingerprint(self) -> str:
        digest = hashlib.sha256()
        for part in (self.titles, self.headings, self.paragraphs):
            digest.update("\x1e".join(part).encode())
        return digest.hexdigest()[:12]


def _is_heading(line: str) -> bool:
    return len(line) <= 90 and not line.rstrip().endswith((".", "؟", "!", ":", "،"))


def _is_noise(line: str) -> bool:
    """Date-only lines, site breadcrumbs, boilerplate markers: not reusable as content."""
    return bool(_DATE_ONLY.match(line)) or len(line) < 12 or " " not in line.strip()


def load_pool(sources: Iterable[Path]) -> Pool:
    """Cut every .txt under the given files or folders into titles, paragraphs, sentences."""
    titles: list[str] = []
    headings: list[str] = []
    paragraphs: list[str] = []
    sentences: list[str] = []
    words: set[str] = set()
    files: list[Path] = []
    for source in sources:
        files.extend(sorted(source.rglob("*.txt")) if source.is_dir() else [source])
    for path in files:
        lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()]
        lines = [ln for ln in lines if ln and not _is_noise(ln)]
        title_taken = False
        for line in lines:
            if line.startswith(("المصدر", "الموقع الرسمي", "شاهد أيض", "اقرأ أيض", "زر الذهاب")):
                break  # the tail of a page: attribution and related links
            if not title_taken and len(line) <= 200:
                titles.append(line)
                title_taken = True
            elif _is_heading(line):
                headings.append(line)
            else:
                paragraphs.append(line)
                sentences.extend(s for s in _SENTENCE_END.split(line) if len(s) > 25)
            words.update(w for w in line.split() if _ARABIC_WORD.match(w))
    if not paragraphs:
        raise ValueError("no paragraphs found in the corpus sources")
    stems = sorted({_CLITIC_SUFFIX.sub("", _CLITIC_PREFIX.sub("", w)) for w in words})
    return Pool(titles, headings or titles, paragraphs, sentences or paragraphs, stems)


class Vocabulary:
    """A Zipf-distributed long tail of pseudo-words built from real stems and clitics."""

    def __init__(self, stems: Sequence[str], size: int, rng: random.Random) -> None:
        seen: set[str] = set(stems)
        words: list[str] = []
        stems = [s for s in stems if len(s) >= 3] or list(stems)
        while len(words) < size:
            a, b = rng.choice(stems), rng.choice(stems)
            cut_a = rng.randint(2, max(2, len(a) - 1))
            cut_b = rng.randint(1, max(1, len(b) - 2))
            word = a[:cut_a] + b[cut_b:]
            if 3 <= len(word) <= 9 and word not in seen:
                seen.add(word)
                words.append(word)
        self.words = words
        weights = [1.0 / (rank + 10) for rank in range(size)]  # Zipf-Mandelbrot, s = 1
        total = 0.0
        self._cumulative: list[float] = []
        for w in weights:
            total += w
            self._cumulative.append(total)

    def draw(self, rng: random.Random) -> str:
        index = bisect.bisect_left(self._cumulative, rng.random() * self._cumulative[-1])
        return self.words[min(index, len(self.words) - 1)]


def arabic_date_line(day: date, rng: random.Random) -> str:
    """A publication-date line in one of the formats Arabic news sites print."""
    d, m, y = day.day, day.month, day.year
    lev, egy, mag = MONTHS_LEVANT[m - 1], MONTHS_EGYPT[m - 1], MONTHS_MAGHREB[m - 1]
    weekday = WEEKDAYS[day.weekday()]
    choices = (
        f"{d:02d}/{m:02d}/{y}",
        f"{d}/{m}/{y}".translate(INDIC),
        f"{d} {lev} {y}",
        f"{d} {egy} {y}",
        f"{d} {lev}/{egy} {y}",
        f"{weekday} {d} {egy} {y}",
        f"{y}-{m:02d}-{d:02d}",
        f"نُشر في {d} {mag} {y}",
        f"بتاريخ {d} {lev} {y}".translate(INDIC),
        f"تاريخ النشر: {d:02d}.{m:02d}.{y}",
    )
    return rng.choice(choices)


class CorpusGenerator:
    """Builds documents from a pool; deterministic for a given seed."""

    START = date(2011, 1, 1)
    DAYS = (date(2025, 12, 31) - date(2011, 1, 1)).days

    def __init__(self, pool: Pool, *, seed: int = 7, vocabulary: int = 60_000) -> None:
        self.pool = pool
        self.seed = seed
        self.rng = random.Random(seed)
        self.vocab = Vocabulary(pool.stems, vocabulary, self.rng)

    # -- pieces ---------------------------------------------------------------------------
    def _mutate(self, text: str, most: int = 3) -> str:
        """Swap up to `most` words for long-tail words, keeping their clitics."""
        rng = self.rng
        swaps = rng.randint(0, most)
        if not swaps:
            return text
        words = text.split(" ")
        for _ in range(swaps):
            i = rng.randrange(len(words))
            if _ARABIC_WORD.match(words[i]):
                words[i] = (
                    rng.choice(PREFIX_CLITICS) + self.vocab.draw(rng) + rng.choice(SUFFIX_CLITICS)
                )
        return " ".join(words)

    def _paragraph(self) -> str:
        rng = self.rng
        if rng.random() < 0.5:
            text = rng.choice(self.pool.paragraphs)
        else:
            text = " ".join(rng.choice(self.pool.sentences) for _ in range(rng.randint(2, 5)))
        return self._mutate(text)

    def _title(self, first_paragraph: str) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.4:
            base = rng.choice(self.pool.titles)
        elif roll < 0.7:
            base = rng.choice(self.pool.headings)
        else:  # a headline cut from the lead, as many sites do
            words = first_paragraph.split()
            base = " ".join(words[: rng.randint(6, 12)]).rstrip("،,.")
        a, b = base.split(), rng.choice(self.pool.titles).split()
        if len(a) > 4 and len(b) > 4 and rng.random() < 0.5:  # splice two headlines
            base = " ".join(a[: len(a) // 2] + b[len(b) // 2 :])
        prefix = rng.choice(TITLE_PREFIXES)
        return self._mutate(f"{prefix} {base}" if prefix else base, most=1)

    # -- documents ------------------------------------------------------------------------
    def document(self) -> GeneratedDoc:
        rng = self.rng
        paragraphs = [self._paragraph() for _ in range(max(2, int(rng.gammavariate(2.5, 1.6))))]
        title = self._title(paragraphs[0])
        parts: list[str] = []
        day = self.START + timedelta(days=rng.randrange(self.DAYS))
        if rng.random() < 0.3:
            parts.append(arabic_date_line(day, rng))
        for i, paragraph in enumerate(paragraphs):
            if i and rng.random() < 0.2:
                parts.append(self._mutate(rng.choice(self.pool.headings)))
            parts.append(paragraph)
        source = rng.choice(SOURCES)
        tail = rng.random()
        if tail < 0.15:
            parts.append(f"المصدر: {source}")
        elif tail < 0.25:
            parts.extend(["شاهد أيضًا", rng.choice(self.pool.titles)])
        if rng.random() < 0.1:
            parts.append(rng.choice(BOILERPLATE_TAILS))
        return GeneratedDoc(
            title=title,
            body="\n\n".join(parts) if rng.random() < 0.5 else "\n".join(parts),
            date=day.isoformat() if rng.random() < 0.85 else None,
            source=source if rng.random() < 0.9 else None,
        )

    def documents(self, n: int) -> Iterator[GeneratedDoc]:
        seen: set[bytes] = set()
        produced = 0
        while produced < n:
            doc = self.document()
            key = hashlib.blake2b(doc.body.encode(), digest_size=8).digest()
            if key in seen:  # the importer would fold an exact duplicate body
                continue
            seen.add(key)
            produced += 1
            yield doc


def write_jsonl(docs: Iterable[GeneratedDoc], path: Path) -> int:
    """Write the dump; return the number of bytes of text (title + body, UTF-8)."""
    text_bytes = 0
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as out:
        for doc in docs:
            text_bytes += len(doc.title.encode()) + len(doc.body.encode())
            out.write(json.dumps(asdict(doc), ensure_ascii=False))
            out.write("\n")
    tmp.replace(path)
    return text_bytes


def write_txt_folder(docs: Iterable[GeneratedDoc], folder: Path, per_dir: int = 1000) -> int:
    """One .txt per document (title line, then body) in sub-folders of `per_dir` files."""
    count = 0
    for i, doc in enumerate(docs):
        sub = folder / f"{i // per_dir:04d}"
        if i % per_dir == 0:
            sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{i:07d}.txt").write_text(f"{doc.title}\n{doc.body}\n", encoding="utf-8")
        count += 1
    return count


def parse_size(text: str) -> int:
    """'30k' -> 30 000, '1m' -> 1 000 000, '2500' -> 2 500."""
    text = text.strip().lower().replace("_", "")
    scale = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    number = text[:-1] if scale != 1 else text
    value = int(float(number) * scale)
    if value <= 0:
        raise ValueError(f"corpus size must be positive: {text!r}")
    return value


@dataclass(frozen=True, slots=True)
class Corpus:
    jsonl: Path
    documents: int
    text_bytes: int


def ensure_corpus(
    size: int, *, seed: int = 7, sources: Sequence[Path] = (SAMPLES,), out: Path = OUT
) -> Corpus:
    """The cached JSONL corpus of `size` documents, generated on first use."""
    pool = load_pool(sources)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"corpus-{size}-s{seed}-{pool.fingerprint}.jsonl"
    meta = path.with_suffix(".json")
    if path.exists() and meta.exists():
        info = json.loads(meta.read_text())
        return Corpus(path, info["documents"], info["text_bytes"])
    text_bytes = write_jsonl(CorpusGenerator(pool, seed=seed).documents(size), path)
    meta.write_text(json.dumps({"documents": size, "text_bytes": text_bytes}))
    return Corpus(path, size, text_bytes)


def read_jsonl(path: Path) -> Iterator[GeneratedDoc]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            yield GeneratedDoc(**json.loads(line))


def main(argv: Sequence[str] | None = None) -> None:
    import argparse

    parser = argparse.ArgumentParser(description="Generate the Arshif benchmark corpus.")
    parser.add_argument("--size", default="30k", help="documents: 30k, 1m, or a number")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--source", type=Path, action="append", help="folder of .txt articles")
    parser.add_argument("--txt", type=Path, help="also write a folder of .txt files here")
    args = parser.parse_args(argv)
    corpus = ensure_corpus(parse_size(args.size), seed=args.seed, sources=args.source or [SAMPLES])
    print(f"{corpus.jsonl}: {corpus.documents} documents, {corpus.text_bytes:,} bytes of text")
    if args.txt:
        write_txt_folder(read_jsonl(corpus.jsonl), args.txt)
        print(f"{args.txt}: {corpus.documents} .txt files")


if __name__ == "__main__":
    main()
