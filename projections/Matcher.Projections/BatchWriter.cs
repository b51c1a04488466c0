using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace Matcher.Projections;

/// <summary>
/// Writes one batch in one transaction: the position check, binary COPY of the insert-only
/// rows, batched upserts (<c>INSERT … SELECT FROM unnest(arrays) ON CONFLICT DO UPDATE</c>)
/// of the current-state rows, and the new position. Either all of it commits or none.
/// </summary>
internal static class BatchWriter
{
    /// <summary>What a write found.</summary>
    internal enum Outcome
    {
        /// <summary>The batch is committed now.</summary>
        Written,

        /// <summary>The position already is the batch's last sequence: an earlier commit went through but its acknowledgement was lost.</summary>
        AlreadyCommitted,
    }

    public static async Task<Outcome> WriteAsync(
        NpgsqlConnection connection, string name, ProjectionBatch batch, ProjectorHooks? hooks, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        long position;
        await using (var read = new NpgsqlCommand("SELECT last_sequence FROM projector_position WHERE name = @n FOR UPDATE", connection, transaction))
        {
            read.Parameters.AddWithValue("n", name);
            position = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long value
                ? value
                : throw new ProjectorConflictException($"projector '{name}' has no row in projector_position (was the database rebuilt underneath it?)");
        }

        if (position == batch.LastSequence)
        {
            return Outcome.AlreadyCommitted;
        }

        if (position != batch.FirstSequence - 1)
        {
            throw new ProjectorConflictException(string.Create(CultureInfo.InvariantCulture,
                $"projector '{name}' is at sequence {position} in the database, but its batch runs {batch.FirstSequence}..{batch.LastSequence}: another projector with this name, or a rebuild, changed it"));
        }

        await CopyOrderEventsAsync(connection, batch, cancellationToken).ConfigureAwait(false);
        await CopyTradesAsync(connection, batch, cancellationToken).ConfigureAwait(false);
        await CopyDepositsAsync(connection, batch, cancellationToken).ConfigureAwait(false);

        await using (var upserts = new NpgsqlBatch(connection, transaction))
        {
            AddReferenceUpserts(upserts, batch);
            AddOrderUpserts(upserts, batch);
            AddBalanceUpserts(upserts, batch);
            AddWithdrawalUpserts(upserts, batch);
            var position2 = new NpgsqlBatchCommand("UPDATE projector_position SET last_sequence = @s, updated_at = now() WHERE name = @n");
            position2.Parameters.AddWithValue("s", batch.LastSequence);
            position2.Parameters.AddWithValue("n", name);
            upserts.BatchCommands.Add(position2);
            await upserts.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (hooks?.BeforeCommit is { } before)
        {
            await before(batch).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (hooks?.AfterCommit is { } after)
        {
            await after(batch).ConfigureAwait(false);
        }

        return Outcome.Written;
    }

    private static async Task CopyOrderEventsAsync(NpgsqlConnection connection, ProjectionBatch batch, CancellationToken cancellationToken)
    {
        if (batch.OrderEvents.Count == 0)
        {
            return;
        }

        await using var importer = await connection.BeginBinaryImportAsync(
            "COPY order_events (order_id, sequence, command_sequence, event_type, role, account_id, instrument_id, client_order_id, " +
            "orig_client_order_id, side, price_ticks, quantity_lots, filled_lots, remaining_lots, cancel_reason, trade_id, stop_price_ticks, time_ns, time) " +
            "FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        foreach (var row in batch.OrderEvents)
        {
            await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(row.OrderId, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(row.Sequence, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(row.CommandSequence, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(row.EventType, NpgsqlDbType.Smallint, cancellationToken).ConfigureAwait(false);
            await WriteNullableAsync(importer, row.Role, NpgsqlDbType.Char, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(row.AccountId, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(row.InstrumentId, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
            await WriteNullableAsync(importer, row.ClientOrderId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await WriteNullableAsync(importer, row.OrigClientOrderId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(row.Side, NpgsqlDbType.Smallint, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(row.PriceTicks, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(row.QuantityLots, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(row.FilledLots, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(row.RemainingLots, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(row.CancelReason, NpgsqlDbType.Smallint, cancellationToken).ConfigureAwait(false);
            if (row.TradeId is { } tradeId)
            {
                await importer.WriteAsync(tradeId, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await importer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
            }

            await importer.WriteAsync(row.StopPriceTicks, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(row.TimeNs, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(ProjectionBatch.ToTime(row.TimeNs), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
        }

        await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task CopyTradesAsync(NpgsqlConnection connection, ProjectionBatch batch, CancellationToken cancellationToken)
    {
        if (batch.Trades.Count == 0)
        {
            return;
        }

        await using var importer = await connection.BeginBinaryImportAsync(
            "COPY trades (trade_id, instrument_id, sequence, command_sequence, time_ns, time, price_ticks, quantity_lots, notional, " +
            "aggressor_side, taker_order_id, taker_account_id, taker_fee, maker_order_id, maker_account_id, maker_fee) FROM STDIN (FORMAT BINARY)",
            cancellationToken).ConfigureAwait(false);
        foreach (var row in batch.Trades)
        {
            await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(row.TradeId, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(row.InstrumentId, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(row.Sequence, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(row.CommandSequence, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(row.TimeNs, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(ProjectionBatch.ToTime(row.TimeNs), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(row.PriceTicks, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(row.QuantityLots, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(row.Notional, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(row.AggressorSide, NpgsqlDbType.Smallint, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(row.TakerOrderId, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(row.TakerAccountId, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(row.TakerFee, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(row.MakerOrderId, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(row.MakerAccountId, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(row.MakerFee, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
        }

        await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task CopyDepositsAsync(NpgsqlConnection connection, ProjectionBatch batch, CancellationToken cancellationToken)
    {
        if (batch.Deposits.Count == 0)
        {
            return;
        }

        await using var importer = await connection.BeginBinaryImportAsync(
            "COPY deposits (command_sequence, account_id, asset_id, amount, time_ns, time, tx_hash, log_index) FROM STDIN (FORMAT BINARY)",
            cancellationToken).ConfigureAwait(false);
        foreach (var row in batch.Deposits)
        {
            await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(row.CommandSequence, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(row.AccountId, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(row.AssetId, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(row.Amount, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(row.TimeNs, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(ProjectionBatch.ToTime(row.TimeNs), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
            if (row.TxHash is null)
            {
                await importer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
                await importer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await importer.WriteAsync(row.TxHash, NpgsqlDbType.Bytea, cancellationToken).ConfigureAwait(false);
                await importer.WriteAsync(row.LogIndex, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
            }
        }

        await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter importer, string? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is null ? importer.WriteNullAsync(cancellationToken) : importer.WriteAsync(value, type, cancellationToken);

    private static void AddReferenceUpserts(NpgsqlBatch upserts, ProjectionBatch batch)
    {
        if (batch.Assets.Count > 0)
        {
            var rows = batch.Assets.Values.ToArray();
            upserts.BatchCommands.Add(Command(
                "INSERT INTO assets (asset_id, code, scale, updated_sequence) " +
                "SELECT * FROM unnest(@p0::integer[], @p1::text[], @p2::smallint[], @p3::bigint[]) " +
                "ON CONFLICT (asset_id) DO UPDATE SET code = EXCLUDED.code, scale = EXCLUDED.scale, updated_sequence = EXCLUDED.updated_sequence",
                rows.Select(r => r.AssetId).ToArray(), rows.Select(r => r.Code).ToArray(), rows.Select(r => (short)r.Scale).ToArray(),
                rows.Select(r => r.Sequence).ToArray()));
        }

        if (batch.Instruments.Count > 0)
        {
            var rows = batch.Instruments;
            upserts.BatchCommands.Add(Command(
                "INSERT INTO instruments (instrument_id, symbol, base_asset_id, quote_asset_id, tick_size, lot_size, min_quantity_lots, " +
                "min_notional, lot_units, tick_value, status, price_band_bps, circuit_breaker_bps, circuit_breaker_window_ns, updated_sequence) " +
                "SELECT * FROM unnest(@p0::integer[], @p1::text[], @p2::integer[], @p3::integer[], @p4::numeric[], @p5::numeric[], " +
                "@p6::bigint[], @p7::bigint[], @p8::bigint[], @p9::bigint[], @p10::smallint[], @p11::bigint[], @p12::bigint[], @p13::bigint[], " +
                "@p14::bigint[]) " +
                "ON CONFLICT (instrument_id) DO UPDATE SET symbol = EXCLUDED.symbol, base_asset_id = EXCLUDED.base_asset_id, " +
                "quote_asset_id = EXCLUDED.quote_asset_id, tick_size = EXCLUDED.tick_size, lot_size = EXCLUDED.lot_size, " +
                "min_quantity_lots = EXCLUDED.min_quantity_lots, min_notional = EXCLUDED.min_notional, lot_units = EXCLUDED.lot_units, " +
                "tick_value = EXCLUDED.tick_value, status = EXCLUDED.status, price_band_bps = EXCLUDED.price_band_bps, " +
                "circuit_breaker_bps = EXCLUDED.circuit_breaker_bps, circuit_breaker_window_ns = EXCLUDED.circuit_breaker_window_ns, " +
                "updated_sequence = EXCLUDED.updated_sequence",
                rows.Select(r => r.InstrumentId).ToArray(), rows.Select(r => r.Symbol).ToArray(), rows.Select(r => r.BaseAssetId).ToArray(),
                rows.Select(r => r.QuoteAssetId).ToArray(), rows.Select(r => r.TickSize).ToArray(), rows.Select(r => r.LotSize).ToArray(),
                rows.Select(r => r.MinQuantityLots).ToArray(), rows.Select(r => r.MinNotional).ToArray(), rows.Select(r => r.LotUnits).ToArray(),
                rows.Select(r => r.TickValue).ToArray(), rows.Select(r => r.Status).ToArray(), rows.Select(r => r.PriceBandBps).ToArray(),
                rows.Select(r => r.CircuitBreakerBps).ToArray(), rows.Select(r => r.CircuitBreakerWindowNs).ToArray(),
                rows.Select(r => r.Sequence).ToArray()));

            // Only a status change tells why the status is what it is: other rows keep theirs (a new one starts at 0).
            var changed = rows.Where(r => r.StatusReason is not null).ToArray();
            if (changed.Length > 0)
            {
                upserts.BatchCommands.Add(Command(
                    "UPDATE instruments i SET status_reason = u.status_reason FROM unnest(@p0::integer[], @p1::smallint[]) " +
                    "AS u(instrument_id, status_reason) WHERE i.instrument_id = u.instrument_id",
                    changed.Select(r => r.InstrumentId).ToArray(), changed.Select(r => r.StatusReason!.Value).ToArray()));
            }
        }

        if (batch.FeeTiers.Count > 0)
        {
            var rows = batch.FeeTiers.Values.ToArray();
            upserts.BatchCommands.Add(Command(
                "INSERT INTO fee_tiers (fee_tier, maker_fee_bps, taker_fee_bps, updated_sequence) " +
                "SELECT * FROM unnest(@p0::integer[], @p1::integer[], @p2::integer[], @p3::bigint[]) " +
                "ON CONFLICT (fee_tier) DO UPDATE SET maker_fee_bps = EXCLUDED.maker_fee_bps, taker_fee_bps = EXCLUDED.taker_fee_bps, " +
                "updated_sequence = EXCLUDED.updated_sequence",
                rows.Select(r => r.FeeTier).ToArray(), rows.Select(r => r.MakerFeeBps).ToArray(), rows.Select(r => r.TakerFeeBps).ToArray(),
                rows.Select(r => r.Sequence).ToArray()));
        }

        if (batch.Accounts.Count > 0)
        {
            var rows = batch.Accounts.Values.ToArray();
            upserts.BatchCommands.Add(Command(
                "INSERT INTO accounts (account_id, fee_tier, created_sequence, updated_sequence, halted, max_open_orders, max_order_lots, " +
                "max_order_notional) " +
                "SELECT * FROM unnest(@p0::bigint[], @p1::integer[], @p2::bigint[], @p3::bigint[], @p4::boolean[], @p5::integer[], " +
                "@p6::bigint[], @p7::bigint[]) " +
                "ON CONFLICT (account_id) DO UPDATE SET fee_tier = EXCLUDED.fee_tier, updated_sequence = EXCLUDED.updated_sequence, " +
                "halted = EXCLUDED.halted, max_open_orders = EXCLUDED.max_open_orders, max_order_lots = EXCLUDED.max_order_lots, " +
                "max_order_notional = EXCLUDED.max_order_notional",
                rows.Select(r => r.AccountId).ToArray(), rows.Select(r => r.FeeTier).ToArray(), rows.Select(r => r.CreatedSequence).ToArray(),
                rows.Select(r => r.Sequence).ToArray(), rows.Select(r => r.Halted).ToArray(), rows.Select(r => r.MaxOpenOrders).ToArray(),
                rows.Select(r => r.MaxOrderLots).ToArray(), rows.Select(r => r.MaxOrderNotional).ToArray()));
        }

        if (batch.Protections.Count > 0)
        {
            var rows = batch.Protections.Values.OrderBy(r => r.AccountId).ToArray();
            upserts.BatchCommands.Add(Command(
                "INSERT INTO market_maker_protection (account_id, window_ns, quantity_lots, max_fills, tripped, updated_sequence, updated_at) " +
                "SELECT * FROM unnest(@p0::bigint[], @p1::bigint[], @p2::bigint[], @p3::integer[], @p4::boolean[], @p5::bigint[], " +
                "@p6::timestamptz[]) " +
                "ON CONFLICT (account_id) DO UPDATE SET window_ns = EXCLUDED.window_ns, quantity_lots = EXCLUDED.quantity_lots, " +
                "max_fills = EXCLUDED.max_fills, tripped = EXCLUDED.tripped, updated_sequence = EXCLUDED.updated_sequence, " +
                "updated_at = EXCLUDED.updated_at",
                rows.Select(r => r.AccountId).ToArray(), rows.Select(r => r.WindowNs).ToArray(), rows.Select(r => r.QuantityLots).ToArray(),
                rows.Select(r => r.MaxFills).ToArray(), rows.Select(r => r.Tripped).ToArray(), rows.Select(r => r.Sequence).ToArray(),
                rows.Select(r => ProjectionBatch.ToTime(r.TimeNs)).ToArray()));
        }
    }

    private static void AddOrderUpserts(NpgsqlBatch upserts, ProjectionBatch batch)
    {
        if (batch.Orders.Count == 0)
        {
            return;
        }

        // Ascending order id: deterministic statements (and lock order).
        var full = batch.Orders.Values.Where(o => !o.IsPartial).OrderBy(o => o.OrderId).ToArray();
        var partial = batch.Orders.Values.Where(o => o.IsPartial).OrderBy(o => o.OrderId).ToArray();
        if (full.Length > 0)
        {
            upserts.BatchCommands.Add(Command(
                "INSERT INTO orders (order_id, account_id, instrument_id, client_order_id, side, order_type, time_in_force, price_ticks, " +
                "quantity_lots, filled_lots, remaining_lots, expire_time_ns, status, cancel_reason, gateway_id, session_id, " +
                "created_sequence, created_at, updated_sequence, updated_at, trigger_type, stop_price_ticks, trailing_offset_ticks, " +
                "trailing_offset_bps, display_lots, linked_order_id, is_quote, triggered_sequence, triggered_at) " +
                "SELECT * FROM unnest(@p0::bigint[], @p1::bigint[], @p2::integer[], @p3::text[], @p4::smallint[], @p5::smallint[], " +
                "@p6::smallint[], @p7::bigint[], @p8::bigint[], @p9::bigint[], @p10::bigint[], @p11::bigint[], @p12::text[], " +
                "@p13::smallint[], @p14::integer[], @p15::integer[], @p16::bigint[], @p17::timestamptz[], @p18::bigint[], @p19::timestamptz[], " +
                "@p20::smallint[], @p21::bigint[], @p22::bigint[], @p23::bigint[], @p24::bigint[], @p25::bigint[], @p26::boolean[], " +
                "@p27::bigint[], @p28::timestamptz[]) " +
                "ON CONFLICT (order_id) DO UPDATE SET client_order_id = EXCLUDED.client_order_id, price_ticks = EXCLUDED.price_ticks, " +
                "quantity_lots = EXCLUDED.quantity_lots, filled_lots = EXCLUDED.filled_lots, remaining_lots = EXCLUDED.remaining_lots, " +
                "expire_time_ns = EXCLUDED.expire_time_ns, cancel_reason = EXCLUDED.cancel_reason, " +
                "gateway_id = EXCLUDED.gateway_id, session_id = EXCLUDED.session_id, updated_sequence = EXCLUDED.updated_sequence, " +
                "updated_at = EXCLUDED.updated_at, stop_price_ticks = EXCLUDED.stop_price_ticks, display_lots = EXCLUDED.display_lots, " +
                // A 'waiting' the batch could not confirm (ProjectionBatch.StatusAfter): a triggered order never waits again.
                "status = CASE WHEN EXCLUDED.status = 'waiting' AND orders.triggered_sequence IS NOT NULL THEN 'open' ELSE EXCLUDED.status END, " +
                "linked_order_id = coalesce(EXCLUDED.linked_order_id, orders.linked_order_id), " +
                "triggered_sequence = coalesce(EXCLUDED.triggered_sequence, orders.triggered_sequence), " +
                "triggered_at = coalesce(EXCLUDED.triggered_at, orders.triggered_at)",
                full.Select(o => o.OrderId).ToArray(), full.Select(o => o.AccountId).ToArray(), full.Select(o => o.InstrumentId).ToArray(),
                full.Select(o => o.ClientOrderId).ToArray(), full.Select(o => o.Side).ToArray(), full.Select(o => o.OrderType).ToArray(),
                full.Select(o => o.TimeInForce).ToArray(), full.Select(o => o.PriceTicks).ToArray(), full.Select(o => o.QuantityLots).ToArray(),
                full.Select(o => o.FilledLots).ToArray(), full.Select(o => o.RemainingLots).ToArray(), full.Select(o => o.ExpireTimeNs).ToArray(),
                full.Select(o => o.Status).ToArray(), full.Select(o => o.CancelReason).ToArray(), full.Select(o => o.GatewayId).ToArray(),
                full.Select(o => o.SessionId).ToArray(), full.Select(o => o.CreatedSequence).ToArray(),
                full.Select(o => ProjectionBatch.ToTime(o.CreatedNs)).ToArray(), full.Select(o => o.UpdatedSequence).ToArray(),
                full.Select(o => ProjectionBatch.ToTime(o.UpdatedNs)).ToArray(), full.Select(o => o.Trigger).ToArray(),
                full.Select(o => o.StopPriceTicks).ToArray(), full.Select(o => o.TrailingOffsetTicks).ToArray(),
                full.Select(o => o.TrailingOffsetBps).ToArray(), full.Select(o => o.DisplayLots).ToArray(),
                full.Select(o => o.LinkedOrderId).ToArray(), full.Select(o => o.IsQuote).ToArray(),
                full.Select(o => o.TriggeredSequence).ToArray(),
                full.Select(o => o.TriggeredNs is { } ns ? ProjectionBatch.ToTime(ns) : (DateTime?)null).ToArray()));
        }

        if (partial.Length > 0)
        {
            // A partial row without a status has only a new partner; one without a partner only a fill.
            upserts.BatchCommands.Add(Command(
                "UPDATE orders o SET quantity_lots = CASE WHEN u.status IS NULL THEN o.quantity_lots ELSE u.quantity_lots END, " +
                "filled_lots = CASE WHEN u.status IS NULL THEN o.filled_lots ELSE u.filled_lots END, " +
                "remaining_lots = CASE WHEN u.status IS NULL THEN o.remaining_lots ELSE u.remaining_lots END, " +
                "status = coalesce(u.status, o.status), linked_order_id = coalesce(u.linked_order_id, o.linked_order_id), " +
                "updated_sequence = u.updated_sequence, updated_at = u.updated_at " +
                "FROM unnest(@p0::bigint[], @p1::bigint[], @p2::bigint[], @p3::bigint[], @p4::text[], @p5::bigint[], @p6::bigint[], " +
                "@p7::timestamptz[]) " +
                "AS u(order_id, quantity_lots, filled_lots, remaining_lots, status, linked_order_id, updated_sequence, updated_at) " +
                "WHERE o.order_id = u.order_id",
                partial.Select(o => o.OrderId).ToArray(), partial.Select(o => o.QuantityLots).ToArray(), partial.Select(o => o.FilledLots).ToArray(),
                partial.Select(o => o.RemainingLots).ToArray(), partial.Select(o => o.Status).ToArray(),
                partial.Select(o => o.LinkedOrderId).ToArray(), partial.Select(o => o.UpdatedSequence).ToArray(),
                partial.Select(o => ProjectionBatch.ToTime(o.UpdatedNs)).ToArray()));
        }
    }

    private static void AddBalanceUpserts(NpgsqlBatch upserts, ProjectionBatch batch)
    {
        if (batch.Balances.Count == 0)
        {
            return;
        }

        var rows = batch.Balances.Values.OrderBy(r => r.AccountId).ThenBy(r => r.AssetId).ToArray();
        upserts.BatchCommands.Add(Command(
            "INSERT INTO balances (account_id, asset_id, available, locked, updated_sequence) " +
            "SELECT * FROM unnest(@p0::bigint[], @p1::integer[], @p2::bigint[], @p3::bigint[], @p4::bigint[]) " +
            "ON CONFLICT (account_id, asset_id) DO UPDATE SET available = EXCLUDED.available, locked = EXCLUDED.locked, " +
            "updated_sequence = EXCLUDED.updated_sequence",
            rows.Select(r => r.AccountId).ToArray(), rows.Select(r => r.AssetId).ToArray(), rows.Select(r => r.Available).ToArray(),
            rows.Select(r => r.Locked).ToArray(), rows.Select(r => r.UpdatedSequence).ToArray()));
    }

    private static void AddWithdrawalUpserts(NpgsqlBatch upserts, ProjectionBatch batch)
    {
        if (batch.Withdrawals.Count == 0)
        {
            return;
        }

        var rows = batch.Withdrawals.Values.OrderBy(r => r.WithdrawalId).ToArray();
        upserts.BatchCommands.Add(Command(
            "INSERT INTO withdrawals (withdrawal_id, account_id, asset_id, amount, state, requested_sequence, updated_sequence, updated_at, destination) " +
            "SELECT * FROM unnest(@p0::bigint[], @p1::bigint[], @p2::integer[], @p3::bigint[], @p4::smallint[], @p5::bigint[], " +
            "@p6::bigint[], @p7::timestamptz[], @p8::bytea[]) " +
            "ON CONFLICT (withdrawal_id) DO UPDATE SET state = EXCLUDED.state, updated_sequence = EXCLUDED.updated_sequence, " +
            "updated_at = EXCLUDED.updated_at",
            rows.Select(r => r.WithdrawalId).ToArray(), rows.Select(r => r.AccountId).ToArray(), rows.Select(r => r.AssetId).ToArray(),
            rows.Select(r => r.Amount).ToArray(), rows.Select(r => r.State).ToArray(), rows.Select(r => r.RequestedSequence).ToArray(),
            rows.Select(r => r.Sequence).ToArray(), rows.Select(r => ProjectionBatch.ToTime(r.TimeNs)).ToArray(),
            rows.Select(r => r.Destination).ToArray()));
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] arrays)
    {
        var command = new NpgsqlBatchCommand(sql);
        for (var i = 0; i < arrays.Length; i++)
        {
            command.Parameters.Add(new NpgsqlParameter("p" + i.ToString(CultureInfo.InvariantCulture), arrays[i]));
        }

        return command;
    }
}

/// <summary>Fault injection for tests: called inside the write, before and after the commit.</summary>
internal sealed class ProjectorHooks
{
    public Func<ProjectionBatch, Task>? BeforeCommit { get; init; }

    public Func<ProjectionBatch, Task>? AfterCommit { get; init; }
}
