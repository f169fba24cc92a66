"""What `ckan.logic.package_show_default_and_custom_schemas` gives, for a batch of datasets.

CKAN's rebuild reads each dataset with package_show: about ten SQL statements a dataset (the
package twice, its resources, tags, groups and each group's members, its organization, its
relationships both ways, and a check that its name is free). Here the batch's rows are read
with one statement per table, and each dataset's dict is made from them by CKAN's own
dictize functions, in package_dictize's order, then validated and shown as package_show
does. A group or organization is dictized once per batch: it is the same for every dataset.
"""
from __future__ import annotations

import collections
from typing import Any, Iterable, Iterator

from sqlalchemy import false, select

import ckan.lib.dictization as d
import ckan.lib.dictization.model_dictize as model_dictize
import ckan.lib.helpers as h
import ckan.logic as logic
import ckan.logic.schema as ckan_schema
import ckan.logic.validators as ckan_validators
import ckan.model as model
import ckan.plugins as p
from ckan.lib.plugins import lookup_package_plugin, plugin_validate

BATCH_KEY = "batch_package_id"  # the extra column that says whose row it is, dropped after


def _grouped(rows: Iterable[Any], key: str) -> dict[str, list[Any]]:
    grouped: dict[str, list[Any]] = collections.defaultdict(list)
    for row in rows:
        grouped[getattr(row, key)].append(row)
    return grouped


def _copied(value: Any) -> Any:
    """copy.deepcopy of dictized data (dicts and lists of immutable values), at a fraction
    of its cost."""
    if isinstance(value, dict):
        return {key: _copied(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copied(item) for item in value]
    return value


def _without_batch_key(dicts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for item in dicts:
        item.pop(BATCH_KEY, None)
    return dicts


class _Rows:
    """The rows of every table package_dictize reads, for the batch, by package id."""

    def __init__(self, ids: list[str]):
        execute = model.Session.execute
        res = model.resource_table
        self.resources = _grouped(execute(select(res).where(res.c["package_id"].in_(ids))),
                                  "package_id")
        tag, pkg_tag = model.tag_table, model.package_tag_table
        self.tags = _grouped(execute(
            select(tag, pkg_tag.c["state"], pkg_tag.c["package_id"].label(BATCH_KEY))
            .join(pkg_tag, tag.c["id"] == pkg_tag.c["tag_id"])
            .where(pkg_tag.c["package_id"].in_(ids))), BATCH_KEY)
        member, group = model.member_table, model.group_table
        self.groups = _grouped(execute(
            select(group, member.c["capacity"], member.c["table_id"].label(BATCH_KEY))
            .join(member, group.c["id"] == member.c["group_id"])
            .where(member.c["table_id"].in_(ids), member.c["state"] == "active",
                   group.c["is_organization"] == false())), BATCH_KEY)
        rel = model.package_relationship_table
        relationships = list(execute(select(rel).where(
            rel.c["subject_package_id"].in_(ids) | rel.c["object_package_id"].in_(ids))))
        self.as_subject = _grouped(relationships, "subject_package_id")
        self.as_object = _grouped(relationships, "object_package_id")
        self._group_dicts: dict[tuple, dict[str, Any]] = {}
        self._organizations: dict[str, dict[str, Any] | None] = {}

    def organizations(self, org_ids: set[str], context: dict) -> None:
        group = model.group_table
        rows = _grouped(model.Session.execute(select(group).where(
            group.c["id"].in_(org_ids), group.c["state"] == "active")), "id")
        for org_id in org_ids:
            found = d.obj_list_dictize(rows.get(org_id, []), context)
            if found:
                del found[0]["extras"]
            self._organizations[org_id] = found[0] if found else None

    def organization(self, org_id: str | None) -> dict[str, Any] | None:
        return _copied(self._organizations.get(org_id)) if org_id else None

    def group_list(self, package_id: str, context: dict) -> list[dict[str, Any]]:
        """group_list_dictize(..., with_package_counts=False) of the dataset's groups."""
        dicts = []
        for row in self.groups.get(package_id, []):
            key = (row.id, row.capacity)
            if key not in self._group_dicts:
                self._group_dicts[key] = _without_batch_key([model_dictize.group_dictize(
                    row, dict(context), include_member_count=True, packages_field=None,
                    include_groups=False, include_extras=False, include_users=False)])[0]
            dicts.append(_copied(self._group_dicts[key]))
        return sorted(dicts, key=lambda x: h.strxfrm(x["display_name"]))


def _dictize(pkg: model.Package, rows: _Rows, context: dict) -> dict[str, Any]:
    """model_dictize.package_dictize(pkg, context), from the batch's rows."""
    result_dict = d.table_dictize(pkg, context)
    if result_dict.get("title"):
        result_dict["title"] = result_dict["title"].strip()
    result_dict.pop("plugin_data", None)
    result_dict["resources"] = model_dictize.resource_list_dictize(
        rows.resources.get(pkg.id, []), context)
    result_dict["num_resources"] = len(result_dict.get("resources", []))
    result_dict["tags"] = _without_batch_key(d.obj_list_dictize(
        rows.tags.get(pkg.id, []), context, lambda x: x["name"]))
    result_dict["num_tags"] = len(result_dict.get("tags", []))
    for tag_dict in result_dict["tags"]:
        tag_dict["display_name"] = tag_dict["name"]
    result_dict["extras"] = [{"key": k, "value": v}
                             for k, v in (result_dict["extras"] or {}).items()]
    context["with_capacity"] = False
    result_dict["groups"] = rows.group_list(pkg.id, context)
    result_dict["organization"] = rows.organization(pkg.owner_org)
    result_dict["relationships_as_subject"] = d.obj_list_dictize(
        rows.as_subject.get(pkg.id, []), context)
    result_dict["relationships_as_object"] = d.obj_list_dictize(
        rows.as_object.get(pkg.id, []), context)
    result_dict["isopen"] = pkg.isopen()
    result_dict["type"] = pkg.type or "dataset"
    if pkg.license and pkg.license.url:
        result_dict["license_url"] = pkg.license.url
        result_dict["license_title"] = pkg.license.title.split("::")[-1]
    elif pkg.license:
        result_dict["license_title"] = pkg.license.title
    else:
        result_dict["license_title"] = pkg.license_id
    result_dict["metadata_modified"] = pkg.metadata_modified.isoformat()
    result_dict["metadata_created"] = (pkg.metadata_created.isoformat()
                                       if pkg.metadata_created else None)
    return result_dict


def _default_schema() -> dict[str, Any]:
    """CKAN's show schema less the name's check that no other dataset has it: a query per
    dataset that only adds an error, and package_show_default_and_custom_schemas drops the
    errors."""
    schema = ckan_schema.default_show_package_schema()
    schema["name"] = [v for v in schema["name"]
                      if v is not ckan_validators.package_name_validator]
    return schema


def _shown(pkg: model.Package, pkg_dict: dict[str, Any], context: dict
           ) -> tuple[dict[str, Any], dict[str, Any]]:
    """The rest of package_show (its plugins' hooks) and of
    package_show_default_and_custom_schemas (the two validations, after_dataset_show)."""
    for item in p.PluginImplementations(p.IPackageController):
        item.read(pkg)
    for item in p.PluginImplementations(p.IResourceController):
        for resource_dict in pkg_dict["resources"]:
            item.before_resource_show(resource_dict)
    with_default, _errors = plugin_validate(object(), context, pkg_dict, _default_schema(),
                                            "package_show")
    package_plugin = lookup_package_plugin(pkg_dict["type"])
    custom_schema = package_plugin.show_package_schema()
    if custom_schema == ckan_schema.default_show_package_schema():
        with_custom = with_default
    else:
        with_custom, _errors = plugin_validate(package_plugin, context, pkg_dict,
                                               custom_schema, "package_show")
    logic.apply_after_dataset_show_plugins(context, with_custom)
    return with_default, with_custom


def default_and_custom_schemas(parent_context: dict, ids: list[str]
                               ) -> Iterator[tuple[str, Any]]:
    """(id, (with default schema, with custom schema)) of each dataset, or (id, the error)
    where package_show would raise one (a dataset gone is logic.NotFound)."""
    packages = {pkg.id: pkg for pkg in model.Session.query(model.Package)
                .filter(model.Package.id.in_(ids))}
    context = logic.fresh_context(parent_context, ignore_auth=True, use_cache=False,
                                  validate=False)
    context.update(model=model, session=model.Session)  # as an action's caller gets them
    context.setdefault("user", "")
    rows = _Rows(list(packages))
    rows.organizations({pkg.owner_org for pkg in packages.values() if pkg.owner_org},
                       dict(context))
    for package_id in ids:
        pkg = packages.get(package_id)
        if pkg is None:
            yield package_id, logic.NotFound()
            continue
        dataset_context = dict(context, package=pkg)
        try:
            yield package_id, _shown(pkg, _dictize(pkg, rows, dataset_context), dataset_context)
        except Exception as error:
            yield package_id, error
