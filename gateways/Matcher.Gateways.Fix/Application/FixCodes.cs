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
        RejectReason.InvalidOrderType or RejectReason.InvalidTimeInForce or RejectReason.InvalidOrderOption => 11,
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
