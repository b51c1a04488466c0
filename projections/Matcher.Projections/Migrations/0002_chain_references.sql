-- Chain deposits carry their transaction and log index (the key the core credits once), and
-- withdrawals the address they are paid to. Both are NULL for money moved outside a chain.
ALTER TABLE deposits ADD COLUMN tx_hash bytea, ADD COLUMN log_index integer;
CREATE UNIQUE INDEX deposits_by_chain_transaction ON deposits (tx_hash, log_index) WHERE tx_hash IS NOT NULL;
ALTER TABLE withdrawals ADD COLUMN destination bytea;
