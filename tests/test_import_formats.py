"""Records from .txt, .json, .jsonl and .csv: field aliases, extra fields, bad records."""

from __future__ import annotations

import json

from archive.importing.formats import Record, Rejection, read_records

BODY = "أعلنت الحكومة اليوم عن خطة جديدة.\nوقال الوزير إن الخطة تبدأ الشهر المقبل."


def records(data: bytes, key: str, suffix: str) -> list[Record | Rejection]:
    return list(read_records(data, key, suffix))


def test_txt_file_is_one_cleaned_article() -> None:
    [rec] = records(("\r\n" + BODY.replace("\n", "\r\n") + "\r\n").encode(), "d/a.txt", ".txt")
    assert isinstance(rec, Record)
    assert rec.key == "d/a.txt"
    assert rec.body == BODY
    assert rec.fields == {}


def test_json_array_fields_match_case_insensitively_and_unknown_fields_go_to_extra() -> None:
    data = json.dumps(
        [
            {"HEADLINE": "خطة", "Content": BODY, "Pub Date": "2020-01-02", "Newspaper": "النهار",
             "LINK": "https://x.test/1", "ByLine": "سمير", "section": "سياسة", "tags": ["a", 1]},
            {"Title": "ثانية", "ARTICLE": BODY + " ٢", "date_published": "2021"},
        ],
        ensure_ascii=False,
    ).encode()  # fmt: skip
    first, second = records(data, "dump.json", ".json")
    assert isinstance(first, Record) and isinstance(second, Record)
    assert first.key == "dump.json#1" and second.key == "dump.json#2"
    assert first.fields == {
        "title": "خطة",
        "date": "2020-01-02",
        "source": "النهار",
        "url": "https://x.test/1",
        "author": "سمير",
    }
    assert first.extra == {"section": "سياسة", "tags": ["a", 1]}
    assert second.fields == {"title": "ثانية", "date": "2021"}
    assert second.body == BODY + " ٢"


def test_news_please_and_newspaper3k_dumps_import_with_their_fields() -> None:
    data = json.dumps(
        [
            {"title": "خطة", "maintext": BODY, "date_publish": "2022-03-30 10:00:00",
             "source_domain": "www.annahar.com", "url": "https://x.test/1",
             "authors": ["سمير قصير", "ليلى"], "description": "ملخص"},
            {"title": "ثانية", "text": BODY, "publish_date": "2021-05-01", "outlet": "الأهرام"},
        ],
        ensure_ascii=False,
    ).encode()  # fmt: skip
    first, second = records(data, "dump.json", ".json")
    assert isinstance(first, Record) and isinstance(second, Record)
    assert first.body == BODY and second.body == BODY
    assert first.fields == {
        "title": "خطة",
        "date": "2022-03-30 10:00:00",
        "source": "www.annahar.com",
        "url": "https://x.test/1",
        "author": "سمير قصير، ليلى",
    }
    assert first.extra == {"description": "ملخص"}
    assert second.fields == {"title": "ثانية", "date": "2021-05-01", "source": "الأهرام"}


def test_json_single_object_is_one_article_keyed_by_the_file() -> None:
    data = json.dumps({"title": "t", "text": BODY}, ensure_ascii=False).encode("utf-16")
    [rec] = records(data, "one.json", ".json")
    assert isinstance(rec, Record)
    assert rec.key == "one.json" and rec.body == BODY


def test_json_object_holding_one_list_of_articles_is_read_as_that_list() -> None:
    data = json.dumps({"meta": {"n": 2}, "articles": [{"body": "ا"}, {"body": "ب"}]}).encode()
    recs = records(data, "wrapped.json", ".json")
    assert [r.body for r in recs if isinstance(r, Record)] == ["ا", "ب"]


def test_records_with_wrong_types_are_rejected_by_number_and_the_rest_kept() -> None:
    data = json.dumps(
        [{"body": BODY}, "just a string", {"body": {"nested": ["x"]}}, {"title": "no body"},
         {"body": ["فقرة أولى", "فقرة ثانية"], "title": 7}]
    , ensure_ascii=False).encode()  # fmt: skip
    recs = records(data, "mixed.json", ".json")
    assert isinstance(recs[0], Record)
    assert recs[1] == Rejection("mixed.json#2", "record is a JSON str, not an object")
    assert isinstance(recs[2], Rejection) and "'body' is not text" in recs[2].reason
    assert isinstance(recs[3], Rejection) and "no body" in recs[3].reason
    last = recs[4]
    assert isinstance(last, Record)
    assert last.body == "فقرة أولى\n\nفقرة ثانية" and last.fields["title"] == "7"


def test_invalid_json_file_is_rejected_with_its_position() -> None:
    [rej] = records(b'[{"body": "x"', "bad.json", ".json")
    assert isinstance(rej, Rejection) and rej.where == "bad.json"
    assert "invalid JSON" in rej.reason and "line 1" in rej.reason


def test_jsonl_records_are_numbered_by_line_and_bad_lines_rejected() -> None:
    lines = [
        json.dumps({"Body": BODY, "x": 1}, ensure_ascii=False),
        "",
        "{not json",
        '{"body": "ب"}',
    ]
    recs = records("\n".join(lines).encode(), "feed.jsonl", ".jsonl")
    assert [getattr(r, "key", None) or r.where for r in recs] == [  # type: ignore[union-attr]
        "feed.jsonl#1",
        "feed.jsonl#3",
        "feed.jsonl#4",
    ]
    assert isinstance(recs[0], Record) and recs[0].extra == {"x": 1}
    assert isinstance(recs[1], Rejection) and "invalid JSON" in recs[1].reason


def test_csv_with_semicolons_quotes_and_embedded_newlines() -> None:
    text = (
        'Headline;TEXT;Site;notes\r\n'
        '"عنوان; أول";"سطر أول\r\nسطر ""ثان""";وكالة;x\r\n'
        '\r\n'
        'عنوان ثان;نص ثان;;y;surplus\r\n'
    )  # fmt: skip
    first, second = records(text.encode("cp1256", errors="strict"), "t.csv", ".csv")
    assert isinstance(first, Record) and isinstance(second, Record)
    assert first.key == "t.csv#1" and second.key == "t.csv#2"
    assert first.fields == {"title": "عنوان; أول", "source": "وكالة"}
    assert first.body == 'سطر أول\nسطر "ثان"'
    assert first.extra == {"notes": "x"}
    assert second.extra == {"notes": "y", "_extra_columns": ["surplus"]}


def test_csv_without_a_body_column_is_rejected_naming_the_accepted_names() -> None:
    [rej] = records(b"title,when\na,b\n", "nobody.csv", ".csv")
    assert isinstance(rej, Rejection) and "no body column" in rej.reason
    assert "content" in rej.reason


def test_empty_and_whitespace_only_files_are_rejected() -> None:
    assert records(b"", "e.txt", ".txt") == [Rejection("e.txt", "empty file")]
    assert records(b" \r\n\t\n", "w.txt", ".txt") == [Rejection("w.txt", "empty file (no text)")]
    assert records(b"\n\n", "e.jsonl", ".jsonl") == [
        Rejection("e.jsonl", "empty file (no records)")
    ]


def test_a_record_without_its_text_falls_back_to_its_summary() -> None:
    """news-please writes maintext: null behind a paywall; the description is kept as the
    article rather than the record rejected."""
    data = json.dumps(
        [{"title": "خطة", "maintext": None, "description": BODY, "date_publish": "2024-03-12"},
         {"العنوان": "خبر", "الملخص": BODY}],
        ensure_ascii=False,
    ).encode()  # fmt: skip
    first, second = records(data, "dump.json", ".json")
    assert isinstance(first, Record) and first.body == BODY and first.extra == {}
    assert isinstance(second, Record) and second.body == BODY


def test_terminal_colours_in_a_txt_file_or_a_dump_field_leave_no_text_behind() -> None:
    coloured = "\x1b[1;31mعاجل\x1b[0m: انعقاد مجلس الأمن\x1b]0;title\x07"
    [txt] = records(f"{coloured}\n{BODY}".encode(), "d/a.txt", ".txt")
    assert isinstance(txt, Record)
    assert txt.body == f"عاجل: انعقاد مجلس الأمن\n{BODY}"
    data = json.dumps({"title": coloured, "body": coloured}, ensure_ascii=False).encode()
    [rec] = records(data, "dump.json", ".json")
    assert isinstance(rec, Record)
    assert rec.body == rec.fields["title"] == "عاجل: انعقاد مجلس الأمن"


def test_a_tsv_dump_is_read_record_by_record() -> None:
    # Excel's "Unicode text" export: UTF-16, tab-separated, Arabic headers; it had been
    # imported as one article titled with the header line
    text = "العنوان\tالنص\tالتاريخ\tالمصدر\r\nمهرجان قرطاج يفتتح دورته\tافتتحت الأيام دورتها.\t14/12/2024\tوات\r\n"
    [rec] = records(text.encode("utf-16"), "d/news.tsv", ".tsv")
    assert isinstance(rec, Record)
    assert rec.key == "d/news.tsv#1"
    assert rec.fields == {
        "title": "مهرجان قرطاج يفتتح دورته",
        "date": "14/12/2024",
        "source": "وات",
    }
    assert rec.body == "افتتحت الأيام دورتها."
