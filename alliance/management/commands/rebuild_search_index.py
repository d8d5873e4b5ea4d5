from django.core.management.base import BaseCommand
from django.db import transaction

from alliance.search import rebuild_index


class Command(BaseCommand):
    help = (
        "Rebuild the search index from the content. The index follows every change by itself; "
        "this is for after a bulk import that bypassed it, or to recover."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            count = rebuild_index()
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} pages."))
