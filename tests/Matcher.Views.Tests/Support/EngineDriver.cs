using Matcher.Core;
using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Numbers;
using Matcher.Core.Reference;
using Matcher.Core.Text;

namespace Matcher.Views.Tests.Support;

/// <summary>
/// Drives a <see cref="MatchingEngine"/> with readable commands, in the style of the core
/// tests' CoreDriver: BTC (scale 8) and USDT (scale 6), instrument 1 "BTC-USDT" with tick
/// 0.01 and lot 0.0001. Sequences and timestamps are assigned in order.
/// </summary>
internal sealed class EngineDriver
{
    public const int Btc = 1;
    public const int Usdt = 2;
    public const int BtcUsdt = 1;
    public const long StartTimeNs = 1_700_000_000_000_000_000;

    private readonly EventListSink _sink = new();
    private long _sequence;

    public EngineDriver(bool setUp = true)
    {
        if (setUp)
        {
            Ok(AddAsset(Btc, "BTC", 8));
            Ok(AddAsset(Usdt, "USDT", 6));
            Ok(AddInstrument(BtcUsdt, "BTC-USDT", Btc, Usdt, "0.01", "0.0001"));
        }
    }

    public MatchingEngine Engine { get; } = new(1024);

    /// <summary>Runs a command; returns its events.</summary>
    public List<EngineEvent> Run(Command command)
    {
        command.Sequence = ++_sequence;
        command.TimestampNs = command.TimestampNs == 0 ? StartTimeNs + _sequence : command.TimestampNs;
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

    public void CreateFundedAccount(long accountId)
    {
        Ok(new Command { Type = CommandType.CreateAccount, AccountId = accountId });
        Ok(Deposit(accountId, Btc, 100_00000000));
        Ok(Deposit(accountId, Usdt, 10_000_000_000000));
    }

    public static Command AddAsset(int id, string code, byte scale) =>
        new() { Type = CommandType.AddAsset, AssetId = id, AssetCode = Symbol.From(code), AssetScale = scale };

    public static Command AddInstrument(int id, string symbol, int baseAsset, int quoteAsset, string tick, string lot) =>
        new()
        {
            Type = CommandType.AddInstrument,
            InstrumentId = id,
            Instrument = new InstrumentDefinition
            {
                Symbol = Symbol.From(symbol),
                BaseAssetId = baseAsset,
                QuoteAssetId = quoteAsset,
                TickSize = ScaledDecimal.Parse(tick),
                LotSize = ScaledDecimal.Parse(lot),
                MinQuantityLots = 1,
            },
        };

    public static Command Deposit(long accountId, int assetId, long amount) =>
        new() { Type = CommandType.Deposit, AccountId = accountId, AssetId = assetId, Amount = amount };

    public static Command Limit(long accountId, Side side, long priceTicks, long quantityLots, TimeInForce tif = TimeInForce.GoodTillCancel,
        string? clientId = null, int instrumentId = BtcUsdt) =>
        new()
        {
            Type = CommandType.PlaceOrder,
            AccountId = accountId,
            InstrumentId = instrumentId,
            Side = side,
            OrderType = OrderType.Limit,
            TimeInForce = tif,
            PriceTicks = priceTicks,
            QuantityLots = quantityLots,
            ClientOrderId = clientId is null ? default : ClientOrderId.From(clientId),
        };

    public static Command Market(long accountId, Side side, long quantityLots, int instrumentId = BtcUsdt) =>
        new()
        {
            Type = CommandType.PlaceOrder,
            AccountId = accountId,
            InstrumentId = instrumentId,
            Side = side,
            OrderType = OrderType.Market,
            TimeInForce = TimeInForce.ImmediateOrCancel,
            QuantityLots = quantityLots,
        };

    public static Command Cancel(long accountId, long orderId) =>
        new() { Type = CommandType.CancelOrder, AccountId = accountId, OrderId = orderId };

    public static Command Amend(long accountId, long orderId, long priceTicks, long quantityLots) =>
        new() { Type = CommandType.AmendOrder, AccountId = accountId, OrderId = orderId, PriceTicks = priceTicks, QuantityLots = quantityLots };

    public static Command MassCancel(long accountId, int instrumentId) =>
        new() { Type = CommandType.MassCancel, AccountId = accountId, InstrumentId = instrumentId };

    public static Command Status(int instrumentId, InstrumentStatus status) =>
        new() { Type = CommandType.SetInstrumentStatus, InstrumentId = instrumentId, InstrumentStatus = status };

    /// <summary>The order id from a command's OrderAccepted event.</summary>
    public static long AcceptedId(List<EngineEvent> events) => events.Single(e => e.Type == EventType.OrderAccepted).OrderId;

    public static List<EngineEvent> OfType(List<EngineEvent> events, EventType type) => events.FindAll(e => e.Type == type);

    /// <summary>
    /// A seeded stream of book-moving commands over two instruments and a narrow price band
    /// (limits that rest or cross, market orders, cancels and amends of guessed ids, mass
    /// cancels), after the set-up of the assets, both instruments and five funded accounts.
    /// Sequences and timestamps are set.
    /// </summary>
    public static List<Command> RandomStream(int seed, int count)
    {
        var random = new Random(seed);
        var commands = new List<Command>
        {
            AddAsset(Btc, "BTC", 8),
            AddAsset(Usdt, "USDT", 6),
            AddInstrument(BtcUsdt, "BTC-USDT", Btc, Usdt, "0.01", "0.0001"),
            AddInstrument(2, "ETH-USDT", Btc, Usdt, "0.1", "0.001"),
        };
        for (var account = 1; account <= 5; account++)
        {
            commands.Add(new Command { Type = CommandType.CreateAccount, AccountId = account });
            commands.Add(Deposit(account, Btc, 100_000_000_000));
            commands.Add(Deposit(account, Usdt, 10_000_000_000_000));
        }

        var orders = 0L;
        for (var i = 0; i < count; i++)
        {
            var account = random.Next(1, 6);
            var instrument = random.Next(10) < 7 ? BtcUsdt : 2;
            var side = random.Next(2) == 0 ? Side.Buy : Side.Sell;
            var price = 10_000 + random.Next(-15, 16);
            var lots = 1 + random.Next(8);
            var roll = random.Next(100);
            commands.Add(roll switch
            {
                < 55 => Limit(account, side, price, lots, random.Next(5) == 0 ? TimeInForce.ImmediateOrCancel : TimeInForce.GoodTillCancel,
                    instrumentId: instrument),
                < 62 => Market(account, side, lots, instrument),
                < 82 => Cancel(account, random.NextInt64(1, orders + 2)),
                < 97 => Amend(account, random.NextInt64(1, orders + 2), price, lots),
                _ => MassCancel(account, instrument),
            });
            orders += roll < 62 ? 1 : 0;
        }

        for (var i = 0; i < commands.Count; i++)
        {
            var command = commands[i];
            command.Sequence = i + 1;
            command.TimestampNs = StartTimeNs + i;
            commands[i] = command;
        }

        return commands;
    }
}
