import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create an administrator account with a generated password when none exists, and print "
        "the password once. Does nothing when a superuser exists."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin", help="Name of the account to create.")

    def handle(self, *args, username="admin", **options):
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Created the administrator account “{username}” with the password: {password}\n"
                "It is shown only this once: keep it, or change it in the admin."
            )
        )
