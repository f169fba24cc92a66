"""Portal-wide page behaviour: our overrides of other extensions' templates are the ones rendered;
no third-party images."""
from __future__ import annotations

import pytest

from ckan.tests import factories


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_activity_types_are_offered_in_the_readers_language(app):
    user = factories.Sysadmin()
    dataset = factories.Dataset(user=user)
    page = app.get(f"/ru/dataset/activity/{dataset['name']}",
                   extra_environ={"REMOTE_USER": user["name"]}).body
    assert "Новый набор данных" in page  # "New package", from activity's own selector: "New Package"
    assert "New Package" not in page


@pytest.mark.usefixtures("with_plugins", "clean_db")
def test_no_gravatar_images(app):
    """Gravatar would receive every user's e-mail hash; the portal shows a placeholder."""
    user = factories.User()
    # user pages are for signed-in users only (ckan.auth.public_user_details = false)
    token = factories.APIToken(user=user["name"])["token"]
    page = app.get(f"/user/{user['name']}", headers={"Authorization": token}).body
    assert "gravatar.com" not in page
    assert "user-image" in page


@pytest.mark.usefixtures("with_plugins", "clean_db")
def test_the_header_names_the_site_and_leads_to_every_section(app):
    page = app.get("/ru/").body
    header = page[page.index('<header class="masthead">'):page.index("</header>")]
    assert "ckan-logo" not in header
    assert "Открытый портал" in header  # the site's name, in the reader's language
    for section in ("/ru/open-data", "/ru/appeals", "/ru/dialogue/", "/ru/consultations",
                    "/ru/rating", "/ru/dataset/"):
        assert f'href="{section}"' in header, section
