using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Numbers;
using Matcher.Core.Reference;
using Matcher.Core.Text;

namespace Matcher.Core.Tests;

/// <summary>
/// Drives a <see cref="MatchingEngine"/> with readable commands: BTC (scale 8) and USDT
/// (scale 6), instrument 1 "BTC-USDT" with tick 0.01 and lot 0.0001 (so one lot is
/// 10,000 satoshi and one tick on one lot costs 1 micro-USDT), and funded accounts.
/// Sequences and timestamps are assigned in order. The static builders also make the
/// commands of the property tests (Properties/), so both speak the same command language.
/// </summary>
internal sealed class CoreDriver
{
    public const int Btc = 1;
    public const int Usdt = 2;
    public const int BtcUsdt = 1;
    public const long StartTimeNs = 1_700_000_000_000_000_000;

    private readonly EventListSink _sink = new();
    private long _sequence;

    public CoreDriver(MatchingEngine? engine = null, bool setUp = true)
    {
        Engine = engine ?? new MatchingEngine(1024);
        _sequence = Engine.LastSequence;
        if (setUp)
        {
            Ok(AddAsset(Btc, "BTC", 8));
            Ok(AddAsset(Usdt, "USDT", 6));
            Ok(AddInstrument(BtcUsdt, "BTC-USDT", Btc, Usdt, "0.01", "0.0001"));
        }
    }

    public MatchingEngine Engine { get; }

    public long NowNs => StartTimeNs + _sequence;

    /// <summary>Every event since the driver was made.</summary>
    public List<EngineEvent> AllEvents => _sink.Events;

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

    /// <summary>Runs a command, asserts it was rejected for <paramref name="reason"/> and changed nothing.</summary>
    public void Rejects(Command command, RejectReason reason)
    {
        var before = Engine.ComputeStateHash(includeSequence: false);
        var events = Run(command);
        Assert.That(events, Has.Count.EqualTo(1), "a reject is one event");
        Assert.That(events[0].Type, Is.EqualTo(EventType.Rejected));
        Assert.That(events[0].RejectReason, Is.EqualTo(reason));
        Assert.That(Engine.ComputeStateHash(includeSequence: false), Is.EqualTo(before), "a rejected command changed state");
    }

    public long CreateFundedAccount(long accountId, long btcUnits = 100_00000000, long usdtUnits = 10_000_000_000000, int feeTier = 0)
    {
        Ok(CreateAccount(accountId, feeTier));
        if (btcUnits > 0)
        {
            Ok(Deposit(accountId, Btc, btcUnits));
        }

        if (usdtUnits > 0)
        {
            Ok(Deposit(accountId, Usdt, usdtUnits));
        }

        return accountId;
    }

    public (long Available, long Locked) Balance(long accountId, int assetId)
    {
        Assert.That(Engine.TryGetBalance(accountId, assetId, out var available, out var locked), Is.True);
        return (available, locked);
    }

    public static Command AddAsset(int id, string code, byte scale) =>
        new() { Type = CommandType.AddAsset, AssetId = id, AssetCode = Symbol.From(code), AssetScale = scale };

    public static Command AddInstrument(int id, string symbol, int baseAsset, int quoteAsset, string tick, string lot, long minLots = 1, long minNotional = 0) =>
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
                MinQuantityLots = minLots,
                MinNotional = minNotional,
            },
        };

    public static Command CreateAccount(long accountId, int feeTier = 0) =>
        new() { Type = CommandType.CreateAccount, AccountId = accountId, FeeTier = feeTier };

    public static Command AccountFeeTier(long accountId, int feeTier) =>
        new() { Type = CommandType.SetAccountFeeTier, AccountId = accountId, FeeTier = feeTier };

    public static Command Deposit(long accountId, int assetId, long amount) =>
        new() { Type = CommandType.Deposit, AccountId = accountId, AssetId = assetId, Amount = amount };

    public static Command Limit(long accountId, Side side, long priceTicks, long quantityLots, TimeInForce tif = TimeInForce.GoodTillCancel,
        string? clientId = null, SelfTradePrevention stp = SelfTradePrevention.None, bool postOnly = false, long expireTimeNs = 0, int instrumentId = BtcUsdt) =>
        Limit(accountId, side, priceTicks, quantityLots, tif, ClientId(clientId), stp, postOnly, expireTimeNs, instrumentId);

    /// <summary>A limit order carrying a client order id as the engine holds it (<c>default</c>: none).</summary>
    public static Command Limit(long accountId, Side side, long priceTicks, long quantityLots, TimeInForce tif, ClientOrderId clientOrderId,
        SelfTradePrevention stp = SelfTradePrevention.None, bool postOnly = false, long expireTimeNs = 0, int instrumentId = BtcUsdt) =>
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
            ClientOrderId = clientOrderId,
            SelfTradePrevention = stp,
            PostOnly = postOnly,
            ExpireTimeNs = expireTimeNs,
        };

    public static Command Market(long accountId, Side side, long quantityLots, long quoteBudget = 0, TimeInForce tif = TimeInForce.ImmediateOrCancel,
        SelfTradePrevention stp = SelfTradePrevention.None, int instrumentId = BtcUsdt) =>
        new()
        {
            Type = CommandType.PlaceOrder,
            AccountId = accountId,
            InstrumentId = instrumentId,
            Side = side,
            OrderType = OrderType.Market,
            TimeInForce = tif,
            QuantityLots = quantityLots,
            QuoteBudget = quoteBudget,
            SelfTradePrevention = stp,
        };

    public static Command Cancel(long accountId, long orderId, string? clientId = null) =>
        new()
        {
            Type = CommandType.CancelOrder,
            AccountId = accountId,
            OrderId = orderId,
            ClientOrderId = ClientId(clientId),
        };

    public static Command Amend(long accountId, long orderId, long priceTicks = 0, long quantityLots = 0) =>
        new() { Type = CommandType.AmendOrder, AccountId = accountId, OrderId = orderId, PriceTicks = priceTicks, QuantityLots = quantityLots };

    public static Command Replace(long accountId, string clientId, string newClientId, long priceTicks = 0, long quantityLots = 0) =>
        new()
        {
            Type = CommandType.CancelReplace,
            AccountId = accountId,
            ClientOrderId = ClientOrderId.From(clientId),
            NewClientOrderId = ClientOrderId.From(newClientId),
            PriceTicks = priceTicks,
            QuantityLots = quantityLots,
        };

    public static Command MassCancel(long accountId, int instrumentId = 0, Side side = Side.None) =>
        new() { Type = CommandType.MassCancel, AccountId = accountId, InstrumentId = instrumentId, Side = side };

    /// <summary>Cancels the account's orders that the session of <paramref name="origin"/> placed or last amended.</summary>
    public static Command CancelSession(long accountId, Origin origin) =>
        new() { Type = CommandType.CancelSessionOrders, AccountId = accountId, Origin = origin };

    /// <summary>Expires orders as of <paramref name="timestampNs"/>; 0 takes the driver's (or harness's) clock.</summary>
    public static Command Expire(long timestampNs = 0) => new() { Type = CommandType.ExpireOrders, TimestampNs = timestampNs };

    public static Command FeeTier(int tier, int makerBps, int takerBps) =>
        new() { Type = CommandType.SetFeeTier, FeeTier = tier, MakerFeeBps = makerBps, TakerFeeBps = takerBps };

    public static Command Status(int instrumentId, InstrumentStatus status) =>
        new() { Type = CommandType.SetInstrumentStatus, InstrumentId = instrumentId, InstrumentStatus = status };

    /// <summary>The order id from a command's OrderAccepted event.</summary>
    public static long AcceptedId(List<EngineEvent> events) => events.Single(e => e.Type == EventType.OrderAccepted).OrderId;

    public static List<EngineEvent> OfType(List<EngineEvent> events, EventType type) => events.FindAll(e => e.Type == type);

    private static ClientOrderId ClientId(string? text) => text is null ? default : ClientOrderId.From(text);
}
