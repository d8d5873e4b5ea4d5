"""A backup restores the database and the media as they were."""

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

from alliance.content import load_content
from alliance.models import SearchEntry
from tests.alliance.test_content import database_snapshot as snapshot_with_cache


def database_snapshot():
    """The content; the search index is a cache, rebuilt on restore."""
    return [row for row in snapshot_with_cache() if row["model"] != "alliance.searchentry"]


pytestmark = pytest.mark.django_db(transaction=True)


def test_backup_and_restore_round_trip(tmp_path, django_user_model):
    load_content()
    django_user_model.objects.create_superuser("editor", "", "pw")
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
    assert django_user_model.objects.filter(username="editor").exists()
    assert SearchEntry.objects.count() == entries
    assert (media / "issues" / "cover.txt").read_text() == "封面"
