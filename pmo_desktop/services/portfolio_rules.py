"""A portfolio's RAG rules and risk score rule as data (issue 9 §7, issue 6 "score rule").

The thresholds are the fields of `services.dashboard.RagThresholds`; the dashboard, the
board pack and the compliance checks read them through `dashboard.portfolio_thresholds`.
The score rule turns a risk's probability and four impacts into its score; changing it
recomputes every risk of the portfolio in the same undoable step. A portfolio without a
rules row uses the defaults: today's thresholds and probability × worst impact.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import Connection, bindparam, select, update
from sqlalchemy.orm import Session

from pmo_desktop.errors import ConflictError, NotFoundError, ValidationError
from pmo_desktop.models import Entity, Portfolio, PortfolioRules, Risk, ScoreRule
from pmo_desktop.models.base import utcnow
from pmo_desktop.services.commands import Command, own_version, record_version
from pmo_desktop.services.dashboard import RagThresholds, portfolio_thresholds
from pmo_desktop.storage.database import Database

#: The four impact dimensions, in the order of `RiskScoreRule.score`'s `impacts`.
DIMENSIONS = ("schedule", "cost", "scope", "quality")
DEFAULT_WEIGHTS: Mapping[str, float] = {name: 1.0 for name in DIMENSIONS}
_CACHE_KEY = "pmo.score_rules"


@dataclass(frozen=True)
class RiskScoreRule:
    """Probability × an impact made of the four ratings: the worst, the mean or a weighted
    mean (rounded half up, so the score stays on the 1–25 grid of the heat map)."""

    kind: ScoreRule = ScoreRule.MAX
    weights: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))

    def impact(self, impacts: tuple[int, int, int, int]) -> int:
        if self.kind is ScoreRule.MAX:
            return max(impacts)
        if self.kind is ScoreRule.MEAN:
            weights = [1.0] * len(impacts)
        else:
            weights = [float(self.weights.get(name, 0.0)) for name in DIMENSIONS]
        total = sum(weights)
        if total <= 0:
            return max(impacts)
        mean = Decimal(sum(w * i for w, i in zip(weights, impacts, strict=True)) / total)
        return min(5, max(1, int(mean.quantize(Decimal(1), rounding=ROUND_HALF_UP))))

    def score(self, probability: int, impacts: tuple[int, int, int, int]) -> int:
        return probability * self.impact(impacts)

    def validate(self) -> None:
        if self.kind is not ScoreRule.WEIGHTED:
            return
        values = [self.weights.get(name, 0) for name in DIMENSIONS]
        if any(not isinstance(v, int | float) or v < 0 for v in values):
            raise ValidationError("Risk score weights must be numbers, zero or more.")
        if sum(values) <= 0:
            raise ValidationError("Give at least one risk impact a weight above zero.")


@dataclass(frozen=True)
class RuleValues:
    """What a PMO admin edits: the thresholds and the score rule."""

    thresholds: RagThresholds = field(default_factory=RagThresholds)
    score_rule: RiskScoreRule = field(default_factory=RiskScoreRule)

    def validate(self) -> None:
        self.thresholds.validate()
        self.score_rule.validate()


@dataclass(frozen=True)
class PortfolioRuleSet:
    """The rules in force for a portfolio; `version` None: no row yet (the defaults)."""

    portfolio_id: int
    values: RuleValues
    version: int | None = None

    @property
    def stored(self) -> bool:
        return self.version is not None


def impacts_of(risk: Any) -> tuple[int, int, int, int]:
    """A risk's (schedule, cost, scope, quality) impact ratings."""
    return (risk.impact_schedule, risk.impact_cost, risk.impact_scope, risk.impact_quality)


def _values_of(row: PortfolioRules | None) -> RuleValues:
    if row is None:
        return RuleValues()
    stored = dict(row.thresholds or {})
    known = {f.name: stored[f.name] for f in fields(RagThresholds) if f.name in stored}
    thresholds = RagThresholds(**known)
    weights = {**DEFAULT_WEIGHTS, **{k: float(v) for k, v in (row.score_weights or {}).items()}}
    return RuleValues(thresholds, RiskScoreRule(ScoreRule(row.risk_score_rule), weights))


def _row(session: Session, portfolio_id: int) -> PortfolioRules | None:
    return session.scalars(
        select(PortfolioRules).where(PortfolioRules.portfolio_id == portfolio_id)
    ).first()


def load_rules(database: Database, portfolio_id: int) -> PortfolioRuleSet:
    """The portfolio's rules, or the defaults when a PMO admin has set none."""
    with database.session() as session:
        if session.get(Portfolio, portfolio_id) is None:
            raise NotFoundError(f"Portfolio {portfolio_id} does not exist.")
        row = _row(session, portfolio_id)
        return PortfolioRuleSet(
            portfolio_id, _values_of(row), row.version if row is not None else None
        )


def score_rule_of(session: Session, portfolio_id: int) -> RiskScoreRule:
    """The portfolio's score rule, read once per session (risks.rate calls it per save)."""
    cache: dict[int, RiskScoreRule] = session.info.setdefault(_CACHE_KEY, {})
    found = cache.get(portfolio_id)
    if found is None:
        found = cache[portfolio_id] = _score_rule(session.connection(), portfolio_id)
    return found


def _score_rule(connection: Connection, portfolio_id: int) -> RiskScoreRule:
    row = connection.execute(
        select(PortfolioRules.risk_score_rule, PortfolioRules.score_weights).where(
            PortfolioRules.portfolio_id == portfolio_id
        )
    ).first()
    if row is None:
        return RiskScoreRule()
    weights = {**DEFAULT_WEIGHTS, **{k: float(v) for k, v in (row[1] or {}).items()}}
    return RiskScoreRule(ScoreRule(row[0]), weights)


@dataclass(frozen=True)
class ScorePreview:
    """What a score rule would do to the portfolio's risks."""

    total: int
    raised: int
    lowered: int
    newly_high: int
    no_longer_high: int

    @property
    def changed(self) -> int:
        return self.raised + self.lowered


def _risk_ratings(session: Session, portfolio_id: int) -> list[Any]:
    return list(
        session.execute(
            select(
                Risk.id, Risk.probability, Risk.impact_schedule, Risk.impact_cost,
                Risk.impact_scope, Risk.impact_quality, Risk.score,
            ).where(Risk.portfolio_id == portfolio_id)
        )
    )  # fmt: skip


def preview_scores(database: Database, portfolio_id: int, values: RuleValues) -> ScorePreview:
    """How many risks the rule would score higher or lower, and how many would become
    high (or stop being high) by the new score and threshold against today's."""
    values.score_rule.validate()
    high = values.thresholds.high_risk_score
    with database.session() as session:
        old_high = portfolio_thresholds(session, portfolio_id).high_risk_score
        rows = _risk_ratings(session, portfolio_id)
    raised = lowered = newly_high = no_longer_high = 0
    for row in rows:
        new = values.score_rule.score(row.probability, impacts_of(row))
        raised += new > row.score
        lowered += new < row.score
        was, now = row.score >= old_high, new >= high
        newly_high += now and not was
        no_longer_high += was and not now
    return ScorePreview(len(rows), raised, lowered, newly_high, no_longer_high)


def rescore(session: Session, portfolio_id: int, rule: RiskScoreRule) -> int:
    """Recompute the score of every risk of the portfolio (bumping the versions of those
    that change, so an editor open on one sees a conflict); returns how many changed."""
    table = Risk.__table__
    changes = [
        {"risk_id": row.id, "new_score": new}
        for row in _risk_ratings(session, portfolio_id)
        if (new := rule.score(row.probability, impacts_of(row))) != row.score
    ]
    if changes:
        statement = (
            update(table)
            .where(table.c.id == bindparam("risk_id"))
            .values(score=bindparam("new_score"), version=table.c.version + 1, updated_at=utcnow())
        )
        session.connection().execute(statement, changes)
    session.info.pop(_CACHE_KEY, None)
    return len(changes)


def _write(session: Session, portfolio_id: int, values: RuleValues | None) -> int | None:
    """Store `values` (None: delete the row); the row's new version (None if deleted)."""
    row = _row(session, portfolio_id)
    if values is None:
        if row is not None:
            session.delete(row)
            session.flush()
        return None
    document = {f.name: getattr(values.thresholds, f.name) for f in fields(RagThresholds)}
    weights = {name: float(values.score_rule.weights.get(name, 0.0)) for name in DIMENSIONS}
    if row is None:
        row = PortfolioRules(portfolio_id=portfolio_id)
        session.add(row)
    row.thresholds = document
    row.risk_score_rule = values.score_rule.kind
    row.score_weights = weights
    session.flush()
    return row.version


@dataclass
class SaveRules:
    """Store a portfolio's rules and rescore its risks; undo puts back the previous rules
    (or none) and the scores they give. One transaction each way."""

    portfolio_id: int
    before: RuleValues | None
    after: RuleValues
    #: The row version the admin edited (None: there was no row).
    version: int | None
    text: str = "Change the RAG rules and risk scoring"
    rescored: int = 0
    _applied: bool = field(default=False, repr=False)

    def _check(self, session: Session, expected: int | None) -> None:
        row = _row(session, self.portfolio_id)
        current = row.version if row is not None else None
        if current != expected:
            raise ConflictError(
                "PortfolioRules",
                row.id if row is not None else 0,
                mine={"thresholds": self.after.thresholds},
                theirs=None if row is None else {"thresholds": row.thresholds},
                expected_version=expected or 0,
                their_version=current,
            )

    def _expected(self, database: Database) -> int | None:
        """The version the admin edited, or on undo/redo the one this client last wrote
        (a later command and its undo move it on; another user's write still conflicts)."""
        if not self._applied:
            return self.version
        found = own_version(database, PortfolioRules, self.portfolio_id, self.version or 0)
        return found or None

    def _store(self, database: Database, values: RuleValues | None) -> int:
        expected = self._expected(database)
        with database.write_session() as session:
            self._check(session, expected)
            self.version = _write(session, self.portfolio_id, values)
            rule = values.score_rule if values is not None else RiskScoreRule()
            changed = rescore(session, self.portfolio_id, rule)
        record_version(database, PortfolioRules, self.portfolio_id, self.version or 0)
        self._applied = True
        return changed

    def apply(self, database: Database) -> None:
        self.rescored = self._store(database, self.after)

    def revert(self, database: Database) -> None:
        self._store(database, self.before)

    def merge(self, other: Command) -> bool:
        return False

    def touched(self) -> set[type[Entity]]:
        return {PortfolioRules, Risk}


def save_rules(
    database: Database, portfolio_id: int, values: RuleValues, *, text: str = ""
) -> SaveRules:
    """The undoable command that makes `values` the portfolio's rules (validated first)."""
    values.validate()
    current = load_rules(database, portfolio_id)
    before = current.values if current.stored else None
    return SaveRules(portfolio_id, before, values, current.version, text or SaveRules.text)
