-- Matcher projections, schema version 1. Applied by the projector in one transaction
-- (ProjectionSchema.MigrateAsync); never edit a released migration, add the next one.
-- Prices are in ticks and quantities in lots (bigint), amounts in asset units (bigint),
-- exactly as the core keeps them; the *_decimal views convert with the instrument's
-- tick and lot size. Times: *_ns is the command's timestamp (ns since the Unix epoch),
-- the timestamptz beside it the same instant to the microsecond.

CREATE TABLE assets (
    asset_id          integer     PRIMARY KEY,
    code              text        NOT NULL UNIQUE,
    scale             smallint    NOT NULL CHECK (scale BETWEEN 0 AND 18),
    updated_sequence  bigint      NOT NULL
);

CREATE TABLE instruments (
    instrument_id       integer   PRIMARY KEY,
    symbol              text      NOT NULL UNIQUE,
    base_asset_id       integer   NOT NULL REFERENCES assets (asset_id),
    quote_asset_id      integer   NOT NULL REFERENCES assets (asset_id),
    tick_size           numeric   NOT NULL,
    lot_size            numeric   NOT NULL,
    min_quantity_lots   bigint    NOT NULL,
    min_notional        bigint    NOT NULL,
    lot_units           bigint    NOT NULL,
    tick_value          bigint    NOT NULL,
    status              smallint  NOT NULL,
    updated_sequence    bigint    NOT NULL
);

CREATE TABLE fee_tiers (
    fee_tier          integer   PRIMARY KEY,
    maker_fee_bps     integer   NOT NULL,
    taker_fee_bps     integer   NOT NULL,
    updated_sequence  bigint    NOT NULL
);

CREATE TABLE accounts (
    account_id        bigint    PRIMARY KEY,
    fee_tier          integer   NOT NULL,
    created_sequence  bigint    NOT NULL,
    updated_sequence  bigint    NOT NULL
);

-- Current state of every order the core accepted. status: 'open' (resting, remaining > 0),
-- 'filled' (nothing left, all traded) or 'cancelled' (left the book or never rested;
-- filled_lots says how much traded before). A market buy with a quote budget has
-- quantity_lots = remaining_lots = 0.
CREATE TABLE orders (
    order_id            bigint    PRIMARY KEY,
    account_id          bigint    NOT NULL,
    instrument_id       integer   NOT NULL,
    client_order_id     text,
    side                smallint  NOT NULL,
    order_type          smallint  NOT NULL,
    time_in_force       smallint  NOT NULL,
    price_ticks         bigint    NOT NULL,
    quantity_lots       bigint    NOT NULL,
    filled_lots         bigint    NOT NULL,
    remaining_lots      bigint    NOT NULL,
    expire_time_ns      bigint    NOT NULL,
    status              text      NOT NULL CHECK (status IN ('open', 'filled', 'cancelled')),
    cancel_reason       smallint  NOT NULL,  -- CancelReason when cancelled, else 0
    gateway_id          integer   NOT NULL,
    session_id          integer   NOT NULL,
    created_sequence    bigint    NOT NULL,
    created_at          timestamptz NOT NULL,
    updated_sequence    bigint    NOT NULL,
    updated_at          timestamptz NOT NULL
);
-- An account's open orders.
CREATE INDEX orders_open_by_account ON orders (account_id, instrument_id) WHERE status = 'open';
-- An order by (account, client order id), live or not (newest first). The core keeps a
-- client order id unique per account among live orders; no unique index repeats that rule
-- here, because a batch's upserts may free and reuse an id in either row order.
CREATE INDEX orders_by_client_order_id ON orders (account_id, client_order_id, order_id DESC)
    WHERE client_order_id IS NOT NULL;

-- Every state change of an order. sequence = command sequence * 2^20 + the event's index
-- among the events of its command (0-based): unique, deterministic, and in event order.
-- A trade is two rows (role 'taker' and 'maker') with the same sequence and trade_id.
-- event_type: 2 accepted, 3 trade, 4 cancelled, 5 amended (EventType values).
CREATE TABLE order_events (
    order_id            bigint    NOT NULL,
    sequence            bigint    NOT NULL,
    command_sequence    bigint    NOT NULL,
    event_type          smallint  NOT NULL,
    role                char(1),
    account_id          bigint    NOT NULL,
    instrument_id       integer   NOT NULL,
    client_order_id     text,
    orig_client_order_id text,
    side                smallint  NOT NULL,
    price_ticks         bigint    NOT NULL,
    quantity_lots       bigint    NOT NULL,
    filled_lots         bigint    NOT NULL,
    remaining_lots      bigint    NOT NULL,
    cancel_reason       smallint  NOT NULL,  -- CancelReason (cancelled; amended by self-trade), else 0
    trade_id            bigint,
    time_ns             bigint    NOT NULL,
    time                timestamptz NOT NULL,
    CONSTRAINT order_events_pk PRIMARY KEY (order_id, sequence)
);
CREATE INDEX order_events_by_command ON order_events (command_sequence);

CREATE TABLE trades (
    trade_id            bigint    PRIMARY KEY,
    instrument_id       integer   NOT NULL,
    sequence            bigint    NOT NULL,
    command_sequence    bigint    NOT NULL,
    time_ns             bigint    NOT NULL,
    time                timestamptz NOT NULL,
    price_ticks         bigint    NOT NULL,
    quantity_lots       bigint    NOT NULL,
    notional            bigint    NOT NULL,
    aggressor_side      smallint  NOT NULL,
    taker_order_id      bigint    NOT NULL,
    taker_account_id    bigint    NOT NULL,
    taker_fee           bigint    NOT NULL,
    maker_order_id      bigint    NOT NULL,
    maker_account_id    bigint    NOT NULL,
    maker_fee           bigint    NOT NULL
);
-- Trades by instrument and time.
CREATE INDEX trades_by_instrument_time ON trades (instrument_id, time, trade_id);
-- An account's trade history, as taker or as maker (query both with UNION ALL).
CREATE INDEX trades_by_taker_account ON trades (taker_account_id, trade_id);
CREATE INDEX trades_by_maker_account ON trades (maker_account_id, trade_id);

CREATE TABLE balances (
    account_id        bigint    NOT NULL,
    asset_id          integer   NOT NULL,
    available         bigint    NOT NULL,
    locked            bigint    NOT NULL,
    updated_sequence  bigint    NOT NULL,
    CONSTRAINT balances_pk PRIMARY KEY (account_id, asset_id)
);

-- One row per credited deposit (one per Deposit command).
CREATE TABLE deposits (
    command_sequence  bigint    PRIMARY KEY,
    account_id        bigint    NOT NULL,
    asset_id          integer   NOT NULL,
    amount            bigint    NOT NULL,
    time_ns           bigint    NOT NULL,
    time              timestamptz NOT NULL
);
CREATE INDEX deposits_by_account ON deposits (account_id, command_sequence);

-- state: 1 pending, 2 completed, 3 failed (WithdrawalState values).
CREATE TABLE withdrawals (
    withdrawal_id       bigint    PRIMARY KEY,
    account_id          bigint    NOT NULL,
    asset_id            integer   NOT NULL,
    amount              bigint    NOT NULL,
    state               smallint  NOT NULL,
    requested_sequence  bigint    NOT NULL,
    updated_sequence    bigint    NOT NULL,
    updated_at          timestamptz NOT NULL
);
CREATE INDEX withdrawals_by_account ON withdrawals (account_id, withdrawal_id);

-- The last journal sequence whose rows are in this database, per projector name; written
-- in the same transaction as the rows.
CREATE TABLE projector_position (
    name            text        PRIMARY KEY,
    last_sequence   bigint      NOT NULL CHECK (last_sequence >= 0),
    updated_at      timestamptz NOT NULL
);

CREATE VIEW orders_decimal AS
SELECT o.*,
       o.price_ticks * i.tick_size   AS price,
       o.quantity_lots * i.lot_size  AS quantity,
       o.filled_lots * i.lot_size    AS filled,
       o.remaining_lots * i.lot_size AS remaining
FROM orders o JOIN instruments i USING (instrument_id);

CREATE VIEW trades_decimal AS
SELECT t.*,
       t.price_ticks * i.tick_size   AS price,
       t.quantity_lots * i.lot_size  AS quantity
FROM trades t JOIN instruments i USING (instrument_id);
