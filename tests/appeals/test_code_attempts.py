"""Wrong access codes: counted per (appeal number, client address), atomically in Redis, and
slowed down per number without ever refusing the right code."""
from __future__ import annotations

import threading
import time

import pytest

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.tests import helpers

from .conftest import code, submit

pytestmark = pytest.mark.usefixtures("people")


def track(app, number: str, access: str, address: str) -> dict:
    with app.flask_app.test_request_context(environ_base={"REMOTE_ADDR": address}):
        return helpers.call_action("appeal_track", number=number, code=access)


@pytest.mark.ckan_config("ckanext.transparency.appeals.track_attempts", 10)
def test_parallel_guesses_get_no_more_than_the_limit(app):
    number = submit()["number"]
    guesses = 40
    start = threading.Barrier(guesses)
    outcomes: list[str] = []

    def guess() -> None:
        start.wait()
        try:
            track(app, number, "WRONG-CODE2", "198.51.100.20")
        except tk.ObjectNotFound:
            outcomes.append("evaluated")
        except tk.ValidationError:
            outcomes.append("refused")
        finally:
            model.Session.remove()

    threads = [threading.Thread(target=guess) for _ in range(guesses)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("evaluated") == 10
    assert outcomes.count("refused") == 30


@pytest.mark.ckan_config("ckanext.transparency.appeals.track_attempts", 3)
def test_a_stranger_cannot_lock_the_applicant_out(app):
    receipt = submit()
    for _ in range(3):
        with pytest.raises(tk.ObjectNotFound):
            track(app, receipt["number"], "WRONG-CODE2", "198.51.100.66")
    # the guesser is refused, even with the right code
    with pytest.raises(tk.ValidationError) as error:
        track(app, receipt["number"], code(receipt), "198.51.100.66")
    assert "code" in error.value.error_dict
    # the applicant, elsewhere, still gets in
    assert track(app, receipt["number"], code(receipt), "203.0.113.5")["number"] \
        == receipt["number"]


@pytest.mark.ckan_config("ckanext.transparency.appeals.track_attempts", 3)
def test_right_codes_do_not_use_up_attempts(app):
    receipt = submit()
    for _ in range(5):
        track(app, receipt["number"], code(receipt), "203.0.113.5")
    with pytest.raises(tk.ObjectNotFound):
        track(app, receipt["number"], "WRONG-CODE2", "203.0.113.5")
    assert track(app, receipt["number"], code(receipt), "203.0.113.5")


@pytest.mark.ckan_config("ckanext.transparency.appeals.track_slowdown_after", 3)
@pytest.mark.ckan_config("ckanext.transparency.appeals.track_slowdown_seconds", 1)
def test_many_wrong_codes_on_a_number_slow_down_wrong_codes_only(app):
    receipt = submit()
    for client in range(3):  # three clients, one guess each: under the threshold, not slowed
        began = time.monotonic()
        with pytest.raises(tk.ObjectNotFound):
            track(app, receipt["number"], "WRONG-CODE2", f"198.51.100.{client}")
        assert time.monotonic() - began < 1
    began = time.monotonic()
    with pytest.raises(tk.ObjectNotFound):
        track(app, receipt["number"], "WRONG-CODE2", "198.51.100.50")
    assert time.monotonic() - began >= 1
    began = time.monotonic()
    assert track(app, receipt["number"], code(receipt), "203.0.113.5")
    assert time.monotonic() - began < 1


@pytest.mark.ckan_config("ckanext.transparency.appeals.track_attempts", 0)
def test_no_count_is_left_behind_when_attempts_are_not_limited(app):
    from ckan.lib.redis import connect_to_redis
    receipt = submit()
    for _ in range(3):
        track(app, receipt["number"], code(receipt), "203.0.113.5")
    assert not list(connect_to_redis().scan_iter("*appeals:track:client:*"))
