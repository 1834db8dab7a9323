"""The library-level refusal helper: the error a call raises, written in both languages."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from custvalue.exceptions import CustValueError, DataValidationError


def refusal(
    call: Callable[[], object], error: type[CustValueError] = DataValidationError
) -> CustValueError:
    """The error ``call`` raises; its message is written in both languages (no template
    left unfilled, Chinese distinct from English)."""
    with pytest.raises(error) as info:
        call()
    assert "{" not in info.value.message("en") and "{" not in info.value.message("zh")
    assert info.value.message("zh") != info.value.message("en")
    return info.value
