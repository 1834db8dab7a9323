"""The choice-model jobs of the application layer: parameters checked before a job is
queued, files kept per fit, the fit stored whole in the job's result, changes bounded."""

from __future__ import annotations

import io
from datetime import datetime

import pytest

from custvalue.app import choice, jobs
from custvalue.data.db import Database, connect
from custvalue.exceptions import DataValidationError, ImportFileError, NotFoundError
from tests.app.conftest import json_ready

T0 = datetime(2026, 3, 1, 9, 0)


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({}, "choicepage.files_or_example"),
        ({"token": "abc", "example": "tv"}, "choicepage.files_or_example"),
        ({"example": "cars"}, "choicepage.unknown_example"),
        ({"example": "tv", "categorical": "品牌=, 门店"}, "choicepage.bad_categorical"),
        ({"example": "tv", "colour": "red"}, "error.option"),
    ],
)
def test_bad_parameters_are_refused_before_a_job_is_queued(
    db: Database, params: dict[str, object], code: str
) -> None:
    with pytest.raises(DataValidationError) as caught:
        jobs.submit(db, kind="choice_fit", params=params, by=None, now=T0)
    assert caught.value.code == code
    assert jobs.count_jobs(db) == 0


def _run(db: Database) -> None:
    while jobs.run_one(lambda: connect(db.url, migrate=False), worker="test"):
        pass


def test_the_example_fit_keeps_the_whole_model_and_changes_are_bounded(db: Database) -> None:
    job = jobs.submit(db, kind="choice_fit", params={"example": "tv"}, by=None, now=T0)
    _run(db)
    fit = choice.latest_fit(db)
    assert fit is not None and fit.job.job_id == job.job_id
    assert fit.stats["situations"] == 3600 and fit.file == "tv_survey.csv"
    assert fit.alternatives == ["TCL", "SHARP", "海尔", "长虹"]
    shares = choice.choice_shares(fit)
    assert sum(shares.table["before_share"]) == pytest.approx(1.0)
    json_ready(fit.to_dict())
    json_ready(shares.to_dict())
    with pytest.raises(DataValidationError) as caught:
        choice.choice_shares(fit, changes=["TCL:价格-=1"] * 11)
    assert caught.value.code == "choicepage.too_many_changes"
    with pytest.raises(NotFoundError) as missing:
        choice.latest_fit(db, job_id=job.job_id + 99)
    assert missing.value.code == "job.not_found"
    other = jobs.submit(db, kind="snapshot", params={}, by=None, now=T0)
    with pytest.raises(NotFoundError) as wrong:
        choice.latest_fit(db, job_id=other.job_id)
    assert wrong.value.code == "choicepage.no_fit"


def test_a_price_column_that_is_not_an_attribute_fails_the_job(db: Database) -> None:
    job = jobs.submit(
        db, kind="choice_fit", params={"example": "tv", "price": "售价"}, by=None, now=T0
    )
    _run(db)
    failed = jobs.get_job(db, job_id=job.job_id)
    assert failed.state == "failed" and failed.error is not None
    assert failed.error["code"] == "choicepage.unknown_price"
    assert "售价" in (failed.error_message("en") or "")
    assert "保修年限" in (failed.error_message("zh") or "")


def test_uploaded_files_are_kept_per_fit_and_a_lost_token_is_named(db: Database) -> None:
    token = choice.save_choice_files(
        db.url, choices=("s.csv", io.BytesIO(b"a,b\n1,2\n")), scenario=None
    )
    job = jobs.submit(db, kind="choice_fit", params={"token": token}, by=None, now=T0)
    folder = choice._folder(db.url, token)
    assert (folder / "choices" / "s.csv").read_bytes() == b"a,b\n1,2\n"
    import shutil

    shutil.rmtree(folder)
    _run(db)
    failed = jobs.get_job(db, job_id=job.job_id)
    assert failed.error is not None and failed.error["code"] == "choicepage.no_files"
    with pytest.raises(NotFoundError) as odd:
        choice._folder(db.url, "../etc")
    assert odd.value.code == "choicepage.no_files"
    with pytest.raises(ImportFileError) as empty:
        choice.save_choice_files(db.url, choices=("s.csv", io.BytesIO(b"")))
    assert empty.value.code == "upload.empty"
    kept = list(choice._folder(db.url, "x").parent.glob("choice-*"))
    assert kept == []  # the refused upload left nothing behind
