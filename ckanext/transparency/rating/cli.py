"""`ckan transparency rating`: take the rating snapshot of a period, on demand or as the job."""
from __future__ import annotations

import datetime as dt

import click

import ckan.plugins.toolkit as tk

from ckanext.transparency.core.context import site_context

from . import snapshots


@click.command()
@click.argument("period", required=False)
@click.option("--due", is_flag=True,
              help="The job: take the snapshots of the month, quarter and year that ended "
                   "(run daily or on the 1st from cron).")
@click.option("--as-of", help="Read the records up to this day (YYYY-MM-DD; default today).")
def rating(period: str | None, due: bool, as_of: str | None):
    """Compute and store the openness rating of PERIOD (2026-10, 2026-Q3 or 2026), unless a
    snapshot of it exists already (snapshots are never recomputed)."""
    if due:
        for snap in snapshots.take_due():
            click.echo(f"rating {snap.label}: snapshot taken")
        return
    if not period:
        raise click.UsageError("Give a PERIOD or --due.")
    data = {"period": period}
    if as_of:
        data["as_of"] = dt.date.fromisoformat(as_of).isoformat()
    try:
        result = tk.get_action("openness_rating_compute")(site_context(), data)
    except tk.ValidationError as error:
        raise click.ClickException(str(error.error_dict))
    click.echo(f"rating {result['period']} as of {result['as_of']}: "
               f"{'computed' if result['created'] else 'already taken, unchanged'}")
    for row in result["departments"]:
        score = f"{row['score']:5.1f}" if row["score"] is not None else "    -"
        click.echo(f"  {row['rank'] or '-':>2} {score} {row['band']:<9} {row['organization']}")
