"""Reading a typed dataset's tables back from the DataStore."""
from __future__ import annotations

from typing import Callable, Hashable, Iterable, Iterator

import ckan.plugins.toolkit as tk

from .. import tableschema

PAGE = 10000


def iterate(context: dict, resource_id: str) -> Iterator[dict]:
    offset = 0
    while True:
        result = tk.get_action("datastore_search")(dict(context), {
            "resource_id": resource_id, "limit": PAGE, "offset": offset, "sort": "_id",
            "include_total": False})
        yield from result["records"]
        if len(result["records"]) < PAGE:
            return
        offset += PAGE


def tables(context: dict, package: dict, schema_names: tuple[str, ...]) -> Iterator[tuple]:
    """(resource, table schema) of the dataset's DataStore tables that follow one of
    `schema_names`: the dataset's own table schema, or one whose columns match."""
    own = tableschema.for_dataset(package)
    for resource in package.get("resources", []):
        if not resource.get("datastore_active"):
            continue
        if own and own["name"] in schema_names:
            yield resource, own
            continue
        info = tk.get_action("datastore_info")(dict(context), {"id": resource["id"]})
        columns = {f["id"] for f in info.get("fields", [])}
        for name in schema_names:
            schema = tableschema.get(name)
            required = {f["name"] for f in schema["fields"] if not f.get("optional")}
            if required <= columns:
                yield resource, schema
                break


def once(items: Iterable, key: Callable[[object], Hashable]) -> Iterator:
    """Each item whose key was not seen before: a table published as both CSV and XLSX is in
    the DataStore twice, and a standard's package lists each procedure or project once."""
    seen: set = set()
    for item in items:
        identity = key(item)
        if identity not in seen:
            seen.add(identity)
            yield item
