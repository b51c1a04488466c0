using Matcher.Core.Commands;
using Matcher.Core.Events;

namespace Matcher.Gateways.Fix.Application;

/// <summary>The core's enumerations as FIX 4.4 field values, and back.</summary>
internal static class FixCodes
{
    public static byte Side(Side side) => side == Core.Commands.Side.Sell ? (byte)'2' : (byte)'1';

    public static bool TryParseSide(byte value, out Side side)
    {
        side = value switch { (byte)'1' => Core.Commands.Side.Buy, (byte)'2' => Core.Commands.Side.Sell, _ => Core.Commands.Side.None };
        return side != Core.Commands.Side.None;
    }

    public static byte OrdType(OrderType type) => type == OrderType.Market ? (byte)'1' : (byte)'2';

    /// <summary>
    /// OrdType (40) of an order with a trigger: 3 stop (and trailing stop), 4 stop-limit,
    /// J market-if-touched (take-profit, market or limit: a limit shows its Price).
    /// </summary>
    public static byte OrdType(OrderType type, TriggerType trigger) => trigger switch
    {
        TriggerType.Stop => type == OrderType.Limit ? (byte)'4' : (byte)'3',
        TriggerType.TrailingStop => (byte)'3',
        TriggerType.TakeProfit => (byte)'J',
        _ => OrdType(type),
    };

    /// <summary>
    /// OrdType (40) to the core's order type and trigger: 1 market, 2 limit, 3 stop (market),
    /// 4 stop-limit, J market-if-touched (take-profit: market, or limit when a Price is given).
    /// A trailing stop (3 with ExecInst a) is told apart by the caller.
    /// </summary>
    public static bool TryParseOrdType(byte value, bool hasPrice, out OrderType type, out TriggerType trigger)
    {
        (type, trigger) = value switch
        {
            (byte)'1' => (OrderType.Market, TriggerType.None),
            (byte)'2' => (OrderType.Limit, TriggerType.None),
            (byte)'3' => (OrderType.Market, TriggerType.Stop),
            (byte)'4' => (OrderType.Limit, TriggerType.Stop),
            (byte)'J' => (hasPrice ? OrderType.Limit : OrderType.Market, TriggerType.TakeProfit),
            _ => (OrderType.None, TriggerType.None),
        };
        return type != OrderType.None;
    }

    public static bool TryParseOrdType(byte value, out OrderType type)
    {
        type = value switch { (byte)'1' => OrderType.Market, (byte)'2' => OrderType.Limit, _ => OrderType.None };
        return type != OrderType.None;
    }

    public static byte TimeInForce(TimeInForce tif) => tif switch
    {
        Core.Commands.TimeInForce.ImmediateOrCancel => (byte)'3',
        Core.Commands.TimeInForce.FillOrKill => (byte)'4',
        Core.Commands.TimeInForce.GoodTillDate => (byte)'6',
        _ => (byte)'1',
    };

    /// <summary>FIX TimeInForce (59) to the core's; Day (0) and the auction values are not offered.</summary>
    public static bool TryParseTimeInForce(byte value, out TimeInForce tif)
    {
        tif = value switch
        {
            (byte)'1' => Core.Commands.TimeInForce.GoodTillCancel,
            (byte)'3' => Core.Commands.TimeInForce.ImmediateOrCancel,
            (byte)'4' => Core.Commands.TimeInForce.FillOrKill,
            (byte)'6' => Core.Commands.TimeInForce.GoodTillDate,
            _ => Core.Commands.TimeInForce.None,
        };
        return tif != Core.Commands.TimeInForce.None;
    }

    /// <summary>OrdRejReason (103) for a core reject of a new order.</summary>
    public static long OrdRejReason(RejectReason reason) => reason switch
    {
        RejectReason.UnknownInstrument => 1,
        RejectReason.InstrumentHalted or RejectReason.InstrumentCancelOnly => 2,
        RejectReason.InsufficientFunds => 3,
        RejectReason.DuplicateClientOrderId => 6,
        RejectReason.UnknownAccount => 4,
        RejectReason.InvalidQuantity or RejectReason.QuantityBelowMinimum or RejectReason.NotionalBelowMinimum => 13,
        RejectReason.InvalidPrice => 99,
        RejectReason.InvalidOrderType or RejectReason.InvalidTimeInForce or RejectReason.InvalidOrderOption
            or RejectReason.InvalidTrigger or RejectReason.InvalidContingency => 11,
        RejectReason.UnknownLinkedOrder => 5,
        _ => 99,
    };

    /// <summary>QuoteEntryRejectReason (368) for a core reject of one quote entry (a <c>Quote</c> command).</summary>
    public static long QuoteEntryRejectReason(RejectReason reason) => reason switch
    {
        RejectReason.UnknownInstrument => 1,
        RejectReason.InstrumentHalted or RejectReason.InstrumentCancelOnly => 2,
        RejectReason.InsufficientFunds or RejectReason.OpenOrderLimit or RejectReason.OrderQuantityLimit
            or RejectReason.OrderNotionalLimit or RejectReason.MarketMakerProtection => 3,
        RejectReason.InvalidQuote => 7,
        RejectReason.InvalidPrice or RejectReason.PriceOutsideBand => 8,
        RejectReason.AccountHalted or RejectReason.UnknownAccount => 9,
        _ => 99,
    };

    /// <summary>CxlRejReason (102) for a core reject of a cancel or replace.</summary>
    public static long CxlRejReason(RejectReason reason) => reason switch
    {
        RejectReason.UnknownOrder => 1,
        RejectReason.DuplicateClientOrderId => 6,
        _ => 99,
    };
}
