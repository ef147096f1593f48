"""An import's workers send each document's metadata to the writing process pickled
(models.pickled_by_fields): what arrives must equal what was extracted, or a worker
import would store other metadata than a one-process import."""

from __future__ import annotations

import pickle
from pathlib import Path

from archive.metadata import EntityMention, Metadata, extract_metadata
from archive.models import DateMention, Span


def test_extracted_metadata_of_every_sample_arrives_equal(samples_dir: Path) -> None:
    for path in sorted(samples_dir.glob("*.txt")):
        meta = extract_metadata(path.read_text(encoding="utf-8"), {"source": "عنب بلدي"})
        assert meta.entities, path.name
        for protocol in (pickle.DEFAULT_PROTOCOL, pickle.HIGHEST_PROTOCOL):
            assert pickle.loads(pickle.dumps(meta, protocol)) == meta, path.name


def test_every_field_survives_and_objects_keep_their_class() -> None:
    meta = Metadata(
        title="عنوان",
        title_derived=True,
        date="2024-01-02",
        date_text="٢ كانون الثاني ٢٠٢٤",
        date_inferred="2024-01-01",
        source="عنب بلدي",
        boilerplate=(Span(0, 5), Span(9, 12)),
        dates=(DateMention("2024-01-02", "٢ كانون الثاني", 3, 17),),
        entities=(EntityMention("person", "غير بيدرسن", ("بيدرسن",), 3, ("بيدرسن",)),),
        resolutions=(2254,),
        word_count=412,
        extra={"source": "الجزيرة نت"},
        author="أحمد حمزة",
    )
    back = pickle.loads(pickle.dumps(meta))
    assert back == meta
    assert type(back.entities[0]) is EntityMention and type(back.boilerplate[1]) is Span
    assert back.extra is not meta.extra and back.extra == {"source": "الجزيرة نت"}
