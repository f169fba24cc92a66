"""Who may call the open data actions: reading follows package_show, recording an update
follows package_update."""
from __future__ import annotations

import ckan.plugins.toolkit as tk


def _can(action: str, context, data_dict) -> dict:
    try:
        tk.check_access(action, context, {"id": data_dict.get("id")})
    except tk.NotAuthorized:
        return {"success": False}
    return {"success": True}


@tk.auth_allow_anonymous_access
def opendata_schedule_show(context, data_dict):
    return _can("package_show", context, data_dict)


@tk.auth_allow_anonymous_access
def opendata_update_history(context, data_dict):
    return _can("package_show", context, data_dict)


@tk.auth_allow_anonymous_access
def opendata_schedule_list(context, data_dict):
    return {"success": True}


@tk.auth_allow_anonymous_access
def opendata_table_schema(context, data_dict):
    return {"success": True}


@tk.auth_allow_anonymous_access
def opendata_dataset_figures(context, data_dict):
    return _can("package_show", context, data_dict)


@tk.auth_allow_anonymous_access
def ocds_release_package(context, data_dict):
    return _can("package_show", context, data_dict)


@tk.auth_allow_anonymous_access
def oc4ids_project_package(context, data_dict):
    return _can("package_show", context, data_dict)


def opendata_update_record(context, data_dict):
    return _can("package_update", context, data_dict)


def get_auth_functions() -> dict:
    return {f.__name__: f for f in (
        opendata_schedule_show, opendata_update_history, opendata_schedule_list,
        opendata_table_schema, opendata_dataset_figures, ocds_release_package,
        oc4ids_project_package, opendata_update_record)}
