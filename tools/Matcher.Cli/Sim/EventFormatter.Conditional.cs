using System.Text.Json;
using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Reference;
using Matcher.Core.State;

namespace Matcher.Cli.Sim;

/// <summary>
/// The fields of conditional orders, icebergs and OCO links, and the quote, market-maker
/// protection and circuit-breaker events (docs/SIM.md).
/// </summary>
internal sealed partial class EventFormatter
{
    /// <summary>An order's (or rejected command's) trigger, trailing offset, display quantity and OCO link, when set.</summary>
    private static void WriteConditions(Utf8JsonWriter w, in EngineEvent e, Instrument? instrument)
    {
        if (e.Trigger != TriggerType.None)
        {
            w.WriteString("trigger", EnumNames<TriggerType>.Name(e.Trigger));
        }

        if (e.StopPriceTicks != 0)
        {
            WritePrice(w, "stop_price", instrument, e.StopPriceTicks);
        }

        if (e.TrailingOffsetTicks != 0)
        {
            WritePrice(w, "trailing_offset", instrument, e.TrailingOffsetTicks);
        }

        if (e.TrailingOffsetBps != 0)
        {
            w.WriteNumber("trailing_offset_bps", e.TrailingOffsetBps);
        }

        if (e.DisplayLots != 0)
        {
            WriteQuantity(w, "display_quantity", instrument, e.DisplayLots);
        }

        if (e.LinkedOrderId != 0)
        {
            w.WriteNumber("linked_order_id", e.LinkedOrderId);
        }
    }

    private static void WriteQuote(Utf8JsonWriter w, in EngineEvent e, Instrument? instrument)
    {
        w.WriteNumber("account", e.AccountId);
        WriteInstrument(w, e.InstrumentId, instrument);
        WriteClientId(w, "client_order_id", e.ClientOrderId);
        WriteQuoteSide(w, "bid", e.OrderId, e.PriceTicks, e.QuantityLots, instrument);
        WriteQuoteSide(w, "ask", e.AskOrderId, e.AskPriceTicks, e.AskQuantityLots, instrument);
    }

    /// <summary>One side of a quote: its order id, price and quantity, or nothing when the side is not quoted.</summary>
    private static void WriteQuoteSide(Utf8JsonWriter w, string side, long orderId, long priceTicks, long lots, Instrument? instrument)
    {
        if (lots == 0)
        {
            return;
        }

        w.WriteNumber(side + "_order_id", orderId);
        WritePrice(w, side + "_price", instrument, priceTicks);
        WriteQuantity(w, side + "_quantity", instrument, lots);
    }

    private static void WriteMarketMakerProtection(Utf8JsonWriter w, in EngineEvent e)
    {
        w.WriteNumber("account", e.AccountId);
        w.WriteBoolean("tripped", e.InstrumentStatus == InstrumentStatus.Halted);
        w.WriteNumber("window_ns", e.WindowNs);
        w.WriteNumber("max_lots", e.QuantityLots);
        w.WriteNumber("max_fills", e.MaxFills);
        w.WriteNumber("window_lots", e.FilledLots);
        w.WriteNumber("window_fills", e.AffectedOrders);
    }

    /// <summary>Why the status changed when the core changed it itself (the circuit breaker), and the reference price it measured from.</summary>
    private static void WriteBreakerTrip(Utf8JsonWriter w, in EngineEvent e, Instrument? instrument)
    {
        if (e.CancelReason == CancelReason.None)
        {
            return;
        }

        w.WriteString("reason", EnumNames<CancelReason>.Name(e.CancelReason));
        if (e.PriceTicks != 0)
        {
            WritePrice(w, "reference_price", instrument, e.PriceTicks);
        }
    }
}
