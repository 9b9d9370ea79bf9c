"""Sign-in throttling with django-axes: a username tried from one address locks out."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "a long editor password 42"


@pytest.fixture
def staff_user(editor, settings):
    # Each attempt hashes a password; the real hasher would make this file slow.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    editor.set_password(PASSWORD)
    editor.save()
    return editor


def sign_in(client, username, password, address="203.0.113.7", **headers):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"},
                       REMOTE_ADDR=address, **headers)


def test_five_wrong_passwords_lock_out_even_the_right_one(client, staff_user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, staff_user.username, "wrong").status_code == 200
    assert sign_in(client, staff_user.username, "wrong").status_code == 429
    response = sign_in(client, staff_user.username, PASSWORD)
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_right_password_before_the_limit_resets_the_count(client, staff_user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, staff_user.username, "wrong")
    assert sign_in(client, staff_user.username, PASSWORD).status_code == 302
    client.logout()
    assert not AccessAttempt.objects.filter(username=staff_user.username).exists()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, staff_user.username, "wrong")
    assert sign_in(client, staff_user.username, PASSWORD).status_code == 302


def test_the_lockout_is_for_that_username_from_that_address(client, staff_user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, staff_user.username, "wrong", address="203.0.113.7")
    assert sign_in(client, staff_user.username, PASSWORD, address="198.51.100.9").status_code == 302


def test_without_a_configured_proxy_x_forwarded_for_is_ignored(client, staff_user, settings):
    settings.PROXY_COUNT = 0
    for number in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, staff_user.username, "wrong", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")
    assert sign_in(client, staff_user.username, PASSWORD,
                   HTTP_X_FORWARDED_FOR="192.0.2.200").status_code == 429


def test_behind_a_configured_proxy_the_forwarded_client_is_counted(client, staff_user, settings):
    settings.PROXY_COUNT = 1
    proxy = "10.0.0.2"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, staff_user.username, "wrong", address=proxy,
                HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7")
    attempt = AccessAttempt.objects.get(username=staff_user.username)
    assert attempt.ip_address == "203.0.113.7"
    other_reader = sign_in(client, staff_user.username, PASSWORD, address=proxy,
                           HTTP_X_FORWARDED_FOR="198.51.100.9")
    assert other_reader.status_code == 302


def test_an_administrator_sees_the_failed_attempts_in_the_admin(client, staff_user, settings):
    sign_in(client, staff_user.username, "wrong")
    admin = User.objects.create_superuser("chief", "chief@example.org", PASSWORD)
    client.force_login(admin)
    response = client.get("/admin/axes/accessattempt/")
    assert response.status_code == 200
    assert staff_user.username in response.content.decode()


def test_an_editor_cannot_clear_lockouts(editor_client):
    assert editor_client.get("/admin/axes/accessattempt/").status_code == 403
