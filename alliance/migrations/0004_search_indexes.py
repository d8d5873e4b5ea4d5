"""Indexes that keep substring search fast on PostgreSQL as the archive grows.

Searching for a word is a substring match (Chinese has no spaces between words), which a
B-tree cannot serve. pg_trgm's GIN index serves queries of three characters or more; a
two-character query (海洋, 金融) has no trigram, so it is answered from a GIN index over the
text's bigrams. SQLite, the embedded default, scans: its archive is small.
"""

from django.db import migrations

TRIGRAM_INDEXES = [
    ("alliance_searchentry_text_trgm", 'UPPER("text"::text)'),
    ("alliance_searchentry_title_zh_trgm", 'UPPER("title_zh_hans"::text)'),
    ("alliance_searchentry_title_en_trgm", 'UPPER("title_en"::text)'),
]
BIGRAM_INDEX = "alliance_searchentry_bigrams"


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, expression in TRIGRAM_INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON alliance_searchentry "
            f"USING gin (({expression}) gin_trgm_ops)"
        )
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {BIGRAM_INDEX} ON alliance_searchentry "
        "USING gin (to_tsvector('simple'::regconfig, COALESCE(\"bigrams\", '')))"
    )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _expression in TRIGRAM_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    schema_editor.execute(f"DROP INDEX IF EXISTS {BIGRAM_INDEX}")


class Migration(migrations.Migration):
    dependencies = [("alliance", "0003_search_entries")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
