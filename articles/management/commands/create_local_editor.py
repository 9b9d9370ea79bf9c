import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from articles.permissions import EDITORS_GROUP


class Command(BaseCommand):
    help = "Create a local editor account with a random password, printed once."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="editor")
        parser.add_argument(
            "--reset-password", action="store_true",
            help="Give an existing account a new random password.",
        )

    def handle(self, *args, username, reset_password, **options):
        User = get_user_model()
        user, created = User.objects.get_or_create(username=username)
        if not created and not reset_password:
            self.stdout.write(
                f"The editor account “{username}” exists already "
                "(use --reset-password to print a new password)."
            )
            return
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.is_staff = True
        user.save()
        user.groups.add(Group.objects.get(name=EDITORS_GROUP))
        self.stdout.write(self.style.SUCCESS(
            f"Editor account for http://127.0.0.1:8000/admin/ — user: {username}  "
            f"password: {password}  (shown only now)"
        ))
