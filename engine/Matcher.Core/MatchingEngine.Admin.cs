using Matcher.Core.Book;
using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Numbers;
using Matcher.Core.Reference;
using Matcher.Core.State;

namespace Matcher.Core;

/// <summary>Reference data, accounts and funds: admin commands, deposits and withdrawals.</summary>
public sealed partial class MatchingEngine
{
    private RejectReason AddAsset(ref Command c)
    {
        if (_assetsById.ContainsKey(c.AssetId))
        {
            return RejectReason.DuplicateAsset;
        }

        if (c.AssetId <= 0 || !c.AssetCode.IsValid() || c.AssetScale > ScaledDecimal.MaxScale)
        {
            return RejectReason.InvalidAsset;
        }

        foreach (var existing in _assets)
        {
            if (existing.Code == c.AssetCode)
            {
                return RejectReason.DuplicateAsset;
            }
        }

        var asset = new Asset(c.AssetId, c.AssetCode, c.AssetScale, _assets.Count);
        _assets.Add(asset);
        _assetsById.Add(asset.Id, asset);
        foreach (var account in _accounts)
        {
            account.EnsureAssets(_assets.Count);
        }

        ref var e = ref NewEvent(EventType.AssetAdded);
        e.AssetId = asset.Id;
        e.AssetCode = asset.Code;
        e.AssetScale = asset.Scale;
        _sink.Commit();
        return RejectReason.None;
    }

    private RejectReason DefineInstrument(ref Command c, bool add)
    {
        var exists = _instrumentsById.TryGetValue(c.InstrumentId, out var instrument);
        if (add && exists)
        {
            return RejectReason.DuplicateInstrument;
        }

        if (!add && !exists)
        {
            return RejectReason.UnknownInstrument;
        }

        var definition = c.Instrument;

        if (definition.TickSize.Scale > ScaledDecimal.MaxScale || definition.LotSize.Scale > ScaledDecimal.MaxScale)
        {
            return RejectReason.InvalidInstrument;
        }

        // Normalised, so that "0.10" and "0.1" are the same tick, whatever bytes arrived.
        definition.TickSize = new ScaledDecimal(definition.TickSize.Mantissa, definition.TickSize.Scale);
        definition.LotSize = new ScaledDecimal(definition.LotSize.Mantissa, definition.LotSize.Scale);
        if (!add)
        {
            // An update keeps the symbol and assets; a zero tick size, lot size or minimum
            // quantity keeps its value. The minimum notional is always replaced (0 is "none").
            var current = instrument!.Definition;
            if ((!definition.Symbol.IsEmpty && definition.Symbol != current.Symbol)
                || (definition.BaseAssetId != 0 && definition.BaseAssetId != current.BaseAssetId)
                || (definition.QuoteAssetId != 0 && definition.QuoteAssetId != current.QuoteAssetId))
            {
                return RejectReason.InvalidInstrument;
            }

            definition.Symbol = current.Symbol;
            definition.BaseAssetId = current.BaseAssetId;
            definition.QuoteAssetId = current.QuoteAssetId;
            definition.TickSize = definition.TickSize.Mantissa == 0 ? current.TickSize : definition.TickSize;
            definition.LotSize = definition.LotSize.Mantissa == 0 ? current.LotSize : definition.LotSize;
            definition.MinQuantityLots = definition.MinQuantityLots == 0 ? current.MinQuantityLots : definition.MinQuantityLots;
            if ((definition.TickSize != current.TickSize || definition.LotSize != current.LotSize)
                && instrument.Book.OrderCount > 0)
            {
                return RejectReason.InstrumentHasOrders;
            }
        }
        else if (c.InstrumentId <= 0 || !definition.Symbol.IsValid() || SymbolTaken(definition.Symbol))
        {
            return c.InstrumentId > 0 && definition.Symbol.IsValid()
                ? RejectReason.DuplicateInstrument
                : RejectReason.InvalidInstrument;
        }

        if (!_assetsById.TryGetValue(definition.BaseAssetId, out var baseAsset)
            || !_assetsById.TryGetValue(definition.QuoteAssetId, out var quoteAsset))
        {
            return RejectReason.UnknownAsset;
        }

        if (baseAsset == quoteAsset
            || !definition.TickSize.IsPositive
            || !definition.LotSize.IsPositive
            || definition.MinQuantityLots < 1
            || definition.MinNotional < 0
            || !definition.LotSize.TryToUnits(baseAsset.Scale, out var lotUnits)
            || !TryTickValue(definition.TickSize, definition.LotSize, quoteAsset.Scale, out var tickValue))
        {
            return RejectReason.InvalidInstrument;
        }

        var status = add ? (c.InstrumentStatus == InstrumentStatus.None ? InstrumentStatus.Trading : c.InstrumentStatus) : instrument!.Status;
        if (status > InstrumentStatus.CancelOnly)
        {
            return RejectReason.InvalidStatus;
        }

        if (add)
        {
            instrument = new Instrument(c.InstrumentId, _instruments.Count, new OrderBook(c.InstrumentId, _levelPool));
            _instruments.Add(instrument);
            _instrumentsById.Add(instrument.Id, instrument);
        }

        instrument!.Definition = definition;
        instrument.Status = status;
        instrument.Base = baseAsset;
        instrument.Quote = quoteAsset;
        instrument.LotUnits = lotUnits;
        instrument.TickValue = tickValue;
        EmitInstrumentDefined(instrument);
        return RejectReason.None;
    }

    private bool SymbolTaken(Text.Symbol symbol)
    {
        foreach (var instrument in _instruments)
        {
            if (instrument.Definition.Symbol == symbol)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Quote units for one tick on one lot: tick × lot × 10^quoteScale, which must be a
    /// whole positive number so that every notional is exact.
    /// </summary>
    private static bool TryTickValue(ScaledDecimal tick, ScaledDecimal lot, int quoteScale, out long tickValue)
    {
        tickValue = 0;
        var numerator = (Int128)tick.Mantissa * lot.Mantissa;
        for (var i = 0; i < quoteScale; i++)
        {
            if (numerator > Int128.MaxValue / 10)
            {
                return false;
            }

            numerator *= 10;
        }

        Int128 denominator = 1;
        for (var i = 0; i < tick.Scale + lot.Scale; i++)
        {
            denominator *= 10;
        }

        var (quotient, remainder) = Int128.DivRem(numerator, denominator);
        if (remainder != 0 || quotient < 1 || quotient > long.MaxValue)
        {
            return false;
        }

        tickValue = (long)quotient;
        return true;
    }

    private RejectReason SetInstrumentStatus(ref Command c)
    {
        if (!_instrumentsById.TryGetValue(c.InstrumentId, out var instrument))
        {
            return RejectReason.UnknownInstrument;
        }

        if (c.InstrumentStatus is not (InstrumentStatus.Trading or InstrumentStatus.Halted or InstrumentStatus.CancelOnly))
        {
            return RejectReason.InvalidStatus;
        }

        instrument.Status = c.InstrumentStatus;

        // A resume starts the circuit breaker's next window at the next trade.
        instrument.BreakerReferenceTicks = 0;
        ref var e = ref NewEvent(EventType.InstrumentStatusChanged);
        e.InstrumentId = instrument.Id;
        e.InstrumentStatus = instrument.Status;
        _sink.Commit();
        return RejectReason.None;
    }

    private RejectReason SetPriceBand(ref Command c)
    {
        if (!_instrumentsById.TryGetValue(c.InstrumentId, out var instrument))
        {
            return RejectReason.UnknownInstrument;
        }

        if (c.Amount < 0)
        {
            return RejectReason.InvalidLimit;
        }

        instrument.PriceBandBps = c.Amount;
        EmitInstrumentDefined(instrument);
        return RejectReason.None;
    }

    /// <summary>An instrument's definition, status, price band (Amount) and circuit breaker.</summary>
    private void EmitInstrumentDefined(Instrument instrument)
    {
        ref var e = ref NewEvent(EventType.InstrumentDefined);
        e.InstrumentId = instrument.Id;
        e.Instrument = instrument.Definition;
        e.InstrumentStatus = instrument.Status;
        e.Amount = instrument.PriceBandBps;
        e.CircuitBreakerBps = instrument.CircuitBreakerBps;
        e.WindowNs = instrument.CircuitBreakerWindowNs;
        _sink.Commit();
    }

    private RejectReason SetFeeTier(ref Command c)
    {
        if (c.FeeTier < 0
            || c.TakerFeeBps < 0 || c.TakerFeeBps > FeeTier.MaxBps
            || c.MakerFeeBps < -FeeTier.MaxBps || c.MakerFeeBps > FeeTier.MaxBps)
        {
            return RejectReason.InvalidFeeTier;
        }

        if (!_feeTiers.ContainsKey(c.FeeTier))
        {
            _feeTierIds.Add(c.FeeTier);
        }

        _feeTiers[c.FeeTier] = new FeeTier(c.MakerFeeBps, c.TakerFeeBps);
        ref var e = ref NewEvent(EventType.FeeTierSet);
        e.FeeTier = c.FeeTier;
        e.MakerFeeBps = c.MakerFeeBps;
        e.TakerFeeBps = c.TakerFeeBps;
        _sink.Commit();
        return RejectReason.None;
    }

    private RejectReason CreateAccount(ref Command c)
    {
        if (_accountsById.ContainsKey(c.AccountId))
        {
            return RejectReason.DuplicateAccount;
        }

        if (!_feeTiers.ContainsKey(c.FeeTier))
        {
            return RejectReason.InvalidFeeTier;
        }

        var account = new Account(c.AccountId, c.FeeTier, _accounts.Count, Math.Max(_assets.Count, 4));
        _accounts.Add(account);
        _accountsById.Add(account.Id, account);
        EmitAccountUpdated(account);
        return RejectReason.None;
    }

    private RejectReason SetAccountFeeTier(ref Command c)
    {
        if (!_accountsById.TryGetValue(c.AccountId, out var account))
        {
            return RejectReason.UnknownAccount;
        }

        if (!_feeTiers.ContainsKey(c.FeeTier))
        {
            return RejectReason.InvalidFeeTier;
        }

        account.FeeTier = c.FeeTier;
        EmitAccountUpdated(account);
        return RejectReason.None;
    }

    private RejectReason SetAccountLimits(ref Command c)
    {
        if (!_accountsById.TryGetValue(c.AccountId, out var account))
        {
            return RejectReason.UnknownAccount;
        }

        if (c.MaxOpenOrders < 0 || c.QuantityLots < 0 || c.Amount < 0)
        {
            return RejectReason.InvalidLimit;
        }

        account.MaxOpenOrders = c.MaxOpenOrders;
        account.MaxOrderLots = c.QuantityLots;
        account.MaxOrderNotional = c.Amount;
        EmitAccountUpdated(account);
        return RejectReason.None;
    }

    private RejectReason SetAccountStatus(ref Command c)
    {
        if (!_accountsById.TryGetValue(c.AccountId, out var account))
        {
            return RejectReason.UnknownAccount;
        }

        if (c.InstrumentStatus is not (InstrumentStatus.Trading or InstrumentStatus.Halted))
        {
            return RejectReason.InvalidStatus;
        }

        account.Halted = c.InstrumentStatus == InstrumentStatus.Halted;
        EmitAccountUpdated(account);
        if (account.Halted)
        {
            CancelAccountOrders(account, instrumentId: 0, Side.None, bySession: false, default, CancelReason.AccountHalted);
        }

        return RejectReason.None;
    }

    /// <summary>An account's fee tier, kill switch (InstrumentStatus: Trading or Halted) and limits (AffectedOrders: open orders; QuantityLots, Amount: per order).</summary>
    private void EmitAccountUpdated(Account account)
    {
        ref var e = ref NewEvent(EventType.AccountUpdated);
        e.AccountId = account.Id;
        e.FeeTier = account.FeeTier;
        e.InstrumentStatus = account.Halted ? InstrumentStatus.Halted : InstrumentStatus.Trading;
        e.AffectedOrders = account.MaxOpenOrders;
        e.QuantityLots = account.MaxOrderLots;
        e.Amount = account.MaxOrderNotional;
        _sink.Commit();
    }

    private RejectReason ResolveFunds(ref Command c, out Account account, out Asset asset)
    {
        asset = null!;
        if (!_accountsById.TryGetValue(c.AccountId, out account!))
        {
            return RejectReason.UnknownAccount;
        }

        if (!_assetsById.TryGetValue(c.AssetId, out asset!))
        {
            return RejectReason.UnknownAsset;
        }

        return c.Amount > 0 ? RejectReason.None : RejectReason.InvalidAmount;
    }

    private RejectReason Deposit(ref Command c)
    {
        var reason = ResolveFunds(ref c, out var account, out var asset);
        if (reason != RejectReason.None)
        {
            return reason;
        }

        if (asset.TotalUnits > Asset.MaxTotalUnits - c.Amount)
        {
            return RejectReason.ValueOverflow;
        }

        // A chain deposit is credited once, whoever reports it and however often: a restarted
        // gateway may rescan blocks it has already reported.
        if (!c.TxHash.IsEmpty && !_creditedDeposits.Add((c.TxHash, c.LogIndex)))
        {
            return RejectReason.DuplicateDeposit;
        }

        TouchBalance(account, asset.Index);
        asset.TotalUnits += c.Amount;
        account.Balances[asset.Index].Available += c.Amount;
        ref var e = ref NewEvent(EventType.DepositApplied);
        e.AccountId = account.Id;
        e.AssetId = asset.Id;
        e.Amount = c.Amount;
        e.TxHash = c.TxHash;
        e.LogIndex = c.LogIndex;
        _sink.Commit();
        return RejectReason.None;
    }

    private RejectReason RequestWithdrawal(ref Command c)
    {
        var reason = ResolveFunds(ref c, out var account, out var asset);
        if (reason != RejectReason.None)
        {
            return reason;
        }

        // 0 asks the core for the next id: requesters need not coordinate their ids.
        var id = c.WithdrawalId != 0 ? c.WithdrawalId : _lastWithdrawalId < long.MaxValue ? _lastWithdrawalId + 1 : -1;
        if (id < 0 || _usedWithdrawalIds.Contains(id))
        {
            return RejectReason.DuplicateWithdrawal;
        }

        if (account.Balances[asset.Index].Available < c.Amount)
        {
            return RejectReason.InsufficientFunds;
        }

        _usedWithdrawalIds.Add(id);
        _lastWithdrawalId = Math.Max(_lastWithdrawalId, id);
        var withdrawal = new Withdrawal(id, account, asset, c.Amount, c.Destination);
        _pendingWithdrawals.Add(withdrawal.Id, withdrawal);
        Lock(account, asset.Index, c.Amount);
        EmitWithdrawal(withdrawal, WithdrawalState.Pending);
        return RejectReason.None;
    }

    private RejectReason FinishWithdrawal(ref Command c, bool completed)
    {
        if (!_pendingWithdrawals.Remove(c.WithdrawalId, out var withdrawal))
        {
            return RejectReason.UnknownWithdrawal;
        }

        var account = withdrawal.Account;
        var index = withdrawal.Asset.Index;
        if (completed)
        {
            TouchBalance(account, index);
            account.Balances[index].Locked -= withdrawal.Amount;
            withdrawal.Asset.TotalUnits -= withdrawal.Amount;
        }
        else
        {
            Lock(account, index, -withdrawal.Amount);
        }

        EmitWithdrawal(withdrawal, completed ? WithdrawalState.Completed : WithdrawalState.Failed);
        return RejectReason.None;
    }

    private void EmitWithdrawal(Withdrawal withdrawal, WithdrawalState state)
    {
        ref var e = ref NewEvent(EventType.WithdrawalUpdated);
        e.AccountId = withdrawal.Account.Id;
        e.AssetId = withdrawal.Asset.Id;
        e.Amount = withdrawal.Amount;
        e.WithdrawalId = withdrawal.Id;
        e.WithdrawalState = state;
        e.Destination = withdrawal.Destination;
        _sink.Commit();
    }

    private RejectReason QueryStateHash()
    {
        ref var e = ref NewEvent(EventType.StateHash);
        e.StateHash = ComputeStateHash();
        _sink.Commit();
        return RejectReason.None;
    }
}
