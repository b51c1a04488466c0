using System.Globalization;
using System.Text.Json;
using Matcher.Core;
using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Reference;
using Matcher.Core.State;
using Matcher.Core.Text;

namespace Matcher.Cli.Sim;

/// <summary>
/// Writes the core's events as JSON lines with names instead of ids and decimal strings
/// instead of ticks, lots and units (see docs/SIM.md for every field). Also writes the
/// simulator's own <c>input_error</c> lines.
/// </summary>
/// <remarks>
/// Events are written right after the command that caused them, so the instrument and
/// asset definitions used to convert them are those the command left.
/// </remarks>
internal sealed partial class EventFormatter
{
    /// <summary>The type of the simulator's own error lines.</summary>
    public const string InputErrorType = "input_error";

    private readonly MatchingEngine _engine;
    private readonly JsonLineWriter _lines;

    /// <summary>A formatter that looks names up in <paramref name="engine"/> and writes to <paramref name="lines"/>.</summary>
    public EventFormatter(MatchingEngine engine, JsonLineWriter lines)
    {
        _engine = engine;
        _lines = lines;
    }

    /// <summary>Writes an input error for line <paramref name="line"/> (0: the setup).</summary>
    public void WriteInputError(int line, string error)
    {
        var w = _lines.Begin();
        w.WriteString("type", InputErrorType);
        if (line > 0)
        {
            w.WriteNumber("line", line);
        }

        w.WriteString("error", error);
        _lines.End();
    }

    /// <summary>Writes one event of the core.</summary>
    /// <param name="e">The event.</param>
    /// <param name="line">The input line of the command that caused it (0: a setup command).</param>
    public void Write(in EngineEvent e, int line)
    {
        var w = _lines.Begin();
        w.WriteString("type", EnumNames<EventType>.Name(e.Type));
        w.WriteNumber("seq", e.CommandSequence);
        if (line > 0)
        {
            w.WriteNumber("line", line);
        }

        w.WriteString("time", Timestamps.Format(e.TimestampNs));
        w.WriteString("command", EnumNames<CommandType>.Name(e.CommandType));
        var instrument = _engine.FindInstrument(e.InstrumentId);
        switch (e.Type)
        {
            case EventType.Rejected:
                WriteRejected(w, e, instrument);
                break;
            case EventType.OrderAccepted:
            case EventType.OrderCancelled:
            case EventType.OrderAmended:
            case EventType.OrderTriggered:
                WriteOrder(w, e, instrument);
                break;
            case EventType.QuoteAccepted:
                WriteQuote(w, e, instrument);
                break;
            case EventType.MarketMakerProtectionUpdated:
                WriteMarketMakerProtection(w, e);
                break;
            case EventType.Trade:
                WriteTrade(w, e, instrument!);
                break;
            case EventType.BalanceChanged:
                w.WriteNumber("account", e.AccountId);
                var asset = WriteAsset(w, "asset", e.AssetId);
                WriteAmount(w, "available", asset, e.Available);
                WriteAmount(w, "locked", asset, e.Locked);
                break;
            case EventType.BookLevelChanged:
                WriteInstrument(w, e.InstrumentId, instrument);
                w.WriteString("side", EnumNames<Side>.Name(e.Side));
                WritePrice(w, "price", instrument, e.PriceTicks);
                WriteQuantity(w, "quantity", instrument, e.LevelLots);
                w.WriteNumber("orders", e.LevelOrderCount);
                break;
            case EventType.InstrumentStatusChanged:
                WriteInstrument(w, e.InstrumentId, instrument);
                w.WriteString("status", EnumNames<InstrumentStatus>.Name(e.InstrumentStatus));
                WriteBreakerTrip(w, e, instrument);
                break;
            case EventType.AssetAdded:
                w.WriteString("asset", e.AssetCode.ToString());
                w.WriteNumber("asset_id", e.AssetId);
                w.WriteNumber("scale", e.AssetScale);
                break;
            case EventType.InstrumentDefined:
                WriteDefinition(w, e);
                break;
            case EventType.FeeTierSet:
                w.WriteNumber("fee_tier", e.FeeTier);
                w.WriteNumber("maker_bps", e.MakerFeeBps);
                w.WriteNumber("taker_bps", e.TakerFeeBps);
                break;
            case EventType.AccountUpdated:
                w.WriteNumber("account", e.AccountId);
                w.WriteNumber("fee_tier", e.FeeTier);
                break;
            case EventType.WithdrawalUpdated:
                w.WriteNumber("account", e.AccountId);
                var withdrawn = WriteAsset(w, "asset", e.AssetId);
                WriteAmount(w, "amount", withdrawn, e.Amount);
                w.WriteNumber("withdrawal_id", e.WithdrawalId);
                w.WriteString("state", EnumNames<WithdrawalState>.Name(e.WithdrawalState));
                break;
            case EventType.DepositApplied:
                w.WriteNumber("account", e.AccountId);
                var deposited = WriteAsset(w, "asset", e.AssetId);
                WriteAmount(w, "amount", deposited, e.Amount);
                break;
            case EventType.StateHash:
                w.WriteString("hash", e.StateHash.ToString("x16", CultureInfo.InvariantCulture));
                break;
            case EventType.MassCancelled:
                w.WriteNumber("account", e.AccountId);
                if (e.InstrumentId != 0)
                {
                    WriteInstrument(w, e.InstrumentId, instrument);
                }

                if (e.Side != Side.None)
                {
                    w.WriteString("side", EnumNames<Side>.Name(e.Side));
                }

                w.WriteNumber("orders", e.AffectedOrders);
                break;
        }

        _lines.End();
    }

    /// <summary>The reason, then the command's non-zero fields as the core echoed them.</summary>
    private void WriteRejected(Utf8JsonWriter w, in EngineEvent e, Instrument? instrument)
    {
        w.WriteString("reason", EnumNames<RejectReason>.Name(e.RejectReason));
        if (e.AccountId != 0)
        {
            w.WriteNumber("account", e.AccountId);
        }

        if (e.InstrumentId != 0)
        {
            WriteInstrument(w, e.InstrumentId, instrument);
        }

        Asset? asset = null;
        if (e.AssetId != 0)
        {
            asset = WriteAsset(w, "asset", e.AssetId);
        }

        if (e.OrderId != 0)
        {
            w.WriteNumber("order_id", e.OrderId);
        }

        WriteClientId(w, "client_order_id", e.ClientOrderId);

        // The core echoes a cancel-replace's new client order id in OrigClientOrderId.
        WriteClientId(w, "new_client_order_id", e.OrigClientOrderId);
        if (e.Side != Side.None)
        {
            w.WriteString("side", EnumNames<Side>.Name(e.Side));
        }

        if (e.OrderType != OrderType.None)
        {
            w.WriteString("order_type", EnumNames<OrderType>.Name(e.OrderType));
        }

        if (e.TimeInForce != TimeInForce.None)
        {
            w.WriteString("tif", EnumNames<TimeInForce>.Name(e.TimeInForce));
        }

        if (e.PriceTicks != 0)
        {
            WritePrice(w, "price", instrument, e.PriceTicks);
        }

        if (e.QuantityLots != 0)
        {
            WriteQuantity(w, "quantity", instrument, e.QuantityLots);
        }

        if (e.ExpireTimeNs != 0)
        {
            w.WriteString("expire_time", Timestamps.Format(e.ExpireTimeNs));
        }

        if (e.Amount != 0)
        {
            WriteAmount(w, "amount", asset, e.Amount);
        }

        if (e.WithdrawalId != 0)
        {
            w.WriteNumber("withdrawal_id", e.WithdrawalId);
        }

        WriteConditions(w, e, instrument);
        if (e.AskPriceTicks != 0)
        {
            WritePrice(w, "ask_price", instrument, e.AskPriceTicks);
        }

        if (e.AskQuantityLots != 0)
        {
            WriteQuantity(w, "ask_quantity", instrument, e.AskQuantityLots);
        }
    }

    private static void WriteOrder(Utf8JsonWriter w, in EngineEvent e, Instrument? instrument)
    {
        if (e.Type != EventType.OrderAccepted && e.CancelReason != CancelReason.None)
        {
            w.WriteString("reason", EnumNames<CancelReason>.Name(e.CancelReason));
        }

        w.WriteNumber("account", e.AccountId);
        WriteInstrument(w, e.InstrumentId, instrument);
        w.WriteNumber("order_id", e.OrderId);
        WriteClientId(w, "client_order_id", e.ClientOrderId);
        if (e.Type == EventType.OrderAmended && e.OrigClientOrderId != e.ClientOrderId)
        {
            WriteClientId(w, "orig_client_order_id", e.OrigClientOrderId);
        }

        w.WriteString("side", EnumNames<Side>.Name(e.Side));
        w.WriteString("order_type", EnumNames<OrderType>.Name(e.OrderType));
        w.WriteString("tif", EnumNames<TimeInForce>.Name(e.TimeInForce));
        if (e.PriceTicks != 0)
        {
            WritePrice(w, "price", instrument, e.PriceTicks);
        }

        WriteQuantity(w, "quantity", instrument, e.QuantityLots);
        WriteQuantity(w, "filled", instrument, e.FilledLots);
        WriteQuantity(w, "remaining", instrument, e.RemainingLots);
        if (e.ExpireTimeNs != 0)
        {
            w.WriteString("expire_time", Timestamps.Format(e.ExpireTimeNs));
        }

        WriteConditions(w, e, instrument);
        if (e.IsQuote)
        {
            w.WriteBoolean("quote", true);
        }
    }

    private static void WriteTrade(Utf8JsonWriter w, in EngineEvent e, Instrument instrument)
    {
        var takerBuys = e.Side == Side.Buy;
        WriteInstrument(w, e.InstrumentId, instrument);
        w.WriteNumber("trade_id", e.TradeId);
        WritePrice(w, "price", instrument, e.TradePriceTicks);
        WriteQuantity(w, "quantity", instrument, e.TradeLots);
        WriteAmount(w, "notional", instrument.Quote, e.TradeNotional);
        w.WriteString("taker_side", EnumNames<Side>.Name(e.Side));

        // Each side pays its fee in the asset it receives: the buyer in base, the seller in quote.
        var takerFeeAsset = takerBuys ? instrument.Base : instrument.Quote;
        var makerFeeAsset = takerBuys ? instrument.Quote : instrument.Base;
        w.WriteNumber("taker_account", e.AccountId);
        w.WriteNumber("taker_order_id", e.OrderId);
        WriteClientId(w, "taker_client_order_id", e.ClientOrderId);
        WriteQuantity(w, "taker_filled", instrument, e.FilledLots);
        WriteQuantity(w, "taker_remaining", instrument, e.RemainingLots);
        WriteAmount(w, "taker_fee", takerFeeAsset, e.TakerFee);
        w.WriteString("taker_fee_asset", takerFeeAsset.Code.ToString());
        w.WriteNumber("maker_account", e.MakerAccountId);
        w.WriteNumber("maker_order_id", e.MakerOrderId);
        WriteClientId(w, "maker_client_order_id", e.MakerClientOrderId);
        WriteQuantity(w, "maker_filled", instrument, e.MakerFilledLots);
        WriteQuantity(w, "maker_remaining", instrument, e.MakerRemainingLots);
        WriteAmount(w, "maker_fee", makerFeeAsset, e.MakerFee);
        w.WriteString("maker_fee_asset", makerFeeAsset.Code.ToString());
    }

    private void WriteDefinition(Utf8JsonWriter w, in EngineEvent e)
    {
        var definition = e.Instrument;
        var quote = _engine.FindAsset(definition.QuoteAssetId);
        w.WriteString("instrument", definition.Symbol.ToString());
        w.WriteNumber("instrument_id", e.InstrumentId);
        WriteAsset(w, "base", definition.BaseAssetId);
        WriteAsset(w, "quote", definition.QuoteAssetId);
        w.WriteString("tick_size", definition.TickSize.ToString());
        w.WriteString("lot_size", definition.LotSize.ToString());
        w.WriteString("min_quantity", DecimalText.Multiple(definition.LotSize, definition.MinQuantityLots));
        WriteAmount(w, "min_notional", quote, definition.MinNotional);
        w.WriteString("status", EnumNames<InstrumentStatus>.Name(e.InstrumentStatus));
        if (e.CircuitBreakerBps != 0)
        {
            w.WriteNumber("circuit_breaker_bps", e.CircuitBreakerBps);
            w.WriteNumber("circuit_breaker_window_ns", e.WindowNs);
        }
    }

    private static void WriteInstrument(Utf8JsonWriter w, int instrumentId, Instrument? instrument)
    {
        if (instrument is null)
        {
            w.WriteNumber("instrument_id", instrumentId);
        }
        else
        {
            w.WriteString("instrument", instrument.Definition.Symbol.ToString());
        }
    }

    /// <summary>Writes the asset's code (or its id when unknown) and returns it.</summary>
    private Asset? WriteAsset(Utf8JsonWriter w, string name, int assetId)
    {
        var asset = _engine.FindAsset(assetId);
        if (asset is null)
        {
            w.WriteNumber(name + "_id", assetId);
        }
        else
        {
            w.WriteString(name, asset.Code.ToString());
        }

        return asset;
    }

    private static void WritePrice(Utf8JsonWriter w, string name, Instrument? instrument, long ticks)
    {
        if (instrument is null)
        {
            w.WriteNumber(name + "_ticks", ticks);
        }
        else
        {
            w.WriteString(name, DecimalText.Price(instrument, ticks));
        }
    }

    private static void WriteQuantity(Utf8JsonWriter w, string name, Instrument? instrument, long lots)
    {
        if (instrument is null)
        {
            w.WriteNumber(name + "_lots", lots);
        }
        else
        {
            w.WriteString(name, DecimalText.Quantity(instrument, lots));
        }
    }

    private static void WriteAmount(Utf8JsonWriter w, string name, Asset? asset, long units)
    {
        if (asset is null)
        {
            w.WriteNumber(name + "_units", units);
        }
        else
        {
            w.WriteString(name, DecimalText.Amount(asset, units));
        }
    }

    private static void WriteClientId(Utf8JsonWriter w, string name, ClientOrderId id)
    {
        if (!id.IsEmpty)
        {
            w.WriteString(name, id.ToString());
        }
    }
}
