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


class IHappenings(Interface):
    def happenings(self, since, until) -> list:
        """What happened in the feature between `since` and `until` (aware UTC datetimes):
        `core.happenings.Happening` objects, public things only. Derived from the feature's
        own tables, so asking again for the same window gives the same keys."""
        return []


class IPollVotes(Interface):
    def poll_votes(self, poll_id: str) -> dict:
        """Votes on a portal poll cast elsewhere (a copy of it on a Telegram channel):
        {channel: {"voters": n, "options": [votes of each option, in the poll's order]}}."""
        return {}

class IFrontPageFigures(Interface):
    def front_page_figures(self) -> list:
        """The feature's figures on the home page and as widgets for other sites:
        `core.figures.Figure` objects."""
        return []


class IIndexBatches(Interface):
    def index_batch(self, package_ids: list):
        """A context manager that the search rebuild enters around the indexing of these
        datasets, so that the plugin's before_dataset_index reads what it needs for all of
        them at once and writes what it keeps once; None: nothing to batch."""
        return None
