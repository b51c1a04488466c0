using Matcher.Core.Book;
using Matcher.Core.Commands;
using Matcher.Core.Numbers;
using Matcher.Core.Reference;
using Matcher.Core.State;
using Matcher.Core.Text;

namespace Matcher.Core;

/// <summary>State as a whole: the state hash, snapshots, and read-only queries for tools and tests.</summary>
public sealed partial class MatchingEngine
{
    private const long SnapshotMagic = 0x504E53484354414D; // "MATCHSNP", little-endian

    /// <summary>
    /// Bump when the snapshot layout changes; <see cref="LoadSnapshot"/> refuses other
    /// versions rather than misreading them.
    /// </summary>
    private const long SnapshotVersion = 5;

    /// <summary>
    /// A 64-bit hash over all state: counters, last sequence, fee tiers, assets,
    /// instruments, accounts and balances, every book level and order in priority order,
    /// and withdrawals. Equal states give equal hashes in every process.
    /// </summary>
    public ulong ComputeStateHash() => ComputeStateHash(includeSequence: true);

    /// <summary>The state hash, optionally without the last sequence (to show that a reject changed nothing).</summary>
    internal ulong ComputeStateHash(bool includeSequence)
    {
        var hasher = new StateHasher();
        WriteState(hasher, includeSequence);
        return hasher.Hash;
    }

    /// <summary>Writes all state to <paramref name="stream"/>, ending with the state hash.</summary>
    public void WriteSnapshot(Stream stream)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.ASCII, leaveOpen: true);
        writer.Write(SnapshotMagic);
        writer.Write(SnapshotVersion);
        WriteState(new SnapshotStreamWriter(writer), includeSequence: true);
        writer.Write(ComputeStateHash());
    }

    /// <summary>
    /// Rebuilds a core from a snapshot and checks it against the hash stored in it.
    /// </summary>
    /// <exception cref="InvalidDataException">Not a snapshot, another version, or the rebuilt state's hash differs.</exception>
    public static MatchingEngine LoadSnapshot(Stream stream, int expectedOrders = 1 << 16)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.ASCII, leaveOpen: true);
        try
        {
            if (reader.ReadInt64() != SnapshotMagic)
            {
                throw new InvalidDataException("not a Matcher snapshot (bad magic)");
            }

            var version = reader.ReadInt64();
            if (version != SnapshotVersion)
            {
                throw new InvalidDataException($"snapshot version {version} is not supported (this build reads {SnapshotVersion})");
            }

            var engine = new MatchingEngine(expectedOrders);
            engine.ReadState(reader);
            var stored = reader.ReadUInt64();
            var actual = engine.ComputeStateHash();
            if (stored != actual)
            {
                throw new InvalidDataException($"snapshot state hash {actual:x16} differs from the stored {stored:x16}");
            }

            return engine;
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("snapshot is truncated", e);
        }
        catch (Exception e) when (e is KeyNotFoundException or ArgumentException or IndexOutOfRangeException)
        {
            throw new InvalidDataException($"snapshot is inconsistent: {e.Message}", e);
        }
    }

    private void WriteState(IStateWriter w, bool includeSequence)
    {
        if (includeSequence)
        {
            w.Write(_lastSequence);
        }

        w.Write(_lastOrderId);
        w.Write(_lastTradeId);
        w.Write(_feeTierIds.Count);
        foreach (var tierId in _feeTierIds)
        {
            var tier = _feeTiers[tierId];
            w.Write(tierId);
            w.Write(tier.MakerBps);
            w.Write(tier.TakerBps);
        }

        w.Write(_assets.Count);
        foreach (var asset in _assets)
        {
            w.Write(asset.Id);
            WriteSymbol(w, asset.Code);
            w.Write(asset.Scale);
            w.Write(asset.TotalUnits);
        }

        w.Write(_instruments.Count);
        foreach (var instrument in _instruments)
        {
            var d = instrument.Definition;
            w.Write(instrument.Id);
            WriteSymbol(w, d.Symbol);
            w.Write(d.BaseAssetId);
            w.Write(d.QuoteAssetId);
            w.Write(d.TickSize.Mantissa);
            w.Write(d.TickSize.Scale);
            w.Write(d.LotSize.Mantissa);
            w.Write(d.LotSize.Scale);
            w.Write(d.MinQuantityLots);
            w.Write(d.MinNotional);
            w.Write((long)instrument.Status);
            w.Write(instrument.PriceBandBps);
            w.Write(instrument.LastTradePriceTicks);
            w.Write(instrument.CircuitBreakerBps);
            w.Write(instrument.CircuitBreakerWindowNs);
            w.Write(instrument.BreakerReferenceTicks);
            w.Write(instrument.BreakerWindowStartNs);
        }

        w.Write(_accounts.Count);
        foreach (var account in _accounts)
        {
            w.Write(account.Id);
            w.Write(account.FeeTier);
            w.Write(account.Halted ? 1 : 0);
            w.Write(account.MaxOpenOrders);
            w.Write(account.MaxOrderLots);
            w.Write(account.MaxOrderNotional);
            w.Write(account.MmpWindowNs);
            w.Write(account.MmpMaxLots);
            w.Write(account.MmpMaxFills);
            w.Write(account.MmpWindowStartNs);
            w.Write(account.MmpLots);
            w.Write(account.MmpFills);
            w.Write(account.MmpTripped ? 1 : 0);
            for (var i = 0; i < _assets.Count; i++)
            {
                w.Write(account.Balances[i].Available);
                w.Write(account.Balances[i].Locked);
            }
        }

        foreach (var instrument in _instruments)
        {
            WriteSide(w, instrument.Book.Bids);
            WriteSide(w, instrument.Book.Asks);
            var waiting = new List<Order>(instrument.Triggers.Count);
            CollectWaiting(instrument, waiting);
            w.Write(waiting.Count);
            foreach (var order in waiting)
            {
                WriteOrder(w, order);
            }
        }

        var pending = _pendingWithdrawals.Values.OrderBy(x => x.Id).ToList();
        w.Write(pending.Count);
        foreach (var withdrawal in pending)
        {
            w.Write(withdrawal.Id);
            w.Write(withdrawal.Account.Id);
            w.Write(withdrawal.Asset.Id);
            w.Write(withdrawal.Amount);
            var (a0, a1, a2) = withdrawal.Destination.Words;
            w.Write((long)a0);
            w.Write((long)a1);
            w.Write((long)a2);
        }

        var used = _usedWithdrawalIds.Order().ToList();
        w.Write(used.Count);
        foreach (var id in used)
        {
            w.Write(id);
        }

        // In byte order, never in the set's: the snapshot and the hash must not depend on hashing.
        var credited = _creditedDeposits.ToList();
        credited.Sort(static (x, y) => x.TxHash.CompareTo(y.TxHash) is var c and not 0 ? c : x.LogIndex.CompareTo(y.LogIndex));
        w.Write(credited.Count);
        foreach (var (hash, logIndex) in credited)
        {
            var (h0, h1, h2, h3) = hash.Words;
            w.Write((long)h0);
            w.Write((long)h1);
            w.Write((long)h2);
            w.Write((long)h3);
            w.Write(logIndex);
        }
    }

    private static void WriteSide(IStateWriter w, BookSide side)
    {
        w.Write(side.LevelCount);
        for (var rank = 0; rank < side.LevelCount; rank++)
        {
            var level = side.LevelFromBest(rank);
            w.Write(level.PriceTicks);
            w.Write(level.TotalLots);
            w.Write(level.OrderCount);
            for (var order = level.Head; order is not null; order = order.Next)
            {
                WriteOrder(w, order);
            }
        }
    }

    /// <summary>An order, resting or waiting, with every field that matters after it.</summary>
    private static void WriteOrder(IStateWriter w, Order order)
    {
        w.Write(order.Id);
        w.Write(order.Sequence);
        w.Write(order.Account.Id);
        w.Write(order.Origin.GatewayId);
        w.Write(order.Origin.SessionId);
        w.Write(order.Origin.CorrelationId);
        var clientId = order.ClientOrderId;
        w.Write(AsciiText.Bytes(ref clientId));
        w.Write((long)order.Side);
        w.Write((long)order.TimeInForce);
        w.Write((long)order.SelfTradePrevention);
        w.Write(order.PostOnly ? 1 : 0);
        w.Write(order.PriceTicks);
        w.Write(order.QuantityLots);
        w.Write(order.FilledLots);
        w.Write(order.ExpireTimeNs);
        w.Write(order.LockedUnits);
        w.Write((long)order.Type);
        w.Write(order.QuoteBudget);
        w.Write((long)order.Trigger);
        w.Write(order.StopPriceTicks);
        w.Write(order.TrailingOffsetTicks);
        w.Write(order.TrailingOffsetBps);
        w.Write(order.TrailingExtremeTicks);
        w.Write(order.DisplayLots);
        w.Write(order.VisibleLots);
        w.Write(order.IsQuote ? 1 : 0);
        w.Write(order.Linked is null ? 0 : order.Linked.Id);
    }

    private static void WriteSymbol(IStateWriter w, Symbol symbol) => w.Write(AsciiText.Bytes(ref symbol));

    private void ReadState(BinaryReader r)
    {
        _lastSequence = r.ReadInt64();
        _lastOrderId = r.ReadInt64();
        _lastTradeId = r.ReadInt64();
        _feeTiers.Clear();
        _feeTierIds.Clear();
        for (var count = ReadCount(r); count > 0; count--)
        {
            var tierId = (int)r.ReadInt64();
            _feeTierIds.Add(tierId);
            _feeTiers.Add(tierId, new FeeTier((int)r.ReadInt64(), (int)r.ReadInt64()));
        }

        for (var count = ReadCount(r); count > 0; count--)
        {
            var asset = new Asset((int)r.ReadInt64(), ReadSymbol(r), (byte)r.ReadInt64(), _assets.Count)
            {
                TotalUnits = r.ReadInt64(),
            };
            _assets.Add(asset);
            _assetsById.Add(asset.Id, asset);
        }

        for (var count = ReadCount(r); count > 0; count--)
        {
            var instrumentId = (int)r.ReadInt64();
            var instrument = new Instrument(instrumentId, _instruments.Count, new OrderBook(instrumentId, _levelPool));
            var definition = new InstrumentDefinition
            {
                Symbol = ReadSymbol(r),
                BaseAssetId = (int)r.ReadInt64(),
                QuoteAssetId = (int)r.ReadInt64(),
                TickSize = new ScaledDecimal(r.ReadInt64(), (int)r.ReadInt64()),
                LotSize = new ScaledDecimal(r.ReadInt64(), (int)r.ReadInt64()),
                MinQuantityLots = r.ReadInt64(),
                MinNotional = r.ReadInt64(),
            };
            instrument.Definition = definition;
            instrument.Status = (InstrumentStatus)r.ReadInt64();
            instrument.PriceBandBps = r.ReadInt64();
            instrument.LastTradePriceTicks = r.ReadInt64();
            instrument.CircuitBreakerBps = r.ReadInt64();
            instrument.CircuitBreakerWindowNs = r.ReadInt64();
            instrument.BreakerReferenceTicks = r.ReadInt64();
            instrument.BreakerWindowStartNs = r.ReadInt64();
            instrument.Base = _assetsById[definition.BaseAssetId];
            instrument.Quote = _assetsById[definition.QuoteAssetId];
            if (!definition.LotSize.TryToUnits(instrument.Base.Scale, out var lotUnits)
                || !TryTickValue(definition.TickSize, definition.LotSize, instrument.Quote.Scale, out var tickValue))
            {
                throw new InvalidDataException($"snapshot instrument {instrument.Id} has an invalid definition");
            }

            instrument.LotUnits = lotUnits;
            instrument.TickValue = tickValue;
            _instruments.Add(instrument);
            _instrumentsById.Add(instrument.Id, instrument);
        }

        for (var count = ReadCount(r); count > 0; count--)
        {
            var id = r.ReadInt64();
            var feeTier = (int)r.ReadInt64();
            var account = id == FeeAccountId ? _feeAccount : new Account(id, feeTier, _accounts.Count, Math.Max(_assets.Count, 4));
            account.FeeTier = feeTier;
            account.Halted = r.ReadInt64() != 0;
            account.MaxOpenOrders = (int)r.ReadInt64();
            account.MaxOrderLots = r.ReadInt64();
            account.MaxOrderNotional = r.ReadInt64();
            account.MmpWindowNs = r.ReadInt64();
            account.MmpMaxLots = r.ReadInt64();
            account.MmpMaxFills = (int)r.ReadInt64();
            account.MmpWindowStartNs = r.ReadInt64();
            account.MmpLots = r.ReadInt64();
            account.MmpFills = (int)r.ReadInt64();
            account.MmpTripped = r.ReadInt64() != 0;
            account.EnsureAssets(_assets.Count);
            for (var i = 0; i < _assets.Count; i++)
            {
                account.Balances[i].Available = r.ReadInt64();
                account.Balances[i].Locked = r.ReadInt64();
            }

            if (account != _feeAccount)
            {
                _accounts.Add(account);
                _accountsById.Add(account.Id, account);
            }
        }

        var restored = new List<Order>();
        var links = new List<(Order Order, long PartnerId)>();
        foreach (var instrument in _instruments)
        {
            ReadSide(r, instrument, instrument.Book.Bids, restored, links);
            ReadSide(r, instrument, instrument.Book.Asks, restored, links);
            for (var count = ReadCount(r); count > 0; count--)
            {
                var order = ReadOrder(r, instrument, links);
                order.State = OrderState.Waiting;
                RestoreOrder(order, restored);
                instrument.Triggers.Add(order);
            }
        }

        // Account order lists are in placement order, which is order id order.
        restored.Sort((a, b) => a.Id.CompareTo(b.Id));
        foreach (var order in restored)
        {
            order.Account.AddOrder(order);
            if (order.IsQuote)
            {
                order.Account.EnsureQuoteSlots(_instruments.Count);
                (order.Side == Side.Buy ? order.Account.QuoteBids! : order.Account.QuoteAsks!)[order.Instrument.Index] = order;
            }
        }

        foreach (var (order, partnerId) in links)
        {
            order.Linked = _orders.TryGetValue(partnerId, out var partner)
                ? partner
                : throw new InvalidDataException($"snapshot order {order.Id} is tied to order {partnerId}, which is not live");
        }

        for (var count = ReadCount(r); count > 0; count--)
        {
            var withdrawal = new Withdrawal(
                r.ReadInt64(), _accountsById[r.ReadInt64()], _assetsById[(int)r.ReadInt64()], r.ReadInt64(),
                ChainAddress.FromWords((ulong)r.ReadInt64(), (ulong)r.ReadInt64(), (uint)r.ReadInt64()));
            _pendingWithdrawals.Add(withdrawal.Id, withdrawal);
        }

        for (var count = ReadCount(r); count > 0; count--)
        {
            var id = r.ReadInt64();
            _usedWithdrawalIds.Add(id);
            _lastWithdrawalId = Math.Max(_lastWithdrawalId, id);
        }

        for (var count = ReadCount(r); count > 0; count--)
        {
            var hash = TxHash.FromWords((ulong)r.ReadInt64(), (ulong)r.ReadInt64(), (ulong)r.ReadInt64(), (ulong)r.ReadInt64());
            _creditedDeposits.Add((hash, (int)r.ReadInt64()));
        }
    }

    private void ReadSide(BinaryReader r, Instrument instrument, BookSide side, List<Order> restored, List<(Order, long)> links)
    {
        // Levels are stored best first; adding them in reverse keeps each insert at the end.
        var levels = new List<(long Price, long Total, List<Order> Orders)>();
        for (var levelCount = ReadCount(r); levelCount > 0; levelCount--)
        {
            var price = r.ReadInt64();
            var total = r.ReadInt64();
            var orders = new List<Order>();
            for (var orderCount = ReadCount(r); orderCount > 0; orderCount--)
            {
                var order = ReadOrder(r, instrument, links);
                order.State = OrderState.Resting;
                orders.Add(order);
            }

            levels.Add((price, total, orders));
        }

        for (var i = levels.Count - 1; i >= 0; i--)
        {
            var (price, total, orders) = levels[i];
            var level = side.GetOrAdd(price);
            foreach (var order in orders)
            {
                level.Append(order);
                RestoreOrder(order, restored);
            }

            if (level.TotalLots != total)
            {
                throw new InvalidDataException($"snapshot level {price} of instrument {instrument.Id} holds {level.TotalLots} lots, not {total}");
            }
        }
    }

    private Order ReadOrder(BinaryReader r, Instrument instrument, List<(Order, long)> links)
    {
        var order = _orderPool.Take();
        order.Id = r.ReadInt64();
        order.Sequence = r.ReadInt64();
        order.Account = _accountsById[r.ReadInt64()];
        order.Instrument = instrument;
        order.Origin = new Origin((ushort)r.ReadInt64(), (int)r.ReadInt64(), r.ReadInt64());
        ClientOrderId.TryCreate(r.ReadBytes(ClientOrderId.MaxLength).AsSpan().TrimEnd((byte)0), out order.ClientOrderId);
        order.Side = (Side)r.ReadInt64();
        order.TimeInForce = (TimeInForce)r.ReadInt64();
        order.SelfTradePrevention = (SelfTradePrevention)r.ReadInt64();
        order.PostOnly = r.ReadInt64() != 0;
        order.PriceTicks = r.ReadInt64();
        order.QuantityLots = r.ReadInt64();
        order.FilledLots = r.ReadInt64();
        order.ExpireTimeNs = r.ReadInt64();
        order.LockedUnits = r.ReadInt64();
        order.Type = (OrderType)r.ReadInt64();
        order.QuoteBudget = r.ReadInt64();
        order.Trigger = (TriggerType)r.ReadInt64();
        order.StopPriceTicks = r.ReadInt64();
        order.TrailingOffsetTicks = r.ReadInt64();
        order.TrailingOffsetBps = r.ReadInt64();
        order.TrailingExtremeTicks = r.ReadInt64();
        order.DisplayLots = r.ReadInt64();
        order.VisibleLots = r.ReadInt64();
        order.IsQuote = r.ReadInt64() != 0;
        var partnerId = r.ReadInt64();
        if (partnerId != 0)
        {
            links.Add((order, partnerId));
        }

        return order;
    }

    /// <summary>Indexes a restored order as <c>Register</c> does, except the account list (filled in id order afterwards).</summary>
    private void RestoreOrder(Order order, List<Order> restored)
    {
        _orders.Add(order);
        if (!order.ClientOrderId.IsEmpty && !order.IsQuote)
        {
            _ordersByClientId.Add(new ClientOrderKey(order.Account.Id, order.ClientOrderId), order);
        }

        order.Instrument.Book.OrderCount++;
        if (order.TimeInForce == TimeInForce.GoodTillDate)
        {
            _liveGoodTillDate++;
            _expiries.Enqueue(order.Id, new ExpiryKey(order.ExpireTimeNs, order.Id));
        }

        restored.Add(order);
    }

    private static int ReadCount(BinaryReader r)
    {
        var count = r.ReadInt64();
        return count is >= 0 and <= int.MaxValue ? (int)count : throw new InvalidDataException($"snapshot count {count} is invalid");
    }

    private static Symbol ReadSymbol(BinaryReader r)
    {
        var bytes = r.ReadBytes(Symbol.MaxLength);
        var symbol = default(Symbol);
        bytes.CopyTo(AsciiText.Bytes(ref symbol));
        return symbol;
    }
}
