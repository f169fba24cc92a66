"""The About page (/about): the organization's own text, from the site's configuration in four
languages (editable by a sysadmin at /ckan-admin/config), then what the portal offers, the
licence of the data and the Action API."""
