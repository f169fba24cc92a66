"""The methodology as data: what the methodology page and action state."""
from __future__ import annotations

import ckan.plugins.toolkit as tk

from . import indicators, snapshots


def sources() -> list[dict]:
    return [{"indicator": m.indicator, "measure": m.key, "source": m.description()}
            for m in indicators.measures()]


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
