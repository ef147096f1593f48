"""`o` lists a query's results newest first instead of by rank, and back; a page fetched
while scrolling keeps the order."""

from __future__ import annotations

from pathlib import Path

from archive.store import Archive
from tests.app.conftest import settle
from tests.archive_factory import Doc, add_documents
from tui.app import make_app


def order_db(path: Path) -> Path:
    with Archive(path) as archive:
        add_documents(
            archive,
            [  # the oldest document names the word most often: first by rank
                Doc("زيتون زيتون", "زيتون زيتون زيتون في الحقول", date="2001-01-01"),
                Doc("خبر", "ذكر الزيتون مرة", date="2020-05-05"),
                Doc("خبر آخر", "موسم الزيتون قريب", date="2015-03-03"),
                Doc("لا علاقة", "نص آخر تماما", date="2023-01-01"),
            ],
        )
    return path


async def test_o_lists_a_querys_results_newest_first_and_back_to_rank(tmp_path: Path) -> None:
    app = make_app(order_db(tmp_path / "archive.db"), query="زيتون")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        lst = app.document_list
        assert [lst.hit_at(i).date for i in range(3)][0] == "2001-01-01"  # by rank
        await pilot.press("o")
        await settle(pilot)
        assert [lst.hit_at(i).date for i in range(3)] == ["2020-05-05", "2015-03-03", "2001-01-01"]
        assert "newest first" in str(app.status.render())
        await pilot.press("o")
        await settle(pilot)
        assert lst.hit_at(0).date == "2001-01-01"
        assert "newest first" not in str(app.status.render())
