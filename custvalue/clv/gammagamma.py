"""Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV"; Colombo & Jiang 1999).

A customer's transaction values are Gamma(p, ν) with ν ~ Gamma(q, γ) across customers.
For a customer with x repeat transactions of mean z̄ the log-likelihood is::

    ℓ = lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q ln γ + (px−1) ln z̄ + px ln x − (px+q) ln(γ + x z̄)

and the expected spend per transaction is ``E(Z | z̄, x) = p (γ + x z̄) / (px + q − 1)``,
a weighted mean of the population mean ``pγ / (q − 1)`` and z̄. Customers with x = 0
or z̄ = 0 carry no spend information and are left out of the fit (counted in
``n_excluded_``); a frequency that is not a whole number ≥ 0, or a mean spend that is
not a finite amount ≥ 0, is refused (a missing mean spend is 0 when x = 0). The model
assumes spend is independent of purchase frequency; ``frequency_spend_correlation_``
reports the Pearson correlation to check it.

Amounts are divided by the fitted customers' mean z̄ for the fit and γ is multiplied
back: p and q, the bounds that refuse a degenerate fit and the penalty do not depend
on the currency (yuan or fen, or tonnes sold by the million).
"""

from __future__ import annotations

from typing import Any, ClassVar, Self

import numpy as np
import polars as pl
from scipy.special import digamma, gammaln

from custvalue._validation import check_columns
from custvalue.clv.base import broadcast, finite, numbers
from custvalue.clv.estimator import FittedModel
from custvalue.clv.fitting import Array, Compressed, compress, maximize
from custvalue.exceptions import DataValidationError

__all__ = ["GammaGammaModel", "check_spend"]


def check_spend(x: Array, z: Array) -> Array:
    """Validate (x, z̄): x a whole number ≥ 0, z̄ a finite amount ≥ 0 (NaN — a missing
    value — allowed only where x = 0, read as 0). Returns z̄ with those set to 0."""
    with np.errstate(invalid="ignore"):
        bad_x = ~np.isfinite(x) | (x < 0) | (x != np.round(x))
        missing = np.isnan(z) & (x == 0)
        bad_z = ~missing & (~np.isfinite(z) | (z < 0))
    for mask, code, values in ((bad_x, "clv.bad_frequency", x), (bad_z, "clv.bad_monetary", z)):
        if mask.any():
            i = int(np.argmax(mask))
            raise DataValidationError(
                code,
                index=i,
                count=int(mask.sum()),
                x=float(values.flat[i]),
                value=float(z.flat[i]),
            )
    return np.where(missing, 0.0, z)


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
        penalizer = self._penalizer()
        check_columns(summary, [frequency, monetary_value], frame_name="summary")
        x, z = numbers(summary, frequency), numbers(summary, monetary_value)
        z = check_spend(x, z)
        keep = (x > 0) & (z > 0)
        if int(keep.sum()) < 3:
            raise DataValidationError("clv.too_few_repeaters", count=int(keep.sum()))
        data = compress(pl.DataFrame({"x": x[keep], "z": z[keep]}), ["x", "z"])
        # the mean spend, from the sorted unique rows (the same in any row order) and
        # without overflow
        spend, w = data.columns["z"], data.weights
        largest = float(spend.max())
        unit = largest * (float(w @ (spend / largest)) / float(w.sum()))
        data = Compressed({"x": data.columns["x"], "z": spend / unit}, w, data.n)
        result = maximize(
            self._loglik,
            data,
            np.array([1.0, 2.0, 1.0]),
            self.param_names,
            model=self.name,
            penalizer=penalizer,
            scale=np.array([1.0, 1.0, unit]),
            ll_offset=-data.n * float(np.log(unit)),
        )
        self._store(result, int(data.n))
        self.n_excluded_ = summary.height - int(data.n)
        with np.errstate(all="ignore"):
            varies = np.ptp(x[keep]) > 0 and np.ptp(z[keep]) > 0
            corr = float(np.corrcoef(x[keep], z[keep])[0, 1]) if varies else float("nan")
        self.frequency_spend_correlation_ = corr
        return self

    def conditional_expected_spend(self, frequency: Any, monetary_value: Any) -> Array:
        """E(Z | z̄, x): expected value of a future transaction, the weighted mean
        ``(1 − w) · pγ/(q − 1) + w · z̄`` with ``w = px / (px + q − 1)`` (the population
        mean when x = 0, whatever z̄). Refuses what :func:`check_spend` refuses."""
        p, q, g = self._p()
        x, z = broadcast(frequency=frequency, monetary_value=monetary_value)
        z = check_spend(x, z)
        if q <= 1:
            raise DataValidationError("clv.gg_infinite_mean", q=q)
        with np.errstate(all="ignore"):  # p x may overflow for absurd counts: weight 1
            weight = np.where(x > 0, 1 / (1 + (q - 1) / (p * x)), 0.0)
            return finite((1 - weight) * (p * g / (q - 1)) + weight * z)

    def _extra(self) -> dict[str, Any]:
        return {
            "excluded": self.n_excluded_,
            "frequency_spend_correlation": self.frequency_spend_correlation_,
        }
