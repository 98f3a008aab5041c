"""The judge threshold from judged pairs, and its file under the data dir."""

from __future__ import annotations

import json
from pathlib import Path

from supercharger.eval.figures import JudgedPair
from supercharger.eval.threshold import (
    choose_threshold,
    load_calibration,
    model_key,
    store_calibration,
)
from supercharger.settings import Settings


def pairs(spec: list[tuple[float, int, int]]) -> list[JudgedPair]:
    """(score, right ones, wrong ones) -> pairs."""
    out = []
    for score, right, wrong in spec:
        out += [JudgedPair(score, True)] * right + [JudgedPair(score, False)] * wrong
    return out


def test_smallest_threshold_reaching_the_target() -> None:
    data = pairs([(0.3, 2, 8), (0.5, 6, 4), (0.7, 9, 1), (0.9, 10, 0)])
    cal = choose_threshold(data, target=0.9, min_pairs=5)
    # >= 0.5: 25/30 right (0.83); >= 0.7: 19/20 (0.95)
    assert cal.threshold == 0.7 and cal.pairs_above == 20 and cal.precision == 0.95
    assert choose_threshold(data, target=0.8, min_pairs=5).threshold == 0.5


def test_too_few_pairs_above_a_threshold_do_not_count() -> None:
    data = pairs([(0.4, 10, 10), (0.95, 3, 0)])
    cal = choose_threshold(data, target=0.9, min_pairs=5)
    assert cal.threshold is None and "no threshold" in cal.reason
    small = choose_threshold(pairs([(0.9, 3, 0)]), target=0.9, min_pairs=20)
    assert small.threshold is None and "only 3 judged pairs" in small.reason


def test_stored_per_model_and_loaded(tmp_path: Path) -> None:
    fake = Settings(data_dir=tmp_path, llm_backend="fake", model="m1")
    other = Settings(data_dir=tmp_path, llm_backend="openai", model="m2",
                     llm_options={"base_url": "http://127.0.0.1:9"})  # fmt: skip
    assert load_calibration(fake)[0] is None
    store_calibration(fake, choose_threshold(pairs([(0.8, 20, 1)]), 0.9, 20))
    store_calibration(other, choose_threshold(pairs([(0.8, 1, 20)]), 0.9, 20))
    threshold, source = load_calibration(fake)
    assert threshold == 0.8 and "calibration.json" in source
    threshold, source = load_calibration(other)
    assert threshold is None and "no threshold" in source
    data = json.loads((tmp_path / "calibration.json").read_text())
    assert set(data) == {model_key(fake), model_key(other)} == {"fake:m1", "openai:m2"}
    assert data["openai:m2"]["threshold"] is None and data["openai:m2"]["reason"]


def test_jobs_take_the_calibrated_threshold_and_say_where_it_came_from(tmp_path: Path) -> None:
    from supercharger.records import JobConfig

    fake = Settings(data_dir=tmp_path, llm_backend="fake", model="m1")
    assert JobConfig.from_settings(fake).threshold_source == "the model's default"
    store_calibration(fake, choose_threshold(pairs([(0.8, 20, 1)]), 0.9, 20))
    cfg = JobConfig.from_settings(fake)
    assert cfg.threshold == 0.8 and cfg.threshold_source.startswith("calibrated: ")
    # a judge that cannot reach the target is switched off: ranking decides at the budget
    store_calibration(fake, choose_threshold(pairs([(0.8, 1, 20)]), 0.9, 20))
    cfg = JobConfig.from_settings(fake)
    assert cfg.threshold is None and "the judge is off" in cfg.threshold_source
    # a threshold the user sets wins over the calibration
    cfg = JobConfig.from_settings(Settings(data_dir=tmp_path, llm_backend="fake", model="m1",
                                           threshold=0.4))  # fmt: skip
    assert cfg.threshold == 0.4 and cfg.threshold_source.startswith("set")
