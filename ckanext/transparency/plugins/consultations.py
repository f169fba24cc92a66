"""transparency_consultations: public discussion of drafts ("For discussion", /consultations)."""
from __future__ import annotations

import ckan.plugins as p
import ckan.plugins.toolkit as tk

from ckanext.transparency.consultations import helpers, views
from ckanext.transparency.consultations.logic import action, auth, validators


@tk.blanket.config_declarations("../consultations/config_declaration.yaml")
@tk.blanket.actions(action.get_actions)
@tk.blanket.auth_functions(auth.get_auth_functions)
@tk.blanket.validators(validators.get_validators)
@tk.blanket.blueprints(views.get_blueprints)
@tk.blanket.helpers(helpers.get_helpers)
class ConsultationsPlugin(p.SingletonPlugin):
    p.implements(p.IConfigurer)

    def update_config(self, config):
        tk.add_template_directory(config, "../templates")
