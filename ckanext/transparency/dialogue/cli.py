"""`ckan transparency dialogue ...`: background chores of open dialogue (for cron or by hand)."""
from __future__ import annotations

import click

from . import notifications, opendata

@click.group(short_help="Open dialogue: notifications, poll results")
def dialogue():
    """Open dialogue commands."""


@dialogue.command("send-notifications")
def send_notifications():
    """E-mail the pending notifications (postponed, cancelled, answered, rejected)."""
    counts = notifications.send_pending()
    click.echo(f"sent {counts['sent']}, failed {counts['failed']}")


@dialogue.command("publish-polls")
def publish_polls():
    """Publish the results of every closed poll as an open dataset (idempotent)."""
    count = opendata.publish_closed(echo=click.echo)
    click.echo(f"{count} poll(s) published")
