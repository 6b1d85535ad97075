"""Pages are Dutch unless the visitor switched to English; the browser's language does not decide."""

import pytest


@pytest.mark.django_db
def test_a_browser_asking_for_english_still_gets_the_dutch_page(client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="nl">' in html


@pytest.mark.django_db
def test_the_language_switch_gives_the_english_page(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
