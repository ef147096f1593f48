"""The database schema and its forward migrations (PRAGMA user_version).

The file is plain SQLite: every table opens in `sqlite3` and Datasette, and the full-text
index uses FTS5's standard unicode61 tokenizer over text that Python has already normalised
(see docs/schema.md). Each entry of MIGRATIONS takes the database from version i to i+1.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

FTS_TABLE = "documents_fts"
# Normalised exact forms and light stems of title and body; see archive.search.index.
FTS_COLUMNS = ("title", "body", "title_stem", "body_stem")
# The index's options: contentless (v2), the standard tokenizer over normalised text.
FTS_OPTIONS = "content = '', tokenize = 'unicode61'"
# The titles alone, indexed again (schema v5): a title group's passes read title positions
# only, not a common word's thousands of body positions. Same rowids as FTS_TABLE.
TITLE_FTS_TABLE = "titles_fts"
TITLE_FTS_COLUMNS = ("title", "title_stem")
# An index row's rowid is its document's date key (schema v4, archive.search.index.fts_key):
# the date above ID_BITS bits of document id. FTS_DOC_ID is the document id, in SQL.
ID_BITS = 32
ID_MASK = (1 << ID_BITS) - 1

# FTS5 as SQLite 3.40 has it (Debian 12's, and the Python builds linked to it) walks a
# posting list newest first wrongly past two rowids 2**56 or more apart: an AND or a
# phrase skipped matches below that gap and a NOT let excluded ones through ("النية"
# AND "سوريا": 3 595 rows newest first, 3 667 in any other order). So every key lies
# in a window of 2**24 date numbers (2**56 >> ID_BITS): undated documents at UNDATED
# (the year 1000), dates within (UNDATED, LAST_DATE] (to the year 2677; a date outside
# sorts at the nearer end).
UNDATED = 10_000_000
LAST_DATE = UNDATED + (1 << (56 - ID_BITS)) - 1


def key_date(number: int) -> int:
    """The date part of an index key for a date_number (0: undated)."""
    if number == 0:
        return UNDATED
    return min(max(number, UNDATED + 1), LAST_DATE)


def highest_document_id(conn: sqlite3.Connection) -> int:
    """The highest document id ever given (counters; 0 for none): ids are never reused, so
    it bounds the number of documents, and it is one row to read."""
    row = conn.execute("SELECT value FROM counters WHERE name = 'documents'").fetchone()
    return int(row[0]) if row is not None else 0


def fts_doc_id(table: str) -> str:
    """The document id of a row of the index `table` (documents_fts, titles_fts), in SQL."""
    return f"({table}.rowid & {ID_MASK})"


FTS_DOC_ID = fts_doc_id(FTS_TABLE)


def _script(conn: sqlite3.Connection, script: str) -> None:
    """Run SQL statements one by one inside the caller's transaction (executescript would
    commit it first)."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            conn.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError(f"incomplete SQL statement in a migration: {statement[:80]!r}")


def _v1(conn: sqlite3.Connection) -> None:
    _script(
        conn,
        f"""
        CREATE TABLE IF NOT EXISTS imports (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            paths TEXT NOT NULL,           -- JSON list of the command's paths
            added INTEGER NOT NULL DEFAULT 0,
            updated INTEGER NOT NULL DEFAULT 0,
            unchanged INTEGER NOT NULL DEFAULT 0,
            duplicates INTEGER NOT NULL DEFAULT 0,
            rejected INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE IF NOT EXISTS rejections (
            id INTEGER PRIMARY KEY,
            import_id INTEGER REFERENCES imports(id),
            path TEXT NOT NULL,
            reason TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS documents (
            id INTEGER PRIMARY KEY,
            source_key TEXT NOT NULL UNIQUE,  -- identity: url, or path[#record]
            path TEXT NOT NULL,               -- relative to the import root, #N for dump records
            url TEXT,
            title TEXT NOT NULL DEFAULT '',
            title_derived INTEGER NOT NULL DEFAULT 0,
            body TEXT NOT NULL,               -- cleaned original: NFC, LF, no control chars
            date TEXT,                        -- publication date, ISO
            date_text TEXT,                   -- its surface text
            date_inferred TEXT,               -- first full date of the lead, when no date
            source TEXT,
            author TEXT,
            sha256 TEXT NOT NULL,             -- of the cleaned body
            word_count INTEGER NOT NULL DEFAULT 0,
            extra TEXT,                       -- JSON: fields of a dump record we do not model
            duplicate_of INTEGER REFERENCES documents(id),
            boilerplate TEXT,                 -- JSON list of [start, end] spans of the body
            import_id INTEGER REFERENCES imports(id),
            imported_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS documents_sha256 ON documents(sha256);
        CREATE INDEX IF NOT EXISTS documents_date ON documents(date, date_inferred);  -- covers date order
        CREATE INDEX IF NOT EXISTS documents_source ON documents(source);
        CREATE INDEX IF NOT EXISTS documents_path ON documents(path);

        CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(
            title, body, title_stem, body_stem, tokenize = 'unicode61'
        );

        CREATE TABLE IF NOT EXISTS tags (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            color TEXT,
            created_at TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS document_tags (
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
            tagged_at TEXT NOT NULL,
            PRIMARY KEY (document_id, tag_id)
        );
        CREATE INDEX IF NOT EXISTS document_tags_tag ON document_tags(tag_id);
        CREATE TABLE IF NOT EXISTS tag_log (      -- persistent undo of tag changes
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            action TEXT NOT NULL,                 -- add | remove
            tag TEXT NOT NULL,
            document_ids TEXT NOT NULL,           -- JSON list of the ids actually changed
            undone INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE IF NOT EXISTS saved_searches (
            name TEXT PRIMARY KEY,
            query TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS notes (
            document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );

        CREATE TABLE IF NOT EXISTS entities (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,                   -- person | org | place
            name TEXT NOT NULL,                   -- canonical name
            key TEXT NOT NULL,                    -- normalised name, for search and joins
            UNIQUE (kind, key)
        );
        CREATE TABLE IF NOT EXISTS entity_aliases (
            entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
            alias TEXT NOT NULL,
            key TEXT NOT NULL,
            PRIMARY KEY (entity_id, key)
        );
        CREATE INDEX IF NOT EXISTS entity_aliases_key ON entity_aliases(key);
        CREATE TABLE IF NOT EXISTS document_entities (
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
            count INTEGER NOT NULL,
            surfaces TEXT,                        -- JSON list of surface forms seen
            PRIMARY KEY (document_id, entity_id)
        );
        CREATE INDEX IF NOT EXISTS document_entities_entity ON document_entities(entity_id);
        CREATE TABLE IF NOT EXISTS entity_corrections (  -- user edits, replayed on re-import
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            action TEXT NOT NULL,                 -- rename | merge | delete
            kind TEXT NOT NULL,
            name TEXT NOT NULL,
            target TEXT                           -- new name (rename) or surviving name (merge)
        );
        CREATE TABLE IF NOT EXISTS document_dates (  -- dates mentioned in the body
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            iso TEXT NOT NULL,
            text TEXT NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS document_dates_doc ON document_dates(document_id);
        CREATE TABLE IF NOT EXISTS document_resolutions (  -- UN Security Council resolutions
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            PRIMARY KEY (document_id, number)
        );
        CREATE INDEX IF NOT EXISTS document_resolutions_number ON document_resolutions(number);
        """,
    )


def _v2(conn: sqlite3.Connection) -> None:
    """A contentless index: FTS5 keeps the index alone, not a copy of the normalised words
    and stems (45 % of a v1 file); search never read them back. The index is left empty
    with no recorded version, so the archive rebuilds it from `documents` when opened
    (archive.search.index.ensure_index_current), as it does whenever the normaliser or the
    stemmer changes."""
    conn.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    conn.execute(
        f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5({', '.join(FTS_COLUMNS)}, {FTS_OPTIONS})"
    )
    conn.execute(
        "CREATE TABLE IF NOT EXISTS index_state (name TEXT PRIMARY KEY, value TEXT NOT NULL)"
    )
    conn.execute("DELETE FROM index_state WHERE name = 'version'")


def _v3(conn: sqlite3.Connection) -> None:
    """Document ids are never given twice. Tags, notes, corrections and the undo log hang on
    the id; a document deleted by hand (`sqlite3`, Datasette) must not hand its id, and so
    its undo history, to the next article imported. `counters.documents` is the highest id
    ever stored (kept by a trigger, whoever inserts), seeded from the rows and the undo log."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL)"
    )
    conn.execute(
        "INSERT OR REPLACE INTO counters (name, value) VALUES ('documents', max("
        "(SELECT coalesce(max(id), 0) FROM documents), "
        "(SELECT coalesce(max(CAST(j.value AS INTEGER)), 0) "
        "FROM tag_log, json_each(tag_log.document_ids) AS j)))"
    )
    conn.execute(
        "CREATE TRIGGER IF NOT EXISTS documents_id_high_water AFTER INSERT ON documents "
        "BEGIN UPDATE counters SET value = NEW.id "
        "WHERE name = 'documents' AND value < NEW.id; END"
    )


def _v4(conn: sqlite3.Connection) -> None:
    """Index rows keyed by date: documents_fts.rowid becomes the document's date key
    (archive.search.index.fts_key: YYYYMMDD above the id's 32 bits), so the newest matches
    of a query are read first and a date filter is a rowid range. The index is rebuilt on
    opening (its recorded version is dropped here, and INDEX_FORMAT went to 3).
    `search_index` gives the document id of each index row, for `sqlite3` and Datasette:
    SELECT document_id FROM search_index WHERE search_index MATCH 'الرقه' ORDER BY rank."""
    conn.execute(
        f"CREATE VIEW IF NOT EXISTS search_index AS SELECT rowid & {ID_MASK} AS "
        f"document_id, {FTS_TABLE} AS search_index, rank FROM {FTS_TABLE}"
    )
    conn.execute("DELETE FROM index_state WHERE name = 'version'")


def _v5(conn: sqlite3.Connection) -> None:
    """A second, small full-text index of the titles alone (titles_fts: title, title_stem;
    contentless, the same date-key rowids). Ranking puts documents with a query word in
    the title first; finding and scoring that group in documents_fts read every body
    position of the words (a phrase such as "قوات سوريا" took 7 ms at 30 000 documents for
    46 titles; 1 ms here). Filled by the index rebuild that opening the archive starts."""
    conn.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {TITLE_FTS_TABLE} USING "
        f"fts5({', '.join(TITLE_FTS_COLUMNS)}, {FTS_OPTIONS})"
    )
    conn.execute("DELETE FROM index_state WHERE name = 'version'")


def _v6(conn: sqlite3.Connection) -> None:
    """The archive's own order, newest first, as one index: the list without a query (and
    a filter without words) reads its first page off it, where it used to sort the
    undated documents by date_inferred (32 ms at 1 000 000 documents)."""
    conn.execute(
        "CREATE INDEX IF NOT EXISTS documents_newest "
        "ON documents(coalesce(date, date_inferred), id)"
    )


# (table, index on the key, key column) of the tables that list documents under a key
KEYED_LISTS = (
    ("document_tags", "document_tags_tag", "tag_id"),
    ("document_entities", "document_entities_entity", "entity_id"),
    ("document_resolutions", "document_resolutions_number", "number"),
)


def _v7(conn: sqlite3.Connection) -> None:
    """The documents of a tag, an entity or a resolution read from the key's index alone:
    each index holds (key, document_id), where it held the key and the row's rowid, so
    listing an entity's documents read every row of document_entities (0.46 µs a document
    at 30 000, ~1.5 µs at 1 000 000; now 0.05). Search filters list them
    (archive.search.compile.IdSet)."""
    for table, index, key in KEYED_LISTS:
        conn.execute(f"DROP INDEX IF EXISTS {index}")
        conn.execute(f"CREATE INDEX {index} ON {table}({key}, document_id)")


def _v8(conn: sqlite3.Connection) -> None:
    """The Arabic terms of the index in a table of their own (archive.search.terms), filled
    from the index (~85 s per 1 000 000 documents): a prefix with few terms is searched as
    those terms, which FTS5 reads lazily, where it merges every term of a prefix first."""
    from archive.search.terms import TERMS_TABLE, fill_terms  # (it needs no schema names)

    conn.execute(f"CREATE TABLE IF NOT EXISTS {TERMS_TABLE} (term TEXT PRIMARY KEY) WITHOUT ROWID")
    fill_terms(conn, FTS_TABLE)


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    _v1, _v2, _v3, _v4, _v5, _v6, _v7, _v8,
]  # fmt: skip
SCHEMA_VERSION = len(MIGRATIONS)


class SchemaTooNew(RuntimeError):
    pass


# Migrations that read a row (or a posting list) per document take long on a large
# archive: seconds per 1 000 000 documents, measured here, by the version they make (v7
# rebuilds indexes over 17 rows a document, v8 reads every term of the index). An archive
# of MIGRATION_NOTICE_DOCUMENTS or more hears of it first.
UPGRADE_SECONDS_PER_MILLION = {7: 20, 8: 85}
MIGRATION_NOTICE_DOCUMENTS = 100_000


def upgrade_seconds(version: int, documents: int) -> int:
    """Roughly how long bringing an archive of `documents` from `version` up to date takes."""
    per_million = sum(
        UPGRADE_SECONDS_PER_MILLION.get(v, 0) for v in range(version + 1, SCHEMA_VERSION + 1)
    )
    return max(1, round(per_million * documents / 1_000_000))


def migrate(conn: sqlite3.Connection, on_upgrade: Callable[[int, int], None] | None = None) -> int:
    """Bring the database up to SCHEMA_VERSION; return the version it had before. The steps
    run in one transaction that holds the write lock, so processes opening the same old (or
    new) file at once migrate it once: the others wait, then find it current.
    `on_upgrade(documents, seconds)` hears of an upgrade of an archive of
    MIGRATION_NOTICE_DOCUMENTS documents or more before it starts, with its rough length."""
    version = _version(conn)
    if version == SCHEMA_VERSION:
        return version
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = _version(conn)  # another process may have migrated it meanwhile
        if on_upgrade is not None and version >= 3:  # (v3 made the documents counter)
            documents = highest_document_id(conn)
            if documents >= MIGRATION_NOTICE_DOCUMENTS:
                on_upgrade(documents, upgrade_seconds(version, documents))
        for target in range(version, SCHEMA_VERSION):
            MIGRATIONS[target](conn)
            conn.execute(f"PRAGMA user_version = {target + 1}")
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    return version


def _version(conn: sqlite3.Connection) -> int:
    (version,) = conn.execute("PRAGMA user_version").fetchone()
    if version > SCHEMA_VERSION:
        raise SchemaTooNew(
            f"database schema version {version} is newer than this Arshif ({SCHEMA_VERSION})"
        )
    return int(version)
