"""The figures of the loaded feature plugins, in their home page order."""
from __future__ import annotations

import ckan.plugins as p

from ckanext.transparency.core.figures import Figure
from ckanext.transparency.core.interfaces import IFrontPageFigures


def figures() -> list[Figure]:
    found = [figure for plugin in p.PluginImplementations(IFrontPageFigures)
             for figure in plugin.front_page_figures()]
    return sorted(found, key=lambda figure: (figure.order, figure.name))


def find(name: str) -> Figure | None:
    return next((figure for figure in figures() if figure.name == name), None)
