"""transparency_telegram: the organization's Telegram channel and bot (polls, announcements,
questions to events, appeal status). Wiring only; the module is ckanext/transparency/telegram/.
Without ckanext.transparency.telegram.token it does nothing."""
from __future__ import annotations

import ckan.plugins as p
import ckan.plugins.toolkit as tk

from ckanext.transparency.core import interfaces
from ckanext.transparency.telegram import cli, helpers, periodic_jobs, polls, views
from ckanext.transparency.telegram.logic import action, auth


@tk.blanket.config_declarations("../telegram/config_declaration.yaml")
@tk.blanket.actions(action.get_actions)
@tk.blanket.auth_functions(auth.get_auth_functions)
@tk.blanket.blueprints(views.blueprints)
@tk.blanket.helpers(helpers.get_helpers)
class TelegramPlugin(p.SingletonPlugin):
    p.implements(p.IConfigurer)
    p.implements(interfaces.IPeriodicJobs)
    p.implements(interfaces.ICommands)
    p.implements(interfaces.IPollVotes)

    def update_config(self, config):
        # overrides of the appeals' and the dialogue's pages: listed before those plugins in
        # ckan.plugins, this directory comes before "../templates"
        tk.add_template_directory(config, "../templates/telegram/overrides")

    def periodic_jobs(self):
        return periodic_jobs.JOBS

    def transparency_commands(self):
        return cli.COMMANDS

    def poll_votes(self, poll_id):
        return polls.votes(poll_id)
