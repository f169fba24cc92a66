"""transparency_dialogue: open dialogue (events, questions, polls, the video archive)."""
from __future__ import annotations

import ckan.plugins as p
import ckan.plugins.toolkit as tk

from ckanext.transparency.dialogue import cli, helpers, views
from ckanext.transparency.dialogue.logic import action, auth


@tk.blanket.config_declarations("../dialogue/config_declaration.yaml")
class DialoguePlugin(p.SingletonPlugin):
    p.implements(p.IConfigurer)
    p.implements(p.IActions)
    p.implements(p.IAuthFunctions)
    p.implements(p.IBlueprint)
    p.implements(p.IClick)
    p.implements(p.ITemplateHelpers)

    def update_config(self, config):
        tk.add_template_directory(config, "../templates")
        tk.add_resource("../dialogue/assets", "transparency_dialogue")

    def get_actions(self):
        return action.get_actions()

    def get_auth_functions(self):
        return auth.get_auth_functions()

    def get_blueprint(self):
        return views.blueprints()

    def get_commands(self):
        return [cli.dialogue]

    def get_helpers(self):
        return helpers.get_helpers()
