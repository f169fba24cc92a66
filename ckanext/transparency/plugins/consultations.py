"""transparency_consultations: public discussion of drafts ("For discussion", /consultations)."""
from __future__ import annotations

import ckan.plugins as p
import ckan.plugins.toolkit as tk

from ckanext.transparency.consultations import (demo, front_page, happenings, helpers,
                                                rating_measures, views)
from ckanext.transparency.consultations.logic import action, auth, validators
from ckanext.transparency.core import interfaces


@tk.blanket.config_declarations("../consultations/config_declaration.yaml")
@tk.blanket.actions(action.get_actions)
@tk.blanket.auth_functions(auth.get_auth_functions)
@tk.blanket.validators(validators.get_validators)
@tk.blanket.blueprints(views.get_blueprints)
@tk.blanket.helpers(helpers.get_helpers)
class ConsultationsPlugin(p.SingletonPlugin):
    p.implements(p.IConfigurer)
    p.implements(interfaces.IRatingMeasures)
    p.implements(interfaces.IDemoData)
    p.implements(interfaces.IHappenings)
    p.implements(interfaces.IFrontPageFigures)

    def update_config(self, config):
        tk.add_template_directory(config, "../templates")

    def rating_measures(self):
        return rating_measures.MEASURES

    def demo_steps(self):
        return demo.STEPS

    def happenings(self, since, until):
        return happenings.happenings(since, until)

    # IFrontPageFigures: its figure on the home page and as a widget
    def front_page_figures(self):
        return [front_page.FIGURE]
