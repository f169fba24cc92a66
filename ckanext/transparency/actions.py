"""What the actions of every feature share."""
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

