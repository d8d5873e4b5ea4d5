import shutil
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from alliance.search import rebuild_index


class Command(BaseCommand):
    help = (
        "Restore a backup made by `backup`: replaces the database's content and the media. "
        "Run migrations first on an empty database."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", help="The .tar.gz file written by `backup`.")
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask before replacing the current content."
        )

    def handle(self, *args, backup, yes=False, **options):
        source = Path(backup)
        if not source.is_file():
            raise CommandError(f"No backup at {source}.")
        if not yes and input("This replaces all content and media. Type yes to go on: ") != "yes":
            raise CommandError("Nothing restored.")
        with tempfile.TemporaryDirectory() as work, tarfile.open(source, "r:gz") as archive:
            archive.extractall(work, filter="data")  # refuses absolute paths and links out
            data = Path(work) / "database.json"
            if not data.is_file():
                raise CommandError("This file is not a backup of this site.")
            with transaction.atomic():
                call_command("flush", interactive=False, verbosity=0)
                call_command("loaddata", str(data), verbosity=0)
                rebuild_index()
            media = Path(settings.MEDIA_ROOT)
            if (Path(work) / "media").exists():
                shutil.rmtree(media, ignore_errors=True)
                shutil.copytree(Path(work) / "media", media)
        self.stdout.write(self.style.SUCCESS(f"Restored {source}."))
