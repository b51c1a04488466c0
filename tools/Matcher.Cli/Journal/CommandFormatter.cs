using System.Text.Json;
using Matcher.Cli.Sim;
using Matcher.Core.Commands;
using Matcher.Core.Reference;
using Matcher.Core.Text;

namespace Matcher.Cli.Journal;

/// <summary>
/// Writes journaled commands as JSON lines: <c>seq</c>, <c>time</c> (ISO-8601 UTC with nine
/// fractional digits), <c>type</c> (the simulator's snake_case name), then the fields that
/// matter for that type, and the origin when it is not all zero.
/// </summary>
/// <remarks>
/// A journal holds no instrument or asset metadata (that is state, built by replaying
/// it), so values stay the core's integers, with the unit in the name:
/// <c>price_ticks</c>, <c>quantity_lots</c>, <c>amount_units</c>; instruments and assets
/// are ids. Only the decimals a command carries itself (an instrument definition's tick
/// and lot size) are written as decimal strings. Names follow the simulator's command
/// lines where the meaning is the same.
/// </remarks>
internal sealed class CommandFormatter
{
    private readonly JsonLineWriter _lines;

    /// <summary>A formatter writing to <paramref name="lines"/>.</summary>
    public CommandFormatter(JsonLineWriter lines)
    {
        _lines = lines;
    }

    /// <summary>Writes <paramref name="command"/> as one line.</summary>
    public void Write(in Command command)
    {
        var w = _lines.Begin();
        w.WriteNumber("seq", command.Sequence);
        w.WriteString("time", Timestamps.Format(command.TimestampNs));
        w.WriteString("type", EnumNames<CommandType>.Name(command.Type));
        switch (command.Type)
        {
            case CommandType.PlaceOrder:
                WritePlaceOrder(w, command);
                break;
            case CommandType.CancelOrder:
                w.WriteNumber("account", command.AccountId);
                WriteIfSet(w, "instrument_id", command.InstrumentId);
                WriteIfSet(w, "order_id", command.OrderId);
                WriteIfSet(w, "client_order_id", command.ClientOrderId);
                break;
            case CommandType.AmendOrder:
            case CommandType.CancelReplace:
                w.WriteNumber("account", command.AccountId);
                w.WriteNumber("instrument_id", command.InstrumentId);
                WriteIfSet(w, "order_id", command.OrderId);
                WriteIfSet(w, "client_order_id", command.ClientOrderId);
                if (command.Type == CommandType.CancelReplace)
                {
                    WriteIfSet(w, "new_client_order_id", command.NewClientOrderId);
                }

                w.WriteNumber("price_ticks", command.PriceTicks);
                w.WriteNumber("quantity_lots", command.QuantityLots);
                break;
            case CommandType.MassCancel:
                w.WriteNumber("account", command.AccountId);
                WriteIfSet(w, "instrument_id", command.InstrumentId);
                if (command.Side != Side.None)
                {
                    w.WriteString("side", EnumNames<Side>.Name(command.Side));
                }

                break;
            case CommandType.ExpireOrders:
            case CommandType.QueryStateHash:
                break;
            case CommandType.AddAsset:
                w.WriteNumber("asset_id", command.AssetId);
                w.WriteString("asset", command.AssetCode.ToString());
                w.WriteNumber("scale", command.AssetScale);
                break;
            case CommandType.AddInstrument:
            case CommandType.UpdateInstrument:
                WriteDefinition(w, command);
                break;
            case CommandType.SetInstrumentStatus:
                w.WriteNumber("instrument_id", command.InstrumentId);
                w.WriteString("status", EnumNames<InstrumentStatus>.Name(command.InstrumentStatus));
                break;
            case CommandType.SetFeeTier:
                w.WriteNumber("fee_tier", command.FeeTier);
                w.WriteNumber("maker_bps", command.MakerFeeBps);
                w.WriteNumber("taker_bps", command.TakerFeeBps);
                break;
            case CommandType.CreateAccount:
            case CommandType.SetAccountFeeTier:
                w.WriteNumber("account", command.AccountId);
                w.WriteNumber("fee_tier", command.FeeTier);
                break;
            case CommandType.Deposit:
            case CommandType.RequestWithdrawal:
                w.WriteNumber("account", command.AccountId);
                w.WriteNumber("asset_id", command.AssetId);
                w.WriteNumber("amount_units", command.Amount);
                if (command.Type == CommandType.RequestWithdrawal)
                {
                    w.WriteNumber("withdrawal_id", command.WithdrawalId);
                }

                break;
            case CommandType.CompleteWithdrawal:
            case CommandType.FailWithdrawal:
                w.WriteNumber("withdrawal_id", command.WithdrawalId);
                break;
            default:
                // A type this build does not know (or None): every field that is set.
                WriteEverythingSet(w, command);
                break;
        }

        WriteOrigin(w, command.Origin);
        _lines.End();
    }

    private static void WritePlaceOrder(Utf8JsonWriter w, in Command command)
    {
        w.WriteNumber("account", command.AccountId);
        w.WriteNumber("instrument_id", command.InstrumentId);
        w.WriteString("side", EnumNames<Side>.Name(command.Side));
        w.WriteString("order_type", EnumNames<OrderType>.Name(command.OrderType));
        w.WriteString("tif", EnumNames<TimeInForce>.Name(command.TimeInForce));
        w.WriteNumber("price_ticks", command.PriceTicks);
        w.WriteNumber("quantity_lots", command.QuantityLots);
        WriteIfSet(w, "quote_budget_units", command.QuoteBudget);
        if (command.PostOnly)
        {
            w.WriteBoolean("post_only", true);
        }

        if (command.SelfTradePrevention != SelfTradePrevention.None)
        {
            w.WriteString("stp", EnumNames<SelfTradePrevention>.Name(command.SelfTradePrevention));
        }

        if (command.ExpireTimeNs != 0)
        {
            w.WriteString("expire_time", Timestamps.Format(command.ExpireTimeNs));
        }

        WriteIfSet(w, "client_order_id", command.ClientOrderId);
    }

    private static void WriteDefinition(Utf8JsonWriter w, in Command command)
    {
        var definition = command.Instrument;
        w.WriteNumber("instrument_id", command.InstrumentId);
        if (command.Type == CommandType.AddInstrument)
        {
            w.WriteString("instrument", definition.Symbol.ToString());
            w.WriteNumber("base_asset_id", definition.BaseAssetId);
            w.WriteNumber("quote_asset_id", definition.QuoteAssetId);
        }

        w.WriteString("tick_size", definition.TickSize.ToString());
        w.WriteString("lot_size", definition.LotSize.ToString());
        w.WriteNumber("min_quantity_lots", definition.MinQuantityLots);
        w.WriteNumber("min_notional_units", definition.MinNotional);
        if (command.Type == CommandType.AddInstrument)
        {
            w.WriteString("status", EnumNames<InstrumentStatus>.Name(command.InstrumentStatus));
        }
    }

    private static void WriteEverythingSet(Utf8JsonWriter w, in Command command)
    {
        WriteIfSet(w, "account", command.AccountId);
        WriteIfSet(w, "instrument_id", command.InstrumentId);
        WriteIfSet(w, "asset_id", command.AssetId);
        WriteIfSet(w, "order_id", command.OrderId);
        if (command.Side != Side.None)
        {
            w.WriteString("side", EnumNames<Side>.Name(command.Side));
        }

        WriteIfSet(w, "price_ticks", command.PriceTicks);
        WriteIfSet(w, "quantity_lots", command.QuantityLots);
        WriteIfSet(w, "quote_budget_units", command.QuoteBudget);
        WriteIfSet(w, "amount_units", command.Amount);
        WriteIfSet(w, "withdrawal_id", command.WithdrawalId);
        WriteIfSet(w, "client_order_id", command.ClientOrderId);
        WriteIfSet(w, "new_client_order_id", command.NewClientOrderId);
    }

    private static void WriteOrigin(Utf8JsonWriter w, Origin origin)
    {
        if (origin == default)
        {
            return;
        }

        w.WriteNumber("gateway", origin.GatewayId);
        w.WriteNumber("session", origin.SessionId);
        w.WriteNumber("correlation", origin.CorrelationId);
    }

    private static void WriteIfSet(Utf8JsonWriter w, string name, long value)
    {
        if (value != 0)
        {
            w.WriteNumber(name, value);
        }
    }

    private static void WriteIfSet(Utf8JsonWriter w, string name, ClientOrderId id)
    {
        if (!id.IsEmpty)
        {
            w.WriteString(name, id.ToString());
        }
    }
}
