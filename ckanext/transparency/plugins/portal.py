"""transparency: the portal itself (templates, commands); features plug in as their own modules."""
from __future__ import annotations

import ckan.plugins as p
import ckan.plugins.toolkit as tk

from ckan.lib.plugins import DefaultTranslation

from ckanext.transparency import (cli, csrf_guard, log_privacy, pager, request_guard,
                                  unavailable, urls, web)
from ckanext.transparency.about import demo as about_demo, text as about
from ckanext.transparency.core import interfaces
from ckanext.transparency.front import embedding, logic as front, updates, views as widgets
from ckanext.transparency.web import accounts
from ckanext.transparency.i18n import catalogs, display, fluent, formatting, labels


@tk.blanket.config_declarations("../web/config_declaration.yaml")
@tk.blanket.actions(front.get_actions)
@tk.blanket.auth_functions(front.get_auth_functions)
class PortalPlugin(p.SingletonPlugin, DefaultTranslation):
    p.implements(p.IConfigurer)
    p.implements(p.IClick)
    p.implements(p.ITranslation)
    p.implements(p.ITemplateHelpers)
    p.implements(p.IValidators)
    p.implements(p.IMiddleware, inherit=True)
    p.implements(p.IBlueprint)
    p.implements(p.IPackageController, inherit=True)
    p.implements(p.IOrganizationController, inherit=True)
    p.implements(p.IGroupController, inherit=True)
    p.implements(interfaces.IDemoData)
    p.implements(interfaces.IFrontPageFigures)

    def update_config(self, config):
        # every process loads the plugins after its logging is set up: web, worker, CLI, jobs
        log_privacy.install()
        log_privacy.hide_sql_parameters(config)
        tk.add_template_directory(config, "../templates")
        # Overrides of other extensions' templates (activity, datastore): this directory comes
        # where the plugin is listed, before theirs; "../templates" is shared with the feature
        # plugins, and lands after them.
        tk.add_template_directory(config, "../templates/portal")
        tk.add_public_directory(config, "../public")
        tk.add_resource("../web/assets", "transparency_web")
        # CKAN offers the locales found in ckan.i18n_directory: ours adds uz and uz_Cyrl to
        # CKAN's ru and en (see ckanext/transparency/i18n/catalogs.py).
        if not config.get("ckan.i18n_directory"):
            config["ckan.i18n_directory"] = str(catalogs.CKAN_DIR)

    # the About page's text in each language is edited by a sysadmin at /ckan-admin/config
    def update_config_schema(self, schema):
        text = [tk.get_validator("ignore_missing"), tk.get_validator("unicode_safe")]
        schema.update({option: text for option in about.OPTIONS})
        return schema

    # ITranslation
    def i18n_directory(self):
        return str(catalogs.I18N_DIR)

    def i18n_locales(self):
        return list(catalogs.LOCALES)

    # ITemplateHelpers
    def get_helpers(self):
        return {**formatting.get_helpers(), **labels.get_helpers(), **urls.get_helpers(),
                **display.get_helpers(), **accounts.get_helpers(), **fluent.get_helpers(),
                **about.get_helpers(), **pager.get_helpers(),
                "transparency_front_figures": widgets.figures}

    # IValidators: metadata in several languages (i18n/fluent.py)
    def get_validators(self):
        return fluent.get_validators()

    # IPackageController, IOrganizationController, IGroupController: Uzbek content in the
    # reader's script on pages (i18n/display.py)
    def before_dataset_view(self, pkg_dict):
        return display.dataset_for_view(pkg_dict)

    def before_view(self, data_dict):
        return display.group_for_view(data_dict)

    def before_dataset_index(self, pkg_dict):
        return fluent.before_index(pkg_dict)

    def before_dataset_search(self, search_params):
        if isinstance(search_params.get("fq"), str):
            search_params["fq"] = display.tags_in_both_scripts(search_params["fq"])
        return search_params

    # IBlueprint
    def get_blueprint(self):
        return [csrf_guard.blueprint(), accounts.blueprint(), widgets.blueprint()]

    # IMiddleware
    def make_middleware(self, app, config):
        if hasattr(app, "before_request"):  # the Flask app
            app.before_request(labels.translate_site_title)
            app.jinja_env.filters["uz_script"] = display.text
            app.before_request(request_guard.check)
            unavailable.register(app)
            web.install(app)  # the size limit goes first, before anything reads the body
            embedding.install(app)
        return app

    # IDemoData: the demo organization's text on the About page
    def demo_steps(self):
        return about_demo.STEPS

    # IFrontPageFigures: the latest updates of the catalog
    def front_page_figures(self):
        return [updates.FIGURE]

    # IClick: `ckan transparency`, with the commands the feature plugins give (ICommands)
    def get_commands(self):
        return [cli.group()]
