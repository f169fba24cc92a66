"""The rating formula: the measures the features give (IRatingMeasures), each normalised to
0-100, averaged into three indicators, weighted into a score 0-100 with the bands of the
national Openness Index. A feature that is not loaded gives no measure: its indicator is the
mean of the others, or has no records."""
from __future__ import annotations

import datetime as dt
from typing import Optional

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.common import config_declaration

from ckanext.transparency.core.interfaces import IRatingMeasures
from ckanext.transparency.core.measures import (ACTIVITY, INDICATORS, RESPONSIVENESS,
                                                TIMELINESS, Measure, RatingMeasure)

__all__ = ["ACTIVITY", "INDICATORS", "RESPONSIVENESS", "TIMELINESS", "Measure"]

GREEN, YELLOW, RED, NOT_RATED = "green", "yellow", "red", "not_rated"
GREEN_FROM, YELLOW_FROM = 71.0, 55.0  # DOMAIN.md: green 71-100, yellow 55-71, red below 55


def band(score: Optional[float]) -> str:
    """71 and above green, 55 up to (not including) 71 yellow, below 55 red; the edge value
    belongs to the better band. Judged on the score as shown (one decimal)."""
    if score is None:
        return NOT_RATED
    if score >= GREEN_FROM:
        return GREEN
    if score >= YELLOW_FROM:
        return YELLOW
    return RED


def share(measure: Measure) -> Optional[float]:
    return 100.0 * measure.numerator / measure.denominator if measure.denominator else None


def median_days_score(measure: Measure) -> Optional[float]:
    """0 days scores 100, `median_days_zero` days or more 0, linear in between."""
    if measure.value is None:
        return None
    zero = tk.config.get("ckanext.transparency.rating.median_days_zero")
    return max(0.0, 100.0 * (1 - measure.value / zero))


def target_score(measure: Measure, target: float) -> float:
    return min(100.0, 100.0 * measure.numerator / target) if target > 0 else 100.0


def measures() -> list[RatingMeasure]:
    """The measures of the loaded plugins (IRatingMeasures), in their order."""
    found = [m for plugin in p.PluginImplementations(IRatingMeasures)
             for m in plugin.rating_measures()]
    return sorted(found, key=lambda m: m.order)


def MEASURE_LABELS() -> dict[str, str]:
    return {m.key: m.label() for m in measures()}


def indicator_labels() -> dict[str, str]:
    return {TIMELINESS: tk._("Timeliness"), RESPONSIVENESS: tk._("Responsiveness"),
            ACTIVITY: tk._("Public activity")}


def band_labels() -> dict[str, str]:
    return {GREEN: tk._("Green"), YELLOW: tk._("Yellow"), RED: tk._("Red"),
            NOT_RATED: tk._("Not rated")}


def setting(name: str) -> float:
    """A numeric option of the rating; a runtime-editable one left blank means its default."""
    key = f"ckanext.transparency.rating.{name}"
    value = tk.config.get(key)
    if value in (None, ""):
        value = config_declaration.get(key).default
    return float(value)


def weights() -> dict[str, float]:
    return {key: setting(f"weight.{key}") for key in INDICATORS}


def minimum_sample() -> int:
    return int(setting("minimum_sample"))


def polls_target(period) -> float:
    return float(tk.config.get("ckanext.transparency.rating.polls_per_year")) \
        * period.months / 12


def _normalised(definition: RatingMeasure, measure: Measure, period) -> Optional[float]:
    if definition.normalise == "share":
        return share(measure)
    if definition.normalise == "median_days":
        return median_days_score(measure)
    return target_score(measure, polls_target(period))


def _round(value: Optional[float]) -> Optional[float]:
    return None if value is None else round(value, 1)


def department(org_id: str, period, as_of: dt.date, weights_: dict[str, float] | None = None,
               minimum: int | None = None) -> dict:
    """Everything about one department in one period: each measure (numerator, denominator,
    value, normalised score, evidence), each indicator (score = mean of its measures that have
    data, sample = records judged), the score and band, or "not rated" and why."""
    weights_ = weights() if weights_ is None else weights_
    minimum = minimum_sample() if minimum is None else minimum
    definitions = measures()
    # an indicator that no loaded plugin measures (say, without open dialogue) is left out
    measured = {d.indicator for d in definitions}
    weights_ = {k: (w if k in measured else 0.0) for k, w in weights_.items()}
    items, groups = [], {key: [] for key in INDICATORS}
    for definition in definitions:
        measure = definition.source(org_id, period, as_of)
        score = _normalised(definition, measure, period)
        item = {"key": definition.key, "indicator": definition.indicator,
                "numerator": measure.numerator, "denominator": measure.denominator,
                "value": measure.value, "score": _round(score),
                "evidence": measure.evidence}
        if definition.normalise == "target":
            item["target"] = round(polls_target(period), 2)
        items.append(item)
        groups[definition.indicator].append((definition, measure, score))
    indicators, reasons = {}, []
    for key in INDICATORS:
        # a target (polls) counts only beside measures of records: no records, no indicator
        records = [s for d, m, s in groups[key] if d.normalise != "target" and s is not None]
        targets = [s for d, m, s in groups[key] if d.normalise == "target"]
        scored = records + targets if records else []
        sample = sum(m.denominator for d, m, s in groups[key] if d.normalise == "share")
        score = sum(scored) / len(scored) if scored else None
        rated = sample >= minimum and score is not None
        indicators[key] = {"score": _round(score), "sample": sample, "rated": rated,
                           "weight": weights_.get(key, 0.0)}
        if weights_.get(key, 0) > 0 and not rated:
            reasons.append({"indicator": key, "sample": sample, "minimum": minimum})
    total_weight = sum(w for w in weights_.values() if w > 0)
    score = None
    if not reasons and total_weight > 0:
        score = _round(sum(weights_[k] * indicators[k]["score"] for k in INDICATORS
                           if weights_.get(k, 0) > 0) / total_weight)
    return {"score": score, "band": band(score), "rated": score is not None,
            "not_rated_because": reasons, "indicators": indicators, "measures": items}
