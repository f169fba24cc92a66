"""transparency_search: CKAN's package search on PostgreSQL instead of Solr."""
from __future__ import annotations

import ckan.plugins as p
import ckan.plugins.toolkit as tk

from ckanext.transparency.search import install


@tk.blanket.config_declarations("../search/config_declaration.yaml")
class SearchPlugin(p.SingletonPlugin):
    p.implements(p.IConfigurer)

    def update_config(self, config):
        # Runs before CKAN's start-up check of the search backend (environment.update_config).
        install.install()
        if not config.get("solr_url"):
            # Core requires the option; name the index it actually searches.
            config["solr_url"] = install.make_connection().url
