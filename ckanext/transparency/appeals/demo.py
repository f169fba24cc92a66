"""A year of demo appeals for the demo organization's departments, and the reception schedule.

Rows are written through the model with historic dates (an action would stamp today); the
applicants are invented ("Namuna fuqaro N"), so no real person appears. Idempotent: appeals
carry the submission key `demo-N`, and a second run adds none."""
from __future__ import annotations

import datetime as dt
import random
from typing import Callable, Optional

import sqlalchemy as sa

import ckan.model as ckan_model

from ckanext.transparency.demo import vocabulary as v


from . import deadlines, model, present, safety


from ckanext.transparency.core.demo import DemoStep
TYPES = (("application", 57), ("proposal", 11), ("complaint", 32))
CHANNELS = (("web", 50), ("written", 25), ("reception", 20), ("phone", 5))

from . import receptions
TOPICS = (("water", 30), ("heating", 22), ("sewerage", 12), ("meters", 10), ("tariffs", 11),
          ("construction", 7), ("employment", 3), ("other", 5))
DEPARTMENTS = (("murojaatlar-bilan-ishlash", 30), ("ichimlik-suvi-taminoti", 25),
               ("issiqlik-taminoti", 20), ("samarqand-hududiy-boshqarmasi", 12),
               ("moliya-va-byudjet", 6), ("davlat-xaridlari", 4),
               ("investitsiya-loyihalari", 3))
OUTCOMES = (("satisfied", 48), ("explained", 31), ("rejected", 10),
            ("left_without_consideration", 2), ("forwarded", 9))
SUBJECTS = {
    "water": "Ichimlik suvi berilishi toʻxtab qolgan", "heating": "Xonadonda issiqlik yetarli emas",
    "sewerage": "Kanalizatsiya quvuri toʻlib ketgan", "meters": "Hisoblagichni almashtirish",
    "tariffs": "Toʻlov hisob-kitobida xatolik", "construction": "Taʼmirdan keyin yoʻl tiklanmagan",
    "employment": "Boʻsh ish oʻrinlari haqida", "other": "Boshqa masala boʻyicha murojaat",
}


def _pick(rng: random.Random, weighted) -> str:
    return rng.choices([k for k, _w in weighted], [w for _k, w in weighted])[0]


def _receptions(rng: random.Random, departments: dict[str, str]) -> list[str]:
    existing = receptions.all_active()
    if existing:
        return [r["id"] for r in existing]
    owner = departments.get("murojaatlar-bilan-ishlash")
    ids = []
    for position, unit, weekday, hours, weeks, room in v.OFFICIALS:
        starts, ends = hours.replace("–", "-").split("-")
        ids.append(receptions.create({
            "owner_org": owner, "position": position, "official": "", "weekday": weekday,
            "weeks": ",".join(map(str, weeks)) if weeks else "", "starts": starts,
            "ends": ends, "place": f"{v.AGENCY_ADDRESS}, {room}",
            "sign_up": rng.choice(v.SIGN_UP).format(phone=v.AGENCY_PHONE)})["id"])
    return ids


def _appeal(rng: random.Random, i: int, registered_on: dt.date, today: dt.date,
            departments: dict[str, str], reception_ids: list[str],
            rules: deadlines.Rules) -> None:
    kind, channel, topic = _pick(rng, TYPES), _pick(rng, CHANNELS), _pick(rng, TOPICS)
    needs_study = kind != "proposal" and rng.random() < 0.08
    computed = deadlines.compute(kind, registered_on, needs_study=needs_study, rules=rules)
    due, extended = computed.due, False
    if rng.random() < 0.05:
        due, extended = min(deadlines.latest_extension(due, rules),
                            due + dt.timedelta(days=rng.randint(10, 30))), True
    outcome = _pick(rng, OUTCOMES)
    if outcome == "forwarded":
        days = rng.choice((1, 2, 3, 4, 5, 5, 6))
    elif rng.random() < 0.07:  # late
        days = (due - registered_on).days + rng.randint(1, 12)
    else:
        days = rng.randint(1, (due - registered_on).days)
    completed_on = registered_on + dt.timedelta(days=days)
    if completed_on > today:
        completed_on, outcome = None, None
    status = ("closed" if completed_on and rng.random() < 0.7 else "answered") \
        if outcome and outcome != "forwarded" else ("forwarded" if outcome else
                                                   rng.choice(("registered", "in_progress")))
    appeal_id = ckan_model.types.make_uuid()
    registered_at = dt.datetime.combine(registered_on, dt.time(rng.randint(4, 12),
                                                               rng.randint(0, 59)))
    completed_at = (dt.datetime.combine(completed_on, dt.time(rng.randint(5, 12)))
                    if completed_on else None)
    rated = outcome not in (None, "forwarded") and rng.random() < 0.4
    model.session().execute(model.Appeal.__table__.insert().values(
        id=appeal_id, number=model.next_number(registered_on.year),
        access_code_hash=safety.hash_code(appeal_id, safety.new_code()),
        submission_key=f"demo-{i}", type=kind, channel=channel, topic=topic,
        owner_org=departments[_pick(rng, DEPARTMENTS)], subject=SUBJECTS[topic],
        text=f"{SUBJECTS[topic]}. (Namuna murojaat matni, demo.)", status=status,
        outcome=outcome, forwarded_to="Hududiy hokimlik" if outcome == "forwarded" else None,
        reception_id=rng.choice(reception_ids) if channel == "reception" and reception_ids
        else None, registered_at=registered_at, registered_on=registered_on,
        needs_study=needs_study, original_due_on=computed.original_due, due_on=due,
        extended=extended, forward_due_on=computed.forward_due, completed_on=completed_on,
        completed_at=completed_at,
        answer="Murojaatingiz koʻrib chiqildi. (Namuna javob, demo.)" if outcome else None,
        closed_at=completed_at if status == "closed" else None,
        rating=rng.choices((1, 2, 3, 4, 5), (6, 6, 14, 34, 40))[0] if rated else None,
        rated_at=completed_at + dt.timedelta(days=2) if rated else None,
        modified=completed_at or registered_at))
    model.session().execute(model.Applicant.__table__.insert().values(
        appeal_id=appeal_id, full_name=f"Namuna fuqaro {i}", address="Namuna manzil (demo)",
        consent_at=registered_at))
    model.add_event(appeal_id, "registered", None, True, {"channel": channel},
                    when=registered_at)
    if extended:
        model.add_event(appeal_id, "extended", None, True,
                        {"reason": "Qoʻshimcha oʻrganish talab etildi", "due_on": due.isoformat()},
                        when=registered_at + dt.timedelta(days=3))
    if completed_at:
        kind_done = "forwarded" if outcome == "forwarded" else "answered"
        model.add_event(appeal_id, kind_done, None, True,
                        {"to": "Hududiy hokimlik"} if outcome == "forwarded"
                        else {"outcome": outcome}, when=completed_at)


def load(echo: Callable[[str], object] = print, count: Optional[int] = None,
         seed: int = 445) -> int:
    """Add the demo appeals (about 1,200 over the past year) unless they are there."""
    inspector = sa.inspect(model.session().connection())
    if not inspector.has_table("appeal"):
        echo("demo appeals: skipped (run `ckan db upgrade -p transparency_appeals` first)")
        return 0
    if model.session().execute(sa.select(sa.func.count()).select_from(model.Appeal.__table__)
                               .where(model.Appeal.__table__.c.submission_key.like("demo-%"))
                               ).scalar():
        echo("demo appeals: present")
        return 0
    rng = random.Random(seed)
    departments = {g.name: g.id for g in ckan_model.Session.query(ckan_model.Group).filter(
        ckan_model.Group.name.in_([d for d, _w in DEPARTMENTS]))}
    if len(departments) < len(DEPARTMENTS):
        echo("demo appeals: skipped (the demo departments are missing)")
        return 0
    reception_ids = _receptions(rng, departments)
    today, rules = present.today(), deadlines.Rules.from_config()
    count = count or 1200
    for i in range(count):
        registered_on = today - dt.timedelta(days=int(365 * (1 - (i / count) ** 1.05)))
        _appeal(rng, i, registered_on, today, departments, reception_ids, rules)
    ckan_model.repo.commit()
    echo(f"demo appeals: {count} over the past year; {len(reception_ids)} receptions")
    return count


def _step(context: dict, echo: Callable[[str], object]) -> dict[str, int]:
    return {"appeals created": load(echo=echo)}


STEPS = [DemoStep("appeals", _step)]
