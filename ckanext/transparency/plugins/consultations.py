"""transparency_consultations: public discussion of drafts ("For discussion", /consultations)."""
from __future__ import annotations

import ckan.plugins as p
import ckan.plugins.toolkit as tk

from ckanext.transparency.consultations import helpers, views
from ckanext.transparency.consultations.logic import action, auth, validators


@tk.blanket.config_declarations("../consultations/config_declaration.yaml")
class ConsultationsPlugin(p.SingletonPlugin):
    p.implements(p.IConfigurer)
    p.implements(p.IActions)
    p.implements(p.IAuthFunctions)
    p.implements(p.IValidators)
    p.implements(p.IBlueprint)
    p.implements(p.ITemplateHelpers)

    def update_config(self, config):
        tk.add_template_directory(config, "../templates")

    def get_actions(self):
        return action.get_actions()

    def get_auth_functions(self):
        return auth.get_auth_functions()

    def get_validators(self):
        return validators.get_validators()

    def get_blueprint(self):
        return views.get_blueprints()

    def get_helpers(self):
        return helpers.get_helpers()
