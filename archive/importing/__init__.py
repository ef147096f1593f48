"""Importing articles: files and folders into an archive.

- `decode.py`: bytes → text (BOMs, UTF-8, UTF-16, guarded Windows-1256) and `clean_text`;
- `formats.py`: .txt / .json / .jsonl / .csv → `Record`s (field aliases, `extra`) or
  `Rejection`s;
- `walk.py`: which files a set of paths holds;
- `run.py`: `run_import(archive, paths)` / `ImportRun`: batches, worker processes, progress;
- `write.py`: one batch in one transaction (new, updated, moved, duplicate documents).

See docs/schema.md for identity and what an import writes.
"""
