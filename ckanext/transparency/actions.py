"""What the actions of every feature share."""
from __future__ import annotations

import ckan.plugins.toolkit as tk


def validated(data_dict: dict, schema: dict, context: dict) -> dict:
    """The data checked and converted by the navl `schema`, or a ValidationError with every
    problem found."""
    data, errors = tk.navl_validate(dict(data_dict), schema, context)
    if errors:
        raise tk.ValidationError(errors)
    return data
