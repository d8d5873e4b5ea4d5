"""Search indexes with a short pending list.

A GIN index keeps new entries in an unsorted "pending list" until a vacuum merges them, or
until the list outgrows gin_pending_list_limit (4 MB by default), and every search reads that
list from end to end. On a site that is searched far more often than it is written to, and
where autovacuum may not come round for weeks, the list grew to some 250 pages per index on
the benchmark's archive, and a search's query took up to twice as long. A limit of 256 kB
keeps what a search reads small, while entries are still merged in batches, so that a bulk
load stays quick: with no pending list at all (fastupdate off), loading twenty thousand
entries took three times as long. What is pending now is merged here.
"""

from django.db import migrations

SEARCH_INDEXES = [  # every GIN index of alliance_searchentry
    "alliance_searchentry_text_trgm",
    "alliance_searchentry_title_zh_trgm",
    "alliance_searchentry_title_en_trgm",
    "alliance_searchentry_bigrams",
    "alliance_searchentry_title_bigrams",
]


def short_pending_list(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in SEARCH_INDEXES:
        schema_editor.execute(f"ALTER INDEX {name} SET (gin_pending_list_limit = 256)")
        schema_editor.execute("SELECT gin_clean_pending_list(%s::regclass)", [name])


def default_pending_list(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in SEARCH_INDEXES:
        schema_editor.execute(f"ALTER INDEX {name} RESET (gin_pending_list_limit)")


class Migration(migrations.Migration):
    dependencies = [("alliance", "0008_search_title_bigrams")]

    operations = [migrations.RunPython(short_pending_list, default_pending_list)]
