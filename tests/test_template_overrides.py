"""The portal's overrides of other extensions' templates are the ones rendered."""
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
