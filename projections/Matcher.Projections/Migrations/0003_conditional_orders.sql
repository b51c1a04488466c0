-- Conditional and advanced orders (stop, take-profit, trailing stop, iceberg, one-cancels-other,
-- quote legs), account limits and kill switch, market-maker protection, price band and circuit
-- breaker. Every new column has a default that describes an existing row correctly: an ordinary
-- order, an account without limits, an instrument without band or breaker.

-- trigger_type: TriggerType (0 none, 1 stop, 2 take-profit, 3 trailing stop), kept after the
-- order triggers. stop_price_ticks: the trigger price (a trailing stop's as of its last event:
-- the core reports no event when it trails). display_lots: an iceberg's visible slice (0: the
-- whole order shows). linked_order_id: the one-cancels-other partner the order was last tied to
-- (kept after the tie ends; NULL: never tied). triggered_sequence / triggered_at: when the
-- conditional order fired (NULL: ordinary, or not fired).
ALTER TABLE orders
    ADD COLUMN trigger_type          smallint    NOT NULL DEFAULT 0,
    ADD COLUMN stop_price_ticks      bigint      NOT NULL DEFAULT 0,
    ADD COLUMN trailing_offset_ticks bigint      NOT NULL DEFAULT 0,
    ADD COLUMN trailing_offset_bps   bigint      NOT NULL DEFAULT 0,
    ADD COLUMN display_lots          bigint      NOT NULL DEFAULT 0,
    ADD COLUMN linked_order_id       bigint,
    ADD COLUMN is_quote              boolean     NOT NULL DEFAULT false,
    ADD COLUMN triggered_sequence    bigint,
    ADD COLUMN triggered_at          timestamptz;

-- 'waiting': a conditional order accepted and waiting off the book for its trigger (it locks
-- funds and counts as an open order, as in the core). 'open' after it triggers and rests.
ALTER TABLE orders DROP CONSTRAINT orders_status_check;
ALTER TABLE orders ADD CONSTRAINT orders_status_check CHECK (status IN ('waiting', 'open', 'filled', 'cancelled'));

-- An account's live orders: resting ('open') and waiting for a trigger ('waiting'). Also serves
-- a query for either status alone (the planner proves status = 'open' implies the predicate).
DROP INDEX orders_open_by_account;
CREATE INDEX orders_live_by_account ON orders (account_id, instrument_id, status) WHERE status IN ('open', 'waiting');

-- The stop price in each order event (changed by an amend; a trailing stop's current one),
-- and event_type 17 for an order's trigger.
ALTER TABLE order_events ADD COLUMN stop_price_ticks bigint NOT NULL DEFAULT 0;

-- The kill switch (halted: no new orders or amends) and per-order limits (0: none).
ALTER TABLE accounts
    ADD COLUMN halted              boolean   NOT NULL DEFAULT false,
    ADD COLUMN max_open_orders     integer   NOT NULL DEFAULT 0,
    ADD COLUMN max_order_lots      bigint    NOT NULL DEFAULT 0,
    ADD COLUMN max_order_notional  bigint    NOT NULL DEFAULT 0;

-- price_band_bps, circuit_breaker_bps: 0 = none. status_reason: CancelReason of the last status
-- change: 12 (CircuitBreaker) when the breaker stopped the instrument, 0 for an admin's change.
ALTER TABLE instruments
    ADD COLUMN price_band_bps             bigint    NOT NULL DEFAULT 0,
    ADD COLUMN circuit_breaker_bps        bigint    NOT NULL DEFAULT 0,
    ADD COLUMN circuit_breaker_window_ns  bigint    NOT NULL DEFAULT 0,
    ADD COLUMN status_reason              smallint  NOT NULL DEFAULT 0;

-- An account's market-maker protection, as last set, reset or tripped (the window's running
-- counts are not kept: they change with every fill, without an event).
CREATE TABLE market_maker_protection (
    account_id        bigint      PRIMARY KEY,
    window_ns         bigint      NOT NULL,  -- 0: off
    quantity_lots     bigint      NOT NULL,  -- most lots in a window (0: no limit)
    max_fills         integer     NOT NULL,  -- most fills in a window (0: no limit)
    tripped           boolean     NOT NULL,  -- quotes pulled and refused until reset
    updated_sequence  bigint      NOT NULL,
    updated_at        timestamptz NOT NULL
);

-- The decimal views list the orders columns as they were when created: make them again.
DROP VIEW orders_decimal;
CREATE VIEW orders_decimal AS
SELECT o.*,
       o.price_ticks * i.tick_size           AS price,
       o.quantity_lots * i.lot_size          AS quantity,
       o.filled_lots * i.lot_size            AS filled,
       o.remaining_lots * i.lot_size         AS remaining,
       o.stop_price_ticks * i.tick_size      AS stop_price,
       o.trailing_offset_ticks * i.tick_size AS trailing_offset,
       o.display_lots * i.lot_size           AS display_quantity
FROM orders o JOIN instruments i USING (instrument_id);

-- What a venue's "open orders" query shows: resting orders and conditional orders waiting for
-- their trigger (status tells which), in decimal.
CREATE VIEW live_orders AS
SELECT * FROM orders_decimal WHERE status IN ('open', 'waiting');
