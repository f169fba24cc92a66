"""The methodology as data: what the methodology page and action state."""
from __future__ import annotations

import ckan.plugins.toolkit as tk

from . import indicators, snapshots


def sources() -> list[dict]:
    return [
        {"indicator": indicators.TIMELINESS, "measure": "datasets_on_time",
         "source": tk._("Update history of the open datasets with a publication frequency "
                        "(Open data section): an update is due at the end of the period its "
                        "data covers plus {n} grace days; on time when recorded by then.")
         .format(n=tk.config.get("ckanext.transparency.opendata.grace_days"))},
        {"indicator": indicators.RESPONSIVENESS, "measure": "appeals_on_time",
         "source": tk._("Appeals register: appeals whose legal deadline (Law ZRU-445, after a "
                        "lawful extension) fell in the period; on time when answered or "
                        "forwarded by the deadline.")},
        {"indicator": indicators.RESPONSIVENESS, "measure": "appeals_median_days",
         "source": tk._("Appeals register: median calendar days from registration to the "
                        "answer of appeals answered in the period; 0 days scores 100, {n} days "
                        "or more 0, linear in between.").format(
             n=tk.config.get("ckanext.transparency.rating.median_days_zero"))},
        {"indicator": indicators.RESPONSIVENESS, "measure": "proposals_answered",
         "source": tk._("Public discussion of drafts: published proposals on drafts whose "
                        "discussion closed in the period, answered before the results "
                        "report.")},
        {"indicator": indicators.ACTIVITY, "measure": "events_held",
         "source": tk._("Open dialogue: events announced to start in the period (cancelled "
                        "ones included) that were held.")},
        {"indicator": indicators.ACTIVITY, "measure": "questions_answered",
         "source": tk._("Open dialogue: published questions from the public to those events "
                        "that were answered.")},
        {"indicator": indicators.ACTIVITY, "measure": "polls_run",
         "source": tk._("Open dialogue: polls opened in the period against a target of {n} "
                        "a year (at most 100); counted only beside events or questions.")
         .format(n=tk.config.get("ckanext.transparency.rating.polls_per_year"))},
    ]


def describe() -> dict:
    last = snapshots.last_computed()
    labels = indicators.MEASURE_LABELS()
    return {
        "formula": tk._("Each measure is normalised to 0-100 (a share of records is its "
                        "percentage). An indicator is the mean of its measures that have "
                        "records. The score is the weighted mean of the three indicators, "
                        "each as shown to one decimal: score = Σ weight × indicator / Σ "
                        "weight, rounded to one decimal."),
        "weights": indicators.weights(),
        "indicators": [{"key": k, "label": v} for k, v in indicators.indicator_labels().items()],
        "sources": [dict(s, label=labels[s["measure"]]) for s in sources()],
        "minimum_sample": indicators.minimum_sample(),
        "minimum_sample_rule": tk._("A department is not rated in a period when an indicator "
                                    "with a weight has fewer than {n} records judged "
                                    "(scheduled updates; appeals and proposals; events and "
                                    "questions).").format(n=indicators.minimum_sample()),
        "bands": [
            {"band": indicators.GREEN, "from": indicators.GREEN_FROM, "to": 100.0},
            {"band": indicators.YELLOW, "from": indicators.YELLOW_FROM,
             "to": indicators.GREEN_FROM},
            {"band": indicators.RED, "from": 0.0, "to": indicators.YELLOW_FROM}],
        "bands_rule": tk._("Bands of the national Openness Index (Anti-Corruption Agency, "
                           "14.06.2022): green 71-100, yellow 55 to under 71, red under 55; a "
                           "score of exactly 71 is green and exactly 55 is yellow."),
        "snapshots": tk._("The rating of each month (and quarter, year) is computed once after "
                          "it ends and kept unchanged; a correction of the records shows in "
                          "the next period."),
        "last_computed": last.isoformat(timespec="seconds") if last else None,
    }
