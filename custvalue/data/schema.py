"""Tables of the store and their versioned migrations.

Each migration is a numbered list of portable SQL statements (DuckDB and
PostgreSQL both accept them). :func:`migrate` applies the pending ones, each in
its own transaction, and records them in ``schema_migrations``. Money is kept
as integer cents (分) in BIGINT columns, never as binary floats.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from custvalue.exceptions import DatabaseError

if TYPE_CHECKING:  # the store module runs the migrations; this one only describes them
    from custvalue.data.db import Database

__all__ = ["MIGRATIONS", "Migration", "current_version", "migrate"]


@dataclass(frozen=True)
class Migration:
    """One schema step."""

    version: int
    name: str
    statements: tuple[str, ...]


#: statements for PostgreSQL only: B-tree indexes that serve its planner. DuckDB joins by
#: hashing and its ART indexes would cost more to maintain on bulk imports than they save.
_PG_ONLY = "/* postgresql only */ "

#: the snapshot columns the customer list sorted by when migrations 8 and 10 ran (kept as
#: they were: a migration never changes)
_SORTED_V8 = (
    "sustained_value",
    "realized_value",
    "revenue",
    "orders",
    "recency_days",
    "last_order",
    "referral_net",
    "clv",
    "p_alive",
    "overall_value",
)
#: the snapshot columns the customer list sorts by (an index each way on PostgreSQL)
SORTED_COLUMNS = (*_SORTED_V8, "customer_total")

#: the survey answer tables (custvalue.data.kinds.voice): the kind's own columns and its key
_VOICE_TABLES: dict[str, tuple[str, str]] = {
    "nps": ("score DOUBLE PRECISION NOT NULL CHECK (score BETWEEN 0 AND 10)", "wave, respondent"),
    "csat": (
        "touchpoint TEXT NOT NULL, score DOUBLE PRECISION NOT NULL CHECK (score BETWEEN 1 AND 5)",
        "wave, respondent, touchpoint",
    ),
    "ces": (
        "touchpoint TEXT NOT NULL, "
        "score DOUBLE PRECISION NOT NULL CHECK (score BETWEEN 1 AND 7), "
        "scale TEXT NOT NULL CHECK (scale IN ('5', '7'))",
        "wave, respondent, touchpoint",
    ),
    "satisfaction": (
        "attribute TEXT NOT NULL, expectation DOUBLE PRECISION, "
        "performance DOUBLE PRECISION NOT NULL, importance DOUBLE PRECISION",
        "wave, respondent, attribute",
    ),
    "servqual": (
        "item DOUBLE PRECISION NOT NULL CHECK (item BETWEEN 1 AND 22), "
        "expectation DOUBLE PRECISION NOT NULL, perception DOUBLE PRECISION NOT NULL",
        "wave, respondent, item",
    ),
    "kano": (
        "feature TEXT NOT NULL, "
        "functional TEXT NOT NULL CHECK (functional IN ('1', '2', '3', '4', '5')), "
        "dysfunctional TEXT NOT NULL CHECK (dysfunctional IN ('1', '2', '3', '4', '5'))",
        "wave, respondent, feature",
    ),
}

#: the loyalty statements (agreement 1–7), added after the six kinds above (migration 12)
_LOYALTY_TABLE = (
    "item TEXT NOT NULL, score DOUBLE PRECISION NOT NULL CHECK (score BETWEEN 1 AND 7)",
    "wave, respondent, item",
)


def _voice_table(kind: str, columns: str, key: str) -> tuple[str, ...]:
    """One survey answer table: who answered, when and in which wave and segment, the
    kind's own columns; keyed on PostgreSQL, indexed by customer."""
    table = f"voice_{kind}"
    return (
        f"CREATE TABLE {table} (wave TEXT NOT NULL, segment TEXT NOT NULL, "
        f"respondent TEXT NOT NULL, customer_id TEXT, answered_on DATE, {columns}, "
        "import_id BIGINT)",
        _PG_ONLY + f"ALTER TABLE {table} ADD PRIMARY KEY ({key})",
        _PG_ONLY + f"CREATE INDEX {table}_customer_idx ON {table} (customer_id)",
    )


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "ledger: customers, orders, costs, imports",
        (
            "CREATE SEQUENCE imports_seq START 1",
            """CREATE TABLE imports (
                import_id BIGINT PRIMARY KEY,
                kind TEXT NOT NULL,
                file_name TEXT NOT NULL,
                checksum TEXT NOT NULL,
                encoding TEXT,
                rows_total BIGINT NOT NULL,
                imported BIGINT NOT NULL,
                updated BIGINT NOT NULL,
                duplicates BIGINT NOT NULL,
                rejected BIGINT NOT NULL,
                customers_created BIGINT NOT NULL,
                imported_at TIMESTAMP NOT NULL
            )""",
            """CREATE TABLE customers (
                customer_id TEXT PRIMARY KEY,
                name TEXT,
                attributes TEXT,
                acquired_on DATE,
                referred_by TEXT,
                import_id BIGINT
            )""",
            """CREATE TABLE orders (
                order_id TEXT NOT NULL {fact_key},
                customer_id TEXT NOT NULL,
                ordered_at TIMESTAMP NOT NULL,
                amount_cents BIGINT NOT NULL,
                cost_cents BIGINT,
                product TEXT,
                category TEXT,
                kind TEXT CHECK (kind IN ('first', 'repeat', 'upsell', 'cross_sell', 'refund')),
                key_source TEXT NOT NULL,
                import_id BIGINT
            )""",
            _PG_ONLY + "CREATE INDEX orders_customer_idx ON orders (customer_id)",
            """CREATE TABLE costs (
                cost_id TEXT NOT NULL {fact_key},
                customer_id TEXT NOT NULL,
                incurred_on DATE NOT NULL,
                amount_cents BIGINT NOT NULL CHECK (amount_cents >= 0),
                kind TEXT NOT NULL CHECK (kind IN ('acquisition', 'service', 'other')),
                note TEXT,
                import_id BIGINT
            )""",
            _PG_ONLY + "CREATE INDEX costs_customer_idx ON costs (customer_id)",
        ),
    ),
    Migration(
        2,
        "predictive CLV: model runs and per-customer scores",
        (
            "CREATE SEQUENCE clv_runs_seq START 1",
            """CREATE TABLE clv_runs (
                run_id BIGINT PRIMARY KEY,
                model TEXT NOT NULL,
                spend_model TEXT,
                unit TEXT NOT NULL,
                calibration_end DATE NOT NULL,
                customers BIGINT NOT NULL,
                params TEXT NOT NULL,
                log_likelihood DOUBLE PRECISION,
                spend_params TEXT,
                spend_log_likelihood DOUBLE PRECISION,
                horizon DOUBLE PRECISION,
                discount_annual DOUBLE PRECISION,
                fitted_at TIMESTAMP NOT NULL
            )""",
            """CREATE TABLE clv_scores (
                run_id BIGINT NOT NULL,
                customer_id TEXT NOT NULL,
                frequency BIGINT NOT NULL,
                recency DOUBLE PRECISION NOT NULL,
                t DOUBLE PRECISION NOT NULL,
                monetary_value DOUBLE PRECISION NOT NULL,
                p_alive DOUBLE PRECISION,
                expected_purchases DOUBLE PRECISION,
                expected_spend DOUBLE PRECISION,
                clv DOUBLE PRECISION,
                clv_lower DOUBLE PRECISION,
                clv_upper DOUBLE PRECISION
            )""",
            _PG_ONLY + "CREATE INDEX clv_scores_run_idx ON clv_scores (run_id, customer_id)",
        ),
    ),
    Migration(
        3,
        "value to the customer: survey ratings, weights, market, deals, events, owners, settings",
        (
            """CREATE TABLE settings (
                key TEXT PRIMARY KEY,
                value TEXT
            )""",
            """CREATE TABLE cva_ratings (
                wave TEXT NOT NULL,
                segment TEXT NOT NULL,
                respondent TEXT NOT NULL,
                competitor TEXT NOT NULL,
                attribute TEXT NOT NULL,
                rating DOUBLE PRECISION NOT NULL CHECK (rating >= 0),
                import_id BIGINT
            )""",
            _PG_ONLY + "ALTER TABLE cva_ratings ADD PRIMARY KEY "
            "(wave, respondent, competitor, attribute)",
            """CREATE TABLE cva_weights (
                wave TEXT NOT NULL,
                segment TEXT NOT NULL,
                respondent TEXT NOT NULL,
                attribute TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('quality', 'price')),
                weight DOUBLE PRECISION NOT NULL CHECK (weight >= 0 AND weight <= 100),
                import_id BIGINT
            )""",
            _PG_ONLY + "ALTER TABLE cva_weights ADD PRIMARY KEY "
            "(wave, segment, respondent, attribute)",
            """CREATE TABLE cva_market (
                wave TEXT NOT NULL,
                segment TEXT NOT NULL,
                competitor TEXT NOT NULL,
                price DOUBLE PRECISION CHECK (price > 0),
                share DOUBLE PRECISION CHECK (share >= 0 AND share <= 1),
                import_id BIGINT
            )""",
            _PG_ONLY + "ALTER TABLE cva_market ADD PRIMARY KEY (wave, segment, competitor)",
            """CREATE TABLE cva_deals (
                deal_id TEXT NOT NULL,
                deal_date DATE,
                segment TEXT NOT NULL,
                competitor TEXT NOT NULL,
                outcome TEXT NOT NULL CHECK (outcome IN ('won', 'lost')),
                attribute TEXT NOT NULL,
                amount DOUBLE PRECISION,
                note TEXT,
                import_id BIGINT
            )""",
            _PG_ONLY + "ALTER TABLE cva_deals ADD PRIMARY KEY (deal_id, attribute)",
            """CREATE TABLE cva_events (
                event_date DATE NOT NULL,
                wave TEXT NOT NULL,
                actor TEXT NOT NULL,
                attribute TEXT,
                kind TEXT CHECK (kind IN ('quality', 'price')),
                effect TEXT NOT NULL CHECK (effect IN ('up', 'down')),
                description TEXT NOT NULL,
                import_id BIGINT
            )""",
            _PG_ONLY + "ALTER TABLE cva_events ADD PRIMARY KEY (event_date, actor, description)",
            """CREATE TABLE cva_owners (
                attribute TEXT NOT NULL,
                function TEXT NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('lead', 'support')),
                import_id BIGINT
            )""",
            _PG_ONLY + "ALTER TABLE cva_owners ADD PRIMARY KEY (attribute, function)",
        ),
    ),
    Migration(
        4,
        "delivered value: offerings with value and cost components",
        (
            """CREATE TABLE cva_offerings (
                segment TEXT NOT NULL,
                offering TEXT NOT NULL,
                component TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('value', 'cost')),
                level TEXT NOT NULL CHECK (level IN ('episode', 'relationship')),
                amount DOUBLE PRECISION NOT NULL CHECK (amount >= 0),
                unit TEXT NOT NULL CHECK (unit IN ('money', 'score')),
                per_point DOUBLE PRECISION CHECK (per_point > 0),
                import_id BIGINT
            )""",
            _PG_ONLY + "ALTER TABLE cva_offerings ADD PRIMARY KEY "
            "(segment, offering, component, level)",
        ),
    ),
    Migration(
        5,
        "clv runs: the margin that turns expected spend into profit, and where it came from",
        (
            "ALTER TABLE clv_runs ADD COLUMN margin DOUBLE PRECISION",
            "ALTER TABLE clv_runs ADD COLUMN margin_source TEXT",
        ),
    ),
    Migration(
        6,
        "delivered value: the part of perceived value an offering's component belongs to",
        (
            # ``group`` is an SQL keyword: the column is value_group, read back as group
            "ALTER TABLE cva_offerings ADD COLUMN value_group TEXT",
        ),
    ),
    Migration(
        7,
        "the workbench: users, sessions, API tokens and the audit log",
        (
            "CREATE SEQUENCE users_seq START 1",
            """CREATE TABLE users (
                user_id BIGINT PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                password_hash TEXT NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'viewer')),
                lang TEXT CHECK (lang IN ('en', 'zh')),
                active BOOLEAN NOT NULL,
                created_at TIMESTAMP NOT NULL
            )""",
            """CREATE TABLE sessions (
                session_id TEXT PRIMARY KEY,
                user_id BIGINT NOT NULL,
                csrf_token TEXT NOT NULL,
                created_at TIMESTAMP NOT NULL,
                expires_at TIMESTAMP NOT NULL,
                last_seen TIMESTAMP NOT NULL
            )""",
            _PG_ONLY + "CREATE INDEX sessions_user_idx ON sessions (user_id)",
            "CREATE SEQUENCE api_tokens_seq START 1",
            """CREATE TABLE api_tokens (
                token_id BIGINT PRIMARY KEY,
                token_hash TEXT NOT NULL UNIQUE,
                user_id BIGINT NOT NULL,
                name TEXT NOT NULL,
                created_at TIMESTAMP NOT NULL,
                last_used TIMESTAMP,
                revoked_at TIMESTAMP
            )""",
            "CREATE SEQUENCE audit_seq START 1",
            """CREATE TABLE audit (
                audit_id BIGINT PRIMARY KEY,
                happened_at TIMESTAMP NOT NULL,
                user_id BIGINT,
                user_name TEXT,
                action TEXT NOT NULL,
                target TEXT,
                details TEXT,
                ip TEXT
            )""",
            _PG_ONLY + "CREATE INDEX audit_action_idx ON audit (action, happened_at)",
        ),
    ),
    Migration(
        8,
        "the workbench: per-customer results stored as snapshots (docs/web.md §3)",
        (
            "CREATE SEQUENCE snapshots_seq START 1",
            """CREATE TABLE snapshots (
                snapshot_id BIGINT PRIMARY KEY,
                state TEXT NOT NULL CHECK (state IN ('building', 'ready', 'superseded')),
                as_of DATE,
                options TEXT NOT NULL,
                import_ids TEXT NOT NULL,
                last_import_id BIGINT,
                clv_run_id BIGINT,
                customers BIGINT NOT NULL,
                created_at TIMESTAMP NOT NULL,
                created_by TEXT,
                seconds DOUBLE PRECISION
            )""",
            """CREATE TABLE snapshot_customers (
                snapshot_id BIGINT NOT NULL,
                customer_id TEXT NOT NULL,
                name TEXT,
                acquired_on DATE,
                first_order DATE,
                last_order DATE,
                recency_days BIGINT,
                orders BIGINT,
                revenue DOUBLE PRECISION,
                margin DOUBLE PRECISION,
                cost DOUBLE PRECISION,
                realized_value DOUBLE PRECISION,
                referred_customers BIGINT,
                referral_net DOUBLE PRECISION,
                sustained_value DOUBLE PRECISION,
                revenue_last_12m DOUBLE PRECISION,
                tier TEXT,
                r_score BIGINT,
                f_score BIGINT,
                m_score BIGINT,
                rfm_cell TEXT,
                segment TEXT,
                class TEXT,
                p_alive DOUBLE PRECISION,
                expected_purchases DOUBLE PRECISION,
                clv DOUBLE PRECISION,
                overall_value DOUBLE PRECISION
            )""",
            _PG_ONLY + "CREATE UNIQUE INDEX snapshot_customers_id_idx "
            "ON snapshot_customers (snapshot_id, customer_id)",
            _PG_ONLY + "CREATE INDEX snapshot_customers_tier_idx "
            "ON snapshot_customers (snapshot_id, tier, customer_id)",
            _PG_ONLY + "CREATE INDEX snapshot_customers_segment_idx "
            "ON snapshot_customers (snapshot_id, segment, customer_id)",
            _PG_ONLY + "CREATE INDEX snapshot_customers_class_idx "
            "ON snapshot_customers (snapshot_id, class, customer_id)",
            *(
                _PG_ONLY + f"CREATE INDEX snapshot_customers_{column}_idx "
                f"ON snapshot_customers (snapshot_id, {column}, customer_id)"
                for column in _SORTED_V8
            ),
            """CREATE TABLE snapshot_years (
                snapshot_id BIGINT NOT NULL,
                customer_id TEXT NOT NULL,
                year BIGINT NOT NULL,
                orders BIGINT,
                revenue DOUBLE PRECISION,
                "first" DOUBLE PRECISION,
                "repeat" DOUBLE PRECISION,
                upsell DOUBLE PRECISION,
                cross_sell DOUBLE PRECISION,
                service DOUBLE PRECISION,
                refund DOUBLE PRECISION,
                cost DOUBLE PRECISION,
                realized_value DOUBLE PRECISION,
                referral_net DOUBLE PRECISION,
                profit DOUBLE PRECISION
            )""",
            _PG_ONLY
            + "CREATE INDEX snapshot_years_idx ON snapshot_years (snapshot_id, customer_id)",
            """CREATE TABLE snapshot_summary (
                snapshot_id BIGINT NOT NULL,
                key TEXT NOT NULL,
                value TEXT NOT NULL,
                PRIMARY KEY (snapshot_id, key)
            )""",
        ),
    ),
    Migration(
        9,
        "jobs: long work (imports, fits, refreshes) recorded in the store, run by a worker",
        (
            "CREATE SEQUENCE jobs_seq START 1",
            """CREATE TABLE jobs (
                job_id BIGINT PRIMARY KEY,
                kind TEXT NOT NULL,
                params TEXT NOT NULL,
                created_by BIGINT,
                created_by_name TEXT,
                created_at TIMESTAMP NOT NULL,
                started_at TIMESTAMP,
                finished_at TIMESTAMP,
                state TEXT NOT NULL
                    CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
                progress DOUBLE PRECISION NOT NULL,
                message TEXT,
                result TEXT,
                error TEXT,
                worker TEXT,
                heartbeat TIMESTAMP
            )""",
            _PG_ONLY + "CREATE INDEX jobs_state_idx ON jobs (state, job_id)",
        ),
    ),
    Migration(
        10,
        "the customer list sorted from the highest value down, and whom a customer referred,"
        " read an index too",
        (
            *(
                # the list orders "value DESC NULLS LAST, customer_id ASC": a backward scan
                # of the ascending index gives NULLS FIRST and the ids reversed, so
                # PostgreSQL sorted the whole snapshot for the default (highest first) page
                _PG_ONLY + f"CREATE INDEX snapshot_customers_{column}_desc_idx "
                f"ON snapshot_customers (snapshot_id, {column} DESC NULLS LAST, customer_id)"
                for column in _SORTED_V8
            ),
            # a customer's page lists the customers they referred
            _PG_ONLY + "CREATE INDEX customers_referred_by_idx ON customers (referred_by)",
        ),
    ),
    Migration(
        11,
        "what customers say: NPS, CSAT, CES, satisfaction, SERVQUAL and Kano answers",
        tuple(
            statement
            for kind, (columns, key) in _VOICE_TABLES.items()
            for statement in _voice_table(kind, columns, key)
        ),
    ),
    Migration(
        12,
        "loyalty statements: how much each respondent agrees with each (1–7)",
        _voice_table("loyalty", *_LOYALTY_TABLE),
    ),
    Migration(
        13,
        "each customer's total value (0–100) and how many of its five parts it has, in the "
        "snapshot, so the customer list sorts by it",
        (
            # DuckDB alters no table an index depends on; the refresh builds it again
            "DROP INDEX IF EXISTS snapshot_customers_by_customer",
            "ALTER TABLE snapshot_customers ADD COLUMN customer_total DOUBLE PRECISION",
            "ALTER TABLE snapshot_customers ADD COLUMN customer_total_parts BIGINT",
            _PG_ONLY + "CREATE INDEX snapshot_customers_customer_total_idx "
            "ON snapshot_customers (snapshot_id, customer_total, customer_id)",
            _PG_ONLY + "CREATE INDEX snapshot_customers_customer_total_desc_idx "
            "ON snapshot_customers (snapshot_id, customer_total DESC NULLS LAST, customer_id)",
        ),
    ),
    Migration(
        14,
        "survey ratings may name the customer who answered and the day they did (Gale's "
        "profiles in what moves value)",
        (
            "ALTER TABLE cva_ratings ADD COLUMN customer_id TEXT",
            "ALTER TABLE cva_ratings ADD COLUMN answered_on DATE",
        ),
    ),
    Migration(
        15,
        "complaints on a clock: each complaint's current state and its history of events "
        "(docs/keeping.md §2)",
        (
            "CREATE SEQUENCE complaints_seq START 1",
            """CREATE TABLE complaints (
                complaint_id BIGINT PRIMARY KEY DEFAULT nextval('complaints_seq'),
                number TEXT NOT NULL UNIQUE,
                customer_id TEXT,
                contact TEXT,
                order_id TEXT,
                channel TEXT NOT NULL,
                category TEXT NOT NULL,
                severity TEXT NOT NULL CHECK (severity IN ('ordinary', 'major', 'urgent')),
                description TEXT NOT NULL,
                status TEXT NOT NULL,
                team TEXT,
                assignee TEXT,
                root_cause TEXT,
                created_at TIMESTAMP NOT NULL,
                created_by TEXT,
                -- an imported complaint without its export's deadlines: computed on read
                -- from the working calendar in force
                response_due TIMESTAMP,
                resolution_due TIMESTAMP,
                responded_at TIMESTAMP,
                resolved_at TIMESTAMP,
                closed_at TIMESTAMP,
                callback_score DOUBLE PRECISION CHECK (callback_score BETWEEN 1 AND 5),
                callback_note TEXT,
                lang TEXT NOT NULL DEFAULT 'zh',
                import_id BIGINT
            )""",
            _PG_ONLY + "CREATE INDEX complaints_customer_idx ON complaints (customer_id)",
            _PG_ONLY + "CREATE INDEX complaints_open_idx ON complaints (status, resolution_due)",
            "CREATE SEQUENCE complaint_events_seq START 1",
            """CREATE TABLE complaint_events (
                event_id BIGINT PRIMARY KEY,
                complaint_id BIGINT NOT NULL,
                happened_at TIMESTAMP NOT NULL,
                user_name TEXT,
                action TEXT NOT NULL,
                from_status TEXT,
                to_status TEXT,
                details TEXT
            )""",
            _PG_ONLY + "CREATE INDEX complaint_events_complaint_idx "
            "ON complaint_events (complaint_id, event_id)",
        ),
    ),
    Migration(
        16,
        "proactive notices and the contact plan: shipments, the notices sent, customer "
        "owners and planned or logged contacts (docs/keeping.md §3–4)",
        (
            """CREATE TABLE shipments (
                shipment_id TEXT NOT NULL,
                order_id TEXT,
                customer_id TEXT NOT NULL,
                product_spec TEXT NOT NULL,
                quantity DOUBLE PRECISION NOT NULL,
                shipped_at TIMESTAMP NOT NULL,
                truck_no TEXT NOT NULL,
                driver_phone TEXT NOT NULL,
                expected_at TIMESTAMP NOT NULL,
                email TEXT,
                import_id BIGINT
            )""",
            _PG_ONLY + "ALTER TABLE shipments ADD PRIMARY KEY (shipment_id)",
            "CREATE SEQUENCE notices_seq START 1",
            """CREATE TABLE notices (
                notice_id BIGINT PRIMARY KEY,
                template TEXT NOT NULL,
                lang TEXT NOT NULL,
                customer_id TEXT,
                ref TEXT,
                to_address TEXT,
                subject TEXT NOT NULL,
                body TEXT NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('rendered', 'sent', 'failed')),
                reply TEXT,
                message_id TEXT,
                created_at TIMESTAMP NOT NULL,
                sent_at TIMESTAMP,
                user_name TEXT
            )""",
            "CREATE SEQUENCE customer_owners_seq START 1",
            """CREATE TABLE customer_owners (
                owner_id BIGINT PRIMARY KEY,
                customer_id TEXT NOT NULL,
                owner TEXT NOT NULL,
                since TIMESTAMP NOT NULL,
                until TIMESTAMP,
                reason TEXT
            )""",
            _PG_ONLY + "CREATE INDEX customer_owners_idx ON customer_owners (customer_id, until)",
            "CREATE SEQUENCE contacts_seq START 1",
            """CREATE TABLE contacts (
                contact_id BIGINT PRIMARY KEY,
                customer_id TEXT NOT NULL,
                owner TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('visit', 'call', 'meeting', 'email')),
                due_on DATE,
                state TEXT NOT NULL CHECK (state IN ('planned', 'done', 'cancelled')),
                done_at TIMESTAMP,
                done_by TEXT,
                outcome TEXT,
                note TEXT,
                created_at TIMESTAMP NOT NULL,
                created_by TEXT
            )""",
            _PG_ONLY + "CREATE INDEX contacts_owner_idx ON contacts (owner, state, due_on)",
            _PG_ONLY + "CREATE INDEX contacts_customer_idx ON contacts (customer_id)",
        ),
    ),
    Migration(
        17,
        "the member card's ledger and the referral programme: cards, their append-only "
        "movements, referral claims and the rewards paid or clawed back (docs/keeping.md "
        "§7–8)",
        (
            """CREATE TABLE cards (
                card_id TEXT PRIMARY KEY,
                customer_id TEXT,
                holder TEXT,
                opened_at TIMESTAMP NOT NULL,
                closed_at TIMESTAMP,
                created_by TEXT,
                import_id BIGINT
            )""",
            _PG_ONLY + "CREATE INDEX cards_customer_idx ON cards (customer_id)",
            """CREATE TABLE card_movements (
                card_id TEXT NOT NULL,
                movement_id BIGINT NOT NULL,
                happened_at TIMESTAMP NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('opening', 'recharge', 'spend', 'earn',
                    'redeem', 'expire', 'refund', 'adjust')),
                venue TEXT NOT NULL,
                stored_cents BIGINT NOT NULL,
                points BIGINT NOT NULL,
                ref TEXT NOT NULL,
                expires_on DATE,
                note TEXT NOT NULL,
                paid_cents BIGINT NOT NULL,
                lot BIGINT,
                recorded_at TIMESTAMP NOT NULL,
                recorded_by TEXT,
                PRIMARY KEY (card_id, movement_id)
            )""",
            "CREATE SEQUENCE referral_claims_seq START 1",
            """CREATE TABLE referral_claims (
                claim_id BIGINT PRIMARY KEY,
                referee_id TEXT NOT NULL,
                referrer_id TEXT NOT NULL,
                bound_at TIMESTAMP NOT NULL,
                source TEXT NOT NULL,
                created_by TEXT
            )""",
            """CREATE TABLE referral_payouts (
                event_id TEXT PRIMARY KEY,
                reward_id TEXT NOT NULL,
                action TEXT NOT NULL CHECK (action IN ('pay', 'claw_back')),
                happened_at TIMESTAMP NOT NULL,
                beneficiary_id TEXT NOT NULL,
                role TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('points', 'cash')),
                amount BIGINT NOT NULL,
                referee_id TEXT NOT NULL,
                order_id TEXT,
                card_id TEXT,
                movement_id BIGINT,
                paid_at TIMESTAMP NOT NULL,
                paid_by TEXT
            )""",
        ),
    ),
)


def _fact_key(db: Database) -> str:
    """Order and cost ids: a primary key on PostgreSQL; on DuckDB uniqueness is kept by the
    importer (keys are checked against the store inside the import's transaction, and
    imports into one DuckDB file are serialised), because DuckDB's unique index costs
    more than the rest of a 10-million-row import together."""
    return "PRIMARY KEY" if db.dialect == "postgresql" else ""


def current_version(db: Database) -> int:
    """The schema version of ``db`` (0 for an empty database)."""
    if db.dialect == "duckdb":
        exists = db.scalar(
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
        )
    else:
        exists = db.scalar(
            "SELECT COUNT(*) FROM pg_tables WHERE tablename = 'schema_migrations'"
            " AND schemaname = current_schema()"
        )
    if not exists:
        return 0
    return int(db.scalar("SELECT COALESCE(MAX(version), 0) FROM schema_migrations") or 0)


def migrate(db: Database, *, target: int | None = None) -> list[int]:
    """Apply pending migrations up to ``target`` (default: the newest).

    Returns the versions applied. Raises :class:`DatabaseError` when the
    database is newer than this code.
    """
    known = MIGRATIONS[-1].version
    target = known if target is None else target
    found = current_version(db)
    if found > known:
        raise DatabaseError("db.newer_schema", found=found, known=known)
    applied: list[int] = []
    if found == 0:
        with db.transaction():
            db.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMP NOT NULL)"
            )
    for step in MIGRATIONS:
        if found < step.version <= target:
            with db.transaction():
                for statement in step.statements:
                    if statement.startswith(_PG_ONLY) and db.dialect != "postgresql":
                        continue
                    db.execute(statement.replace("{fact_key}", _fact_key(db)))
                db.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    (step.version, step.name, datetime.now().replace(microsecond=0)),
                )
            applied.append(step.version)
    return applied
