"""transparency_dialogue: open dialogue (events, questions, polls, the video archive)."""
from __future__ import annotations

import ckan.plugins as p
import ckan.plugins.toolkit as tk

from ckanext.transparency.core import interfaces
from ckanext.transparency.dialogue import (cli, demo, front_page, happenings, helpers,
                                           periodic_jobs, rating_measures, views)
from ckanext.transparency.dialogue.logic import action, auth


@tk.blanket.config_declarations("../dialogue/config_declaration.yaml")
@tk.blanket.actions(action.get_actions)
@tk.blanket.auth_functions(auth.get_auth_functions)
@tk.blanket.blueprints(views.blueprints)
@tk.blanket.helpers(helpers.get_helpers)
class DialoguePlugin(p.SingletonPlugin):
    p.implements(p.IConfigurer)
    p.implements(interfaces.IPeriodicJobs)
    p.implements(interfaces.IRatingMeasures)
    p.implements(interfaces.IDemoData)
    p.implements(interfaces.ICommands)
    p.implements(interfaces.IHappenings)
    p.implements(interfaces.IFrontPageFigures)

    def update_config(self, config):
        tk.add_template_directory(config, "../templates")
        tk.add_resource("../dialogue/assets", "transparency_dialogue")

    def periodic_jobs(self):
        return periodic_jobs.JOBS

    def rating_measures(self):
        return rating_measures.MEASURES

    def demo_steps(self):
        return demo.STEPS

    # ICommands: `ckan transparency dialogue ...`
    def transparency_commands(self):
        return [cli.dialogue]

    def happenings(self, since, until):
        return happenings.happenings(since, until)

    # IFrontPageFigures: its figure on the home page and as a widget
    def front_page_figures(self):
        return [front_page.FIGURE]
