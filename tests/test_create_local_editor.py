from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("create_local_editor", *args, stdout=out)
    return out.getvalue()


def test_it_creates_an_editor_with_a_random_password_printed_once():
    output = run()
    password = output.split("password: ")[1].split()[0]
    user = User.objects.get(username="editor")
    assert user.check_password(password)
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["Editors"]
    assert password not in run()


def test_reset_password_prints_a_new_one():
    first = run().split("password: ")[1].split()[0]
    second = run("--reset-password").split("password: ")[1].split()[0]
    assert first != second
    assert User.objects.get(username="editor").check_password(second)
