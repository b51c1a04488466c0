using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Reference;
using Matcher.Core.Text;
using Npgsql;

namespace Matcher.Projections.Tests;

/// <summary>Stop, take-profit, iceberg, one-cancels-other and quote orders, and the protections, in Postgres.</summary>
[TestFixture]
[NonParallelizable]
public sealed class ConditionalOrderProjectionTests : ProjectionFixture
{
    private const long Last = 6_000_000;

    private const string OrderColumns =
        "SELECT status, trigger_type, stop_price_ticks, quantity_lots, filled_lots, remaining_lots, cancel_reason, " +
        "triggered_sequence IS NOT NULL FROM orders WHERE client_order_id = ";

    /// <summary>A trade at <see cref="Last"/>: the instrument's last trade price, the reference for triggers.</summary>
    private static Scenario WithLastTrade() => new Scenario()
        .Limit(1, Side.Sell, Last, 1, "seed-ask")
        .Limit(2, Side.Buy, Last, 1, "seed-bid");

    private static string EventsOf(string clientOrderId) =>
        "SELECT e.event_type, e.role, e.stop_price_ticks, e.filled_lots, e.remaining_lots FROM order_events e " +
        $"JOIN orders o USING (order_id) WHERE o.client_order_id = '{clientOrderId}' ORDER BY e.sequence";

    /// <summary>Appends the scenario's commands after the first <paramref name="written"/> to the journal, projects them, and returns how many are written now.</summary>
    private async Task<int> ProjectAsync(Scenario scenario, string database, int batch, int written)
    {
        LoadGenerator.Append(Journal, scenario.Commands.Skip(written));
        Assert.That(await CatchUpAsync(Options(database, batch)), Is.EqualTo(scenario.Commands.Count));
        return scenario.Commands.Count;
    }

    [Test]
    public async Task StopLimit_WaitsIsAmendedTriggersRestsAndFills_StatusFollowsAcrossBatches([Values(1, 3, 500)] int batch)
    {
        var database = await Cluster.CreateDatabaseAsync("cond");
        var scenario = WithLastTrade()
            .Conditional(3, Side.Buy, TriggerType.Stop, stopPriceTicks: Last + 10, priceTicks: Last + 5, lots: 2, "stop1");
        var written = 0;
        written = await ProjectAsync(scenario, database, batch, written);
        Assert.That(await ProjectionAssert.RowsAsync(database, OrderColumns + "'stop1'"),
            Is.EqualTo(new[] { $"waiting|1|{Last + 10}|2|0|2|0|False|" }), "placed: waiting for its trigger");
        Assert.That(await ProjectionAssert.RowsAsync(database,
            "SELECT status, stop_price, price FROM live_orders WHERE client_order_id = 'stop1'"),
            Is.EqualTo(new[] { "waiting|60000.10|60000.05|" }), "listed with the live orders, stop price in decimal");

        // Amended in a batch of its own: still waiting.
        scenario.Amend(3, "stop1", stopPriceTicks: Last + 8);
        written = await ProjectAsync(scenario, database, batch, written);
        Assert.That(await ProjectionAssert.RowsAsync(database, OrderColumns + "'stop1'"),
            Is.EqualTo(new[] { $"waiting|1|{Last + 8}|2|0|2|0|False|" }), "amended while waiting");

        // A trade at the stop price triggers it; nothing to buy at its limit: it rests.
        scenario.Limit(1, Side.Sell, Last + 8, 1, "ask2").Limit(2, Side.Buy, Last + 8, 1, "bid2");
        written = await ProjectAsync(scenario, database, batch, written);
        var triggeredAt = scenario.Commands.Count;
        Assert.That(await ProjectionAssert.RowsAsync(database, OrderColumns + "'stop1'"),
            Is.EqualTo(new[] { $"open|1|{Last + 8}|2|0|2|0|True|" }), "triggered and resting");
        Assert.That(await ProjectionAssert.ScalarAsync(database, "SELECT triggered_sequence FROM orders WHERE client_order_id = 'stop1'"),
            Is.EqualTo(triggeredAt));

        // Amended after it triggered, in a later batch: the batch cannot tell it triggered; the upsert does.
        scenario.Amend(3, "stop1", lots: 4);
        written = await ProjectAsync(scenario, database, batch, written);
        Assert.That(await ProjectionAssert.RowsAsync(database, OrderColumns + "'stop1'"),
            Is.EqualTo(new[] { $"open|1|{Last + 8}|4|0|4|0|True|" }), "an amend of a triggered order keeps it open");

        scenario.Limit(1, Side.Sell, Last + 5, 4, "ask3");
        written = await ProjectAsync(scenario, database, batch, written);
        scenario.AssertNoRejects();
        Assert.That(await ProjectionAssert.RowsAsync(database, OrderColumns + "'stop1'"),
            Is.EqualTo(new[] { $"filled|1|{Last + 8}|4|4|0|0|True|" }));
        Assert.That(await ProjectionAssert.RowsAsync(database, EventsOf("stop1")), Is.EqualTo(new[]
        {
            $"2|null|{Last + 10}|0|2|", $"5|null|{Last + 8}|0|2|", $"17|null|{Last + 8}|0|2|", $"5|null|{Last + 8}|0|4|", "3|M|0|4|0|",
        }), "accepted, amended, triggered, amended, traded as maker — in order");
    }

    [Test]
    public async Task StopMarket_TriggeredAndFilledInTheCommandThatTradesThrough_EventsInOrder([Values(1, 500)] int batch)
    {
        var database = await Cluster.CreateDatabaseAsync("cond");
        var scenario = WithLastTrade()
            .Conditional(3, Side.Buy, TriggerType.Stop, stopPriceTicks: Last + 10, priceTicks: 0, lots: 3, "stop-mkt")
            .Limit(1, Side.Sell, Last + 10, 1, "ask-at-stop")
            .Limit(1, Side.Sell, Last + 12, 5, "ask-above")
            .Limit(2, Side.Buy, Last + 10, 1, "lifts-the-stop");
        scenario.AssertNoRejects();
        var written = 0;
        written = await ProjectAsync(scenario, database, batch, written);

        Assert.That(await ProjectionAssert.RowsAsync(database, OrderColumns + "'stop-mkt'"),
            Is.EqualTo(new[] { $"filled|1|{Last + 10}|3|3|0|0|True|" }));
        Assert.That(await ProjectionAssert.RowsAsync(database, EventsOf("stop-mkt")),
            Is.EqualTo(new[] { $"2|null|{Last + 10}|0|3|", $"17|null|{Last + 10}|0|3|", "3|T|0|3|0|" }));
        Assert.That(await ProjectionAssert.ScalarAsync(database,
            "SELECT count(*) FROM order_events e JOIN orders o USING (order_id) " +
            "WHERE o.client_order_id = 'stop-mkt' AND e.command_sequence = o.triggered_sequence"),
            Is.EqualTo(2), "triggered and traded in the command whose trade reached the stop price");
        Assert.That(await ProjectionAssert.RowsAsync(database,
            "SELECT remaining_lots, status FROM orders WHERE client_order_id = 'ask-above'"), Is.EqualTo(new[] { "2|open|" }));
    }

    [Test]
    public async Task WaitingOrder_Cancelled_IsCancelledAndNeverTriggered([Values(1, 500)] int batch)
    {
        var database = await Cluster.CreateDatabaseAsync("cond");
        var scenario = WithLastTrade()
            .Conditional(3, Side.Sell, TriggerType.TakeProfit, stopPriceTicks: Last + 1_000, priceTicks: Last + 990, lots: 2, "tp1")
            .Cancel(3, "tp1");
        scenario.AssertNoRejects();
        var written = 0;
        written = await ProjectAsync(scenario, database, batch, written);

        Assert.That(await ProjectionAssert.RowsAsync(database, OrderColumns + "'tp1'"),
            Is.EqualTo(new[] { $"cancelled|2|{Last + 1_000}|2|0|0|{(int)CancelReason.User}|False|" }));
        Assert.That(await ProjectionAssert.RowsAsync(database, EventsOf("tp1")),
            Is.EqualTo(new[] { $"2|null|{Last + 1_000}|0|2|", $"4|null|{Last + 1_000}|0|0|" }));
        Assert.That(await ProjectionAssert.ScalarAsync(database, "SELECT count(*) FROM live_orders WHERE client_order_id = 'tp1'"), Is.Zero);
    }

    [Test]
    public async Task Iceberg_KeepsItsDisplayLotsThroughFills()
    {
        var database = await Cluster.CreateDatabaseAsync("cond");
        var scenario = new Scenario()
            .Limit(1, Side.Sell, Last, 10, "ice", c => c with { DisplayLots = 2 })
            .Limit(2, Side.Buy, Last, 3, "taker");
        scenario.AssertNoRejects();
        var written = 0;
        written = await ProjectAsync(scenario, database, 1, written);

        Assert.That(await ProjectionAssert.RowsAsync(database,
            "SELECT status, display_lots, display_quantity, filled_lots, remaining_lots, trigger_type FROM orders_decimal WHERE client_order_id = 'ice'"),
            Is.EqualTo(new[] { "open|2|0.0002|3|7|0|" }));
    }

    [Test]
    public async Task OneCancelsOther_OneTrades_PartnerCancelled_BothRowsKeepTheLink([Values(1, 500)] int batch)
    {
        var database = await Cluster.CreateDatabaseAsync("cond");
        var scenario = WithLastTrade().Limit(3, Side.Sell, Last + 2_000, 2, "take-profit");
        var written = 0;
        written = await ProjectAsync(scenario, database, batch, written);
        scenario.Conditional(3, Side.Sell, TriggerType.Stop, stopPriceTicks: Last - 2_000, priceTicks: 0, lots: 2, "stop-loss",
            c => c with { Contingency = ContingencyType.OneCancelsOther, LinkedClientOrderId = ClientOrderId.From("take-profit") });
        written = await ProjectAsync(scenario, database, batch, written);
        Assert.That(await ProjectionAssert.RowsAsync(database,
            "SELECT o.client_order_id, o.status, p.client_order_id FROM orders o JOIN orders p ON p.order_id = o.linked_order_id " +
            "WHERE o.account_id = 3 ORDER BY o.order_id"),
            Is.EqualTo(new[] { "take-profit|open|stop-loss|", "stop-loss|waiting|take-profit|" }),
            "tied both ways, the earlier order too (it has no event of its own)");

        scenario.Limit(2, Side.Buy, Last + 2_000, 1, "hits-take-profit");
        written = await ProjectAsync(scenario, database, batch, written);
        scenario.AssertNoRejects();
        Assert.That(await ProjectionAssert.RowsAsync(database,
            "SELECT o.client_order_id, o.status, o.cancel_reason, o.filled_lots, p.client_order_id FROM orders o " +
            "JOIN orders p ON p.order_id = o.linked_order_id WHERE o.account_id = 3 ORDER BY o.order_id"),
            Is.EqualTo(new[] { "take-profit|open|0|1|stop-loss|", $"stop-loss|cancelled|{(int)CancelReason.Contingency}|0|take-profit|" }),
            "a partial fill of one cancels the other; the rows still name their partner");
    }

    [Test]
    public async Task QuoteLegs_Flagged_ReplacedLegsCancelled_ProtectionTripsAndResets([Values(1, 500)] int batch)
    {
        var database = await Cluster.CreateDatabaseAsync("cond");
        var scenario = new Scenario()
            .Add(new Command { Type = CommandType.SetMarketMakerProtection, AccountId = 4, WindowNs = 1_000_000_000, QuantityLots = 3 })
            .Quote(4, Last - 10, 5, Last + 10, 5, "q1")
            .Quote(4, Last - 20, 5, Last + 20, 5, "q2")
            .Limit(2, Side.Buy, Last + 20, 5, "lifts-the-ask");
        var written = 0;
        written = await ProjectAsync(scenario, database, batch, written);
        Assert.That(await ProjectionAssert.RowsAsync(database,
            "SELECT client_order_id, side, is_quote, status, cancel_reason, filled_lots FROM orders WHERE account_id = 4 ORDER BY order_id"),
            Is.EqualTo(new[]
            {
                $"q1|{(int)Side.Buy}|True|cancelled|{(int)CancelReason.QuoteReplaced}|0|",
                $"q1|{(int)Side.Sell}|True|cancelled|{(int)CancelReason.QuoteReplaced}|0|",
                $"q2|{(int)Side.Buy}|True|cancelled|{(int)CancelReason.MarketMakerProtection}|0|",
                $"q2|{(int)Side.Sell}|True|filled|0|5|",
            }), "5 lots filled, over the protection's 3: the bid is pulled");
        Assert.That(await ProjectionAssert.RowsAsync(database, "SELECT is_quote FROM orders WHERE client_order_id = 'lifts-the-ask'"),
            Is.EqualTo(new[] { "False|" }));
        Assert.That(await ProjectionAssert.RowsAsync(database,
            "SELECT account_id, window_ns, quantity_lots, max_fills, tripped FROM market_maker_protection"),
            Is.EqualTo(new[] { "4|1000000000|3|0|True|" }));

        scenario.Add(new Command { Type = CommandType.ResetMarketMakerProtection, AccountId = 4 });
        written = await ProjectAsync(scenario, database, batch, written);
        scenario.AssertNoRejects();
        Assert.That(await ProjectionAssert.RowsAsync(database, "SELECT tripped, updated_sequence FROM market_maker_protection"),
            Is.EqualTo(new[] { $"False|{written}|" }));
    }

    [Test]
    public async Task AccountKillSwitchAndLimits_PriceBand_CircuitBreaker_AreProjected([Values(1, 500)] int batch)
    {
        var database = await Cluster.CreateDatabaseAsync("cond");
        var scenario = new Scenario()
            .Add(new Command { Type = CommandType.SetAccountLimits, AccountId = 5, MaxOpenOrders = 7, QuantityLots = 100, Amount = 5_000 })
            .Add(new Command { Type = CommandType.SetAccountStatus, AccountId = 6, InstrumentStatus = InstrumentStatus.Halted })
            .Add(new Command { Type = CommandType.SetPriceBand, InstrumentId = Scenario.Instrument, Amount = 500 })
            .Add(new Command { Type = CommandType.SetCircuitBreaker, InstrumentId = Scenario.Instrument, Amount = 100, WindowNs = 1_000_000_000_000 })
            .Limit(1, Side.Sell, Last, 1, "a1").Limit(2, Side.Buy, Last, 1, "b1")
            .Limit(1, Side.Sell, Last + 120_000, 1, "a2").Limit(2, Side.Buy, Last + 120_000, 1, "b2");
        scenario.AssertNoRejects();
        var written = 0;
        written = await ProjectAsync(scenario, database, batch, written);

        Assert.That(await ProjectionAssert.RowsAsync(database,
            "SELECT account_id, halted, max_open_orders, max_order_lots, max_order_notional FROM accounts WHERE account_id IN (5, 6) ORDER BY account_id"),
            Is.EqualTo(new[] { "5|False|7|100|5000|", "6|True|0|0|0|" }));
        Assert.That(await ProjectionAssert.RowsAsync(database,
            "SELECT status, status_reason, price_band_bps, circuit_breaker_bps, circuit_breaker_window_ns FROM instruments WHERE instrument_id = 1"),
            Is.EqualTo(new[] { $"{(int)InstrumentStatus.CancelOnly}|{(int)CancelReason.CircuitBreaker}|500|100|1000000000000|" }),
            "a 2% move in a 1% breaker stopped the instrument");
        Assert.That(await ProjectionAssert.RowsAsync(database, "SELECT status, cancel_reason FROM orders WHERE client_order_id = 'b2'"),
            Is.EqualTo(new[] { $"cancelled|{(int)CancelReason.CircuitBreaker}|" }));

        scenario.Add(Scenario.Status(InstrumentStatus.Trading));
        written = await ProjectAsync(scenario, database, batch, written);
        Assert.That(await ProjectionAssert.RowsAsync(database, "SELECT status, status_reason FROM instruments WHERE instrument_id = 1"),
            Is.EqualTo(new[] { $"{(int)InstrumentStatus.Trading}|0|" }), "an admin resumed it");
    }

    [Test]
    public async Task AllScenarios_OneBatchOrOneCommandPerBatch_GiveTheSameRows()
    {
        // Every kind above in one journal; the conditional orders' amends and triggers then meet
        // their earlier rows inside a batch (500) or only in the database (1).
        var scenario = WithLastTrade()
            .Conditional(3, Side.Buy, TriggerType.Stop, Last + 10, Last + 5, 2, "stop1")
            .Amend(3, "stop1", stopPriceTicks: Last + 8)
            .Limit(1, Side.Sell, Last + 8, 1, "ask2").Limit(2, Side.Buy, Last + 8, 1, "bid2")
            .Amend(3, "stop1", lots: 4)
            .Conditional(3, Side.Sell, TriggerType.TakeProfit, Last + 1_000, Last + 990, 2, "tp1")
            .Limit(3, Side.Sell, Last + 2_000, 2, "oco-a")
            .Conditional(3, Side.Sell, TriggerType.Stop, Last - 2_000, 0, 2, "oco-b",
                c => c with { Contingency = ContingencyType.OneCancelsOther, LinkedClientOrderId = ClientOrderId.From("oco-a") })
            .Amend(3, "oco-b", stopPriceTicks: Last - 1_900)
            .Conditional(4, Side.Sell, TriggerType.TrailingStop, 0, 0, 1, "trail", c => c with { TrailingOffsetTicks = 50 })
            .Limit(1, Side.Sell, Last + 3_000, 10, "ice", c => c with { DisplayLots = 2 })
            .Quote(5, Last - 30, 2, Last + 2_500, 2, "q1")
            .Limit(2, Side.Buy, Last + 3_000, 5, "sweep")
            .Cancel(3, "tp1");
        scenario.AssertNoRejects();
        LoadGenerator.Append(Journal, scenario.Commands);
        var one = await Cluster.CreateDatabaseAsync("cond");
        var many = await Cluster.CreateDatabaseAsync("cond");
        await CatchUpAsync(Options(one, batch: 500));
        await CatchUpAsync(Options(many, batch: 1));

        var dump = await ProjectionAssert.DumpAsync(one);
        Assert.That(await ProjectionAssert.DumpAsync(many), Is.EqualTo(dump));
        Assert.That(await ProjectionAssert.RowsAsync(one, "SELECT client_order_id, status FROM orders WHERE account_id IN (3, 4) ORDER BY order_id"),
            Is.EqualTo(new[] { "stop1|open|", "tp1|cancelled|", "oco-a|filled|", "oco-b|cancelled|", "trail|waiting|" }));
    }

    [Test]
    public async Task Migration0003_AppliesOnTopOfA0002Database_ExistingRowsKeepTheirMeaning()
    {
        var database = await Cluster.CreateDatabaseAsync("cond");
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await Execute(connection, "CREATE TABLE schema_version (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
            foreach (var (version, name, sql) in ProjectionSchema.Migrations.Where(m => m.Version <= 2))
            {
                await Execute(connection, sql);
                await Execute(connection, $"INSERT INTO schema_version (version, name) VALUES ({version}, '{name}')");
            }

            // Rows written by a projector at schema version 2.
            await Execute(connection,
                "INSERT INTO assets VALUES (1, 'BTC', 8, 1), (3, 'USDT', 6, 2); " +
                "INSERT INTO instruments VALUES (1, 'BTC-USDT', 1, 3, 0.01, 0.0001, 1, 0, 10000, 1, 1, 3); " +
                "INSERT INTO accounts VALUES (1, 0, 4, 4); " +
                "INSERT INTO orders VALUES (7, 1, 1, 'old', 1, 1, 1, 6000000, 5, 1, 4, 0, 'open', 0, 1, 1, 5, now(), 6, now()); " +
                "INSERT INTO order_events VALUES (7, 5 << 20, 5, 2, NULL, 1, 1, 'old', NULL, 1, 6000000, 5, 0, 5, 0, NULL, 5000, now())");
            await transaction.CommitAsync();
            Assert.That(await ProjectionSchema.CurrentVersionAsync(connection, null, CancellationToken.None), Is.EqualTo(2));

            Assert.That(await ProjectionSchema.MigrateAsync(connection, CancellationToken.None), Is.EqualTo(ProjectionSchema.LatestVersion - 2));
            Assert.That(await ProjectionSchema.CurrentVersionAsync(connection, null, CancellationToken.None), Is.EqualTo(ProjectionSchema.LatestVersion));
        }

        Assert.That(await ProjectionAssert.RowsAsync(database,
            "SELECT status, trigger_type, stop_price_ticks, display_lots, linked_order_id, is_quote, triggered_sequence, price, stop_price " +
            "FROM live_orders"),
            Is.EqualTo(new[] { "open|0|0|0|null|False|null|60000.00|0.00|" }), "an existing order is an ordinary one");
        Assert.That(await ProjectionAssert.RowsAsync(database, "SELECT event_type, stop_price_ticks FROM order_events"), Is.EqualTo(new[] { "2|0|" }));
        Assert.That(await ProjectionAssert.RowsAsync(database,
            "SELECT halted, max_open_orders, price_band_bps, circuit_breaker_bps, status_reason FROM accounts, instruments"),
            Is.EqualTo(new[] { "False|0|0|0|0|" }));
        Assert.That(async () => await Execute(database, "UPDATE orders SET status = 'waiting'"), Throws.Nothing);
        Assert.That(async () => await Execute(database, "UPDATE orders SET status = 'parked'"),
            Throws.TypeOf<PostgresException>().With.Property(nameof(PostgresException.ConstraintName)).EqualTo("orders_status_check"));

        // And the projector carries on in it (a fresh position: the journal starts at 1, orders from id 1).
        LoadGenerator.Append(Journal, WithLastTrade().Conditional(3, Side.Buy, TriggerType.Stop, Last + 10, 0, 1, "stop").Commands);
        await Execute(database, "DELETE FROM orders; DELETE FROM order_events; DELETE FROM accounts; DELETE FROM instruments; DELETE FROM assets");
        await CatchUpAsync(Options(database));
        Assert.That(await ProjectionAssert.RowsAsync(database, "SELECT status FROM live_orders WHERE client_order_id = 'stop'"),
            Is.EqualTo(new[] { "waiting|" }));
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task Execute(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await Execute(connection, sql);
    }
}
