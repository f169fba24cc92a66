"""What the actions of every feature share, and their callers with them."""
from __future__ import annotations

import ckan.plugins.toolkit as tk


def reference(data_dict: dict, field: str = "id") -> str:
    """The id or name given in `field` ("" when missing), or a ValidationError when it is not
    text (a list, a number...)."""
    value = data_dict.get(field)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise tk.ValidationError({field: [tk._("Must be an id or a name (text)")]})
    return value



def messages_of(error: tk.ValidationError) -> str:
    """Every message of an action's ValidationError in one line, for a flash message or a
    chat reply (the field names are left out: the user sees them on the form or not at all)."""
    return " ".join(str(message) for messages in error.error_dict.values()
                    for message in (messages if isinstance(messages, list) else [messages]))
