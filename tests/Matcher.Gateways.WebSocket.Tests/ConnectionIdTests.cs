using Matcher.Core;
using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Numbers;
using Matcher.Core.Reference;
using Matcher.Core.Text;

namespace Matcher.Gateways.WebSocket.Tests;

/// <summary>
/// Connection ids after a restart start above those of the previous run's live orders, so the
/// start-up sweep's events (which name those ids) never reach a new connection.
/// </summary>
public sealed class ConnectionIdTests
{
    /// <summary>An engine with instrument 1 and account 1001, and one resting order per origin.</summary>
    private static MatchingEngine EngineWithOrdersOf(params Origin[] origins)
    {
        var engine = new MatchingEngine(1024);
        var sink = new EventListSink();
        var sequence = 0L;
        void Run(Command command)
        {
            command.Sequence = ++sequence;
            command.TimestampNs = 1_700_000_000_000_000_000 + sequence;
            engine.Process(ref command, sink);
            Assert.That(sink.Events.Find(e => e.Type == EventType.Rejected).Type, Is.Not.EqualTo(EventType.Rejected), $"{command.Type} was rejected");
        }

        Run(new Command { Type = CommandType.AddAsset, AssetId = 1, AssetCode = Symbol.From("BTC"), AssetScale = 8 });
        Run(new Command { Type = CommandType.AddAsset, AssetId = 2, AssetCode = Symbol.From("USD"), AssetScale = 6 });
        Run(new Command
        {
            Type = CommandType.AddInstrument,
            InstrumentId = 1,
            Instrument = new InstrumentDefinition
            {
                Symbol = Symbol.From("BTC-USD"),
                BaseAssetId = 1,
                QuoteAssetId = 2,
                TickSize = ScaledDecimal.Parse("0.01"),
                LotSize = ScaledDecimal.Parse("0.0001"),
                MinQuantityLots = 1,
            },
        });
        Run(new Command { Type = CommandType.CreateAccount, AccountId = GatewayHarness.AccountA });
        Run(new Command { Type = CommandType.Deposit, AccountId = GatewayHarness.AccountA, AssetId = 2, Amount = 1_000_000_000_000 });
        for (var i = 0; i < origins.Length; i++)
        {
            Run(new Command
            {
                Type = CommandType.PlaceOrder,
                AccountId = GatewayHarness.AccountA,
                InstrumentId = 1,
                Side = Side.Buy,
                OrderType = OrderType.Limit,
                TimeInForce = TimeInForce.GoodTillCancel,
                PriceTicks = 100 + i,
                QuantityLots = 1,
                ClientOrderId = ClientOrderId.From($"o-{i}"),
                Origin = origins[i],
            });
        }

        return engine;
    }

    [Test]
    public async Task LoadFrom_LiveOrdersOfEarlierConnections_NewIdsStartAboveThem()
    {
        var engine = EngineWithOrdersOf(
            new Origin(WebSocketGateway.GatewayId, 7, 1),
            new Origin(WebSocketGateway.GatewayId, 41, 1),
            new Origin(1, 900, 1));
        using var harness = new GatewayHarness();
        harness.Gateway.LoadFrom(engine);

        var first = await harness.LoginAsync(GatewayHarness.KeyA, GatewayHarness.SecretA);
        var second = await harness.LoginAsync(GatewayHarness.KeyA, GatewayHarness.SecretA);

        Assert.Multiple(() =>
        {
            Assert.That(first.ConnectionId, Is.EqualTo(42), "above connection 41, whose orders the start-up sweep cancels");
            Assert.That(second.ConnectionId, Is.EqualTo(43));
            Assert.That(WebSocketGateway.CancelOnDisconnectSweep(engine).Select(c => c.Origin.SessionId), Is.EquivalentTo(new[] { 7, 41 }),
                "the sweep names the old ids: another gateway's session 900 is not this gateway's");
        });
        await first.CloseAsync();
        await second.CloseAsync();
    }

    [Test]
    public async Task LoadFrom_NoOrdersOfThisGateway_IdsStartAtOne()
    {
        var engine = EngineWithOrdersOf(new Origin(1, 900, 1));
        using var harness = new GatewayHarness();
        harness.Gateway.LoadFrom(engine);

        var client = await harness.LoginAsync(GatewayHarness.KeyA, GatewayHarness.SecretA);

        Assert.That(client.ConnectionId, Is.EqualTo(1));
        await client.CloseAsync();
    }
}
