"""`ckan transparency ...`: the portal's commands."""
from __future__ import annotations

import os
import secrets
import time
from pathlib import Path

import click

import ckan.model as model
import ckan.plugins as p
import ckan.plugins.toolkit as tk

from ckanext.transparency import backup as archive, periodic as jobs
from ckanext.transparency.core.context import as_user, site_context
from ckanext.transparency.core.interfaces import ICommands
from ckanext.transparency.demo import loader
from ckanext.transparency.search import rebuild as engine

ADMIN_NAME = "admin"


@click.group(short_help="Transparency portal commands")
def transparency():
    """Commands of the transparency portal."""


def group() -> click.Group:
    """`ckan transparency`, with the commands of the loaded plugins (ICommands)."""
    for plugin in p.PluginImplementations(ICommands):
        for command in plugin.transparency_commands():
            if command.name not in transparency.commands:
                transparency.add_command(command)
    return transparency


@transparency.command()
@click.option("--password-file", type=click.Path(dir_okay=False), required=True,
              help="Where a generated password is kept (mode 600).")
def admin(password_file: str):
    """Make sure the sysadmin `admin` exists, with an API token for the xloader.

    The password is ADMIN_PASSWORD when set, else generated once, printed once and kept in
    PASSWORD_FILE. Prints XLOADER_TOKEN=<token> when a new token was made.
    """
    user = model.User.get(ADMIN_NAME)
    if user is None:
        password = os.environ.get("ADMIN_PASSWORD")
        generated = not password
        if generated:
            password = secrets.token_urlsafe(12)
            path = Path(password_file)
            path.write_text(password + "\n")
            path.chmod(0o600)
        # no full name: an English one ("Portal administrator") was shown as is on every
        # locale's pages; CKAN shows the user name instead
        tk.get_action("user_create")(site_context(), {
            "name": ADMIN_NAME, "email": "admin@example.uz", "password": password})
        user = model.User.get(ADMIN_NAME)
        user.sysadmin = True
        model.repo.commit()
        if generated:
            click.echo(f"Created sysadmin '{ADMIN_NAME}' with password: {password}")
            click.echo(f"(shown once; kept in {password_file})")
        else:
            click.echo(f"Created sysadmin '{ADMIN_NAME}' with the password from ADMIN_PASSWORD")
    elif not user.sysadmin:
        user.sysadmin = True
        model.repo.commit()
    configured = tk.config.get("ckanext.xloader.api_token")
    if not configured or configured == "NOT_SET":
        token = tk.get_action("api_token_create")(
            as_user(ADMIN_NAME), {"user": ADMIN_NAME, "name": "xloader"})
        click.echo(f"XLOADER_TOKEN={token['token']}")


_PASSPHRASE = click.option(
    "--passphrase-file", type=click.Path(exists=True, dir_okay=False),
    help="A file holding the passphrase (else BACKUP_PASSPHRASE; none: not encrypted).")


@transparency.command()
@click.argument("path", type=click.Path(dir_okay=False))
@_PASSPHRASE
def backup(path: str, passphrase_file: str | None):
    """Write both databases, the uploaded files and the configuration's secrets to PATH, one
    archive with a manifest and checksums (mode 600; encrypted with a passphrase)."""
    try:
        manifest = archive.backup(Path(path), archive.passphrase(passphrase_file))
    except archive.BackupError as error:
        raise click.ClickException(str(error))
    click.echo(f"backup written to {path}: {len(manifest['members'])} files, "
               f"databases {', '.join(manifest['databases'])}")


@transparency.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@_PASSPHRASE
@click.option("--force", is_flag=True, help="Restore although other sessions are open.")
def restore(path: str, passphrase_file: str | None, force: bool):
    """Replace this portal's databases, uploaded files and secrets with those of the backup at
    PATH. Stop the web server, the workers and the periodic jobs first."""
    try:
        manifest = archive.restore(Path(path), archive.passphrase(passphrase_file), force)
    except archive.BackupError as error:
        raise click.ClickException(str(error))
    click.echo(f"restored the backup of {manifest['created']} ({manifest['site_url']}); "
               "start the portal again")


@transparency.command()
def demo():
    """Load the demo organization (idempotent: run again, nothing is duplicated)."""
    loader.load(echo=click.echo)


@transparency.command()
@click.option("--every", type=click.IntRange(min=1), metavar="MINUTES",
              help="Keep running, every MINUTES (without it: run once and exit).")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Run as on this day (default: today in ckan.display_timezone).")
def periodic(every: int | None, today):
    """Run the periodic jobs that are due: schedule reminders, rating snapshots, the monthly
    appeals statistics, dialogue notifications and poll results (idempotent)."""
    while True:
        try:
            for name, outcome in jobs.run(today.date() if today else None):
                click.echo(f"{name}: {outcome}")
        except Exception as error:  # e.g. the database restarting: try again next round
            if not every:
                raise
            click.echo(f"periodic jobs not run: {type(error).__name__}", err=True)
        finally:
            model.Session.remove()
        if not every:
            return
        time.sleep(every * 60)


@transparency.group()
def search():
    """The PostgreSQL search index."""


@search.command()
@click.option("--processes", type=click.IntRange(min=1), default=2, show_default=True,
              help="Processes that read and index datasets (each with its own connections).")
@click.option("--batch", type=click.IntRange(min=1), default=100, show_default=True,
              help="Datasets a process indexes before writing them in one statement.")
@click.option("--force", is_flag=True, help="Carry on past a dataset that cannot be indexed.")
def rebuild(processes: int, batch: int, force: bool):
    """Re-index every dataset as `ckan search-index rebuild` does, reading a batch of datasets
    at once, in parallel processes."""
    def progress(done: int, total: int) -> None:
        click.echo(f"\rIndexed {done}/{total}", nl=False)

    indexed, errors, seconds = engine.rebuild(processes=processes, batch_size=batch, force=force,
                                              progress=progress)
    click.echo(f"\nIndexed {indexed} datasets in {seconds:.1f} s "
               f"({indexed / seconds if seconds else 0:.0f} datasets/s, {processes} processes)")
    for error in errors:
        click.echo(f"Not indexed: {error}", err=True)
    if errors:
        raise click.exceptions.Exit(1)
