"""Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV"; Colombo & Jiang 1999).

A customer's transaction values are Gamma(p, ν) with ν ~ Gamma(q, γ) across customers.
For a customer with x repeat transactions of mean z̄ the log-likelihood is::

    ℓ = lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q ln γ + (px−1) ln z̄ + px ln x − (px+q) ln(γ + x z̄)

and the expected spend per transaction is ``E(Z | z̄, x) = p (γ + x z̄) / (px + q − 1)``,
a weighted mean of the population mean ``pγ / (q − 1)`` and z̄. Customers with x = 0
or z̄ ≤ 0 carry no spend information and are left out of the fit (counted in
``n_excluded_``). The model assumes spend is independent of purchase frequency;
``frequency_spend_correlation_`` reports the Pearson correlation to check it.
"""

from __future__ import annotations

from typing import Any, ClassVar, Self

import numpy as np
import polars as pl
from scipy.special import digamma, gammaln

from custvalue._validation import check_columns
from custvalue.clv.estimator import FittedModel
from custvalue.clv.fitting import Array, compress, maximize
from custvalue.exceptions import DataValidationError

__all__ = ["GammaGammaModel"]


class GammaGammaModel(FittedModel):
    """Gamma-Gamma spend model. Fitted: ``params_`` p, q, gamma."""

    name: ClassVar[str] = "gg"
    param_names: ClassVar[tuple[str, ...]] = ("p", "q", "gamma")

    @staticmethod
    def _loglik(theta: Array, cols: dict[str, Array]) -> tuple[Array, Array]:
        p, q, g = theta
        x, z = cols["x"], cols["z"]
        px = p * x
        total = g + x * z
        ll = (
            gammaln(px + q)
            - gammaln(px)
            - gammaln(q)
            + q * np.log(g)
            + (px - 1) * np.log(z)
            + px * np.log(x)
            - (px + q) * np.log(total)
        )
        d_p = x * (digamma(px + q) - digamma(px) + np.log(z) + np.log(x) - np.log(total))
        d_q = digamma(px + q) - digamma(q) + np.log(g) - np.log(total)
        d_g = q / g - (px + q) / total
        return ll, np.stack([d_p, d_q, d_g], axis=1)

    def fit(
        self,
        summary: pl.DataFrame,
        *,
        frequency: str = "frequency",
        monetary_value: str = "monetary_value",
    ) -> Self:
        """Fit on customers with frequency > 0 and monetary_value > 0."""
        check_columns(summary, [frequency, monetary_value], frame_name="summary")
        x = summary[frequency].cast(pl.Float64)
        z = summary[monetary_value].cast(pl.Float64)
        if x.is_null().any() or z.is_null().any() or not np.isfinite(z.to_numpy()).all():
            raise DataValidationError("clv.not_finite", index=0, count=1, x=0, t_x=0, T=0)
        keep = (x > 0) & (z > 0)
        frame = pl.DataFrame({"x": x.filter(keep), "z": z.filter(keep)})
        if frame.height < 3:
            raise DataValidationError("clv.too_few_repeaters", count=frame.height)
        data = compress(frame, ["x", "z"])
        mean = float(np.mean(frame["z"].to_numpy()))
        start = np.array([1.0, 2.0, mean])
        result = maximize(
            self._loglik, data, start, self.param_names, model=self.name, penalizer=self.penalizer
        )
        self._store(result, frame.height)
        self.n_excluded_ = summary.height - frame.height
        corr = (
            pl.DataFrame({"x": x.filter(keep), "z": z.filter(keep)})
            .select(pl.corr("x", "z"))
            .item()
        )
        self.frequency_spend_correlation_ = float(corr) if corr is not None else float("nan")
        return self

    def conditional_expected_spend(self, frequency: Any, monetary_value: Any) -> Array:
        """E(Z | z̄, x): expected value of a future transaction (population mean when x = 0)."""
        p, q, g = self._p()
        x = np.asarray(frequency, dtype=np.float64)
        z = np.nan_to_num(np.asarray(monetary_value, dtype=np.float64))
        if np.any(x < 0):
            raise DataValidationError(
                "clv.bad_frequency",
                index=int(np.argmax(x < 0)),
                count=int((x < 0).sum()),
                x=float(x.min()),
                t_x=0,
                T=0,
            )
        if q <= 1:
            raise DataValidationError("clv.gg_infinite_mean", q=q)
        z = np.where(x > 0, np.maximum(z, 0), 0.0)
        return np.asarray(p * (g + x * z) / (p * x + q - 1))

    def _extra(self) -> dict[str, Any]:
        return {
            "excluded": self.n_excluded_,
            "frequency_spend_correlation": self.frequency_spend_correlation_,
        }
