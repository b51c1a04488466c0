using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Reference;

namespace Matcher.Core.Tests.Properties;

/// <summary>
/// A deliberately plain model of the matching core, written from docs/CORE.md and not
/// from the engine: sorted lists of levels, lists of orders, dictionaries of balances and
/// linear searches everywhere. <see cref="Process"/> applies one command and returns the
/// order events, touched levels and touched balances the spec predicts.
/// </summary>
/// <remarks>
/// Admin commands are modelled only as far as the property streams use them (setup,
/// status, fee tiers, deposits, withdrawals). Where the spec leaves a choice open the
/// choice is named in a comment starting "Spec choice".
/// </remarks>
internal sealed partial class ReferenceExchange
{
    public const long FeeAccountId = 0;

    private readonly Dictionary<int, int> _assetScales = [];
    private readonly List<int> _assetIds = [];
    private readonly List<RefInstrument> _instruments = [];
    private readonly Dictionary<int, (int MakerBps, int TakerBps)> _feeTiers = new() { [0] = (0, 0) };
    private readonly List<RefAccount> _accounts = [new RefAccount(FeeAccountId, 0)];
    private readonly List<RefOrder> _liveOrders = [];
    private readonly List<RefWithdrawal> _pendingWithdrawals = [];
    private readonly List<long> _usedWithdrawalIds = [];
    private long _lastOrderId;
    private long _lastTradeId;
    private RefOutcome _outcome = new();
    private Command _command;

    public IReadOnlyList<RefInstrument> Instruments => _instruments;

    public IReadOnlyList<RefAccount> Accounts => _accounts;

    public IReadOnlyList<int> AssetIds => _assetIds;

    /// <summary>Resting orders, by order id.</summary>
    public IReadOnlyList<RefOrder> LiveOrders => _liveOrders;

    public IReadOnlyList<RefWithdrawal> PendingWithdrawals => _pendingWithdrawals;

    public RefOutcome Process(Command command)
    {
        _command = command;
        _outcome = new RefOutcome();
        var levelsBefore = LevelStates();
        var reasons = new List<RejectReason>();
        switch (command.Type)
        {
            case CommandType.PlaceOrder:
                Place(reasons);
                break;
            case CommandType.CancelOrder:
                Cancel(reasons);
                break;
            case CommandType.AmendOrder:
                Amend(reasons, replace: false);
                break;
            case CommandType.CancelReplace:
                Amend(reasons, replace: true);
                break;
            case CommandType.MassCancel:
                MassCancel(reasons);
                break;
            case CommandType.ExpireOrders:
                ExpireOrders();
                break;
            case CommandType.CancelSessionOrders:
                CancelSessionOrders(reasons);
                break;
            case CommandType.AddAsset:
                _assetScales.Add(command.AssetId, command.AssetScale);
                _assetIds.Add(command.AssetId);
                break;
            case CommandType.AddInstrument:
                AddInstrument();
                break;
            case CommandType.SetFeeTier:
                SetFeeTier(reasons);
                break;
            case CommandType.CreateAccount:
                CreateAccount(reasons);
                break;
            case CommandType.UpdateInstrument:
                UpdateInstrument(reasons);
                break;
            case CommandType.SetInstrumentStatus:
                SetInstrumentStatus(reasons);
                break;
            case CommandType.SetAccountFeeTier:
                SetAccountFeeTier(reasons);
                break;
            case CommandType.Deposit:
                Deposit(reasons);
                break;
            case CommandType.RequestWithdrawal:
                RequestWithdrawal(reasons);
                break;
            case CommandType.CompleteWithdrawal:
            case CommandType.FailWithdrawal:
                FinishWithdrawal(reasons, command.Type == CommandType.CompleteWithdrawal);
                break;
            default:
                throw new NotSupportedException($"the reference does not model {command.Type}");
        }

        if (reasons.Count > 0)
        {
            if (_outcome.Events.Count > 0 || _outcome.TouchedBalances.Count > 0 || _outcome.TouchedLevels.Count > 0)
            {
                throw new InvalidOperationException("reference: a rejected command changed state");
            }

            _outcome.AllowedRejects.AddRange(reasons);
            _outcome.Events.Add(new ObservedEvent { Type = EventType.Rejected, RejectReason = reasons[0] });
            return _outcome;
        }

        // The command's own order is done: the orders its trades triggered enter now.
        RunTriggered();

        // A level that ends the command where it started is not reported.
        var levelsAfter = LevelStates();
        _outcome.TouchedLevels.RemoveAll(key => levelsAfter.GetValueOrDefault(key) == levelsBefore.GetValueOrDefault(key));
        return _outcome;
    }

    /// <summary>Every price level's shown lots and order count.</summary>
    private Dictionary<(int InstrumentId, Side Side, long PriceTicks), (long Lots, int Count)> LevelStates()
    {
        var states = new Dictionary<(int, Side, long), (long, int)>();
        foreach (var instrument in _instruments)
        {
            foreach (var side in new[] { Side.Buy, Side.Sell })
            {
                foreach (var level in instrument.Book.Levels(side))
                {
                    states[(instrument.Id, side, level.PriceTicks)] = (level.TotalLots(), level.Orders.Count);
                }
            }
        }

        return states;
    }

    public RefAccount? FindAccount(long accountId)
    {
        foreach (var account in _accounts)
        {
            if (account.Id == accountId)
            {
                return account;
            }
        }

        return null;
    }

    public RefInstrument? FindInstrument(int instrumentId)
    {
        foreach (var instrument in _instruments)
        {
            if (instrument.Id == instrumentId)
            {
                return instrument;
            }
        }

        return null;
    }

    public (int MakerBps, int TakerBps) FeeTierOf(long accountId) => _feeTiers[FindAccount(accountId)!.FeeTier];

    /// <summary>What a resting limit order locks: price × remaining × tick value in quote for a buy, remaining × lot units in base for a sell.</summary>
    public static long LockOf(RefOrder order, RefInstrument instrument) =>
        order.Side == Side.Buy ? order.PriceTicks * order.RemainingLots * instrument.TickValue : order.RemainingLots * instrument.LotUnits;

    public static int LockAssetOf(Side side, RefInstrument instrument) => side == Side.Buy ? instrument.QuoteAssetId : instrument.BaseAssetId;

    /// <summary>Adds to an account's available and locked balances, recording the touch.</summary>
    private void ChangeBalance(long accountId, int assetId, long availableDelta, long lockedDelta)
    {
        var account = FindAccount(accountId)!;
        account.Available[assetId] = account.AvailableOf(assetId) + availableDelta;
        account.Locked[assetId] = account.LockedOf(assetId) + lockedDelta;
        if (!_outcome.TouchedBalances.Contains((accountId, assetId)))
        {
            _outcome.TouchedBalances.Add((accountId, assetId));
        }
    }

    private void Lock(long accountId, int assetId, long units) => ChangeBalance(accountId, assetId, -units, units);

    private void Unlock(long accountId, int assetId, long units) => ChangeBalance(accountId, assetId, units, -units);

    private void TouchLevel(int instrumentId, Side side, long priceTicks)
    {
        if (!_outcome.TouchedLevels.Contains((instrumentId, side, priceTicks)))
        {
            _outcome.TouchedLevels.Add((instrumentId, side, priceTicks));
        }
    }

    private void AddInstrument()
    {
        var definition = _command.Instrument;
        var tick = ToDecimal(definition.TickSize.Mantissa, definition.TickSize.Scale);
        var lot = ToDecimal(definition.LotSize.Mantissa, definition.LotSize.Scale);
        if (!TryFactors(definition.BaseAssetId, definition.QuoteAssetId, tick, lot, out var lotUnits, out var tickValue))
        {
            throw new InvalidOperationException("reference: the scenario defines an instrument with fractional factors");
        }

        _instruments.Add(new RefInstrument
        {
            Id = _command.InstrumentId,
            BaseAssetId = definition.BaseAssetId,
            QuoteAssetId = definition.QuoteAssetId,
            TickSize = tick,
            LotSize = lot,
            LotUnits = lotUnits,
            TickValue = tickValue,
            MinQuantityLots = definition.MinQuantityLots,
            MinNotional = definition.MinNotional,
            Status = _command.InstrumentStatus == InstrumentStatus.None ? InstrumentStatus.Trading : _command.InstrumentStatus,
        });
    }

    /// <summary>Lot units = lot × 10^base scale and tick value = tick × lot × 10^quote scale, when both are whole and positive.</summary>
    private bool TryFactors(int baseAssetId, int quoteAssetId, decimal tick, decimal lot, out long lotUnits, out long tickValue)
    {
        var units = lot * Pow10(_assetScales[baseAssetId]);
        var value = tick * lot * Pow10(_assetScales[quoteAssetId]);
        lotUnits = (long)units;
        tickValue = (long)value;
        return units == decimal.Truncate(units) && value == decimal.Truncate(value) && units >= 1 && value >= 1;
    }

    /// <summary>
    /// Update instrument: a zero tick size, lot size or minimum quantity keeps its value,
    /// the minimum notional is always replaced (0 = none); tick and lot size change only
    /// while no order rests.
    /// </summary>
    private void UpdateInstrument(List<RejectReason> reasons)
    {
        var instrument = FindInstrument(_command.InstrumentId);
        if (instrument is null)
        {
            reasons.Add(RejectReason.UnknownInstrument);
            return;
        }

        var d = _command.Instrument;
        var tick = d.TickSize.Mantissa == 0 ? instrument.TickSize : ToDecimal(d.TickSize.Mantissa, d.TickSize.Scale);
        var lot = d.LotSize.Mantissa == 0 ? instrument.LotSize : ToDecimal(d.LotSize.Mantissa, d.LotSize.Scale);
        var minQuantity = d.MinQuantityLots == 0 ? instrument.MinQuantityLots : d.MinQuantityLots;
        var minNotional = d.MinNotional;
        // Spec choice: waiting orders count as the instrument's orders here (their stop
        // prices are in ticks); docs/CORE.md says "while the book is empty" / "while orders rest".
        if ((tick != instrument.TickSize || lot != instrument.LotSize)
            && _liveOrders.Exists(o => o.InstrumentId == instrument.Id))
        {
            reasons.Add(RejectReason.InstrumentHasOrders);
        }

        if (tick <= 0 || lot <= 0 || minQuantity < 1 || minNotional < 0
            || !TryFactors(instrument.BaseAssetId, instrument.QuoteAssetId, tick, lot, out var lotUnits, out var tickValue))
        {
            reasons.Add(RejectReason.InvalidInstrument);
            return;
        }

        if (reasons.Count > 0)
        {
            return;
        }

        instrument.TickSize = tick;
        instrument.LotSize = lot;
        instrument.LotUnits = lotUnits;
        instrument.TickValue = tickValue;
        instrument.MinQuantityLots = minQuantity;
        instrument.MinNotional = minNotional;
    }

    private static decimal ToDecimal(long mantissa, int scale) => mantissa / Pow10(scale);

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }

    private void SetInstrumentStatus(List<RejectReason> reasons)
    {
        var instrument = FindInstrument(_command.InstrumentId);
        if (instrument is null)
        {
            reasons.Add(RejectReason.UnknownInstrument);
        }

        if (_command.InstrumentStatus is not (InstrumentStatus.Trading or InstrumentStatus.Halted or InstrumentStatus.CancelOnly))
        {
            reasons.Add(RejectReason.InvalidStatus);
        }

        if (reasons.Count == 0)
        {
            instrument!.Status = _command.InstrumentStatus;
        }
    }

    private void SetFeeTier(List<RejectReason> reasons)
    {
        var c = _command;
        if (c.FeeTier < 0 || c.TakerFeeBps is < 0 or > 10_000 || c.MakerFeeBps is < -10_000 or > 10_000)
        {
            reasons.Add(RejectReason.InvalidFeeTier);
            return;
        }

        _feeTiers[c.FeeTier] = (c.MakerFeeBps, c.TakerFeeBps);
    }

    private void CreateAccount(List<RejectReason> reasons)
    {
        if (FindAccount(_command.AccountId) is not null)
        {
            reasons.Add(RejectReason.DuplicateAccount);
        }

        if (!_feeTiers.ContainsKey(_command.FeeTier))
        {
            reasons.Add(RejectReason.InvalidFeeTier);
        }

        if (reasons.Count == 0)
        {
            _accounts.Add(new RefAccount(_command.AccountId, _command.FeeTier));
        }
    }

    private void SetAccountFeeTier(List<RejectReason> reasons)
    {
        var account = FindAccount(_command.AccountId);
        if (account is null)
        {
            reasons.Add(RejectReason.UnknownAccount);
        }

        if (!_feeTiers.ContainsKey(_command.FeeTier))
        {
            reasons.Add(RejectReason.InvalidFeeTier);
        }

        if (reasons.Count == 0)
        {
            account!.FeeTier = _command.FeeTier;
        }
    }

    private void Deposit(List<RejectReason> reasons)
    {
        CheckAccountAssetAmount(reasons);
        if (reasons.Count == 0)
        {
            ChangeBalance(_command.AccountId, _command.AssetId, _command.Amount, 0);
        }
    }

    private void RequestWithdrawal(List<RejectReason> reasons)
    {
        if (_command.WithdrawalId <= 0 || _usedWithdrawalIds.Contains(_command.WithdrawalId))
        {
            reasons.Add(RejectReason.DuplicateWithdrawal);
        }

        CheckAccountAssetAmount(reasons);
        var account = FindAccount(_command.AccountId);
        if (account is not null && _command.Amount > 0 && account.AvailableOf(_command.AssetId) < _command.Amount)
        {
            reasons.Add(RejectReason.InsufficientFunds);
        }

        if (reasons.Count == 0)
        {
            _usedWithdrawalIds.Add(_command.WithdrawalId);
            _pendingWithdrawals.Add(new RefWithdrawal(_command.WithdrawalId, _command.AccountId, _command.AssetId, _command.Amount));
            Lock(_command.AccountId, _command.AssetId, _command.Amount);
        }
    }

    private void FinishWithdrawal(List<RejectReason> reasons, bool completed)
    {
        var index = _pendingWithdrawals.FindIndex(w => w.Id == _command.WithdrawalId);
        if (index < 0)
        {
            reasons.Add(RejectReason.UnknownWithdrawal);
            return;
        }

        var withdrawal = _pendingWithdrawals[index];
        _pendingWithdrawals.RemoveAt(index);
        ChangeBalance(withdrawal.AccountId, withdrawal.AssetId, completed ? 0 : withdrawal.Amount, -withdrawal.Amount);
    }

    private void CheckAccountAssetAmount(List<RejectReason> reasons)
    {
        if (FindAccount(_command.AccountId) is null)
        {
            reasons.Add(RejectReason.UnknownAccount);
        }

        if (!_assetScales.ContainsKey(_command.AssetId))
        {
            reasons.Add(RejectReason.UnknownAsset);
        }

        if (_command.Amount <= 0)
        {
            reasons.Add(RejectReason.InvalidAmount);
        }
    }
}
