"""Search without reading every match: title matches from indexes, matches checked cheaply.

A search lists title matches first and reads no more than it lists. To find title matches
without looking at every entry that matches, a two-character query needs an index of the
titles' bigrams (title_bigrams, filled here for the existing entries); longer queries use the
trigram indexes of the titles.

The trigram indexes are now over the columns themselves rather than UPPER(column): PostgreSQL
checks again every row a trigram index proposes, and UPPER() of a long text costs far more
than the match itself. A query without letter case (Chinese, digits) is checked with LIKE, an
English one with ILIKE; one index serves both, since pg_trgm folds case itself.

The table's scans are kept to one process (parallel_workers = 0): a search reads a few
thousand rows at most, many times a second, and parallel workers cost more to start than
they save, taking cores from other requests.
"""

import re

from django.db import migrations, models

TRIGRAM_INDEXES = [
    ("alliance_searchentry_text_trgm", "text"),
    ("alliance_searchentry_title_zh_trgm", "title_zh_hans"),
    ("alliance_searchentry_title_en_trgm", "title_en"),
]
TITLE_BIGRAM_INDEX = "alliance_searchentry_title_bigrams"
BATCH_SIZE = 2000


def bigrams(text):
    """As alliance.search.bigrams, frozen here as this migration first used it."""
    pairs = set()
    for word in re.findall(r"\w+", text.lower()):
        pairs.update(word[i : i + 2] for i in range(len(word) - 1))
    return " ".join(sorted(pairs))


def fill_title_bigrams(apps, schema_editor):
    SearchEntry = apps.get_model("alliance", "SearchEntry")
    batch = []
    entries = SearchEntry.objects.only("id", "title_zh_hans", "title_en").order_by("id")
    for entry in entries.iterator(chunk_size=BATCH_SIZE):
        entry.title_bigrams = bigrams(f"{entry.title_zh_hans} {entry.title_en}")
        batch.append(entry)
        if len(batch) == BATCH_SIZE:
            SearchEntry.objects.bulk_update(batch, ["title_bigrams"])
            batch = []
    SearchEntry.objects.bulk_update(batch, ["title_bigrams"])


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, column in TRIGRAM_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
        schema_editor.execute(
            f'CREATE INDEX {name} ON alliance_searchentry USING gin ("{column}" gin_trgm_ops)'
        )
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {TITLE_BIGRAM_INDEX} ON alliance_searchentry "
        "USING gin (to_tsvector('simple'::regconfig, COALESCE(\"title_bigrams\", '')))"
    )
    schema_editor.execute("ALTER TABLE alliance_searchentry SET (parallel_workers = 0)")


def restore_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE alliance_searchentry RESET (parallel_workers)")
    schema_editor.execute(f"DROP INDEX IF EXISTS {TITLE_BIGRAM_INDEX}")
    for name, column in TRIGRAM_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
        schema_editor.execute(
            f"CREATE INDEX {name} ON alliance_searchentry "
            f'USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
        )


class Migration(migrations.Migration):
    dependencies = [("alliance", "0007_upload_validation")]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="title_bigrams",
            field=models.TextField(blank=True, verbose_name="title bigrams"),
        ),
        migrations.RunPython(fill_title_bigrams, migrations.RunPython.noop),
        migrations.RunPython(create_indexes, restore_indexes),
    ]
