"""The survey, deal and offerings tables as the value-to-the-customer analyses name them.

Their specs live in the data layer (:mod:`custvalue.data.kinds.survey`) and are read by
its one pipeline (:mod:`custvalue.data.surveys`); the names stay importable from here.
"""

from __future__ import annotations

from custvalue.data.kinds.survey import (
    CONTENT,
    KEYS,
    KINDS,
    SPECS,
    WEIGHT_TOLERANCE,
    SurveyKind,
)
from custvalue.data.surveys import (
    CheckedTable,
    check_table,
    read_survey_frame,
    read_survey_table,
)

__all__ = [
    "CONTENT",
    "KEYS",
    "KINDS",
    "SPECS",
    "WEIGHT_TOLERANCE",
    "CheckedTable",
    "SurveyKind",
    "check_table",
    "read_survey_frame",
    "read_survey_table",
]
