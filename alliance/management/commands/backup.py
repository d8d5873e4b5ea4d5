import io
import json
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

# Rebuilt by migrations or by the site itself: not part of what a backup must carry.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "alliance.searchentry"]


class Command(BaseCommand):
    help = "Back up the database (as data) and the uploaded media into one .tar.gz file."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help="The file to write (default: var/backups/observer-<date and time>.tar.gz).",
        )

    def handle(self, *args, output=None, **options):
        path = Path(
            output
            or settings.DATA_DIR / "backups" / f"observer-{timezone.now():%Y%m%d-%H%M%S}.tar.gz"
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        data = io.StringIO()
        call_command(
            "dumpdata",
            exclude=EXCLUDED,
            # Records keep their primary keys (a restored site's links and references are the
            # same); references to what migrations rebuild (content types, permissions) go by
            # name, since those are numbered afresh in a new database.
            natural_foreign=True,
            indent=None,
            stdout=data,
        )
        payload = data.getvalue().encode()
        media = Path(settings.MEDIA_ROOT)
        with tarfile.open(path, "w:gz") as archive:
            info = tarfile.TarInfo("database.json")
            info.size = len(payload)
            archive.addfile(info, io.BytesIO(payload))
            if media.exists():
                archive.add(media, arcname="media")
        records = len(json.loads(payload))
        self.stdout.write(
            self.style.SUCCESS(f"Backed up {records} records and the media to {path}")
        )
