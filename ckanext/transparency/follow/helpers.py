"""What the follow form needs on a subject's page."""
from __future__ import annotations

import ckan.plugins.toolkit as tk

from ckanext.transparency.core.context import user_context


def follow_status(subject_type: str, subject_id: str) -> dict | None:
    """The signed-in user's follow of the subject, None when nobody is signed in."""
    context = user_context()
    if not context.get("user"):
        return None
    return tk.get_action("follow_status")(context, {"subject_type": subject_type,
                                                    "id": subject_id})


def get_helpers() -> dict:
    return {"follow_status": follow_status}
