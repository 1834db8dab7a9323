"""Why customers choose: the deterministic rule and the conditional logit (SPEC §2.1).

- :func:`deterministic_choice` — the alternative with the highest delivered value (or
  utility) wins; V1:V2 ratio (Kotler).
- :class:`ConditionalLogit` — McFadden's (1974) conditional logit on long-format
  choices: weights of numeric and categorical attributes (and alternative-specific
  constants) by maximum likelihood with the exact gradient and Hessian; standard
  errors, z and p values; predicted choice probabilities and market shares for any
  scenario; willingness to pay −β_a/β_price with delta-method standard errors;
  elasticities.
- :func:`what_if` — change one condition of one alternative (``ALT:ATTR=VALUE``) and
  compare the shares before and after.
- :func:`read_choices` / :func:`read_scenario` — files with Chinese or English headers;
  :func:`save_model` / :func:`load_model` — the fitted model as validated JSON.
- :mod:`custvalue.choice.tv` — the SPEC's television shop as a worked example.

See docs/choice.md for the formulas, references, input format and defaults.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from custvalue.choice.design import Categorical, Design
    from custvalue.choice.files import ChoiceTable, read_choices, read_scenario
    from custvalue.choice.logit import ConditionalLogit
    from custvalue.choice.persistence import load_model, model_from_dict, save_model
    from custvalue.choice.rule import deterministic_choice
    from custvalue.choice.scenario import Change, WhatIf, apply_changes, what_if
    from custvalue.choice.simulate import simulate_choices

# Submodules are imported on first use (``custvalue.choice.X``), so that importing
# one light part of the package does not import the heavy ones (scipy).
_LAZY = {
    "Categorical": "custvalue.choice.design",
    "Design": "custvalue.choice.design",
    "ChoiceTable": "custvalue.choice.files",
    "read_choices": "custvalue.choice.files",
    "read_scenario": "custvalue.choice.files",
    "ConditionalLogit": "custvalue.choice.logit",
    "load_model": "custvalue.choice.persistence",
    "model_from_dict": "custvalue.choice.persistence",
    "save_model": "custvalue.choice.persistence",
    "deterministic_choice": "custvalue.choice.rule",
    "Change": "custvalue.choice.scenario",
    "WhatIf": "custvalue.choice.scenario",
    "apply_changes": "custvalue.choice.scenario",
    "what_if": "custvalue.choice.scenario",
    "simulate_choices": "custvalue.choice.simulate",
}

__all__ = [
    "Categorical",
    "Change",
    "ChoiceTable",
    "ConditionalLogit",
    "Design",
    "WhatIf",
    "apply_changes",
    "deterministic_choice",
    "load_model",
    "model_from_dict",
    "read_choices",
    "read_scenario",
    "save_model",
    "simulate_choices",
    "what_if",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
