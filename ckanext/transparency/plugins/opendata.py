"""transparency_opendata: typed open datasets, checked uploads, the update schedule, downloads
(XLSX at the DataStore dump URL, OCDS, OC4IDS) and the /open-data section."""
from __future__ import annotations

from pathlib import Path

import ckan.plugins as p
import ckan.plugins.toolkit as tk

from ckanext.datastore.interfaces import IDatastoreBackend

from ckanext.transparency import datastore_backend
from ckanext.transparency.core import interfaces
from ckanext.transparency.opendata import (cli, dcat_profile, demo, front_page, happenings,
                                           helpers, indexing, periodic_jobs, rating_measures,
                                           views)
from ckanext.transparency.opendata.logic import action, auth

LICENSES = Path(__file__).resolve().parent.parent / "opendata" / "licenses.json"

try:
    from ckanext.xloader.interfaces import IXloader
except ImportError:  # xloader not installed
    IXloader = None


@tk.blanket.config_declarations("../opendata/config_declaration.yaml")
@tk.blanket.actions(action.get_actions)
@tk.blanket.auth_functions(auth.get_auth_functions)
@tk.blanket.blueprints(views.blueprints)
@tk.blanket.helpers(helpers.get_helpers)
class OpendataPlugin(p.SingletonPlugin):
    p.implements(p.IConfigurer)
    p.implements(interfaces.ICommands)
    p.implements(interfaces.IPeriodicJobs)
    p.implements(interfaces.IRatingMeasures)
    p.implements(interfaces.IDemoData)
    p.implements(interfaces.IHappenings)
    p.implements(interfaces.IFrontPageFigures)
    p.implements(interfaces.IIndexBatches)
    p.implements(p.IPackageController, inherit=True)
    p.implements(p.IFacets, inherit=True)
    p.implements(IDatastoreBackend, inherit=True)
    if IXloader is not None:
        p.implements(IXloader, inherit=True)

    # IConfigurer
    def update_config(self, config):
        tk.add_template_directory(config, "../templates/opendata/overrides")
        dcat_profile.enable(config)
        if not config.get("licenses_group_url"):  # an operator's own list wins
            config["licenses_group_url"] = LICENSES.as_uri()

    # ICommands: `ckan transparency freshness`, `ckan transparency ocds-validate`
    def transparency_commands(self):
        return cli.COMMANDS

    def periodic_jobs(self):
        return periodic_jobs.JOBS

    def rating_measures(self):
        return rating_measures.MEASURES

    def demo_steps(self):
        return demo.STEPS

    def happenings(self, since, until):
        return happenings.happenings(since, until)

    # IDatastoreBackend: the backend registered last wins, so this plugin comes after
    # `datastore` in ckan.plugins
    def register_backends(self):
        return datastore_backend.BACKENDS

    # IPackageController
    def before_dataset_index(self, pkg_dict):
        return indexing.before_index(pkg_dict)

    # IIndexBatches: the schedules of a rebuild's batch read and kept together
    def index_batch(self, package_ids):
        return indexing.batch(package_ids)

    def after_dataset_search(self, search_results, search_params):
        return indexing.after_search(search_results)

    # IFacets
    def dataset_facets(self, facets_dict, package_type):
        return indexing.facets(facets_dict)

    # IXloader: every data file is loaded into the DataStore before its resource is saved
    # (uploads.py); xloader, which would drop the published table first, loads none
    def can_upload(self, resource_id):
        return False

    # IFrontPageFigures: its figure on the home page and as a widget
    def front_page_figures(self):
        return [front_page.FIGURE]
