using System.Globalization;
using Matcher.Core;
using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Reference;
using Matcher.Core.Text;

namespace Matcher.Projections;

/// <summary>
/// The rows of one batch of commands: the event sink the replica writes into. Insert-only
/// rows (order events, trades, deposits) are listed in event order; current-state rows
/// (orders, balances, accounts, withdrawals, instruments, assets, fee tiers, market-maker
/// protection) are coalesced by key, last write wins, so each key is written once per batch.
/// </summary>
internal sealed class ProjectionBatch : IEventSink
{
    /// <summary>
    /// Bits of an event's index within its command in <c>order_events.sequence</c>
    /// (= command sequence × 2^20 + index): a command may cause up to 2^20 events, and
    /// sequences up to 2^43 fit in a bigint.
    /// </summary>
    public const int EventIndexBits = 20;

    private EngineEvent _slot;
    private int _index;

    public long FirstSequence { get; private set; }

    public long LastSequence { get; private set; }

    public long FirstTimestampNs { get; private set; }

    public long LastTimestampNs { get; private set; }

    public int Commands { get; private set; }

    public long Events { get; private set; }

    public List<OrderEventRow> OrderEvents { get; } = [];

    public List<TradeRow> Trades { get; } = [];

    public List<DepositRow> Deposits { get; } = [];

    public Dictionary<long, OrderRow> Orders { get; } = [];

    public Dictionary<(long AccountId, int AssetId), BalanceRow> Balances { get; } = [];

    public Dictionary<long, AccountRow> Accounts { get; } = [];

    public Dictionary<long, WithdrawalRow> Withdrawals { get; } = [];

    public Dictionary<int, FeeTierRow> FeeTiers { get; } = [];

    public Dictionary<int, AssetRow> Assets { get; } = [];

    public Dictionary<int, long> TouchedInstruments { get; } = [];

    /// <summary>The cancel reason of each instrument's last status change in the batch (CircuitBreaker, or None for an admin's).</summary>
    public Dictionary<int, short> InstrumentStatusReasons { get; } = [];

    public Dictionary<long, ProtectionRow> Protections { get; } = [];

    public List<InstrumentRow> Instruments { get; } = [];

    public bool IsEmpty => Commands == 0;

    /// <summary>Runs <paramref name="command"/> through <paramref name="engine"/>, turning its events into rows.</summary>
    public void Apply(MatchingEngine engine, ref Command command)
    {
        if (Commands == 0)
        {
            FirstSequence = command.Sequence;
            FirstTimestampNs = command.TimestampNs;
        }

        engine.Process(ref command, this);
        LastSequence = command.Sequence;
        LastTimestampNs = command.TimestampNs;
        Commands++;
    }

    /// <summary>Reads the touched instruments' full rows from the engine (at the batch's end).</summary>
    public void Seal(MatchingEngine engine)
    {
        foreach (var (id, sequence) in TouchedInstruments)
        {
            var instrument = engine.FindInstrument(id) ?? throw new InvalidOperationException($"instrument {id} vanished");
            var definition = instrument.Definition;
            Instruments.Add(new InstrumentRow(
                id, definition.Symbol.ToString(), definition.BaseAssetId, definition.QuoteAssetId,
                ToDecimal(definition.TickSize.ToString()), ToDecimal(definition.LotSize.ToString()),
                definition.MinQuantityLots, definition.MinNotional, instrument.LotUnits, instrument.TickValue,
                (short)instrument.Status, instrument.PriceBandBps, instrument.CircuitBreakerBps, instrument.CircuitBreakerWindowNs,
                InstrumentStatusReasons.TryGetValue(id, out var reason) ? reason : null, sequence));
        }
    }

    public ref EngineEvent Claim() => ref _slot;

    public void Commit()
    {
        if (_index >= 1 << EventIndexBits)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"command {_slot.CommandSequence} caused more than {1 << EventIndexBits} events: order_events.sequence cannot number them"));
        }

        var sequence = (_slot.CommandSequence << EventIndexBits) | (long)_index;
        _index++;
        Events++;
        Project(ref _slot, sequence);
    }

    public void EndOfCommand()
    {
        _index = 0;
    }

    internal static DateTime ToTime(long timestampNs) => DateTime.UnixEpoch.AddTicks(timestampNs / 100);

    /// <summary>A chain transaction's 32 bytes, or null (SQL NULL) for a deposit from elsewhere.</summary>
    private static byte[]? Bytes(TxHash hash)
    {
        if (hash.IsEmpty)
        {
            return null;
        }

        var bytes = new byte[TxHash.Length];
        hash.CopyTo(bytes);
        return bytes;
    }

    /// <summary>An address's 20 bytes, or null for a withdrawal paid outside a chain.</summary>
    private static byte[]? Bytes(ChainAddress address)
    {
        if (address.IsEmpty)
        {
            return null;
        }

        var bytes = new byte[ChainAddress.Length];
        address.CopyTo(bytes);
        return bytes;
    }

    private static decimal ToDecimal(string text) => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string? Text(Matcher.Core.Text.ClientOrderId id) => id.IsEmpty ? null : id.ToString();

    private void Project(ref EngineEvent e, long sequence)
    {
        switch (e.Type)
        {
            case EventType.OrderAccepted:
            case EventType.OrderAmended:
            case EventType.OrderCancelled:
            case EventType.OrderTriggered:
                OrderEvents.Add(new OrderEventRow(
                    e.OrderId, sequence, e.CommandSequence, (short)e.Type, null, e.AccountId, e.InstrumentId,
                    Text(e.ClientOrderId), e.Type == EventType.OrderAmended ? Text(e.OrigClientOrderId) : null, (short)e.Side,
                    e.PriceTicks, e.QuantityLots, e.FilledLots, e.RemainingLots, (short)e.CancelReason, null, e.StopPriceTicks,
                    e.TimestampNs));
                UpsertTaker(ref e, StatusAfter(ref e));
                if (e.Type == EventType.OrderAccepted && e.LinkedOrderId != 0)
                {
                    // The partner the new order is tied to gets no event of its own: tie it here.
                    LinkPartner(ref e);
                }

                break;
            case EventType.Trade:
                ProjectTrade(ref e, sequence);
                break;
            case EventType.BalanceChanged:
                Balances[(e.AccountId, e.AssetId)] = new BalanceRow(e.AccountId, e.AssetId, e.Available, e.Locked, e.CommandSequence);
                break;
            case EventType.AccountUpdated:
                Accounts[e.AccountId] = new AccountRow(e.AccountId, e.FeeTier,
                    Accounts.TryGetValue(e.AccountId, out var account) ? account.CreatedSequence : e.CommandSequence, e.CommandSequence,
                    e.InstrumentStatus == InstrumentStatus.Halted, e.AffectedOrders, e.QuantityLots, e.Amount);
                break;
            case EventType.MarketMakerProtectionUpdated:
                Protections[e.AccountId] = new ProtectionRow(
                    e.AccountId, e.WindowNs, e.QuantityLots, e.MaxFills, e.InstrumentStatus == InstrumentStatus.Halted, e.CommandSequence, e.TimestampNs);
                break;
            case EventType.WithdrawalUpdated:
                Withdrawals[e.WithdrawalId] = new WithdrawalRow(
                    e.WithdrawalId, e.AccountId, e.AssetId, e.Amount, (short)e.WithdrawalState,
                    Withdrawals.TryGetValue(e.WithdrawalId, out var withdrawal) ? withdrawal.RequestedSequence : e.CommandSequence,
                    e.CommandSequence, e.TimestampNs, Bytes(e.Destination));
                break;
            case EventType.DepositApplied:
                Deposits.Add(new DepositRow(e.CommandSequence, e.AccountId, e.AssetId, e.Amount, e.TimestampNs, Bytes(e.TxHash), e.LogIndex));
                break;
            case EventType.AssetAdded:
                Assets[e.AssetId] = new AssetRow(e.AssetId, e.AssetCode.ToString(), e.AssetScale, e.CommandSequence);
                break;
            case EventType.InstrumentDefined:
                TouchedInstruments[e.InstrumentId] = e.CommandSequence;
                break;
            case EventType.InstrumentStatusChanged:
                TouchedInstruments[e.InstrumentId] = e.CommandSequence;
                InstrumentStatusReasons[e.InstrumentId] = (short)e.CancelReason;
                break;
            case EventType.FeeTierSet:
                FeeTiers[e.FeeTier] = new FeeTierRow(e.FeeTier, e.MakerFeeBps, e.TakerFeeBps, e.CommandSequence);
                break;
            default:
                // Rejected, BookLevelChanged, StateHash, MassCancelled, QuoteAccepted: nothing to
                // keep (the cancels of a mass cancel and a quote's legs have their own events;
                // levels follow from orders).
                break;
        }
    }

    private void ProjectTrade(ref EngineEvent e, long sequence)
    {
        var makerSide = e.Side == Side.Buy ? Side.Sell : Side.Buy;
        Trades.Add(new TradeRow(
            e.TradeId, e.InstrumentId, sequence, e.CommandSequence, e.TimestampNs, e.TradePriceTicks, e.TradeLots, e.TradeNotional,
            (short)e.Side, e.OrderId, e.AccountId, e.TakerFee, e.MakerOrderId, e.MakerAccountId, e.MakerFee));
        OrderEvents.Add(new OrderEventRow(
            e.OrderId, sequence, e.CommandSequence, (short)EventType.Trade, "T", e.AccountId, e.InstrumentId,
            Text(e.ClientOrderId), null, (short)e.Side, e.PriceTicks, e.QuantityLots, e.FilledLots, e.RemainingLots, 0, e.TradeId, 0,
            e.TimestampNs));
        OrderEvents.Add(new OrderEventRow(
            e.MakerOrderId, sequence, e.CommandSequence, (short)EventType.Trade, "M", e.MakerAccountId, e.InstrumentId,
            Text(e.MakerClientOrderId), null, (short)makerSide, e.TradePriceTicks, e.MakerFilledLots + e.MakerRemainingLots,
            e.MakerFilledLots, e.MakerRemainingLots, 0, e.TradeId, 0, e.TimestampNs));
        UpsertTaker(ref e, e.RemainingLots > 0 ? OrderStatus.Open : OrderStatus.Filled);

        // The maker's other fields did not change: a partial row (fill, status) unless the
        // batch already holds its full row.
        var status = e.MakerRemainingLots > 0 ? OrderStatus.Open : OrderStatus.Filled;
        var maker = RowOrPartial(e.MakerOrderId);
        maker.QuantityLots = e.MakerFilledLots + e.MakerRemainingLots;
        maker.FilledLots = e.MakerFilledLots;
        maker.RemainingLots = e.MakerRemainingLots;
        maker.Status = status;
        maker.UpdatedSequence = e.CommandSequence;
        maker.UpdatedNs = e.TimestampNs;
    }

    /// <summary>
    /// The status after an order event. An amend keeps a conditional order waiting; when the
    /// batch does not know whether the order has triggered (its row is not in it, or only as a
    /// partial row without a status) it writes 'waiting' and the upsert makes that 'open' for
    /// an order whose stored row has triggered (BatchWriter: a triggered order never waits again).
    /// </summary>
    private string StatusAfter(ref EngineEvent e)
    {
        switch (e.Type)
        {
            case EventType.OrderCancelled:
                return OrderStatus.Cancelled;
            case EventType.OrderAccepted:
                return e.Trigger != TriggerType.None ? OrderStatus.Waiting : OrderStatus.Open;
            case EventType.OrderTriggered:
                return OrderStatus.Open;
        }

        // Checked before the quantities: a waiting market buy with a budget reports no remaining lots.
        if (e.Trigger != TriggerType.None
            && (!Orders.TryGetValue(e.OrderId, out var known) || known.Status is null or OrderStatus.Waiting))
        {
            return OrderStatus.Waiting;
        }

        return e.RemainingLots > 0 ? OrderStatus.Open : OrderStatus.Filled;
    }

    /// <summary>The batch's row of the order, or a new partial row (fields unknown but the ones set next).</summary>
    private OrderRow RowOrPartial(long orderId)
    {
        if (!Orders.TryGetValue(orderId, out var row))
        {
            row = new OrderRow { OrderId = orderId, IsPartial = true, Status = null };
            Orders[orderId] = row;
        }

        return row;
    }

    /// <summary>The order <paramref name="e"/> accepted is tied to a live one: that one's row learns its partner.</summary>
    private void LinkPartner(ref EngineEvent e)
    {
        var partner = RowOrPartial(e.LinkedOrderId);
        partner.LinkedOrderId = e.OrderId;
        partner.UpdatedSequence = e.CommandSequence;
        partner.UpdatedNs = e.TimestampNs;
    }

    private void UpsertTaker(ref EngineEvent e, string status)
    {
        if (!Orders.TryGetValue(e.OrderId, out var row))
        {
            row = new OrderRow { OrderId = e.OrderId, CreatedSequence = e.CommandSequence, CreatedNs = e.TimestampNs };
            Orders[e.OrderId] = row;
        }

        // Every order event carries the order's full state after it: the row becomes whole.
        row.IsPartial = false;
        row.AccountId = e.AccountId;
        row.InstrumentId = e.InstrumentId;
        row.ClientOrderId = Text(e.ClientOrderId);
        row.Side = (short)e.Side;
        row.OrderType = (short)e.OrderType;
        row.TimeInForce = (short)e.TimeInForce;
        row.PriceTicks = e.PriceTicks;
        row.QuantityLots = e.QuantityLots;
        row.FilledLots = e.FilledLots;
        row.RemainingLots = e.RemainingLots;
        row.ExpireTimeNs = e.ExpireTimeNs;
        row.Trigger = (short)e.Trigger;
        row.StopPriceTicks = e.StopPriceTicks;
        row.TrailingOffsetTicks = e.TrailingOffsetTicks;
        row.TrailingOffsetBps = e.TrailingOffsetBps;
        row.DisplayLots = e.DisplayLots;
        row.IsQuote = e.IsQuote;
        if (e.LinkedOrderId != 0)
        {
            // Events report the partner only while tied; the row keeps the last one.
            row.LinkedOrderId = e.LinkedOrderId;
        }

        if (e.Type == EventType.OrderTriggered)
        {
            row.TriggeredSequence = e.CommandSequence;
            row.TriggeredNs = e.TimestampNs;
        }

        row.Status = status;
        row.CancelReason = status == OrderStatus.Cancelled ? (short)e.CancelReason : (short)0;
        row.GatewayId = e.OrderOrigin.GatewayId;
        row.SessionId = e.OrderOrigin.SessionId;
        row.UpdatedSequence = e.CommandSequence;
        row.UpdatedNs = e.TimestampNs;
    }
}

/// <summary>The values of <c>orders.status</c>.</summary>
internal static class OrderStatus
{
    /// <summary>A conditional order waiting off the book for its trigger.</summary>
    public const string Waiting = "waiting";

    public const string Open = "open";
    public const string Filled = "filled";
    public const string Cancelled = "cancelled";
}

/// <summary>
/// An order's current state; partial when only some fields changed: the fill of a maker in a
/// trade (with <see cref="Status"/>), and/or <see cref="LinkedOrderId"/> (a new order tied to it).
/// A partial row's <see cref="Status"/> is null when its fill did not change.
/// </summary>
internal sealed class OrderRow
{
    public long OrderId;
    public bool IsPartial;
    public long AccountId;
    public int InstrumentId;
    public string? ClientOrderId;
    public short Side;
    public short OrderType;
    public short TimeInForce;
    public long PriceTicks;
    public long QuantityLots;
    public long FilledLots;
    public long RemainingLots;
    public long ExpireTimeNs;
    public short Trigger;
    public long StopPriceTicks;
    public long TrailingOffsetTicks;
    public long TrailingOffsetBps;
    public long DisplayLots;
    public bool IsQuote;

    /// <summary>The last partner the batch saw; null: unchanged (the stored one stays).</summary>
    public long? LinkedOrderId;

    /// <summary>When the batch saw the order trigger; null: not in this batch (the stored one stays).</summary>
    public long? TriggeredSequence;
    public long? TriggeredNs;
    public string? Status = OrderStatus.Open;
    public short CancelReason;
    public int GatewayId;
    public int SessionId;
    public long CreatedSequence;
    public long CreatedNs;
    public long UpdatedSequence;
    public long UpdatedNs;
}

internal readonly record struct OrderEventRow(
    long OrderId, long Sequence, long CommandSequence, short EventType, string? Role, long AccountId, int InstrumentId,
    string? ClientOrderId, string? OrigClientOrderId, short Side, long PriceTicks, long QuantityLots, long FilledLots,
    long RemainingLots, short CancelReason, long? TradeId, long StopPriceTicks, long TimeNs);

internal readonly record struct TradeRow(
    long TradeId, int InstrumentId, long Sequence, long CommandSequence, long TimeNs, long PriceTicks, long QuantityLots,
    long Notional, short AggressorSide, long TakerOrderId, long TakerAccountId, long TakerFee, long MakerOrderId,
    long MakerAccountId, long MakerFee);

internal readonly record struct DepositRow(long CommandSequence, long AccountId, int AssetId, long Amount, long TimeNs, byte[]? TxHash, int LogIndex);

internal readonly record struct BalanceRow(long AccountId, int AssetId, long Available, long Locked, long UpdatedSequence);

internal readonly record struct AccountRow(
    long AccountId, int FeeTier, long CreatedSequence, long Sequence, bool Halted, int MaxOpenOrders, long MaxOrderLots, long MaxOrderNotional);

internal readonly record struct ProtectionRow(long AccountId, long WindowNs, long QuantityLots, int MaxFills, bool Tripped, long Sequence, long TimeNs);

internal readonly record struct WithdrawalRow(
    long WithdrawalId, long AccountId, int AssetId, long Amount, short State, long RequestedSequence, long Sequence, long TimeNs, byte[]? Destination);

internal readonly record struct FeeTierRow(int FeeTier, int MakerFeeBps, int TakerFeeBps, long Sequence);

internal readonly record struct AssetRow(int AssetId, string Code, byte Scale, long Sequence);

internal readonly record struct InstrumentRow(
    int InstrumentId, string Symbol, int BaseAssetId, int QuoteAssetId, decimal TickSize, decimal LotSize, long MinQuantityLots,
    long MinNotional, long LotUnits, long TickValue, short Status, long PriceBandBps, long CircuitBreakerBps, long CircuitBreakerWindowNs,
    short? StatusReason, long Sequence);
