"""Only http(s) web addresses are accepted, and only they are rendered as links (issue #12,
15): the dataset's source, resource links, event broadcasts and materials."""
from __future__ import annotations

import datetime

import pytest

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.tests import factories

from ckanext.transparency.dialogue import model as dialogue_model
from ckanext.transparency.urls import safe_href
from tests.helpers import act

pytestmark = pytest.mark.usefixtures("clean_db", "with_plugins")

BAD = ["javascript:alert(document.cookie)", "JaVaScRiPt:alert(1)", " javascript:alert(1)",
       "java\tscript:alert(1)", "data:text/html,<script>alert(1)</script>",
       "vbscript:msgbox(1)", "file:///etc/passwd", "//evil.example/x", "http://", "evil.example"]
GOOD = ["http://stat.uz/data.csv", "https://data.gov.uz/uz/datasets/123?lang=uz#top"]


@pytest.fixture
def editor():
    user = factories.User()
    factories.Organization(name="moliya", users=[{"name": user["name"], "capacity": "editor"}])
    return user


@pytest.mark.parametrize("url", BAD)
def test_a_dataset_source_must_be_a_web_address(editor, url):
    with pytest.raises(tk.ValidationError) as error:
        act("package_create", editor, name="manba", title="Manba", owner_org="moliya", url=url)
    assert error.value.error_dict["url"] == ["A web address starting with http:// or https://"]
    dataset = act("package_create", editor, name="manba", title="Manba", owner_org="moliya")
    with pytest.raises(tk.ValidationError) as error:
        act("package_patch", editor, id=dataset["id"], url=url)
    assert "url" in error.value.error_dict
    assert not act("package_show", editor, id=dataset["id"]).get("url")


@pytest.mark.parametrize("url", BAD)
def test_a_resource_link_must_be_a_web_address(editor, url):
    dataset = act("package_create", editor, name="manba", title="Manba", owner_org="moliya")
    with pytest.raises(tk.ValidationError) as error:
        act("resource_create", editor, package_id=dataset["id"], url=url, name="Havola")
    assert error.value.error_dict["url"] == ["A web address starting with http:// or https://"]
    with pytest.raises(tk.ValidationError) as error:
        act("package_create", editor, name="boshqa", title="Boshqa", owner_org="moliya",
            resources=[{"url": GOOD[0]}, {"url": url}])
    assert "resources" in error.value.error_dict
    resource = act("resource_create", editor, package_id=dataset["id"], url=GOOD[1])
    with pytest.raises(tk.ValidationError) as error:
        act("resource_patch", editor, id=resource["id"], url=url)
    assert "url" in error.value.error_dict
    assert act("resource_show", editor, id=resource["id"])["url"] == GOOD[1]


@pytest.mark.parametrize("url", GOOD)
def test_web_addresses_are_kept(editor, url):
    dataset = act("package_create", editor, name="manba", title="Manba", owner_org="moliya",
                  url=url, resources=[{"url": url, "name": "Havola"}])
    assert dataset["url"] == url and dataset["resources"][0]["url"] == url


def test_the_error_is_in_the_readers_language(app, editor):
    token = factories.APIToken(user=editor["name"])["token"]
    response = app.post("/ru/api/3/action/package_create", headers={"Authorization": token},
                        json={"name": "manba", "owner_org": "moliya", "url": BAD[0]})
    assert response.status_code == 409
    message = response.json["error"]["url"][0]
    assert message != "A web address starting with http:// or https://" and "http" in message


def _start() -> str:
    return (datetime.datetime.utcnow() + datetime.timedelta(days=3)).isoformat() + "Z"


@pytest.mark.parametrize("url", BAD[:4])
def test_event_broadcasts_and_materials_are_web_addresses(editor, url):
    with pytest.raises(tk.ValidationError) as error:
        act("event_create", editor, kind="briefing", title="Brifing", owner_org="moliya",
            start=_start(), stream_url=url)
    assert "stream_url" in error.value.error_dict
    event = act("event_create", editor, kind="briefing", title="Brifing", owner_org="moliya",
                start=_start())
    with pytest.raises(tk.ValidationError) as error:
        act("event_update", editor, id=event["id"], stream_url=url)
    assert "stream_url" in error.value.error_dict
    for kind in ("recording", "link", "slides"):
        with pytest.raises(tk.ValidationError) as error:
            act("event_material_create", editor, event_id=event["id"], kind=kind, url=url)
        assert "url" in error.value.error_dict


@pytest.mark.parametrize("value, href", [
    ("javascript:alert(1)", ""), ("/dialogue/file/x/a.pdf", "/dialogue/file/x/a.pdf"),
    ("//evil.example", ""), (GOOD[1], GOOD[1]), (None, ""), (["x"], "")])
def test_only_web_addresses_and_own_paths_become_links(value, href):
    assert safe_href(value) == href


def test_old_bad_addresses_are_shown_as_text_not_links(app, editor):
    """Stored before the rule (or written around it): the pages still make no link of them."""
    dataset = act("package_create", editor, name="eski", title="Eski", owner_org="moliya")
    event = act("event_create", editor, kind="briefing", title="Eski brifing",
                owner_org="moliya", start=_start())
    material = act("event_material_create", editor, event_id=event["id"], kind="link",
                   url=GOOD[0], title="Havola")
    # newer than the search index's copy, which package_show would otherwise serve
    model.Session.query(model.Package).filter_by(id=dataset["id"]).update(
        {"url": BAD[0], "metadata_modified": datetime.datetime.utcnow()})
    model.Session.query(dialogue_model.Event).filter_by(id=event["id"]).update(
        {"stream_url": BAD[0]})
    model.Session.query(dialogue_model.Material).filter_by(id=material["id"]).update(
        {"url": BAD[0]})
    model.Session.commit()
    page = app.get(f"/dataset/{dataset['name']}").body
    assert BAD[0] in page and 'href="javascript' not in page.lower()
    page = app.get(f"/dialogue/event/{event['name']}").body
    assert 'href="javascript' not in page.lower() and "Havola" in page
