"""One pager for every list of the portal: CKAN's own (`ckan.lib.pagination.Page`), numbered,
its arrows named for screen readers by the `pager` macro (templates/portal/macros/pager.html)."""
from __future__ import annotations

import ckan.plugins.toolkit as tk
from ckan.lib.pagination import Page


def pages(count: int, page: int, page_size: int):
    """The pages of a list of `count` items (an action's "count") at `page`; the links keep
    the filters given to the macro."""
    return Page(collection=[], page=page, item_count=count, items_per_page=page_size,
                url=tk.h.pager_url, presliced_list=True)


def get_helpers() -> dict:
    return {"transparency_pages": pages}
