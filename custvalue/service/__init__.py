"""The complaint centre's time and workflow rules (docs/keeping.md §2), with no store:
the working calendar (:mod:`~custvalue.service.calendar`), SLA policies and clocks
(:mod:`~custvalue.service.sla`), the complaint workflow and numbers
(:mod:`~custvalue.service.workflow`) and the SLA and root-cause reports
(:mod:`~custvalue.service.report`)."""

from __future__ import annotations

from custvalue.service.calendar import DEFAULT_HOURS, WEEKDAYS, WorkingCalendar
from custvalue.service.report import (
    BY,
    PERIODS,
    overdue,
    root_causes,
    sla_report,
    sla_states,
    with_deadlines,
)
from custvalue.service.sla import (
    SEVERITIES,
    SEVERITY_SYNONYMS,
    SLA_STATES,
    UNITS,
    Deadlines,
    SlaPolicies,
    SlaPolicy,
    SlaState,
    Target,
    deadlines,
    parse_severity,
    severity_label,
    sla_state,
    state_label,
)
from custvalue.service.workflow import (
    DEFAULT_STATUSES,
    Move,
    Status,
    Workflow,
    complaint_number,
    parse_complaint_number,
)

__all__ = [
    "BY",
    "DEFAULT_HOURS",
    "DEFAULT_STATUSES",
    "PERIODS",
    "SEVERITIES",
    "SEVERITY_SYNONYMS",
    "SLA_STATES",
    "UNITS",
    "WEEKDAYS",
    "Deadlines",
    "Move",
    "SlaPolicies",
    "SlaPolicy",
    "SlaState",
    "Status",
    "Target",
    "WorkingCalendar",
    "Workflow",
    "complaint_number",
    "deadlines",
    "overdue",
    "parse_complaint_number",
    "parse_severity",
    "root_causes",
    "severity_label",
    "sla_report",
    "sla_state",
    "sla_states",
    "state_label",
    "with_deadlines",
]
