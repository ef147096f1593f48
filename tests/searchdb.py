"""A fixture archive for the search tests: the five samples plus constructed variant
documents, inserted directly (no importer), with tags, entities and resolutions."""

from __future__ import annotations

import hashlib
from pathlib import Path

from archive.search.index import index_columns, index_documents
from archive.store import Archive

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

# key: (title, body, date, source, tags)
VARIANTS: dict[str, tuple[str, str, str | None, str | None, tuple[str, ...]]] = {
    "harakat": ("خبر", "عُقِدَ الاجتماعُ الأوّلُ في المدينةِ أمسِ.", "2021-03-04", "سانا", ("أرشيف",)),
    "alef_hamza": ("بيان", "أعلنت الإدارة الذاتية عن آليات جديدة.", "2021-05-01", "هاوار", ()),
    "alef_wasla": ("بيان", "قالت ٱلإدارة إن الوضع مستقر.", "2022-01-10", "هاوار", ()),
    "ta_marbuta_ha": ("رسالة", "وصلت رسالة من مدينه الرقه صباحا.", "2022-02-02", None, ()),
    "alef_maqsura_ya": ("تقرير", "نقل الجرحي الي مستشفي المدينة.", "2022-03-03", None, ()),
    "tatweel": ("عاجل", "أعلنت الحكـــومة السـورية حظر التجول.", "2022-04-04", "عنب بلدي", ()),
    "clitic_none": ("زيارة", "زار الوفد قنصلية البلد.", "2022-05-01", None, ()),
    "clitic_al": ("زيارة", "زار الوفد القنصلية أمس.", "2022-05-02", None, ()),
    "clitic_wal": ("زيارة", "زار الوفد السفارة والقنصلية أمس.", "2022-05-03", None, ()),
    "clitic_bal": ("زيارة", "اجتمع الوفد بالقنصلية أمس.", "2022-05-04", None, ()),
    "clitic_kal": ("زيارة", "مبنى كالقنصلية تماما.", "2022-05-05", None, ()),
    "clitic_fal": ("زيارة", "ذهب إلى السفارة فالقنصلية.", "2022-05-06", None, ()),
    "clitic_lil": ("زيارة", "سلم الرسالة للقنصلية أمس.", "2022-05-07", None, ()),
    "clitic_w": ("زيارة", "السفارة وقنصلية أخرى.", "2022-05-08", None, ()),
    "clitic_b": ("زيارة", "التقى الوفد بقنصلية البلد.", "2022-05-09", None, ()),
    "clitic_l": ("زيارة", "رسالة لقنصلية البلد.", "2022-05-10", None, ()),
    "clitic_k": ("زيارة", "مبنى كقنصلية صغيرة.", "2022-05-11", None, ()),
    "clitic_f": ("زيارة", "ثم مضى فقنصلية البلد.", "2022-05-12", None, ()),
    "digits": (
        "قرار",
        "صدر القرار ٢٢٥٤ عام ۲۰۱۵ بالإجماع.",
        "2015-12-18",
        "الأمم المتحدة",
        ("قرارات",),
    ),
    "latin": ("Reuters", "نقلت وكالة Reuters عن مسؤول في CNN قوله.", "2023-07-01", "Reuters", ()),
    "hamza_carrier": ("مسئول", "صرح مسئول في الوزارة.", "2023-08-01", None, ()),
    "persian_letters": ("کردستان", "زار الوفد کردستان العراق.", "2023-09-01", None, ()),
    "presentation": ("ﺍﻟﻼﺟﺌﻴﻦ", "عاد ﺍﻟﻼﺟﺌﻮﻥ إلى ديارهم.", "2023-10-01", None, ()),
    # near neighbours that must NOT match the words above
    "neighbour_kateb": ("كاتب", "قال الكاتب إن المكتب مغلق.", "2020-01-01", None, ()),
    "neighbour_muaqad": ("معقد", "الوضع معقد والعقيد غائب.", "2020-02-01", None, ()),
    "neighbour_waraq": ("ورق", "نقص في الورق وبرق في السماء.", "2020-03-01", None, ()),
    "kitab": ("الكتاب", "صدر الكتاب الجديد.", None, None, ("كتب", "أدب")),
    "kitab_body": ("إصدار", "صدر كتاب جديد عن دار النشر، والكتاب متوفر.", "2019-01-01", None, ()),
    "stem_only": ("إصدار", "صدرت كتابات كثيرة هذا العام.", "2019-02-01", None, ()),
    "no_date": ("بلا تاريخ", "نص بلا تاريخ عن المفاوضات.", None, None, ()),
    "inferred_date": ("تاريخ مستنتج", "نص عن المفاوضات في جنيف.", None, None, ()),
    "markup": (
        "[bold]x[/bold]",
        "نص فيه [bold]وسم[/bold] و \x1b[31m ألوان.",
        "2018-01-01",
        None,
        (),
    ),
}

INFERRED = {"inferred_date": "2017-06-15"}
ENTITIES = [  # (doc key, kind, name, aliases)
    ("digits", "org", "مجلس الأمن", ("مجلس الأمن الدولي",)),
    ("alef_hamza", "org", "الإدارة الذاتية", ()),
    ("latin", "person", "أحمد الشرع", ("أبو محمد الجولاني",)),
    ("persian_letters", "place", "كردستان العراق", ()),
]
RESOLUTIONS = [("digits", 2254)]


def _insert(archive: Archive, key: str, title: str, body: str, date: str | None,
            source: str | None, inferred: str | None = None) -> int:  # fmt: skip
    cur = archive.conn.execute(
        "INSERT INTO documents (source_key, path, title, body, sha256, date, date_inferred, "
        "source, imported_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (key, f"{key}.txt", title, body, hashlib.sha256(body.encode()).hexdigest(), date,
         inferred, source, "2024-01-01T00:00:00", "2024-01-01T00:00:00"),
    )  # fmt: skip
    doc_id = int(cur.lastrowid or 0)
    sort_date = date if date is not None else inferred
    index_documents(archive.conn, [(doc_id, sort_date, index_columns(title, body))])
    return doc_id


def build(path: Path) -> tuple[Archive, dict[str, int]]:
    """The fixture archive at `path` and the ids of its documents by key."""
    archive = Archive(path)
    ids: dict[str, int] = {}
    for i, sample in enumerate(sorted(SAMPLES.glob("*.txt"))):
        title, _, body = sample.read_text(encoding="utf-8").partition("\n")
        ids[f"sample{i}"] = _insert(
            archive, sample.name, title, body, f"2024-0{i + 1}-01", "samples"
        )
    conn = archive.conn
    for key, (title, body, date, source, tags) in VARIANTS.items():
        ids[key] = _insert(archive, key, title, body, date, source, INFERRED.get(key))
        for tag in tags:
            conn.execute(
                "INSERT OR IGNORE INTO tags (name, created_at) VALUES (?, '2024-01-01')", (tag,)
            )
            conn.execute(
                "INSERT INTO document_tags (document_id, tag_id, tagged_at) "
                "SELECT ?, id, '2024-01-01' FROM tags WHERE name = ?",
                (ids[key], tag),
            )
    from archive.text.normalize import normalize

    for key, kind, name, aliases in ENTITIES:
        conn.execute(
            "INSERT OR IGNORE INTO entities (kind, name, key) VALUES (?, ?, ?)",
            (kind, name, normalize(name)),
        )
        (entity_id,) = conn.execute(
            "SELECT id FROM entities WHERE kind = ? AND name = ?", (kind, name)
        ).fetchone()
        for alias in aliases:
            conn.execute(
                "INSERT OR IGNORE INTO entity_aliases (entity_id, alias, key) VALUES (?, ?, ?)",
                (entity_id, alias, normalize(alias)),
            )
        conn.execute(
            "INSERT INTO document_entities (document_id, entity_id, count) VALUES (?, ?, 1)",
            (ids[key], entity_id),
        )
    for key, number in RESOLUTIONS:
        conn.execute(
            "INSERT INTO document_resolutions (document_id, number) VALUES (?, ?)",
            (ids[key], number),
        )
    conn.commit()
    return archive, ids
