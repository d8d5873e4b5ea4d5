from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from alliance.content import ContentError, ContentLoader
from newsletters.models import Issue


class Command(BaseCommand):
    help = (
        "Load the journal's content (sections, partnerships, organisations, people, issues, "
        "articles, quotes, events, reports, work plan) from the YAML files in content/. "
        "Idempotent: loading twice changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--directory", help="Folder holding the content files (default: content/)."
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already holds issues (used by `make run`).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and count everything, then roll back."
        )

    def handle(self, *args, directory=None, if_empty=False, dry_run=False, **options):
        if if_empty and Issue.objects.exists():
            self.stdout.write("The database already holds content; nothing loaded.")
            return
        loader = ContentLoader(directory)
        try:
            with transaction.atomic():
                counts = loader.load()
                if dry_run:
                    transaction.set_rollback(True)
        except ContentError as error:
            raise CommandError(f"The content has an error: {error}") from error
        summary = ", ".join(f"{number} {kind}" for kind, number in counts.items())
        verb = "Checked (dry run, nothing saved)" if dry_run else "Loaded"
        self.stdout.write(self.style.SUCCESS(f"{verb}: {summary}."))
