"""Strings that reach a page without passing through a catalog CKAN ships: Werkzeug's error
descriptions and the activity types of the activity filter. They are listed here so that
extraction puts them in the catalogs; the templates that show them call gettext
(templates/error_document_template.html, templates/snippets/activity_type_selector.html)."""


def _(message: str) -> str:  # marks a string for extraction; translated where it is shown
    return message


HTTP_ERRORS = (
    _("The browser (or proxy) sent a request that this server could not understand."),
    _("You don't have the permission to access the requested resource. It is either "
      "read-protected or not readable by the server."),
    _("The requested URL was not found on the server. If you entered the URL manually please "
      "check your spelling and try again."),
    _("The method is not allowed for the requested URL."),
    _("The server encountered an internal error and was unable to complete your request. "
      "Either the server is overloaded or there is an error in the application."),
)

ACTIVITY_TYPES = (
    _("New package"), _("Changed package"), _("Deleted package"), _("Follow dataset"),
    _("New resource view"), _("Changed resource view"), _("Deleted resource view"),
    _("New user"), _("Changed user"), _("Follow user"),
    _("New group"), _("Changed group"), _("Deleted group"), _("Follow group"),
    _("New organization"), _("Changed organization"), _("Deleted organization"),
    _("Follow organization"),
)

# Strings CKAN 2.12's templates pass through gettext that its ckan.pot lacks.
CKAN_TEMPLATES = (
    _("Manage resource: {name}"),  # package/snippets/resources.html
)

# The default ckan.site_title (scripts/portal.py), shown through gettext (i18n/labels.py).
SITE_TITLE = (_("Ochiq portal"),)

# The licences offered to editors (opendata/licenses.json), translated by CKAN's
# h.license_options.
LICENSES = (
    _("Creative Commons Attribution 4.0 (CC BY 4.0)"),
    _("Creative Commons CC0 1.0 (public domain)"),
    _("Open Data Commons Open Database License (ODbL)"),
    _("Other (stated in the description)"),
)

# The states of a dataset, which CKAN's and scheming's "Additional info" show through gettext
# (`_(pkg_dict.state)`) to the editors who see a draft or deleted dataset.
DATASET_STATES = (_("active"), _("draft"), _("deleted"))
