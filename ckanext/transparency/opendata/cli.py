"""`ckan transparency freshness`: the update schedule of the typed datasets."""
from __future__ import annotations

import datetime as dt
import json

import click
import ckan.plugins.toolkit as tk

from ckanext.transparency.core.clock import site_today
from ckanext.transparency.core.context import site_context

from . import freshness, jobs
from .exports import ocds_validate as validator


@click.command(short_help="Print the update schedule of the open data datasets")
@click.option("--state", type=click.Choice(freshness.STATES), help="Only datasets in this state.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines instead of a table.")
@click.option("--daily", is_flag=True,
              help="Also run the daily job: re-index changed states, send reminders.")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Compute the states as on this day (default: today).")
def freshness_command(state, as_json, daily, today):
    """Print each typed dataset's schedule: state, next period and due date, last update."""
    day = today.date() if today else site_today()
    rows = sorted(jobs.schedules(day), key=lambda ps: (
        freshness.STATES.index(ps[1].state) if ps[1].state != freshness.OVERDUE else -1,
        ps[1].next_due or dt.date.max, ps[0].name))
    counts = {s: 0 for s in freshness.STATES}
    for package, schedule in rows:
        counts[schedule.state] += 1
        if state and schedule.state != state:
            continue
        if as_json:
            click.echo(json.dumps(dict(schedule.as_dict(), name=package.name,
                                       type=package.type)))
        else:
            click.echo(f"{schedule.state:<12} {str(schedule.next_due or '-'):<10} "
                       f"{(schedule.next_period.label if schedule.next_period else '-'):<8} "
                       f"{package.name}")
    if not as_json:
        click.echo(", ".join(f"{n} {s}" for s, n in counts.items()))
    if daily:
        result = jobs.daily(day)
        click.echo(f"re-indexed: {len(result['reindexed'])}, "
                   f"reminders sent: {len(result['reminders'])}")


freshness_command.name = "freshness"


@click.command(name="ocds-validate", short_help="Validate a dataset's OCDS release package")
@click.argument("dataset")
def ocds_validate(dataset):
    """Validate DATASET's OCDS release package against the local OCDS 1.1.5 schema and
    codelists."""
    try:
        package = tk.get_action("ocds_release_package")(site_context(), {"id": dataset})
    except (tk.ObjectNotFound, tk.ValidationError) as error:
        raise click.ClickException(getattr(error, "message", "") or str(error))
    errors = validator.errors(package)
    for error in errors:
        click.echo(error)
    click.echo(f"{len(package['releases'])} releases, {len(errors)} errors")
    if errors:
        raise click.exceptions.Exit(1)


COMMANDS = [freshness_command, ocds_validate]
