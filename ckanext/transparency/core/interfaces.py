"""The portal's plugin interfaces. A feature plugin implements those it has something for; the
periodic command, the rating, the demo loader and the `ckan transparency` command group iterate
over the implementations, so a feature left out of `ckan.plugins` is simply absent."""
from __future__ import annotations

from ckan.plugins.interfaces import Interface


class IPeriodicJobs(Interface):
    def periodic_jobs(self) -> list:
        """The feature's periodic jobs: `core.jobs.Job` objects."""
        return []


class IRatingMeasures(Interface):
    def rating_measures(self) -> list:
        """The feature's rating measures: `core.measures.RatingMeasure` objects."""
        return []


class IDemoData(Interface):
    def demo_steps(self) -> list:
        """The feature's demo data: `core.demo.DemoStep` objects."""
        return []


class ICommands(Interface):
    def transparency_commands(self) -> list:
        """click commands that join the `ckan transparency` group."""
        return []


class IFrontPageFigures(Interface):
    def front_page_figures(self) -> list:
        """The feature's figures on the home page and as widgets for other sites:
        `core.figures.Figure` objects."""
        return []
