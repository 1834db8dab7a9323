"""The complaint workflow: statuses, the moves allowed between them, and complaint
numbers (docs/keeping.md §2; CONVENTIONS §6: 受理 → 调查 → 处理 → 反馈 → 回访).

Rules
-----
* **Statuses** in order (default): ``received`` 受理 → ``investigating`` 调查 →
  ``resolving`` 处理 → ``replied`` 反馈 → ``callback`` 回访 → ``closed`` 结案. The last
  status is the closing one.
* **Milestones.** The response target is reached on entering ``responded`` or any
  later status (default ``investigating``: the first move out of ``received``); the
  resolution target on entering ``resolved`` or later (default ``replied``). Only the
  first time counts: a reopen does not reset either clock (the store keeps the first
  reached time).
* **Moves.** Forward to any later status (skipping is allowed: a complaint solved on
  the phone goes from ``received`` to ``replied``). Back only as a **reopen**: from a
  status in ``reopen_from`` (default ``replied``, ``callback``, ``closed``) to
  ``reopen_to`` (default ``resolving``), with a reason. Staying put is not a move.
* **Closing** (a move into the last status) needs the call-back's result: a
  satisfaction score 1–5 or ``unreachable=True`` (the customer could not be reached),
  not both (``close_needs_callback=False`` lifts the rule).
* **Complaint numbers**: ``TS`` + the local day of creation + ``-`` + the day's sequence
  in four digits (:func:`complaint_number`: ``TS20261204-0001``); unique when the
  sequence is unique per day (1–9999), and they sort in creation order.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from custvalue._validation import check_number
from custvalue.exceptions import DataValidationError
from custvalue.service._times import naive

__all__ = [
    "DEFAULT_STATUSES",
    "Move",
    "Status",
    "Workflow",
    "complaint_number",
    "parse_complaint_number",
]

_CODE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_PREFIX = re.compile(r"^[A-Z]{1,6}$")
_NUMBER = re.compile(r"^([A-Z]{1,6})(\d{8})-(\d{4})$")
MoveKind = Literal["forward", "close", "reopen"]


@dataclass(frozen=True)
class Status:
    """A status: its ``code`` and, for a status of one's own, labels in both languages
    (the default statuses take theirs from the catalogs, ``service.status_<code>``)."""

    code: str
    en: str | None = None
    zh: str | None = None

    def label(self, lang: str | None = None) -> str:
        from custvalue.i18n import get_lang, has_key, t

        own = self.zh if get_lang(lang) == "zh" else self.en
        if own:
            return own
        key = f"service.status_{self.code}"
        return t(key, lang) if has_key(key) else self.code


DEFAULT_STATUSES: tuple[Status, ...] = tuple(
    Status(code)
    for code in ("received", "investigating", "resolving", "replied", "callback", "closed")
)


@dataclass(frozen=True)
class Move:
    """A checked move: ``kind`` is ``forward``, ``close`` or ``reopen``; ``reaches`` the
    milestones the target status stands at or after (``"response"``, ``"resolution"``)."""

    current: str
    target: str
    kind: MoveKind
    reaches: tuple[str, ...]
    reason: str | None = None
    satisfaction: int | None = None
    unreachable: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "current": self.current,
            "target": self.target,
            "kind": self.kind,
            "reaches": list(self.reaches),
            "reason": self.reason,
            "satisfaction": self.satisfaction,
            "unreachable": self.unreachable,
        }


@dataclass(frozen=True)
class Workflow:
    """The statuses, milestones and moves of the complaint flow (rules in the module
    docstring). ``reopen_from`` empty means every status at or after ``resolved``;
    ``reopen_to=None`` allows no reopening.

    Raises ``service.workflow_too_short`` (fewer than 2 statuses),
    ``service.workflow_bad_status`` (a code not ``[a-z][a-z0-9_]*`` or repeated),
    ``service.workflow_unknown_status`` (a milestone naming no status) and
    ``service.workflow_order`` (resolution before response, or a reopen that goes
    forward)."""

    statuses: tuple[Status, ...] = DEFAULT_STATUSES
    responded: str = "investigating"
    resolved: str = "replied"
    reopen_to: str | None = "resolving"
    reopen_from: tuple[str, ...] = ()
    close_needs_callback: bool = True

    def __post_init__(self) -> None:
        statuses = tuple(Status(s) if isinstance(s, str) else s for s in self.statuses)
        if len(statuses) < 2:
            raise DataValidationError("service.workflow_too_short", count=len(statuses))
        codes = [s.code for s in statuses]
        for code in codes:
            if not isinstance(code, str) or not _CODE.match(code) or codes.count(code) > 1:
                raise DataValidationError("service.workflow_bad_status", value=repr(code))
        object.__setattr__(self, "statuses", statuses)
        named = [("responded", self.responded), ("resolved", self.resolved)]
        if self.reopen_to is not None:
            named += [("reopen_to", self.reopen_to)]
            named += [("reopen_from", c) for c in self.reopen_from]
        for name, code in named:
            if code not in codes:
                raise DataValidationError(
                    "service.workflow_unknown_status",
                    name=name,
                    value=repr(code),
                    allowed=", ".join(codes),
                )
        reopen_from = tuple(self.reopen_from) or tuple(codes[codes.index(self.resolved) :])
        if self.reopen_to is None:
            reopen_from = ()
        object.__setattr__(self, "reopen_from", reopen_from)
        if codes.index(self.resolved) < codes.index(self.responded):
            raise DataValidationError(
                "service.workflow_order",
                first=f"responded = {self.responded}",
                second=f"resolved = {self.resolved}",
            )
        back = codes.index(self.reopen_to) if self.reopen_to is not None else -1
        late = [c for c in reopen_from if codes.index(c) <= back]
        if late:
            raise DataValidationError(
                "service.workflow_order",
                first=f"reopen_to = {self.reopen_to}",
                second=f"reopen_from = {late[0]}",
            )

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], *, source: str = "workflow") -> Workflow:
        """A workflow from the ``[workflow]`` table of a settings file: ``statuses`` (codes,
        or tables ``{code, en, zh}``), ``responded``, ``resolved``, ``reopen_to``,
        ``reopen_from``, ``close_needs_callback``; keys left out keep the defaults."""
        allowed = (
            "statuses",
            "responded",
            "resolved",
            "reopen_to",
            "reopen_from",
            "close_needs_callback",
        )
        unknown = [k for k in data if k not in allowed]
        if unknown:
            raise DataValidationError(
                "service.workflow_bad_key",
                source=source,
                key=unknown[0],
                allowed=", ".join(allowed),
            )
        options: dict[str, Any] = {k: data[k] for k in allowed[1:] if k in data}
        if "reopen_from" in options:
            options["reopen_from"] = tuple(options["reopen_from"])
        if "statuses" in data:
            items = []
            for item in data["statuses"]:
                if isinstance(item, Mapping):
                    items.append(Status(item.get("code", ""), item.get("en"), item.get("zh")))
                else:
                    items.append(Status(item))
            options["statuses"] = tuple(items)
        return cls(**options)

    @property
    def codes(self) -> tuple[str, ...]:
        """The status codes in order."""
        return tuple(s.code for s in self.statuses)

    @property
    def first(self) -> str:
        """The status a new complaint gets."""
        return self.codes[0]

    @property
    def final(self) -> str:
        """The closing status (the last one)."""
        return self.codes[-1]

    def label(self, code: str, lang: str | None = None) -> str:
        """The label of status ``code`` in ``lang``."""
        return self.statuses[self._index(code, "status")].label(lang)

    def reaches(self, status: str) -> tuple[str, ...]:
        """The milestones ``status`` stands at or after: ``("response", "resolution")``,
        ``("response",)`` or ``()``."""
        i = self._index(status, "status")
        out = []
        if i >= self._index(self.responded, "responded"):
            out.append("response")
        if i >= self._index(self.resolved, "resolved"):
            out.append("resolution")
        return tuple(out)

    def allowed_moves(self, current: str) -> tuple[str, ...]:
        """The statuses ``current`` may move to."""
        i = self._index(current, "current")
        out = list(self.codes[i + 1 :])
        if current in self.reopen_from and self.reopen_to is not None:
            out.insert(0, self.reopen_to)
        return tuple(out)

    def check_move(
        self,
        current: str,
        target: str,
        *,
        reason: str | None = None,
        satisfaction: int | None = None,
        unreachable: bool = False,
    ) -> Move:
        """The move from ``current`` to ``target`` if the rules allow it, else an error:
        ``service.unknown_status``, ``service.bad_move`` (naming the allowed targets),
        ``service.reopen_needs_reason``, ``service.close_needs_callback``,
        ``service.callback_conflict`` (a score and "unreachable" both);
        ``validation.*`` for a score that is not a whole number 1–5."""
        i = self._index(current, "current")
        j = self._index(target, "target")
        score = None
        if satisfaction is not None:
            score = int(
                check_number("satisfaction", satisfaction, minimum=1, maximum=5, integer=True)
            )
        if score is not None and unreachable:
            raise DataValidationError("service.callback_conflict", satisfaction=score)
        note = reason.strip() if isinstance(reason, str) and reason.strip() else None
        if j < i and current in self.reopen_from and target == self.reopen_to:
            if note is None:
                raise DataValidationError(
                    "service.reopen_needs_reason", current=current, target=target
                )
            kind: MoveKind = "reopen"
        elif j > i:
            kind = "close" if target == self.final else "forward"
            if kind == "close" and self.close_needs_callback and score is None and not unreachable:
                raise DataValidationError("service.close_needs_callback", target=target)
        else:
            allowed = self.allowed_moves(current)
            raise DataValidationError(
                "service.bad_move",
                current=current,
                target=target,
                allowed=", ".join(allowed) if allowed else "—",
            )
        return Move(current, target, kind, self.reaches(target), note, score, bool(unreachable))

    def _index(self, code: str, name: str) -> int:
        codes = self.codes
        if code not in codes:
            raise DataValidationError(
                "service.unknown_status", name=name, value=repr(code), allowed=", ".join(codes)
            )
        return codes.index(code)


def complaint_number(created_at: datetime, sequence: int, *, prefix: str = "TS") -> str:
    """The complaint number: ``prefix`` (1–6 capital letters, default ``TS`` for 投诉) +
    the local day of ``created_at`` as ``YYYYMMDD`` + ``-`` + ``sequence`` (1–9999, the
    complaint's rank that day) in four digits.

    >>> from datetime import datetime
    >>> complaint_number(datetime(2026, 12, 4, 9, 30), 1)
    'TS20261204-0001'
    """
    created = naive("created_at", created_at)
    number = int(check_number("sequence", sequence, minimum=1, maximum=9999, integer=True))
    if not isinstance(prefix, str) or not _PREFIX.match(prefix):
        raise DataValidationError("service.bad_number_prefix", value=repr(prefix))
    return f"{prefix}{created:%Y%m%d}-{number:04d}"


def parse_complaint_number(text: str) -> tuple[str, date, int]:
    """``(prefix, day, sequence)`` of a number written by :func:`complaint_number`;
    ``service.bad_complaint_number`` for anything else.

    >>> parse_complaint_number("TS20261204-0001")
    ('TS', datetime.date(2026, 12, 4), 1)
    """
    match = _NUMBER.match(text.strip()) if isinstance(text, str) else None
    day: date | None = None
    if match:
        try:
            day = datetime.strptime(match.group(2), "%Y%m%d").date()
        except ValueError:
            day = None
    if match is None or day is None or int(match.group(3)) == 0:
        raise DataValidationError("service.bad_complaint_number", value=repr(text))
    return match.group(1), day, int(match.group(3))
