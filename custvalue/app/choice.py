"""The choice model in the workbench: a conditional logit fitted as a job on an uploaded
choice file (or the bundled TV shop survey), and the shares of a scenario before and
after changes (docs/choice.md, docs/web.md §4).

:func:`save_choice_files` keeps the uploaded files under the uploads folder (one folder
per fit, named by a random token) and :func:`check_fit_job` / :func:`run_fit_job` are the
``choice_fit`` job: the files are read and checked as ``custvalue choice fit`` reads them
(every bad row named), the model is fitted, and the job's result holds the model as
:func:`custvalue.choice.save_model` writes it, its coefficient table and the scenario
(the uploaded scenario file, else the first situation of the choice file).
:func:`choice_shares` loads a finished fit and applies ``ALT:ATTR=VALUE`` changes.
"""

from __future__ import annotations

import secrets
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from custvalue.app.results import Result, rows
from custvalue.exceptions import DataValidationError, NotFoundError

if TYPE_CHECKING:
    import polars as pl

    from custvalue.app.jobs import Job
    from custvalue.choice.logit import ConditionalLogit
    from custvalue.data.db import Database

__all__ = [
    "EXAMPLES",
    "ChoiceFit",
    "ChoiceShares",
    "check_fit_job",
    "choice_shares",
    "latest_fit",
    "run_fit_job",
    "save_choice_files",
]

#: bundled examples a fit may use instead of uploaded files: files and options
EXAMPLES: dict[str, dict[str, Any]] = {
    "tv": {
        "choices": "tv_survey.csv",
        "scenario": "tv_shop.csv",
        "categorical": "品牌=TCL, 门店=新街口苏宁",
        "price": "价格",
    },
}
_PARAMS = ("token", "example", "categorical", "price", "asc")
_MAX_CHANGES = 10


def _folder(db_url: str, token: str) -> Path:
    from custvalue.app.uploads import uploads_folder

    if not token.isalnum() or len(token) > 64:
        raise NotFoundError("choicepage.no_files", token=token)
    return uploads_folder(db_url) / f"choice-{token}"


def save_choice_files(
    db_url: str,
    *,
    choices: tuple[str, IO[bytes]],
    scenario: tuple[str, IO[bytes]] | None = None,
) -> str:
    """Keep the uploaded choice file (and scenario file) for a fit; returns the token
    naming them. A file of a kind the reader does not take, an empty one or one too
    large is refused, and nothing is kept."""
    from custvalue.app.uploads import SUFFIXES, copy_stream, safe_file_name
    from custvalue.exceptions import ImportFileError

    token = secrets.token_hex(12)
    folder = _folder(db_url, token)
    folder.mkdir(parents=True, exist_ok=False)
    try:
        for role, given in (("choices", choices), ("scenario", scenario)):
            if given is None:
                continue
            name, stream = given
            safe = safe_file_name(name)
            if Path(safe).suffix.lower() not in SUFFIXES:
                raise ImportFileError("upload.suffix", file=safe, allowed=", ".join(SUFFIXES))
            target = folder / role
            target.mkdir()
            copy_stream(stream, target / safe, safe)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return token


def _one_file(folder: Path, role: str) -> Path | None:
    found = sorted((folder / role).glob("*")) if (folder / role).is_dir() else []
    return found[0] if found else None


def _categorical(text: str | None) -> dict[str, str | None]:
    """``COL`` or ``COL=REFERENCE``, several separated by commas."""
    out: dict[str, str | None] = {}
    for item in (text or "").replace("，", ",").split(","):
        if not item.strip():
            continue
        column, sep, reference = item.replace("＝", "=").partition("=")
        if not column.strip() or (sep and not reference.strip()):
            raise DataValidationError("choicepage.bad_categorical", value=item.strip())
        out[column.strip()] = reference.strip() if sep else None
    return out


def check_fit_job(params: dict[str, Any]) -> dict[str, Any]:
    """The ``choice_fit`` job's parameters, checked: uploaded files (``token``) or a
    bundled ``example``; categorical columns as ``COL=REFERENCE``; the price column."""
    unknown = sorted(set(params) - set(_PARAMS))
    if unknown:
        raise DataValidationError(
            "error.option",
            option=unknown[0],
            value=params[unknown[0]],
            reason=", ".join(_PARAMS),
            hint="",
        )
    token, example = params.get("token"), params.get("example")
    if (token is None) == (example is None):
        raise DataValidationError("choicepage.files_or_example")
    if example is not None and example not in EXAMPLES:
        raise DataValidationError(
            "choicepage.unknown_example", value=example, known=", ".join(EXAMPLES)
        )
    _categorical(params.get("categorical"))
    price = params.get("price")
    return {
        "token": token,
        "example": example,
        "categorical": params.get("categorical") or None,
        "price": str(price).strip() or None if price is not None else None,
        "asc": bool(params.get("asc", False)),
    }


def _sources(db: Database, checked: dict[str, Any]) -> tuple[Path, Path | None, dict[str, Any]]:
    """The choice file, the scenario file (or none) and the options in force."""
    if checked["example"] is not None:
        from importlib import resources

        example = EXAMPLES[checked["example"]]
        folder = Path(str(resources.files("custvalue") / "examples" / "choice"))
        options = {
            "categorical": checked["categorical"] or example["categorical"],
            "price": checked["price"] or example["price"],
            "asc": checked["asc"],
        }
        return folder / example["choices"], folder / example["scenario"], options
    folder = _folder(db.url, checked["token"])
    choices = _one_file(folder, "choices")
    if choices is None:
        raise NotFoundError("choicepage.no_files", token=checked["token"])
    options = {k: checked[k] for k in ("categorical", "price", "asc")}
    return choices, _one_file(folder, "scenario"), options


def run_fit_job(
    db: Database, params: dict[str, Any], progress: Callable[[float], None]
) -> dict[str, Any]:
    """The ``choice_fit`` job: read and check the files, fit, keep the model."""
    import polars as pl

    from custvalue.choice import ConditionalLogit, read_choices, read_scenario

    checked = check_fit_job(params)
    choices_path, scenario_path, options = _sources(db, checked)
    table = read_choices(choices_path, categorical=_categorical(options["categorical"]))
    progress(0.2)
    if options["price"] is not None and options["price"] not in table.numeric:
        raise DataValidationError(
            "choicepage.unknown_price",
            value=options["price"],
            known=", ".join(table.numeric) or "—",
        )
    model = ConditionalLogit(
        attributes=list(table.numeric),
        categorical=table.categorical,
        asc=options["asc"],
        price=options["price"],
        weight="weight" if table.weight else None,
    ).fit(table.rows, source=table.file, headers=table.headers)
    progress(0.8)
    if scenario_path is not None:
        scenario, _, scenario_file = read_scenario(scenario_path, model)
    else:
        first = table.rows["situation"][0]
        scenario = table.rows.filter(pl.col("situation") == first)
        scenario_file = f"{table.file} ({first})"
    keep = ["situation", "alternative", *model._fitted().columns]
    scenario = scenario.select([c for c in keep if c in scenario.columns])
    progress(1.0)
    return {
        "file": Path(table.file).name,
        "scenario_file": Path(scenario_file).name,
        "options": options,
        "model": model.to_dict(),
        "coefficients": rows(model.summary()),
        "stats": {
            "log_likelihood": model.log_likelihood_,
            "null_log_likelihood": model.null_log_likelihood_,
            "rho_squared": model.rho_squared_,
            "situations": model.n_situations_,
            "rows": model.n_rows_,
        },
        "scenario": rows(scenario),
    }


@dataclass(frozen=True)
class ChoiceFit(Result):
    """A finished ``choice_fit`` job: the model, its coefficients and its scenario."""

    job: Job
    model: ConditionalLogit
    coefficients: pl.DataFrame
    scenario: pl.DataFrame
    stats: dict[str, float]
    file: str
    scenario_file: str
    options: dict[str, Any]

    @property
    def alternatives(self) -> list[str]:
        return [str(a) for a in dict.fromkeys(self.scenario["alternative"].to_list())]

    @property
    def attributes(self) -> list[str]:
        return list(self.model._fitted().columns)

    def data(self) -> dict[str, Any]:
        return {
            "job_id": self.job.job_id,
            "file": self.file,
            "scenario_file": self.scenario_file,
            "options": self.options,
            "stats": self.stats,
            "coefficients": rows(self.coefficients),
            "scenario": rows(self.scenario),
        }


def latest_fit(db: Database, *, job_id: int | None = None) -> ChoiceFit | None:
    """The fit of ``job_id`` (refused unless it is a finished choice fit), or the newest
    finished one (``None`` when there is none)."""
    import polars as pl

    from custvalue.app import jobs
    from custvalue.choice import model_from_dict

    if job_id is not None:
        job = jobs.get_job(db, job_id=job_id)
        if job.kind != "choice_fit" or job.state != "done" or not job.result:
            raise NotFoundError("choicepage.no_fit", job_id=job_id)
    else:
        done = [
            j
            for j in jobs.list_jobs(db, limit=200)
            if j.kind == "choice_fit" and j.state == "done" and j.result
        ]
        if not done:
            return None
        job = done[0]
    result = job.result or {}
    model = model_from_dict(result["model"], source=f"job {job.job_id}")
    return ChoiceFit(
        job=job,
        model=model,
        coefficients=pl.DataFrame(result["coefficients"]),
        scenario=pl.DataFrame(result["scenario"]),
        stats=dict(result["stats"]),
        file=str(result["file"]),
        scenario_file=str(result["scenario_file"]),
        options=dict(result.get("options") or {}),
    )


@dataclass(frozen=True)
class ChoiceShares(Result):
    """The scenario's shares before and after the changes, and the winners."""

    fit: ChoiceFit
    changes: tuple[str, ...]
    #: ``alternative, before_share`` (+ ``after_share, change_share`` with changes)
    table: pl.DataFrame
    winner_before: str
    winner_after: str

    def data(self) -> dict[str, Any]:
        return {
            "job_id": self.fit.job.job_id,
            "changes": list(self.changes),
            "shares": rows(self.table),
            "winner_before": self.winner_before,
            "winner_after": self.winner_after,
        }


def choice_shares(fit: ChoiceFit, *, changes: Sequence[str] = ()) -> ChoiceShares:
    """Shares of the fit's scenario (one situation: the alternatives' market shares;
    several: averaged over them) before and after ``changes`` (``ALT:ATTR=VALUE``,
    ``+=`` or ``-=``; at most ten)."""
    from custvalue.choice import Change, what_if

    if len(changes) > _MAX_CHANGES:
        raise DataValidationError(
            "choicepage.too_many_changes", count=len(changes), limit=_MAX_CHANGES
        )
    parsed = [Change.parse(c) for c in changes]
    result = what_if(fit.model, fit.scenario, parsed, source=fit.scenario_file)
    return ChoiceShares(
        fit=fit,
        changes=tuple(str(c) for c in parsed),
        table=result.table,
        winner_before=result.winner_before,
        winner_after=result.winner_after,
    )
