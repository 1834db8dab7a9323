"""What every fitted model shares: fitted attributes, the parameter table, JSON."""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
import polars as pl

from custvalue.clv.fitting import FitResult, check_penalizer
from custvalue.exceptions import NotFittedError

__all__ = ["FittedModel"]


class FittedModel:
    """Base of the estimators: ``fit`` sets ``params_``, ``standard_errors_``,
    ``log_likelihood_``, ``n_customers_`` and ``result_`` through :meth:`_store`."""

    name: ClassVar[str] = ""
    param_names: ClassVar[tuple[str, ...]] = ()

    def __init__(self, *, penalizer: float = 0.0) -> None:
        self.penalizer = penalizer

    def _penalizer(self) -> float:
        """The penalizer, checked when a fit starts (before the data)."""
        return check_penalizer(self.penalizer)

    def _store(self, result: FitResult, n_customers: int) -> None:
        self.result_ = result
        self.params_ = dict(zip(self.param_names, map(float, result.params), strict=True))
        self.standard_errors_ = dict(
            zip(self.param_names, map(float, result.standard_errors), strict=True)
        )
        self.log_likelihood_ = result.log_likelihood
        self.n_customers_ = n_customers

    def _p(self) -> tuple[float, ...]:
        """The fitted parameters in ``param_names`` order (refuses an unfitted model)."""
        if not hasattr(self, "params_"):
            raise NotFittedError("model.not_fitted", model=self.name)
        return tuple(self.params_[n] for n in self.param_names)

    def _extra(self) -> dict[str, Any]:
        """Model-specific facts for :meth:`to_dict`."""
        return {}

    def summary(self) -> pl.DataFrame:
        """parameter, estimate, standard error, 95 % interval (Wald, on the log scale)."""
        self._p()
        rows = []
        for n in self.param_names:
            est, se = self.params_[n], self.standard_errors_[n]
            spread = 1.96 * se / est if est > 0 and np.isfinite(se) else float("nan")
            rows.append(
                {
                    "parameter": n,
                    "estimate": est,
                    "std_error": se,
                    "lower_95": est * float(np.exp(-spread)),
                    "upper_95": est * float(np.exp(spread)),
                }
            )
        return pl.DataFrame(rows)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: model, parameters, standard errors, log-likelihood, sizes."""
        self._p()
        return {
            "model": self.name,
            "params": self.params_,
            "standard_errors": self.standard_errors_,
            "log_likelihood": self.log_likelihood_,
            "customers": self.n_customers_,
            **self._extra(),
            "penalizer": self.penalizer,
        }
