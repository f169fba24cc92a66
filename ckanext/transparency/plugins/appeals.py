"""transparency_appeals: appeals (murojaatlar) with tracking, deadlines, statistics and
reception days. Wiring only; the module is ckanext/transparency/appeals/."""
from __future__ import annotations

import ckan.plugins as p
import ckan.plugins.toolkit as tk

from ckanext.transparency.appeals import (cli, demo, front_page, helpers, periodic_jobs,
                                          publish, rating_measures, views)
from ckanext.transparency.appeals.logic import action, auth
from ckanext.transparency.core import interfaces

try:
    from ckanext.xloader.interfaces import IXloader
except ImportError:  # xloader not installed
    IXloader = None

ACTIONS = ("appeal_submit", "appeal_track", "appeal_rate", "appeal_list", "appeal_show",
           "appeal_assign", "appeal_forward", "appeal_extend", "appeal_answer", "appeal_close",
           "appeal_reopen", "appeal_attachment_show", "appeal_statistics",
           "appeal_reception_list", "appeal_reception_create", "appeal_reception_delete",
           "appeal_reception_show", "appeal_reception_update",
           "appeal_publish_statistics", "appeal_status_show")


@tk.blanket.config_declarations("../appeals/config_declaration.yaml")
@tk.blanket.actions({name: getattr(action, name) for name in ACTIONS})
@tk.blanket.auth_functions({name: getattr(auth, name) for name in ACTIONS})
@tk.blanket.blueprints([views.appeals])
@tk.blanket.helpers(helpers.HELPERS)
class AppealsPlugin(p.SingletonPlugin):
    p.implements(p.IConfigurer)
    p.implements(interfaces.ICommands)
    p.implements(interfaces.IPeriodicJobs)
    p.implements(interfaces.IRatingMeasures)
    p.implements(interfaces.IDemoData)
    p.implements(interfaces.IFrontPageFigures)
    if IXloader is not None:
        p.implements(IXloader, inherit=True)

    def update_config(self, config):
        tk.add_template_directory(config, "../templates")

    # ICommands: `ckan transparency appeals ...`
    def transparency_commands(self):
        return [cli.appeals]

    def periodic_jobs(self):
        return periodic_jobs.JOBS

    def rating_measures(self):
        return rating_measures.MEASURES

    def demo_steps(self):
        return demo.STEPS

    # IXloader: the monthly publishing loads its own tables into the DataStore, typed
    def can_upload(self, resource_id):
        return not publish.loads_itself(resource_id)

    # IFrontPageFigures: its figure on the home page and as a widget
    def front_page_figures(self):
        return [front_page.FIGURE]
