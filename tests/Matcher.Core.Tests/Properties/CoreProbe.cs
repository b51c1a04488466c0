using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Numbers;
using Matcher.Core.Text;

namespace Matcher.Core.Tests.Properties;

/// <summary>
/// A small engine for the targeted regression tests: BTC (8) and USDT (6), instrument 1
/// BTC-USDT (tick 0.01, lot 0.0001: 10,000 satoshi per lot, 1 micro-USDT per tick and
/// lot), sequences and times assigned in order. Independent of CoreDriver on purpose.
/// </summary>
internal sealed class CoreProbe
{
    public const int Btc = PropertyScenario.Btc;
    public const int Usdt = PropertyScenario.Usdt;
    public const int BtcUsdt = 1;

    private readonly EventListSink _sink = new();
    private long _sequence;

    public CoreProbe(long minNotional = 0)
    {
        Ok(PropertyScenario.AddAsset(Btc, "BTC", 8));
        Ok(PropertyScenario.AddAsset(Usdt, "USDT", 6));
        Ok(PropertyScenario.AddInstrument(BtcUsdt, "BTC-USDT", Btc, Usdt, new ScaledDecimal(1, 2), new ScaledDecimal(1, 4), 1, minNotional));
    }

    public MatchingEngine Engine { get; } = new(256);

    public List<EngineEvent> Run(Command command)
    {
        command.Sequence = ++_sequence;
        command.TimestampNs = PropertyScenario.StartTimeNs + _sequence * PropertyScenario.StepNs;
        var start = _sink.Events.Count;
        Engine.Process(ref command, _sink);
        return _sink.Events.GetRange(start, _sink.Events.Count - start);
    }

    /// <summary>Runs a command and asserts it was not rejected.</summary>
    public List<EngineEvent> Ok(Command command)
    {
        var events = Run(command);
        var rejected = events.Find(e => e.Type == EventType.Rejected);
        Assert.That(rejected.Type, Is.Not.EqualTo(EventType.Rejected), $"{command.Type} rejected: {rejected.RejectReason}");
        return events;
    }

    public void Account(long accountId, long btcUnits, long usdtUnits, int feeTier = 0)
    {
        Ok(new Command { Type = CommandType.CreateAccount, AccountId = accountId, FeeTier = feeTier });
        if (btcUnits > 0)
        {
            Ok(PropertyScenario.Deposit(accountId, Btc, btcUnits));
        }

        if (usdtUnits > 0)
        {
            Ok(PropertyScenario.Deposit(accountId, Usdt, usdtUnits));
        }
    }

    public (long Available, long Locked) Balance(long accountId, int assetId)
    {
        Assert.That(Engine.TryGetBalance(accountId, assetId, out var available, out var locked), Is.True);
        return (available, locked);
    }

    public static Command Limit(long accountId, Side side, long priceTicks, long quantityLots, SelfTradePrevention stp = SelfTradePrevention.None, string? clientId = null) =>
        new()
        {
            Type = CommandType.PlaceOrder,
            AccountId = accountId,
            InstrumentId = BtcUsdt,
            Side = side,
            OrderType = OrderType.Limit,
            TimeInForce = TimeInForce.GoodTillCancel,
            PriceTicks = priceTicks,
            QuantityLots = quantityLots,
            SelfTradePrevention = stp,
            ClientOrderId = clientId is null ? default : ClientOrderId.From(clientId),
        };

    public static Command MarketSell(long accountId, long quantityLots) =>
        new()
        {
            Type = CommandType.PlaceOrder,
            AccountId = accountId,
            InstrumentId = BtcUsdt,
            Side = Side.Sell,
            OrderType = OrderType.Market,
            TimeInForce = TimeInForce.ImmediateOrCancel,
            QuantityLots = quantityLots,
        };

    public static List<EngineEvent> OfType(List<EngineEvent> events, EventType type) => events.FindAll(e => e.Type == type);
}
