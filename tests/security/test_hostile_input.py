"""Every action of the extension, fed hostile values through the HTTP Action API (POST JSON)
as anonymous and as a sysadmin, answers with a clear error, never a 500 (issue #12, 16).
The actions are the ones the plugins register (IActions), not a hand-made list."""
from __future__ import annotations

import inspect
import json
import re

import pytest

import ckan.plugins as plugins
from ckan.tests import factories

from ckanext.transparency import request_guard

pytestmark = pytest.mark.usefixtures("clean_db", "with_plugins")

DEEP = "[" * 100_000 + "]" * 100_000
HOSTILE = {
    "nul": "abc\x00def", "surrogate": "\ud800", "list": ["a", "b"], "dict": {"a": "b"},
    "long": "x" * 10_000, "negative": -1, "huge": 10 ** 30, "negative huge": -(10 ** 30),
    "float": 1e308, "path": "../../../etc/passwd", "newline": "Sarlavha\r\nBEGIN:VEVENT",
    "nested list": [[["a"]]], "bool": True,
}
# parameters every action of the portal may name, besides those in its docstring
COMMON = ("id", "name", "q", "owner_org", "organization", "event_id", "consultation_id",
          "number", "code", "resource_id", "limit", "offset", "title", "text", "kind",
          "status", "options", "start", "end", "url", "month", "period", "year")


def extension_actions() -> dict:
    actions = {}
    for plugin in plugins.PluginImplementations(plugins.IActions):
        if type(plugin).__module__.startswith("ckanext.transparency"):
            actions.update(plugin.get_actions())
    return actions


def parameters(action) -> list[str]:
    doc = inspect.getdoc(action) or ""
    named = re.findall(r":param ([\w, ]+)", doc)
    found = {name.strip() for group in named for name in group.split(",") if name.strip()}
    return sorted(found | set(COMMON))


def bodies(action):
    """(label, JSON text) pairs: each hostile value as the id, then in every parameter."""
    names = parameters(action)
    for label, value in HOSTILE.items():
        yield f"id={label}", json.dumps({"id": value})
        yield f"all={label}", json.dumps({name: value for name in names})
    yield "id=deep", '{"id": ' + DEEP + "}"
    yield "body=deep", DEEP
    yield "body=list", "[1, 2]"
    yield "body=string", '"text"'
    yield "body=broken", '{"id": '


def test_the_extension_has_its_actions():
    names = set(extension_actions())
    assert {"consultation_update", "event_update", "poll_vote", "appeal_assign",
            "appeal_submit", "openness_rating_show", "opendata_update_record"} <= names


@pytest.mark.parametrize("role", ["anonymous", "citizen", "sysadmin"])
def test_no_action_answers_500(app, role):
    """A citizen's calls run the auth functions, which sysadmins skip."""
    headers = {"Content-Type": "application/json"}
    if role != "anonymous":
        user = factories.Sysadmin() if role == "sysadmin" else factories.User()
        headers["Authorization"] = factories.APIToken(user=user["name"])["token"]
    failures = []
    for name, action in sorted(extension_actions().items()):
        for label, body in bodies(action):
            response = app.post(f"/api/3/action/{name}", data=body.encode("utf-8",
                                                                          "surrogatepass"),
                                headers=headers)
            if response.status_code >= 500 or response.status_code < 200:
                failures.append((name, label, response.status_code))
            elif response.status_code >= 400:  # CKAN's own "Bad request" answer is a string
                answer = response.json
                assert isinstance(answer, str) or answer["success"] is False, (name, label)
    assert failures == [], "\n".join(map(str, failures))


def test_unusable_characters_get_a_clear_answer_in_the_readers_language(app):
    response = app.post("/ru/api/3/action/consultation_show",
                        data=json.dumps({"id": "a\x00b"}),
                        headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    message = response.json["error"]["message"]
    assert "NUL" in message and message != (
        "The request contains characters that cannot be used (a NUL character or a broken "
        "Unicode character).")
    response = app.post("/api/3/action/event_show", data='{"id": ' + DEEP + "}",
                        headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert "64" in response.json["error"]["message"]
    assert app.get("/dialogue?q=a%00b").status_code == 400


@pytest.mark.parametrize("text, deep", [
    ('{"a": [[[1]]]}', False), ("[" * 65 + "]" * 65, True), ("[" * 64 + "]" * 64, False),
    ('{"a": "' + "[" * 100 + '"}', False), ('{"a": "\\"' + "[" * 100 + '"}', False),
    ('{"a": "\\\\", "b": ' + "[" * 65 + "]" * 65 + "}", True)])
def test_depth_is_counted_outside_strings(text, deep):
    assert request_guard.too_deep(text.encode()) is deep
