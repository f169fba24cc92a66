"""A small catalogue, built once per module, for the search engine's tests."""
from __future__ import annotations

import pytest

from ckan.tests import factories, helpers


def search(**kwargs):
    """package_search as the site's code calls it, returning the names found."""
    result = helpers.call_action("package_search", **kwargs)
    return result


def names(**kwargs) -> set[str]:
    kwargs.setdefault("rows", 1000)
    return {d["name"] for d in helpers.call_action("package_search", **kwargs)["results"]}


@pytest.fixture(scope="module")
def catalogue(reset_db, reset_index):
    """Datasets in Uzbek (both scripts), Russian and English, in three organizations."""
    reset_db()
    reset_index()
    member = factories.User(name="finance_editor")
    outsider = factories.User(name="outsider")
    finance = factories.Organization(
        name="finance", title="Moliya boshqarmasi",
        users=[{"name": member["name"], "capacity": "editor"}])
    procurement = factories.Organization(name="procurement", title="Xaridlar boʻlimi")
    appeals = factories.Organization(name="appeals", title="Мурожаатлар бўлими")
    water = factories.Group(name="water-group", title="Water")
    economy = factories.Group(name="economy", title="Iqtisodiyot")

    def dataset(name, title, org, tags=(), notes="", extras=(), groups=(), formats=(), **kw):
        return factories.Dataset(
            name=name, title=title, notes=notes, owner_org=org["id"],
            tags=[{"name": t} for t in tags], groups=[{"name": g["name"]} for g in groups],
            extras=[{"key": k, "value": v} for k, v in extras],
            resources=[{"url": f"http://example.uz/{name}.{f.lower()}", "format": f,
                        "name": f"{title} ({f})"} for f in formats],
            **kw)

    dataset("budget-2024-q1", "Byudjet ijrosi 2024-yil I chorak", finance,
            tags=["budget", "moliya"], notes="Xarajatlar va daromadlar, choraklar boʻyicha.",
            extras=[("fiscal_year", "2024"), ("frequency", "QUARTERLY")],
            groups=[economy], formats=["CSV", "XLSX"])
    dataset("budget-2023", "Бюджет ижроси 2023 йил", finance,
            tags=["budget"], notes="Харажатлар ҳисоботи.",
            extras=[("fiscal_year", "2023"), ("frequency", "ANNUAL")], formats=["CSV"])
    dataset("procurement-2024", "Davlat xaridlari 2024", procurement,
            tags=["procurement", "xaridlar"], notes="Shartnomalar va tenderlar (OCDS).",
            extras=[("frequency", "MONTHLY")], groups=[economy], formats=["JSON", "XLSX"])
    dataset("appeals-stats", "Мурожаатлар статистикаси", appeals, tags=["appeals"],
            notes="Ариза, таклиф ва шикоятлар сони ойлар бўйича.",
            extras=[("frequency", "MONTHLY")], formats=["CSV"])
    dataset("roads-apostrophe", "O'zbekiston yo'llari loyihalari", procurement,
            tags=["roads"], notes="Yo'l qurilishi loyihalari holati.")
    dataset("roads-okina", "Oʻzbekiston temir yoʻllari", procurement, tags=["roads", "rail"],
            notes="Temir yoʻl loyihalari.")
    dataset("water-quality", "Water quality", appeals, tags=["water", "ecology"],
            notes="River monitoring of the Amu Darya and Syr Darya.", groups=[water])
    dataset("rivers", "Rivers and lakes", appeals, tags=["water"], notes="Hydrology.",
            groups=[water])
    dataset("private-salaries", "Ish haqi fondi (ichki)", finance, tags=["budget"],
            private=True)
    factories.Dataset(name="draft-plan", title="Reja loyihasi", owner_org=finance["id"],
                      state="draft", user=member)
    return {"member": member, "outsider": outsider, "finance": finance}
