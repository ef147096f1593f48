"""Arabic-aware full-text search: indexing, the query language, ranking, highlights."""
