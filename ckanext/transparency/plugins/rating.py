"""transparency_rating: the departmental openness rating (/rating)."""
from __future__ import annotations

import ckan.plugins as p
import ckan.plugins.toolkit as tk

from ckanext.transparency.core import interfaces
from ckanext.transparency.rating import cli, demo, front_page, helpers, periodic_jobs, views
from ckanext.transparency.rating.logic import action, auth

WEIGHT_KEYS = [f"ckanext.transparency.rating.weight.{k}"
               for k in ("timeliness", "responsiveness", "activity")]


@tk.blanket.config_declarations("../rating/config_declaration.yaml")
@tk.blanket.actions(action.get_actions)
@tk.blanket.auth_functions(auth.get_auth_functions)
@tk.blanket.blueprints(views.blueprint)
@tk.blanket.helpers(helpers.get_helpers)
class RatingPlugin(p.SingletonPlugin):
    p.implements(p.IConfigurer)
    p.implements(interfaces.ICommands)
    p.implements(interfaces.IPeriodicJobs)
    p.implements(interfaces.IDemoData)
    p.implements(interfaces.IFrontPageFigures)

    # IConfigurer: templates; the weights and the minimum sample are editable by a sysadmin
    # at runtime (config_option_update)
    def update_config(self, config):
        tk.add_template_directory(config, "../templates")

    def update_config_schema(self, schema):
        number = [tk.get_validator("ignore_missing"), helpers.non_negative_number]
        schema.update({key: number for key in WEIGHT_KEYS})
        schema["ckanext.transparency.rating.minimum_sample"] = [
            tk.get_validator("ignore_missing"), tk.get_validator("natural_number_validator")]
        return schema

    # ICommands: `ckan transparency rating`
    def transparency_commands(self):
        return [cli.rating]

    def periodic_jobs(self):
        return periodic_jobs.JOBS

    def demo_steps(self):
        return demo.STEPS

    # IFrontPageFigures: its figure on the home page and as a widget
    def front_page_figures(self):
        return [front_page.FIGURE]
