using System.Globalization;
using System.Text;
using Matcher.Core;
using Matcher.Core.Commands;
using Matcher.Core.Events;
using Npgsql;

namespace Matcher.Projections.Tests;

/// <summary>Compares a projection database with the engine that the same journal gives.</summary>
internal static class ProjectionAssert
{
    public static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public static async Task<List<string>> RowsAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            var row = new StringBuilder();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row.Append(reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).Append('|');
            }

            rows.Add(row.ToString());
        }

        return rows;
    }

    /// <summary>Every projection row, table by table, in key order (the position's wall-clock time left out).</summary>
    public static async Task<List<string>> DumpAsync(string connectionString)
    {
        var dump = new List<string>();
        foreach (var (table, key) in new[]
        {
            ("assets", "asset_id"), ("instruments", "instrument_id"), ("fee_tiers", "fee_tier"), ("accounts", "account_id"),
            ("orders", "order_id"), ("order_events", "order_id, sequence"), ("trades", "trade_id"), ("balances", "account_id, asset_id"),
            ("deposits", "command_sequence"), ("withdrawals", "withdrawal_id"), ("market_maker_protection", "account_id"),
        })
        {
            dump.Add("table " + table);
            dump.AddRange(await RowsAsync(connectionString, $"SELECT * FROM {table} ORDER BY {key}"));
        }

        dump.AddRange(await RowsAsync(connectionString, "SELECT name, last_sequence FROM projector_position ORDER BY name"));
        return dump;
    }

    /// <summary>Open orders, balances, trades per instrument, order events, deposits and withdrawals equal the engine's.</summary>
    public static async Task MatchesEngineAsync(string connectionString, MatchingEngine engine, List<EngineEvent> events)
    {
        Assert.That(await ScalarAsync(connectionString, "SELECT last_sequence FROM projector_position"), Is.EqualTo(engine.LastSequence));

        var openOrders = engine.EnumerateOrders().OrderBy(o => o.OrderId)
            .Select(o => string.Create(CultureInfo.InvariantCulture,
                $"{o.OrderId}|{o.AccountId}|{o.InstrumentId}|{o.PriceTicks}|{o.QuantityLots}|{o.FilledLots}|{o.RemainingLots}|"))
            .ToList();
        Assert.That(openOrders, Is.Not.Empty, "the load should leave orders resting");
        var actualOpen = await RowsAsync(connectionString,
            "SELECT order_id, account_id, instrument_id, price_ticks, quantity_lots, filled_lots, remaining_lots FROM orders WHERE status = 'open' ORDER BY order_id");
        Assert.That(actualOpen, Is.EqualTo(openOrders),
            $"open orders; missing {string.Join(", ", openOrders.Except(actualOpen))}; extra {string.Join(", ", actualOpen.Except(openOrders))}");

        var balances = new List<string>();
        foreach (var account in engine.AccountIds.Order())
        {
            foreach (var asset in engine.Assets.Select(a => a.Id).Order())
            {
                engine.TryGetBalance(account, asset, out var available, out var locked);
                if (available != 0 || locked != 0)
                {
                    balances.Add(string.Create(CultureInfo.InvariantCulture, $"{account}|{asset}|{available}|{locked}|"));
                }
            }
        }

        Assert.That(await RowsAsync(connectionString,
            "SELECT account_id, asset_id, available, locked FROM balances WHERE available <> 0 OR locked <> 0 ORDER BY account_id, asset_id"),
            Is.EqualTo(balances), "balances");

        var trades = events.Where(e => e.Type == EventType.Trade).ToList();
        Assert.That(trades, Is.Not.Empty, "the load should trade");
        var perInstrument = trades.GroupBy(t => t.InstrumentId).OrderBy(g => g.Key)
            .Select(g => string.Create(CultureInfo.InvariantCulture,
                $"{g.Key}|{g.Count()}|{g.Sum(t => t.TradeLots)}|{g.Sum(t => t.TradeNotional)}|{g.Sum(t => t.TakerFee)}|{g.Sum(t => t.MakerFee)}|"))
            .ToList();
        Assert.That(await RowsAsync(connectionString,
            "SELECT instrument_id, count(*), sum(quantity_lots), sum(notional), sum(taker_fee), sum(maker_fee) FROM trades GROUP BY instrument_id ORDER BY instrument_id"),
            Is.EqualTo(perInstrument), "trades per instrument");
        Assert.That(await RowsAsync(connectionString, "SELECT count(*), min(trade_id), max(trade_id) FROM trades"),
            Is.EqualTo(new[] { $"{trades.Count}|1|{trades.Count}|" }), "trade ids 1..N, each once");

        // order_events: exactly the keys the engine's events give, none twice, none missing.
        var expectedKeys = new List<string>();
        long command = -1;
        var index = 0;
        foreach (var e in events)
        {
            index = e.CommandSequence == command ? index + 1 : 0;
            command = e.CommandSequence;
            var sequence = (e.CommandSequence << ProjectionBatch.EventIndexBits) | (long)index;
            switch (e.Type)
            {
                case EventType.OrderAccepted or EventType.OrderAmended or EventType.OrderCancelled or EventType.OrderTriggered:
                    expectedKeys.Add(string.Create(CultureInfo.InvariantCulture, $"{e.OrderId}|{sequence}|"));
                    break;
                case EventType.Trade:
                    expectedKeys.Add(string.Create(CultureInfo.InvariantCulture, $"{e.OrderId}|{sequence}|"));
                    expectedKeys.Add(string.Create(CultureInfo.InvariantCulture, $"{e.MakerOrderId}|{sequence}|"));
                    break;
            }
        }

        expectedKeys = expectedKeys.Order(StringComparer.Ordinal).ToList();
        var actualKeys = (await RowsAsync(connectionString, "SELECT order_id, sequence FROM order_events")).Order(StringComparer.Ordinal).ToList();
        Assert.That(actualKeys, Is.EqualTo(expectedKeys), "order events");

        Assert.That(await ScalarAsync(connectionString, "SELECT count(*) FROM deposits"),
            Is.EqualTo(events.Count(e => e.Type == EventType.DepositApplied)), "deposits");
        var chainDeposits = events.Where(e => e.Type == EventType.DepositApplied && !e.TxHash.IsEmpty)
            .Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.CommandSequence}|{e.TxHash.ToString()[2..]}|{e.LogIndex}|")).ToList();
        Assert.That(await RowsAsync(connectionString, "SELECT command_sequence, encode(tx_hash, 'hex'), log_index FROM deposits WHERE tx_hash IS NOT NULL ORDER BY command_sequence"),
            Is.EqualTo(chainDeposits), "chain deposits keep their transaction and log index");
        var pending = engine.EnumerateWithdrawals().Select(w => string.Create(
            CultureInfo.InvariantCulture, $"{w.AccountId}|{w.AssetId}|{w.Amount}|{(w.Destination.IsEmpty ? "null" : w.Destination.ToString()[2..])}|")).ToList();
        Assert.That(await RowsAsync(connectionString, "SELECT account_id, asset_id, amount, encode(destination, 'hex') FROM withdrawals WHERE state = 1 ORDER BY withdrawal_id"),
            Is.EqualTo(pending), "pending withdrawals");
        Assert.That(await ScalarAsync(connectionString, "SELECT count(*) FROM orders"),
            Is.EqualTo(events.Count(e => e.Type == EventType.OrderAccepted)), "one row per accepted order");

        // Waiting: accepted with a trigger, and neither triggered nor cancelled since.
        var waiting = new SortedSet<long>();
        foreach (var e in events)
        {
            if (e.Type == EventType.OrderAccepted && e.Trigger != TriggerType.None)
            {
                waiting.Add(e.OrderId);
            }
            else if (e.Type is EventType.OrderTriggered or EventType.OrderCancelled)
            {
                waiting.Remove(e.OrderId);
            }
        }

        Assert.That(waiting, Is.Not.Empty, "the load should leave conditional orders waiting");
        Assert.That(await RowsAsync(connectionString, "SELECT order_id FROM orders WHERE status = 'waiting' ORDER BY order_id"),
            Is.EqualTo(waiting.Select(id => string.Create(CultureInfo.InvariantCulture, $"{id}|"))), "waiting orders");
        Assert.That(await ScalarAsync(connectionString, "SELECT count(*) FROM live_orders"), Is.EqualTo(engine.OpenOrderCount),
            "live orders (resting and waiting) are the core's open orders");
        Assert.That(await ScalarAsync(connectionString, "SELECT count(*) FROM orders WHERE triggered_sequence IS NOT NULL"),
            Is.EqualTo(events.Count(e => e.Type == EventType.OrderTriggered)).And.GreaterThan(0), "the load should trigger orders");
        foreach (var (what, sql, expected) in new[]
        {
            ("icebergs", "SELECT count(*) FROM orders WHERE display_lots > 0", events.Count(e => e.Type == EventType.OrderAccepted && e.DisplayLots > 0)),
            ("quote legs", "SELECT count(*) FROM orders WHERE is_quote", events.Count(e => e.Type == EventType.OrderAccepted && e.IsQuote)),
            ("tied orders", "SELECT count(*) FROM orders WHERE linked_order_id IS NOT NULL",
                events.Where(e => e.Type == EventType.OrderAccepted && e.LinkedOrderId != 0).SelectMany(e => new[] { e.OrderId, e.LinkedOrderId })
                    .Distinct().Count()),
        })
        {
            Assert.That(await ScalarAsync(connectionString, sql), Is.EqualTo(expected).And.GreaterThan(0), what);
        }
    }
}
