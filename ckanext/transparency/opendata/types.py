"""The open data dataset types and the EU frequency vocabulary."""
from __future__ import annotations

TYPES = ("budget-execution", "procurement", "project-status", "reception-schedule",
         "appeals-statistics")
# The four categories of the "Open data" section (reception days and appeals share one).
CATEGORIES = (
    ("budget", ("budget-execution",)),
    ("procurement", ("procurement",)),
    ("projects", ("project-status",)),
    ("appeals", ("reception-schedule", "appeals-statistics")),
)

FREQUENCY = "http://publications.europa.eu/resource/authority/frequency/"
MONTHLY, QUARTERLY, ANNUAL, IRREGULAR = (FREQUENCY + f for f in (
    "MONTHLY", "QUARTERLY", "ANNUAL", "IRREG"))
# months in one period of each scheduled frequency
PERIOD_MONTHS = {MONTHLY: 1, QUARTERLY: 3, ANNUAL: 12}


def schema_files() -> list[str]:
    """`scheming.dataset_schemas` entries of the open data types."""
    return [f"ckanext.transparency.schemas:{t.replace('-', '_')}.yaml" for t in TYPES]
