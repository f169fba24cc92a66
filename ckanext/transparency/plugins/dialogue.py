"""transparency_dialogue: open dialogue (events, questions, polls, the video archive)."""
from __future__ import annotations

import ckan.plugins as p
import ckan.plugins.toolkit as tk

from ckanext.transparency.dialogue import cli, helpers, views
from ckanext.transparency.dialogue.logic import action, auth


@tk.blanket.config_declarations("../dialogue/config_declaration.yaml")
@tk.blanket.actions(action.get_actions)
@tk.blanket.auth_functions(auth.get_auth_functions)
@tk.blanket.blueprints(views.blueprints)
@tk.blanket.cli([cli.dialogue])
@tk.blanket.helpers(helpers.get_helpers)
class DialoguePlugin(p.SingletonPlugin):
    p.implements(p.IConfigurer)

    def update_config(self, config):
        tk.add_template_directory(config, "../templates")
        tk.add_resource("../dialogue/assets", "transparency_dialogue")
