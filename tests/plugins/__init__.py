"""pytest plugins that scripts/portal.py loads by name (`-p`), from this folder on PYTHONPATH:
CKAN puts its own package folder first on sys.path, where `tests` names ckan.tests."""
