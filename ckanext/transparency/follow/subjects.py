"""What can be followed, found through each feature's own show action: its id, title, page and
department. A draft or an event needs its plugin loaded."""
from __future__ import annotations

import ckan.plugins.toolkit as tk

from .model import SUBJECT_TYPES

_SHOW = {"dataset": "package_show", "organization": "organization_show",
         "draft": "consultation_show", "event": "event_show"}


def _url(subject_type: str, found: dict) -> str:
    if subject_type == "dataset":
        return tk.url_for("dataset.read", id=found["name"], _external=True)
    if subject_type == "organization":
        return tk.url_for("organization.read", id=found["name"], _external=True)
    if subject_type == "draft":
        return tk.url_for("consultations.read", name=found["name"], _external=True)
    return tk.url_for("dialogue.event_read", name=found["name"], _external=True)


def find(subject_type: str, reference: str, context: dict | None = None) -> dict:
    """{"type", "id", "name", "title", "url", "organization_id"} of a subject the caller may see,
    or ObjectNotFound."""
    if subject_type not in SUBJECT_TYPES:
        raise tk.ObjectNotFound(tk._("Nothing of this kind can be followed."))
    try:
        show = tk.get_action(_SHOW[subject_type])
    except KeyError:  # the feature's plugin is not loaded
        raise tk.ObjectNotFound(tk._("Nothing of this kind can be followed."))
    data = {"id": reference}
    if subject_type == "organization":
        data.update(include_datasets=False, include_users=False, include_extras=False,
                    include_followers=False)
    try:
        found = show(dict(context or {"ignore_auth": True}), data)
    except tk.NotAuthorized:
        raise tk.ObjectNotFound(tk._("Not found"))
    return {"type": subject_type, "id": found["id"], "name": found["name"],
            "title": found.get("title") or found["name"], "url": _url(subject_type, found),
            "organization_id": found.get("owner_org") or (
                found["id"] if subject_type == "organization" else None)}
