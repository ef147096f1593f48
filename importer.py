"""Import Arabic articles into an Arshif archive.

    python importer.py PATH... [--db FILE]

is the same as `arshif import PATH... [--db FILE]`: folders of .txt files and
JSON / JSONL / CSV article dumps, into ./archive.db by default.
"""

from archive.cli.import_cmd import import_command

if __name__ == "__main__":
    import_command(prog_name="importer.py")
