"""`ckan transparency appeals ...`."""
from __future__ import annotations

import click

import ckan.plugins.toolkit as tk

from . import demo as demo_data, publish as publishing


@click.group(short_help="Appeals: publish the monthly statistics, demo appeals")
def appeals():
    """Commands of the appeals module."""


def publish_job(month: str | None = None) -> dict:
    return publishing.publish(month)


@appeals.command()
@click.option("--month", help="YYYY-MM (default: the previous month)")
@click.option("--enqueue", is_flag=True, help="Queue it for the jobs worker instead.")
def publish(month: str | None, enqueue: bool):
    """Publish the month's statistics into the appeals-statistics dataset (run monthly)."""
    if enqueue:
        job = tk.enqueue_job(publish_job, [month], title="appeals: publish statistics")
        click.echo(f"queued job {job.id}")
        return
    result = publish_job(month)
    click.echo(f"published {result['rows']} rows up to {result['month']} into "
               f"{result['dataset']}; {result['receptions']} receptions")


@appeals.command()
@click.option("--count", default=0, type=int, help="Appeals to create (default: a year's).")
def demo(count: int):
    """Load a year of demo appeals and the reception schedule (idempotent)."""
    demo_data.load(echo=click.echo, count=count or None)
