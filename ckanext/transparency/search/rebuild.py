"""`ckan transparency search rebuild`: CKAN's `search-index rebuild`, in batches and processes.

Each dataset becomes the document CKAN's rebuild makes of it (`ckan.logic.index_update_package`:
package_show with the default and the custom schema, the plugins' before_dataset_index,
permission labels, through CKAN's own index_package); what differs is that a batch of datasets
is read with one statement per table (show_many.py) instead of about ten statements a dataset,
that the batches are shared among forked processes, each with connections of its own (the
parent's are closed before forking, so that no connection is used by two processes, which
breaks CKAN's `rebuild-fast`), and that each process writes the documents of a batch to the
index in one statement instead of one statement per dataset.
"""
from __future__ import annotations

import contextlib
import gc
import logging
import multiprocessing
import time
from typing import Any, Callable, Iterable

import ckan.lib.search.index as search_index
import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.plugins import PluginImplementations

from ckanext.transparency.core import interfaces

from . import connection, document, show_many
from .install import make_connection

log = logging.getLogger(__name__)


def package_ids() -> list[str]:
    """The datasets CKAN's rebuild indexes (ckan.lib.search.rebuild without arguments)."""
    query = model.Session.query(model.Package.id)
    if tk.config.get("ckan.search.remove_deleted_packages"):
        query = query.filter(model.Package.state != "deleted")
    return [row[0] for row in query]


class _Batch:
    """What index_package sees as its connection: each document becomes its index row at once
    (CKAN changes the dicts it indexed afterwards) and the rows are written together;
    deletions (of datasets that left the index) go through at once."""

    def __init__(self, target: connection.PostgresSolr):
        self.target = target
        self.rows: list[dict[str, Any]] = []

    def add(self, docs: Iterable[dict[str, Any]], **kwargs: Any) -> str:
        self.rows.extend(document.build_row(doc) for doc in docs)
        return ""

    def delete(self, *args: Any, **kwargs: Any) -> str:
        return self.target.delete(*args, **kwargs)

    def commit(self, *args: Any, **kwargs: Any) -> str:
        return ""


def index_batch(ids: list[str], force: bool = False) -> tuple[int, list[str]]:
    """Index these datasets as CKAN's rebuild does, reading them together (show_many, and the
    plugins' IIndexBatches) and writing them in one statement. Returns how many were indexed
    and the errors of those that were not (with force)."""
    batch = _Batch(make_connection())
    errors: list[str] = []
    index = search_index.PackageSearchIndex()
    original = search_index.make_connection
    search_index.make_connection = lambda *args, **kwargs: batch
    context: dict[str, Any] = {"ignore_auth": True}  # one for the batch, as CKAN's rebuild has
    try:
        with contextlib.ExitStack() as plugins_batches:
            for plugin in PluginImplementations(interfaces.IIndexBatches):
                plugin_batch = plugin.index_batch(ids)
                if plugin_batch is not None:
                    plugins_batches.enter_context(plugin_batch)
            for package_id, shown in show_many.default_and_custom_schemas(context, ids):
                try:
                    if isinstance(shown, Exception):
                        raise shown
                    index.update_dict(dict(shown[0], with_custom_schema=shown[1]), True)
                except Exception as error:
                    if not force:
                        raise
                    log.error("Error while indexing dataset %s: %r", package_id, error)
                    errors.append(f"{package_id}: {error!r}")
    finally:
        search_index.make_connection = original
    batch.target.write_rows(batch.rows)
    return len(ids) - len(errors), errors


def _fresh_connections() -> None:
    model.Session.remove()
    model.meta.engine.dispose(close=False)  # the parent's connections stay the parent's
    connection.close_pools()


def _run(args: tuple[list[str], bool]) -> tuple[int, list[str]]:
    try:
        return index_batch(*args)
    finally:
        model.Session.remove()


def rebuild(ids: list[str] | None = None, processes: int = 2, batch_size: int = 100,
            force: bool = False, progress: Callable[[int, int], None] | None = None
            ) -> tuple[int, list[str], float]:
    """Index `ids` (default: every dataset CKAN's rebuild indexes) in `processes` processes.
    Returns (datasets indexed, errors, seconds)."""
    ids = package_ids() if ids is None else list(ids)
    batches = [(ids[i:i + batch_size], force) for i in range(0, len(ids), batch_size)]
    started = time.perf_counter()
    done, errors = 0, []
    model.Session.remove()
    if processes <= 1 or len(batches) <= 1:
        results: Iterable[tuple[int, list[str]]] = map(_run, batches)
        pool = None
    else:
        model.meta.engine.dispose()
        connection.close_pools()
        # The application's objects, which the workers inherit, stay out of the workers'
        # garbage collections (which they would otherwise walk through again and again).
        gc.freeze()
        pool = multiprocessing.get_context("fork").Pool(processes, initializer=_fresh_connections)
        results = pool.imap_unordered(_run, batches)
    try:
        for indexed, failed in results:
            done += indexed
            errors += failed
            if progress:
                progress(done + len(errors), len(ids))
    finally:
        if pool is not None:
            pool.close()
            pool.join()
            gc.unfreeze()
    return done, errors, time.perf_counter() - started
