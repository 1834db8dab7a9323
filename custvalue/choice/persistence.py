"""Saving a fitted :class:`ConditionalLogit` as JSON and loading it back, validated.

The file holds the design (numeric and categorical attributes, levels, references,
constants), the coefficients, their covariance and the fit statistics. Loading checks
every part (types, names matching the design, a square symmetric covariance of the
right size, finite numbers) and refuses a bad file with one clear message naming it
and the problem, never a traceback.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any

import numpy as np

from custvalue.choice.design import Design
from custvalue.choice.logit import ConditionalLogit
from custvalue.exceptions import DataValidationError, ImportFileError
from custvalue.output import write_atomic

__all__ = ["load_model", "model_from_dict", "save_model"]


def save_model(model: ConditionalLogit, path: str | os.PathLike[str]) -> None:
    """Write ``model`` (fitted) to ``path`` as UTF-8 JSON, whole or not at all (a
    folder or a path that cannot be written is refused, see
    :func:`custvalue.output.write_atomic`)."""
    text = json.dumps(model.to_dict(), ensure_ascii=False, indent=2)
    write_atomic(path, (text + "\n").encode("utf-8"))


def load_model(path: str | os.PathLike[str]) -> ConditionalLogit:
    """Read a model saved by :func:`save_model`.

    Raises
    ------
    ImportFileError
        The file is missing or not JSON.
    DataValidationError
        The JSON is not a valid conditional logit model (``choice.model_*``).
    """
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ImportFileError("import.file_missing", file=name, cwd=os.getcwd()) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ImportFileError("import.unreadable", file=name, detail=str(error)) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise DataValidationError(
            "choice.model_not_json", file=name, detail=error.msg, line=error.lineno
        ) from None
    return model_from_dict(data, source=name)


def model_from_dict(data: Any, *, source: str = "model") -> ConditionalLogit:
    """Rebuild a fitted model from :meth:`ConditionalLogit.to_dict` output (validated)."""

    def bad(code: str, **params: Any) -> DataValidationError:
        return DataValidationError(code, file=source, **params)

    if not isinstance(data, dict):
        raise bad("choice.model_not_object")
    if data.get("model") != "conditional_logit":
        raise bad("choice.model_wrong_kind", value=str(data.get("model")))
    required = ("design", "params", "standard_errors", "covariance", "log_likelihood")
    missing = [k for k in required if k not in data]
    if missing:
        raise bad("choice.model_missing", keys=", ".join(missing))
    try:
        design = Design.from_dict(data["design"])
    except (KeyError, TypeError, ValueError) as error:
        raise bad("choice.model_design", detail=str(error)) from None
    names = design.names
    params = _numbers(data["params"], names, "params", bad)
    errors = _numbers(data["standard_errors"], names, "standard_errors", bad)
    cov = np.asarray(data["covariance"], dtype=object)
    if cov.shape != (len(names), len(names)):
        raise bad("choice.model_covariance", size=len(names))
    try:
        covariance = cov.astype(np.float64)
        if not np.all(np.isfinite(covariance) | np.isnan(covariance)):
            raise ValueError
    except (TypeError, ValueError):
        raise bad("choice.model_covariance", size=len(names)) from None
    price = data.get("price")
    if price is not None and price not in design.numeric:
        raise bad("choice.model_price", value=str(price), allowed=", ".join(design.numeric))
    stats = {}
    for key in ("log_likelihood", "null_log_likelihood", "rho_squared"):
        value = data.get(key, float("nan"))
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise bad("choice.model_not_number", key=key, value=repr(value))
        stats[key] = float(value)
    model = ConditionalLogit(
        attributes=list(design.numeric),
        categorical={c.column: c.reference for c in design.categorical},
        asc=design.asc is not None,
        asc_reference=None if design.asc is None else design.asc.reference,
        price=price,
    )
    model.design_ = design
    model.params_ = params
    model.standard_errors_ = errors
    model.covariance_ = covariance
    model.log_likelihood_ = stats["log_likelihood"]
    model.null_log_likelihood_ = stats["null_log_likelihood"]
    model.rho_squared_ = stats["rho_squared"]
    model.n_situations_ = _count(data.get("situations", 0), "situations", bad)
    model.n_rows_ = _count(data.get("rows", 0), "rows", bad)
    model.iterations_ = 0
    return model


def _numbers(value: Any, names: tuple[str, ...], key: str, bad: Any) -> dict[str, float]:
    if not isinstance(value, dict):
        raise bad("choice.model_names", key=key, found="—", expected=", ".join(names))
    if set(value) != set(names):
        raise bad(
            "choice.model_names",
            key=key,
            found=", ".join(map(str, value)),
            expected=", ".join(names),
        )
    out = {}
    for name in names:
        v = value[name]
        if not isinstance(v, (int, float)) or isinstance(v, bool) or not math.isfinite(v):
            if key == "standard_errors" and isinstance(v, float):
                out[name] = v
                continue
            raise bad("choice.model_not_number", key=f"{key}.{name}", value=repr(v))
        out[name] = float(v)
    return out


def _count(value: Any, key: str, bad: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise bad("choice.model_not_number", key=key, value=repr(value))
    return value
