"""A backup restores the database and the media as they were."""

import datetime
import re
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

from alliance.content import load_content
from alliance.models import SearchEntry
from events.models import Event
from tests.alliance.test_content import database_snapshot as snapshot_with_cache

# A time as Django's JSON writes it, to the millisecond: ".000" is left out when it is zero.
WHOLE_SECOND = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.000)?(Z|[+-]\d\d:\d\d)$")


def database_snapshot():
    """The content; the search index is a cache, rebuilt on restore.

    A backup keeps times to the millisecond, as Django's JSON does: a time of 12:00:00.000412
    is written 12:00:00.000 and restored as 12:00:00, which the snapshot then writes without
    its ".000". Times are compared as the backup keeps them.
    """
    rows = [row for row in snapshot_with_cache() if row["model"] != "alliance.searchentry"]
    for row in rows:
        for name, value in row["fields"].items():
            if isinstance(value, str):
                row["fields"][name] = WHOLE_SECOND.sub(r"\1.000\2", value)
    return rows


pytestmark = pytest.mark.django_db(transaction=True)


def test_backup_and_restore_round_trip(tmp_path, django_user_model):
    # As on a site in use, the first records are long gone: no numbering starts at 1.
    django_user_model.objects.create_user("gone").delete()
    load_content()
    editor = django_user_model.objects.create_superuser("editor", "", "pw")
    # A time whose milliseconds are zero: the backup writes 12:00:00.000 (see above).
    Event.objects.filter(pk=Event.objects.first().pk).update(
        updated_at=datetime.datetime(2019, 6, 1, 12, 0, 0, 412, tzinfo=datetime.UTC)
    )
    media = settings.MEDIA_ROOT
    media.mkdir(parents=True, exist_ok=True)
    (media / "issues").mkdir(exist_ok=True)
    (media / "issues" / "cover.txt").write_text("封面")
    before = database_snapshot()
    entries = SearchEntry.objects.count()
    backup = tmp_path / "backup.tar.gz"

    call_command("backup", output=str(backup), stdout=StringIO())
    call_command("flush", interactive=False, verbosity=0)
    (media / "issues" / "cover.txt").unlink()
    assert not database_snapshot()

    call_command("restore", str(backup), yes=True, stdout=StringIO())

    assert database_snapshot() == before
    # Every record keeps its number: links to a quote (#quote-12) or to an admin page still work.
    assert django_user_model.objects.get(username="editor").pk == editor.pk
    assert SearchEntry.objects.count() == entries
    assert (media / "issues" / "cover.txt").read_text() == "封面"
