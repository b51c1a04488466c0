using Matcher.Core;
using Matcher.Core.Commands;
using Matcher.Core.Numbers;
using Matcher.Core.Reference;
using Matcher.Core.State;
using Matcher.Core.Text;

namespace Matcher.Cli.Sim;

/// <summary>
/// Turns the fields of one input object into a core <see cref="Command"/>: names become
/// ids (instrument symbols and asset codes, looked up in the core's current state),
/// decimal strings become ticks, lots and asset units. See docs/SIM.md for every field.
/// </summary>
/// <remarks>
/// The reader refuses only what a command cannot express: unknown names and fields,
/// wrong JSON types, values off the tick or lot grid, values that are not positive.
/// A field left out is sent as zero, so the core's own rules (defaults and reject
/// reasons) decide, exactly as they would for a gateway's command.
/// </remarks>
internal sealed partial class CommandReader
{
    private readonly MatchingEngine _engine;
    private readonly LiveOrders _liveOrders;

    /// <summary>A reader that resolves names against <paramref name="engine"/>.</summary>
    public CommandReader(MatchingEngine engine, LiveOrders liveOrders)
    {
        _engine = engine;
        _liveOrders = liveOrders;
    }

    /// <summary>Reads a command line: its "type", its optional "time" and the type's fields.</summary>
    /// <param name="fields">The line's fields.</param>
    /// <param name="timeNs">The line's time, or null when it has none.</param>
    public Command Read(JsonFields fields, out long? timeNs)
    {
        var typeText = fields.RequiredString("type");
        if (!EnumNames<CommandType>.TryParse(typeText, out var type) || type == CommandType.None)
        {
            throw new SimInputException($"type {JsonFields.Show(typeText)} is not a command type: one of {EnumNames<CommandType>.List()}");
        }

        timeNs = fields.Time("time");
        var command = type switch
        {
            CommandType.PlaceOrder => ReadPlaceOrder(fields),
            CommandType.CancelOrder => ReadCancelOrder(fields),
            CommandType.AmendOrder => ReadAmend(fields, replace: false),
            CommandType.CancelReplace => ReadAmend(fields, replace: true),
            CommandType.MassCancel => ReadMassCancel(fields),
            CommandType.ExpireOrders => new Command { Type = CommandType.ExpireOrders },
            CommandType.CancelSessionOrders => ReadCancelSessionOrders(fields),
            CommandType.AddAsset => ReadAddAsset(fields),
            CommandType.AddInstrument => ReadAddInstrument(fields),
            CommandType.UpdateInstrument => ReadUpdateInstrument(fields),
            CommandType.SetInstrumentStatus => ReadSetInstrumentStatus(fields),
            CommandType.SetFeeTier => ReadSetFeeTier(fields),
            CommandType.CreateAccount => ReadCreateAccount(fields),
            CommandType.SetAccountFeeTier => ReadSetAccountFeeTier(fields),
            CommandType.SetAccountLimits => ReadSetAccountLimits(fields),
            CommandType.SetAccountStatus => ReadSetAccountStatus(fields),
            CommandType.SetPriceBand => ReadSetPriceBand(fields),
            CommandType.Deposit => ReadDeposit(fields),
            CommandType.RequestWithdrawal => ReadRequestWithdrawal(fields),
            CommandType.CompleteWithdrawal or CommandType.FailWithdrawal => ReadFinishWithdrawal(fields, type),
            CommandType.QueryStateHash => new Command { Type = CommandType.QueryStateHash },
            CommandType.Quote => ReadQuote(fields),
            CommandType.SetMarketMakerProtection => ReadSetMarketMakerProtection(fields),
            CommandType.ResetMarketMakerProtection => ReadResetMarketMakerProtection(fields),
            CommandType.SetCircuitBreaker => ReadSetCircuitBreaker(fields),
            _ => throw new SimInputException($"type {JsonFields.Show(typeText)} is not supported by the simulator"),
        };
        fields.EnsureAllRead(typeText);
        return command;
    }

    /// <summary>place_order: a limit or market order, optionally a stop, take-profit or trailing stop, an iceberg or one leg of an OCO pair.</summary>
    public Command ReadPlaceOrder(JsonFields f)
    {
        var command = new Command { Type = CommandType.PlaceOrder, AccountId = f.RequiredInteger("account") };
        var instrument = RequiredInstrument(f, "instrument");
        command.InstrumentId = instrument.Id;
        command.Side = f.Enum<Side>("side") ?? Side.None;
        command.OrderType = f.Enum<OrderType>("order_type") ?? OrderType.None;
        command.TimeInForce = f.Enum<TimeInForce>("tif") ?? TimeInForce.None;
        command.PriceTicks = f.Decimal("price") is { } price ? Conversions.Ticks(instrument, price) : 0;
        command.QuantityLots = f.Decimal("quantity") is { } quantity ? Conversions.Lots(instrument, quantity) : 0;
        command.QuoteBudget = f.Decimal("quote_budget") is { } budget ? Conversions.Units(instrument.Quote, budget) : 0;
        command.PostOnly = f.Boolean("post_only") ?? false;
        command.SelfTradePrevention = f.Enum<SelfTradePrevention>("stp") ?? SelfTradePrevention.None;
        command.ExpireTimeNs = f.Time("expire_time") ?? 0;
        command.ClientOrderId = ClientId(f, "client_order_id");
        ReadConditions(f, instrument, ref command);
        return command;
    }

    /// <summary>cancel_order: by order id, or by client order id when the order id is absent.</summary>
    public Command ReadCancelOrder(JsonFields f)
    {
        var command = new Command
        {
            Type = CommandType.CancelOrder,
            AccountId = f.RequiredInteger("account"),
            OrderId = f.Integer("order_id") ?? 0,
            ClientOrderId = ClientId(f, "client_order_id"),
        };
        command.InstrumentId = ResolveOrderInstrument(f, ref command, searchBook: false)?.Id ?? 0;
        return command;
    }

    /// <summary>amend_order and cancel_replace: a new price, quantity and/or stop price (and client order id).</summary>
    public Command ReadAmend(JsonFields f, bool replace)
    {
        var command = new Command
        {
            Type = replace ? CommandType.CancelReplace : CommandType.AmendOrder,
            AccountId = f.RequiredInteger("account"),
            OrderId = f.Integer("order_id") ?? 0,
            ClientOrderId = ClientId(f, "client_order_id"),
        };
        if (replace)
        {
            command.NewClientOrderId = ClientId(f, "new_client_order_id");
        }

        var instrument = ResolveOrderInstrument(f, ref command, searchBook: true);
        var price = f.Decimal("price");
        var quantity = f.Decimal("quantity");
        var stopPrice = f.Decimal("stop_price");
        if (instrument is null)
        {
            // The order is not live, so the core rejects the command as unknown_order
            // whatever its price and quantity; without the order's instrument they
            // cannot be converted, and they do not need to be.
            return command;
        }

        command.InstrumentId = instrument.Id;
        command.PriceTicks = price is { } newPrice ? Conversions.Ticks(instrument, newPrice) : 0;
        command.QuantityLots = quantity is { } newQuantity ? Conversions.Lots(instrument, newQuantity) : 0;
        command.StopPriceTicks = stopPrice is { } stop ? Conversions.Ticks(instrument, stop) : 0;
        return command;
    }

    /// <summary>mass_cancel: every open order of an account, optionally on one instrument and/or side.</summary>
    public Command ReadMassCancel(JsonFields f) => new()
    {
        Type = CommandType.MassCancel,
        AccountId = f.RequiredInteger("account"),
        InstrumentId = OptionalInstrument(f, "instrument")?.Id ?? 0,
        Side = f.Enum<Side>("side") ?? Side.None,
    };

    /// <summary>
    /// cancel_session_orders: the account's orders of the command's session. The simulator
    /// models no sessions (every origin is zero), so that is every order of the account that
    /// was entered here.
    /// </summary>
    public static Command ReadCancelSessionOrders(JsonFields f) => new()
    {
        Type = CommandType.CancelSessionOrders,
        AccountId = f.RequiredInteger("account"),
    };

    /// <summary>add_asset: a code, a decimal scale and an optional id (default: the largest id plus one).</summary>
    public Command ReadAddAsset(JsonFields f)
    {
        var codeText = f.RequiredString("asset");
        if (!Symbol.TryCreate(codeText, out var code))
        {
            throw new SimInputException($"{f.Describe("asset")} {JsonFields.Show(codeText)} is not an asset code (1 to {Symbol.MaxLength} printable ASCII characters)");
        }

        var id = f.Integer("asset_id", int.MinValue, int.MaxValue);
        return new Command
        {
            Type = CommandType.AddAsset,
            AssetId = id is { } given ? (int)given : NextAssetId(),
            AssetCode = code,
            AssetScale = (byte)(f.Integer("scale", 0, byte.MaxValue) ?? throw new SimInputException($"missing field {f.Describe("scale")}")),
        };
    }

    /// <summary>add_instrument: symbol, base and quote assets, tick and lot size, minimums, status.</summary>
    public Command ReadAddInstrument(JsonFields f)
    {
        var symbolText = f.RequiredString("instrument");
        if (!Symbol.TryCreate(symbolText, out var symbol))
        {
            throw new SimInputException($"{f.Describe("instrument")} {JsonFields.Show(symbolText)} is not a symbol (1 to {Symbol.MaxLength} printable ASCII characters)");
        }

        var id = f.Integer("instrument_id", int.MinValue, int.MaxValue);
        var baseAsset = RequiredAsset(f, "base");
        var quoteAsset = RequiredAsset(f, "quote");
        var tickSize = PositiveStep(f.RequiredDecimal("tick_size"));
        var lotSize = PositiveStep(f.RequiredDecimal("lot_size"));
        var minQuantity = f.Decimal("min_quantity");
        var minNotional = f.Decimal("min_notional");
        return new Command
        {
            Type = CommandType.AddInstrument,
            InstrumentId = id is { } given ? (int)given : NextInstrumentId(),
            InstrumentStatus = f.Enum<InstrumentStatus>("status") ?? InstrumentStatus.None,
            Instrument = new InstrumentDefinition
            {
                Symbol = symbol,
                BaseAssetId = baseAsset.Id,
                QuoteAssetId = quoteAsset.Id,
                TickSize = tickSize,
                LotSize = lotSize,
                MinQuantityLots = minQuantity is { } quantity ? Conversions.Lots(lotSize, quantity, symbolText) : 1,
                MinNotional = minNotional is { } notional ? Conversions.Units(quoteAsset, notional, allowZero: true) : 0,
            },
        };
    }

    /// <summary>update_instrument: new tick or lot size (empty book only) and minimums; absent fields keep their values.</summary>
    public Command ReadUpdateInstrument(JsonFields f)
    {
        var instrument = RequiredInstrument(f, "instrument");
        var current = instrument.Definition;
        var tickSize = f.Decimal("tick_size") is { } tick ? PositiveStep(tick) : default;
        var lotSize = f.Decimal("lot_size") is { } lot ? PositiveStep(lot) : default;
        var minQuantity = f.Decimal("min_quantity");
        var minNotional = f.Decimal("min_notional");

        // The core keeps a zero tick or lot size but takes the minimums as given, so the
        // simulator fills in the current minimums for "absent keeps the value".
        return new Command
        {
            Type = CommandType.UpdateInstrument,
            InstrumentId = instrument.Id,
            Instrument = new InstrumentDefinition
            {
                TickSize = tickSize,
                LotSize = lotSize,
                MinQuantityLots = minQuantity is { } quantity
                    ? Conversions.Lots(lotSize.IsPositive ? lotSize : current.LotSize, quantity, current.Symbol.ToString())
                    : current.MinQuantityLots,
                MinNotional = minNotional is { } notional ? Conversions.Units(instrument.Quote, notional, allowZero: true) : current.MinNotional,
            },
        };
    }

    /// <summary>set_instrument_status: trading, halted or cancel_only.</summary>
    public Command ReadSetInstrumentStatus(JsonFields f) => new()
    {
        Type = CommandType.SetInstrumentStatus,
        InstrumentId = RequiredInstrument(f, "instrument").Id,
        InstrumentStatus = f.Enum<InstrumentStatus>("status") ?? InstrumentStatus.None,
    };

    /// <summary>set_account_limits: most open orders, lots and quote units of notional per order (absent or 0: none).</summary>
    public static Command ReadSetAccountLimits(JsonFields f) => new()
    {
        Type = CommandType.SetAccountLimits,
        AccountId = f.RequiredInteger("account"),
        MaxOpenOrders = (int)(f.Integer("max_open_orders", int.MinValue, int.MaxValue) ?? 0),
        QuantityLots = f.Integer("max_order_lots", long.MinValue, long.MaxValue) ?? 0,
        Amount = f.Integer("max_order_notional", long.MinValue, long.MaxValue) ?? 0,
    };

    /// <summary>set_account_status: the account kill switch, halted or trading.</summary>
    public static Command ReadSetAccountStatus(JsonFields f) => new()
    {
        Type = CommandType.SetAccountStatus,
        AccountId = f.RequiredInteger("account"),
        InstrumentStatus = f.Enum<InstrumentStatus>("status") ?? InstrumentStatus.None,
    };

    /// <summary>set_price_band: an instrument's band in basis points around the last trade (0: none).</summary>
    public Command ReadSetPriceBand(JsonFields f) => new()
    {
        Type = CommandType.SetPriceBand,
        InstrumentId = RequiredInstrument(f, "instrument").Id,
        Amount = f.Integer("band_bps", long.MinValue, long.MaxValue) ?? 0,
    };

    /// <summary>set_fee_tier: a tier's maker and taker rates in basis points.</summary>
    public static Command ReadSetFeeTier(JsonFields f) => new()
    {
        Type = CommandType.SetFeeTier,
        FeeTier = (int)(f.Integer("fee_tier", int.MinValue, int.MaxValue) ?? throw new SimInputException($"missing field {f.Describe("fee_tier")}")),
        MakerFeeBps = (int)(f.Integer("maker_bps", int.MinValue, int.MaxValue) ?? 0),
        TakerFeeBps = (int)(f.Integer("taker_bps", int.MinValue, int.MaxValue) ?? 0),
    };

    /// <summary>create_account: an account id and its fee tier (default 0).</summary>
    public static Command ReadCreateAccount(JsonFields f) => new()
    {
        Type = CommandType.CreateAccount,
        AccountId = f.RequiredInteger("account"),
        FeeTier = (int)(f.Integer("fee_tier", int.MinValue, int.MaxValue) ?? 0),
    };

    /// <summary>set_account_fee_tier: move an account to another tier.</summary>
    public static Command ReadSetAccountFeeTier(JsonFields f) => new()
    {
        Type = CommandType.SetAccountFeeTier,
        AccountId = f.RequiredInteger("account"),
        FeeTier = (int)(f.Integer("fee_tier", int.MinValue, int.MaxValue) ?? throw new SimInputException($"missing field {f.Describe("fee_tier")}")),
    };

    /// <summary>deposit: credit an account.</summary>
    public Command ReadDeposit(JsonFields f)
    {
        var command = new Command { Type = CommandType.Deposit, AccountId = f.RequiredInteger("account") };
        var asset = RequiredAsset(f, "asset");
        command.AssetId = asset.Id;
        command.Amount = f.Decimal("amount") is { } amount ? Conversions.Units(asset, amount) : 0;
        return command;
    }

    /// <summary>A deposit of <paramref name="amount"/> of the asset named <paramref name="assetCode"/> (setup deposits).</summary>
    public Command ReadDeposit(long accountId, string assetCode, DecimalInput amount, string field)
    {
        var asset = FindAsset(assetCode) ?? throw new SimInputException($"{field}: {JsonFields.Show(assetCode)} is not a known asset");
        return new Command { Type = CommandType.Deposit, AccountId = accountId, AssetId = asset.Id, Amount = Conversions.Units(asset, amount) };
    }

    /// <summary>request_withdrawal: lock funds under a withdrawal id.</summary>
    public Command ReadRequestWithdrawal(JsonFields f)
    {
        var command = new Command { Type = CommandType.RequestWithdrawal, AccountId = f.RequiredInteger("account") };
        var asset = RequiredAsset(f, "asset");
        command.AssetId = asset.Id;
        command.Amount = f.Decimal("amount") is { } amount ? Conversions.Units(asset, amount) : 0;
        command.WithdrawalId = f.Integer("withdrawal_id") ?? 0;
        return command;
    }

    /// <summary>complete_withdrawal and fail_withdrawal: by withdrawal id.</summary>
    public static Command ReadFinishWithdrawal(JsonFields f, CommandType type) =>
        new() { Type = type, WithdrawalId = f.Integer("withdrawal_id") ?? 0 };

    /// <summary>The instrument with this symbol, or null.</summary>
    public Instrument? FindInstrument(string symbol)
    {
        if (!Symbol.TryCreate(symbol, out var wanted))
        {
            return null;
        }

        foreach (var instrument in _engine.Instruments)
        {
            if (instrument.Definition.Symbol == wanted)
            {
                return instrument;
            }
        }

        return null;
    }

    /// <summary>The asset with this code, or null.</summary>
    public Asset? FindAsset(string code)
    {
        if (!Symbol.TryCreate(code, out var wanted))
        {
            return null;
        }

        foreach (var asset in _engine.Assets)
        {
            if (asset.Code == wanted)
            {
                return asset;
            }
        }

        return null;
    }

    /// <summary>
    /// The instrument of the order a cancel, amend or cancel-replace names: from the live
    /// orders followed so far, else (when <paramref name="searchBook"/>) from a scan of the
    /// core's book; the named instrument when the order is not live. An "instrument"
    /// field, when given, must agree with the order's.
    /// </summary>
    private Instrument? ResolveOrderInstrument(JsonFields f, ref Command command, bool searchBook)
    {
        var named = OptionalInstrument(f, "instrument");
        Instrument? live = null;
        if (_liveOrders.TryFindInstrument(command.AccountId, command.OrderId, command.ClientOrderId, out var instrumentId)
            || (searchBook && TryFindInBook(command, out instrumentId)))
        {
            live = _engine.FindInstrument(instrumentId);
        }

        if (named is not null && live is not null && named != live)
        {
            var which = command.OrderId != 0 ? $"order {command.OrderId}" : $"client order id {JsonFields.Show(command.ClientOrderId.ToString())}";
            throw new SimInputException(
                $"{which} is on {live.Definition.Symbol}, not {named.Definition.Symbol}");
        }

        return live ?? named;
    }

    /// <summary>A slow scan of the core's live orders: the fallback when an order is not followed.</summary>
    private bool TryFindInBook(Command command, out int instrumentId)
    {
        foreach (var order in _engine.EnumerateOrders())
        {
            if (command.OrderId != 0
                ? order.OrderId == command.OrderId
                : !command.ClientOrderId.IsEmpty && order.AccountId == command.AccountId && order.ClientOrderId == command.ClientOrderId)
            {
                instrumentId = order.InstrumentId;
                return true;
            }
        }

        instrumentId = 0;
        return false;
    }

    private Instrument RequiredInstrument(JsonFields f, string name) =>
        OptionalInstrument(f, name) ?? throw new SimInputException($"missing field {f.Describe(name)}");

    private Instrument? OptionalInstrument(JsonFields f, string name)
    {
        var symbol = f.String(name);
        if (symbol is null)
        {
            return null;
        }

        return FindInstrument(symbol) ?? throw new SimInputException($"{f.Describe(name)} {JsonFields.Show(symbol)} is not a known instrument");
    }

    private Asset RequiredAsset(JsonFields f, string name)
    {
        var code = f.RequiredString(name);
        return FindAsset(code) ?? throw new SimInputException($"{f.Describe(name)} {JsonFields.Show(code)} is not a known asset");
    }

    private static ClientOrderId ClientId(JsonFields f, string name)
    {
        var text = f.String(name);
        if (text is null)
        {
            return default;
        }

        return ClientOrderId.TryCreate(text, out var id)
            ? id
            : throw new SimInputException($"{f.Describe(name)} {JsonFields.Show(text)} is not a client order id (up to {ClientOrderId.MaxLength} printable ASCII characters)");
    }

    private static ScaledDecimal PositiveStep(DecimalInput step) =>
        step.Value.IsPositive ? step.Value : throw new SimInputException($"{step.Field} {step.Text} is not positive");

    private int NextAssetId()
    {
        var max = 0;
        foreach (var asset in _engine.Assets)
        {
            max = Math.Max(max, asset.Id);
        }

        return max + 1;
    }

    private int NextInstrumentId()
    {
        var max = 0;
        foreach (var instrument in _engine.Instruments)
        {
            max = Math.Max(max, instrument.Id);
        }

        return max + 1;
    }
}
