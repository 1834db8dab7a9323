"""The conditional logit estimator (McFadden 1974).

A decision maker in choice situation *s* picks the alternative *i* with the highest
random utility :math:`U_i = x_i'\\beta + \\varepsilon_i`; with i.i.d. type-I extreme value
errors the probability of each choice is the logit

.. math::  P_i = \\frac{e^{x_i'\\beta}}{\\sum_{j \\in s} e^{x_j'\\beta}}

(McFadden 1974, "Conditional logit analysis of qualitative choice behavior"; Train
2009, ch. 3). Only differences of utility within a situation matter, so an attribute
that never varies within a situation has no coefficient, and a constant added to every
utility changes nothing. The estimates maximise the log-likelihood
(:mod:`custvalue.choice.likelihood`, :mod:`custvalue.choice.optimize`).

Willingness to pay for one more unit of attribute *a* when attribute *p* is the price:
:math:`WTP_a = -\\beta_a / \\beta_p`, with the delta-method standard error
:math:`\\sqrt{g'\\Sigma g}`, :math:`g = (-1/\\beta_p,\\ \\beta_a/\\beta_p^2)` (Train 2009,
§3.6; Hole 2007). The own elasticity of :math:`P_i` with respect to attribute *a* of
*i* is :math:`\\beta_a x_{ia} (1 - P_i)`, the cross elasticity with respect to that of
*j* is :math:`-\\beta_a x_{ja} P_j` (Train 2009, §3.6).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import polars as pl
from scipy.stats import norm

from custvalue._validation import check_choice, check_columns, check_number
from custvalue.choice.checks import check_choices, check_levels, with_lines
from custvalue.choice.design import Design, build_design
from custvalue.choice.likelihood import Array, Blocks, log_probabilities
from custvalue.choice.optimize import METHODS, fit_logit
from custvalue.data.tables import TableRowsError
from custvalue.exceptions import DataValidationError, NotFittedError
from custvalue.i18n import t

__all__ = ["ConditionalLogit"]

_ROLE_DEFAULTS = {"situation": "situation", "alternative": "alternative", "chosen": "chosen"}


class ConditionalLogit:
    """Conditional (multinomial) logit on long-format choice data.

    Parameters
    ----------
    situation, alternative, chosen
        Column names: the choice situation id, the alternative's name (unique within a
        situation) and the chosen flag (1 for exactly one row per situation, else 0).
    attributes
        Numeric attribute columns; default every column that has no other role.
    categorical
        Categorical attribute columns, dummy-coded: a mapping column -> reference level
        (``None``: the first level in sorted order) or a sequence of columns.
    asc
        Add alternative-specific constants (one per alternative but the reference).
    asc_reference
        The alternative without a constant (default the first in sorted order).
    price
        The price attribute, for willingness to pay (must be a numeric attribute).
    weight
        Optional column of situation weights (same on every row of a situation).
    method
        ``"newton"`` (exact Hessian, default) or ``"lbfgs"`` (L-BFGS-B, exact gradient).
    penalizer
        Ridge penalty on the coefficients per within-situation standard deviation
        (default 0: plain maximum likelihood).
    max_iter, tol
        Iteration limit and Newton-decrement tolerance (relative to the total weight).

    Attributes
    ----------
    params_, standard_errors_ : dict[str, float]
    covariance_ : ndarray
    log_likelihood_, null_log_likelihood_, rho_squared_ : float
        Log-likelihood at the optimum and with all coefficients 0 (equal shares), and
        McFadden's ρ² = 1 − ℓ/ℓ₀.
    n_situations_, n_rows_, iterations_ : int
    design_ : Design

    Examples
    --------
    >>> import polars as pl
    >>> frame = pl.DataFrame({
    ...     "situation": [1, 1, 2, 2, 3, 3],
    ...     "alternative": ["a", "b"] * 3,
    ...     "chosen": [1, 0, 0, 1, 0, 1],
    ...     "price": [1.0, 2.0, 2.0, 1.0, 2.0, 3.0],
    ... })
    >>> round(ConditionalLogit(price="price").fit(frame).params_["price"], 4)
    -0.6931
    """

    def __init__(
        self,
        *,
        situation: str = "situation",
        alternative: str = "alternative",
        chosen: str = "chosen",
        attributes: Sequence[str] | None = None,
        categorical: Mapping[str, str | None] | Sequence[str] | None = None,
        asc: bool = False,
        asc_reference: str | None = None,
        price: str | None = None,
        weight: str | None = None,
        method: str = "newton",
        penalizer: float = 0.0,
        max_iter: int = 200,
        tol: float = 1e-10,
    ) -> None:
        self.situation = situation
        self.alternative = alternative
        self.chosen = chosen
        self.attributes = attributes
        self.categorical = categorical
        self.asc = asc
        self.asc_reference = asc_reference
        self.price = price
        self.weight = weight
        self.method = method
        self.penalizer = penalizer
        self.max_iter = max_iter
        self.tol = tol

    # --- fitting -------------------------------------------------------------------

    def fit(
        self,
        frame: pl.DataFrame,
        *,
        source: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> ConditionalLogit:
        """Estimate the coefficients from ``frame`` (one row per alternative).

        ``source`` names the data in messages (a file name); ``headers`` maps columns
        to the headers as written. Lines are ``frame['_line']`` when present, else the
        row number from 1.

        Raises
        ------
        TableRowsError
            Rows breaking the rules of :mod:`custvalue.choice.checks`.
        DataValidationError
            Bad options, missing columns, constant attributes, unknown reference level.
        ConvergenceError
            Collinear attributes, perfect separation, or no convergence.
        """
        self._check_options()
        frame = with_lines(frame)
        categorical = self._categorical()
        numeric = self._numeric(frame, categorical)
        roles = [self.situation, self.alternative, self.chosen]
        check_columns(
            frame,
            roles + numeric + list(categorical) + ([self.weight] if self.weight else []),
            frame_name=t("choice.what_data"),
        )
        if self.price is not None and self.price not in numeric:
            raise DataValidationError(
                "choice.bad_price", value=self.price, allowed=", ".join(numeric)
            )
        rejected = check_choices(
            frame,
            situation=self.situation,
            alternative=self.alternative,
            chosen=self.chosen,
            numeric=numeric,
            categorical=list(categorical),
            weight=self.weight,
            headers=headers,
        )
        if rejected:
            raise TableRowsError(source or t("choice.what_data"), rejected)
        design = build_design(
            frame,
            numeric=numeric,
            categorical=categorical,
            alternative=self.alternative,
            asc=self.asc,
            asc_reference=self.asc_reference,
        )
        if not design.names:
            raise DataValidationError("choice.no_attributes")
        ordered, blocks = _blocks(frame, self.situation)
        x = design.matrix(ordered, self.alternative)
        y = ordered[self.chosen].cast(pl.Float64).to_numpy()
        w = self._weights(ordered, blocks)
        result = fit_logit(
            x,
            y,
            blocks,
            w,
            design.names,
            method=self.method,
            penalizer=self.penalizer,
            max_iter=self.max_iter,
            tol=self.tol,
        )
        se = np.sqrt(np.clip(np.diag(result.covariance), 0.0, None))
        self.design_ = design
        self.params_ = dict(zip(design.names, map(float, result.beta), strict=True))
        self.standard_errors_ = dict(zip(design.names, map(float, se), strict=True))
        self.covariance_ = result.covariance
        self.log_likelihood_ = result.log_likelihood
        self.null_log_likelihood_ = -float(np.sum(w * np.log(blocks.sizes())))
        self.rho_squared_ = 1.0 - self.log_likelihood_ / self.null_log_likelihood_
        self.n_situations_ = blocks.count
        self.n_rows_ = frame.height
        self.iterations_ = result.iterations
        return self

    def _check_options(self) -> None:
        check_choice("method", self.method, METHODS)
        check_number("penalizer", self.penalizer, minimum=0)
        check_number("max_iter", self.max_iter, minimum=1, integer=True)
        check_number("tol", self.tol, above=0)

    def _categorical(self) -> dict[str, str | None]:
        if self.categorical is None:
            return {}
        if isinstance(self.categorical, Mapping):
            return dict(self.categorical)
        return dict.fromkeys(self.categorical)

    def _numeric(self, frame: pl.DataFrame, categorical: Mapping[str, str | None]) -> list[str]:
        if self.attributes is not None:
            return list(self.attributes)
        taken = {self.situation, self.alternative, self.chosen, self.weight, "_line"}
        return [c for c in frame.columns if c not in taken and c not in categorical]

    def _weights(self, ordered: pl.DataFrame, blocks: Blocks) -> Array:
        if self.weight is None:
            return np.ones(blocks.count)
        values: Array = ordered[self.weight].cast(pl.Float64).to_numpy()[blocks.starts]
        return values

    # --- prediction ----------------------------------------------------------------

    def _fitted(self) -> Design:
        if not hasattr(self, "params_"):
            raise NotFittedError("model.not_fitted", model="ConditionalLogit")
        return self.design_

    @property
    def coefficients(self) -> Array:
        """The coefficients in the order of ``design_.names``."""
        design = self._fitted()
        return np.array([self.params_[n] for n in design.names], dtype=np.float64)

    def _scenario(
        self, frame: pl.DataFrame, source: str | None, headers: Mapping[str, str] | None
    ) -> pl.DataFrame:
        design = self._fitted()
        frame = with_lines(frame)
        if self.situation not in frame.columns:
            frame = frame.with_columns(pl.lit("1").alias(self.situation))
        check_columns(
            frame,
            [self.situation, self.alternative, *design.columns],
            frame_name=t("choice.what_scenario"),
        )
        rejected = check_choices(
            frame,
            situation=self.situation,
            alternative=self.alternative,
            chosen=None,
            numeric=design.numeric,
            categorical=[c.column for c in design.categorical],
            headers=headers,
        )
        rejected += check_levels(frame, design, alternative=self.alternative, headers=headers)
        if rejected:
            raise TableRowsError(source or t("choice.what_scenario"), rejected)
        return frame

    def predict_proba(
        self,
        frame: pl.DataFrame,
        *,
        source: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> pl.DataFrame:
        """``frame`` (rows in their order) with ``utility`` and ``probability`` columns.

        Without a situation column the whole frame is one situation.
        """
        had_lines = "_line" in frame.columns
        checked = self._scenario(frame, source, headers)
        ordered, blocks = _blocks(checked, self.situation)
        utility = self.design_.matrix(ordered, self.alternative) @ self.coefficients
        probability = np.exp(log_probabilities(utility, blocks))
        out = ordered.with_columns(
            pl.Series("utility", utility), pl.Series("probability", probability)
        )
        out = out.sort("__order").drop("__order")
        return out if had_lines else out.drop("_line")

    def predict(self, frame: pl.DataFrame) -> pl.DataFrame:
        """The most probable alternative of each situation (``situation``, ``winner``,
        ``probability``)."""
        proba = self.predict_proba(frame)
        return (
            proba.sort([self.situation, "probability"], descending=[False, True])
            .group_by(self.situation, maintain_order=True)
            .first()
            .select(
                pl.col(self.situation),
                pl.col(self.alternative).alias("winner"),
                pl.col("probability"),
            )
        )

    def shares(
        self,
        frame: pl.DataFrame,
        *,
        weight: str | None = None,
        source: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> pl.DataFrame:
        """Market shares: each alternative's probability averaged over the situations
        (weighted by ``weight`` when given); ``alternative``, ``share``."""
        proba = self.predict_proba(frame, source=source, headers=headers)
        w = pl.col(weight).cast(pl.Float64) if weight else pl.lit(1.0)
        total = proba.group_by(self.situation).agg(w.first().alias("__w"))["__w"].sum()
        return (
            proba.group_by(self.alternative, maintain_order=True)
            .agg((pl.col("probability") * w).sum().alias("share"))
            .with_columns(pl.col("share") / total)
            .rename({self.alternative: "alternative"})
        )

    def elasticities(self, frame: pl.DataFrame, attribute: str | None = None) -> pl.DataFrame:
        """Own elasticity of each row's probability with respect to its own
        ``attribute`` (default the price): β·x·(1 − P)."""
        name = attribute or self.price
        design = self._fitted()
        if name is None or name not in design.numeric:
            raise DataValidationError(
                "choice.bad_price", value=name, allowed=", ".join(design.numeric)
            )
        proba = self.predict_proba(frame)
        beta = self.params_[name]
        return proba.with_columns(
            (beta * pl.col(name).cast(pl.Float64) * (1 - pl.col("probability"))).alias("elasticity")
        )

    # --- summaries -----------------------------------------------------------------

    def willingness_to_pay(self) -> pl.DataFrame:
        """−β_a/β_price per parameter (money per unit, or per level against the
        reference), with the delta-method standard error."""
        design = self._fitted()
        if self.price is None:
            raise DataValidationError("choice.no_price")
        names = list(design.names)
        p = names.index(self.price)
        beta, cov = self.coefficients, self.covariance_
        rows = []
        for a, name in enumerate(names):
            if a == p:
                continue
            g = np.zeros(len(names))
            g[a], g[p] = -1 / beta[p], beta[a] / beta[p] ** 2
            rows.append(
                {
                    "parameter": name,
                    "wtp": float(-beta[a] / beta[p]),
                    "wtp_std_error": float(np.sqrt(max(float(g @ cov @ g), 0.0))),
                }
            )
        return pl.DataFrame(
            rows, schema={"parameter": pl.String, "wtp": pl.Float64, "wtp_std_error": pl.Float64}
        )

    def summary(self) -> pl.DataFrame:
        """parameter, estimate, std_error, z_value, p_value, 95 % Wald interval, and the
        willingness to pay when a price is named."""
        design = self._fitted()
        rows = []
        for name in design.names:
            est, se = self.params_[name], self.standard_errors_[name]
            z = est / se if se > 0 else float("nan")
            rows.append(
                {
                    "parameter": name,
                    "estimate": est,
                    "std_error": se,
                    "z_value": z,
                    "p_value": float(2 * norm.sf(abs(z))),
                    "lower_95": est - 1.959964 * se,
                    "upper_95": est + 1.959964 * se,
                }
            )
        table = pl.DataFrame(rows)
        if self.price is not None:
            table = table.join(self.willingness_to_pay(), on="parameter", how="left")
        return table

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready model (see :func:`custvalue.choice.persistence.model_from_dict`)."""
        design = self._fitted()
        return {
            "model": "conditional_logit",
            "version": 1,
            "design": design.to_dict(),
            "price": self.price,
            "params": self.params_,
            "standard_errors": self.standard_errors_,
            "covariance": self.covariance_.tolist(),
            "log_likelihood": self.log_likelihood_,
            "null_log_likelihood": self.null_log_likelihood_,
            "rho_squared": self.rho_squared_,
            "situations": self.n_situations_,
            "rows": self.n_rows_,
            "method": self.method,
            "penalizer": self.penalizer,
        }


def _blocks(frame: pl.DataFrame, situation: str) -> tuple[pl.DataFrame, Blocks]:
    """Rows sorted by situation (in order of first appearance) and their blocks."""
    codes = (
        frame.select(pl.col(situation).cast(pl.String).rank("dense").alias("r"))["r"]
        if frame.height
        else pl.Series("r", [], dtype=pl.UInt32)
    )
    first = frame.with_columns(codes.alias("__code")).with_row_index("__order")
    appearance = (
        first.group_by("__code").agg(pl.col("__order").min().alias("__first")).sort("__first")
    )
    ranked = appearance.with_row_index("__block").select("__code", "__block")
    ordered = first.join(ranked, on="__code").sort(["__block", "__order"])
    block_codes = ordered["__block"].cast(pl.Int64).to_numpy().astype(np.intp)
    return ordered.drop("__code", "__block"), Blocks.from_codes(block_codes)
