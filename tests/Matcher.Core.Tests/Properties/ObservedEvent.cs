using System.Globalization;
using System.Text;
using Matcher.Core.Commands;
using Matcher.Core.Events;

namespace Matcher.Core.Tests.Properties;

/// <summary>
/// The order-related part of an <see cref="EngineEvent"/>, normalized so the engine's
/// events and the reference's predictions compare with record equality. Fields that a
/// type does not carry stay zero; <see cref="OrigClientOrderId"/> is kept only for a
/// cancel-replace's own amend, the one place the spec defines it.
/// </summary>
internal sealed record ObservedEvent
{
    public EventType Type { get; init; }

    public RejectReason RejectReason { get; init; }

    public CancelReason CancelReason { get; init; }

    public long AccountId { get; init; }

    public int InstrumentId { get; init; }

    public long OrderId { get; init; }

    public string ClientOrderId { get; init; } = "";

    public string OrigClientOrderId { get; init; } = "";

    public Origin OrderOrigin { get; init; }

    public Side Side { get; init; }

    public OrderType OrderType { get; init; }

    public TimeInForce TimeInForce { get; init; }

    public long PriceTicks { get; init; }

    public long QuantityLots { get; init; }

    public long FilledLots { get; init; }

    public long RemainingLots { get; init; }

    public long ExpireTimeNs { get; init; }

    public long TradeId { get; init; }

    public long TradePriceTicks { get; init; }

    public long TradeLots { get; init; }

    public long TradeNotional { get; init; }

    public long TakerFee { get; init; }

    public long MakerFee { get; init; }

    public long MakerOrderId { get; init; }

    public long MakerAccountId { get; init; }

    public string MakerClientOrderId { get; init; } = "";

    public Origin MakerOrigin { get; init; }

    public long MakerFilledLots { get; init; }

    public long MakerRemainingLots { get; init; }

    public int AffectedOrders { get; init; }

    public TriggerType Trigger { get; init; }

    public long StopPriceTicks { get; init; }

    public long TrailingOffsetTicks { get; init; }

    public long TrailingOffsetBps { get; init; }

    public long DisplayLots { get; init; }

    public long LinkedOrderId { get; init; }

    /// <summary>True for the event types the property tests compare.</summary>
    public static bool IsOrderEvent(EventType type) =>
        type is EventType.Rejected or EventType.OrderAccepted or EventType.Trade or EventType.OrderCancelled
            or EventType.OrderAmended or EventType.MassCancelled or EventType.OrderTriggered;

    /// <summary>The comparable part of an engine event (call only for <see cref="IsOrderEvent"/> types).</summary>
    public static ObservedEvent FromEngine(in EngineEvent e)
    {
        if (e.Type == EventType.Rejected)
        {
            return new ObservedEvent { Type = e.Type, RejectReason = e.RejectReason };
        }

        if (e.Type == EventType.MassCancelled)
        {
            return new ObservedEvent { Type = e.Type, AccountId = e.AccountId, InstrumentId = e.InstrumentId, Side = e.Side, AffectedOrders = e.AffectedOrders };
        }

        var observed = new ObservedEvent
        {
            Type = e.Type,
            CancelReason = e.Type is EventType.OrderCancelled or EventType.OrderAmended ? e.CancelReason : CancelReason.None,
            AccountId = e.AccountId,
            InstrumentId = e.InstrumentId,
            OrderId = e.OrderId,
            ClientOrderId = e.ClientOrderId.ToString(),
            OrigClientOrderId = KeepsOrigClientOrderId(e.Type, e.CommandType, e.CancelReason) ? e.OrigClientOrderId.ToString() : "",
            OrderOrigin = e.OrderOrigin,
            Side = e.Side,
            OrderType = e.OrderType,
            TimeInForce = e.TimeInForce,
            PriceTicks = e.PriceTicks,
            QuantityLots = e.QuantityLots,
            FilledLots = e.FilledLots,
            RemainingLots = e.RemainingLots,
            ExpireTimeNs = e.ExpireTimeNs,
            Trigger = e.Trigger,
            StopPriceTicks = e.StopPriceTicks,
            TrailingOffsetTicks = e.TrailingOffsetTicks,
            TrailingOffsetBps = e.TrailingOffsetBps,
            DisplayLots = e.DisplayLots,
            LinkedOrderId = e.LinkedOrderId,
        };
        if (e.Type != EventType.Trade)
        {
            return observed;
        }

        return observed with
        {
            TradeId = e.TradeId,
            TradePriceTicks = e.TradePriceTicks,
            TradeLots = e.TradeLots,
            TradeNotional = e.TradeNotional,
            TakerFee = e.TakerFee,
            MakerFee = e.MakerFee,
            MakerOrderId = e.MakerOrderId,
            MakerAccountId = e.MakerAccountId,
            MakerClientOrderId = e.MakerClientOrderId.ToString(),
            MakerOrigin = e.MakerOrigin,
            MakerFilledLots = e.MakerFilledLots,
            MakerRemainingLots = e.MakerRemainingLots,
        };
    }

    /// <summary>Whether <see cref="OrigClientOrderId"/> is compared for an event.</summary>
    public static bool KeepsOrigClientOrderId(EventType type, CommandType commandType, CancelReason cancelReason) =>
        type == EventType.OrderAmended && commandType == CommandType.CancelReplace && cancelReason == CancelReason.None;

    public override string ToString()
    {
        var s = new StringBuilder();
        s.Append(Type.ToString());
        switch (Type)
        {
            case EventType.Rejected:
                s.Append(' ').Append(RejectReason.ToString());
                return s.ToString();
            case EventType.MassCancelled:
                s.Append(CultureInfo.InvariantCulture, $" account {AccountId} instrument {InstrumentId} side {Side} affected {AffectedOrders}");
                return s.ToString();
            case EventType.OrderCancelled:
            case EventType.OrderAmended:
                if (CancelReason != CancelReason.None)
                {
                    s.Append(' ').Append(CancelReason.ToString());
                }

                break;
            default:
                break;
        }

        s.Append(CultureInfo.InvariantCulture, $" #{OrderId} acct {AccountId} inst {InstrumentId} {Side} {OrderType} {TimeInForce} px {PriceTicks} qty {QuantityLots} filled {FilledLots} rem {RemainingLots}");
        if (ClientOrderId.Length > 0)
        {
            s.Append(CultureInfo.InvariantCulture, $" cid '{ClientOrderId}'");
        }

        if (OrigClientOrderId.Length > 0)
        {
            s.Append(CultureInfo.InvariantCulture, $" orig '{OrigClientOrderId}'");
        }

        if (ExpireTimeNs != 0)
        {
            s.Append(CultureInfo.InvariantCulture, $" exp {ExpireTimeNs}");
        }

        if (Trigger != TriggerType.None)
        {
            s.Append(CultureInfo.InvariantCulture, $" {Trigger} stop {StopPriceTicks}");
            if (TrailingOffsetTicks != 0 || TrailingOffsetBps != 0)
            {
                s.Append(CultureInfo.InvariantCulture, $" trail {TrailingOffsetTicks}t/{TrailingOffsetBps}bp");
            }
        }

        if (DisplayLots != 0)
        {
            s.Append(CultureInfo.InvariantCulture, $" display {DisplayLots}");
        }

        if (LinkedOrderId != 0)
        {
            s.Append(CultureInfo.InvariantCulture, $" linked #{LinkedOrderId}");
        }

        s.Append(CultureInfo.InvariantCulture, $" origin {OrderOrigin.GatewayId}/{OrderOrigin.SessionId}/{OrderOrigin.CorrelationId}");
        if (Type == EventType.Trade)
        {
            s.Append(CultureInfo.InvariantCulture, $" | trade {TradeId}: {TradeLots}@{TradePriceTicks} notional {TradeNotional} takerFee {TakerFee} makerFee {MakerFee}")
                .Append(CultureInfo.InvariantCulture, $" maker #{MakerOrderId} acct {MakerAccountId} cid '{MakerClientOrderId}' filled {MakerFilledLots} rem {MakerRemainingLots} origin {MakerOrigin.GatewayId}/{MakerOrigin.SessionId}/{MakerOrigin.CorrelationId}");
        }

        return s.ToString();
    }
}
