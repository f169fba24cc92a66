"""transparency_follow: follow a dataset, a department, a draft or an event, and be told by
e-mail (ckanext/transparency/follow/)."""
from __future__ import annotations

import ckan.plugins as p
import ckan.plugins.toolkit as tk

from ckanext.transparency.core import interfaces
from ckanext.transparency.follow import helpers, periodic_jobs, views
from ckanext.transparency.follow.logic import action, auth


@tk.blanket.config_declarations("../follow/config_declaration.yaml")
@tk.blanket.actions(action.get_actions)
@tk.blanket.auth_functions(auth.get_auth_functions)
@tk.blanket.blueprints(views.blueprints)
@tk.blanket.helpers(helpers.get_helpers)
class FollowPlugin(p.SingletonPlugin):
    p.implements(p.IConfigurer)
    p.implements(interfaces.IPeriodicJobs)

    def update_config(self, config):
        tk.add_template_directory(config, "../templates")

    def periodic_jobs(self):
        return periodic_jobs.JOBS
