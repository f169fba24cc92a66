"""Loading a checked table into the DataStore, typed by its table schema, as UTF-8."""
from __future__ import annotations

import ckan.plugins.toolkit as tk

from . import tableschema
from .validation import CheckedTable

BATCH = 5000


def available() -> bool:
    try:
        tk.get_action("datastore_create")
    except KeyError:
        return False
    return True


def load(resource_id: str, table: CheckedTable) -> int:
    """Replace the resource's DataStore table with the checked rows; returns the row count."""
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    context = {"user": site_user["name"], "ignore_auth": True}
    try:
        tk.get_action("datastore_delete")(dict(context), {"resource_id": resource_id,
                                                           "force": True})
    except tk.ObjectNotFound:
        pass
    fields = [{"id": f["name"], "type": tableschema.datastore_type(f),
               "info": {"label": tableschema.label(f, "uz"),
                        "notes": f.get("unit", "")}} for f in table.fields]
    records = table.records
    tk.get_action("datastore_create")(dict(context), {
        "resource_id": resource_id, "force": True, "fields": fields,
        "records": records[:BATCH]})
    for start in range(BATCH, len(records), BATCH):
        tk.get_action("datastore_upsert")(dict(context), {
            "resource_id": resource_id, "force": True, "method": "insert",
            "records": records[start:start + BATCH]})
    return len(records)
