"""`ckan transparency telegram-webhook`: tell Telegram where to post the bot's updates."""
from __future__ import annotations

import click

from . import bot_api, settings, updates


@click.command("telegram-webhook")
@click.option("--delete", is_flag=True, help="Remove the webhook (updates are then fetched "
              "by the periodic job with getUpdates).")
def telegram_webhook(delete: bool) -> None:
    """Register <site_url>/telegram/webhook with the secret (setWebhook)."""
    if not settings.enabled():
        raise click.ClickException("ckanext.transparency.telegram.token is not set")
    if delete:
        bot_api.call("deleteWebhook", {})
        click.echo("webhook removed")
        return
    if not settings.webhook_secret():
        raise click.ClickException("ckanext.transparency.telegram.webhook_secret is not set")
    url = settings.site_url("/telegram/webhook")
    bot_api.call("setWebhook", {"url": url, "secret_token": settings.webhook_secret(),
                                "allowed_updates": updates.ALLOWED})
    click.echo(f"webhook set: {url}")


COMMANDS = [telegram_webhook]
