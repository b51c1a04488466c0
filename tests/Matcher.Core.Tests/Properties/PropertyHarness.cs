using System.Text;
using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.State;
using Matcher.Core.Text;

namespace Matcher.Core.Tests.Properties;

/// <summary>
/// Runs commands through a <see cref="MatchingEngine"/> and, optionally, the
/// <see cref="ReferenceExchange"/>, and after each command checks the properties:
/// events echo the command, a reject is one event and changes nothing, the order events,
/// book, level events and balances equal the reference's, the engine's invariants hold,
/// and trade fees follow the fee tiers. Sequences, timestamps and origins are assigned
/// here: command n carries sequence n, time start + n × step and correlation id n, in the
/// gateway session the generator chose (or, when it chose none, session = account id on gateway 1).
/// </summary>
internal sealed class PropertyHarness
{
    private readonly EventListSink _sink = new();
    private readonly PropertyScenario _scenario;
    private readonly Dictionary<int, long> _netDeposits = [];
    private readonly Dictionary<long, (int AssetId, long Amount)> _pendingWithdrawals = [];
    private readonly Dictionary<long, int> _accountTiers = new() { [MatchingEngine.FeeAccountId] = 0 };
    private readonly Dictionary<int, (int MakerBps, int TakerBps)> _feeTiers = new() { [0] = (0, 0) };
    private Dictionary<(int InstrumentId, Side Side, long PriceTicks), (long Lots, int Count)> _levels = [];
    private bool _rebatesSeen;
    private long _sequence;

    public PropertyHarness(PropertyScenario scenario, bool withReference)
    {
        _scenario = scenario;
        Engine = new MatchingEngine(4096);
        Reference = withReference ? new ReferenceExchange() : null;
    }

    public MatchingEngine Engine { get; }

    public ReferenceExchange? Reference { get; }

    /// <summary>The last command run, with the sequence, time and origin it was given.</summary>
    public Command LastCommand { get; private set; }

    /// <summary>The events of the last command run.</summary>
    public List<EngineEvent> LastEvents { get; private set; } = [];

    /// <summary>The time the next command will carry.</summary>
    public long NextTimestampNs => PropertyScenario.StartTimeNs + (_sequence + 1) * PropertyScenario.StepNs;

    /// <summary>The client order id of the account's live order, resting or waiting (none when it has none or is not live).</summary>
    private ClientOrderId ClientIdOfOrder(long accountId, long orderId) =>
        Engine.EnumerateOrders().FirstOrDefault(o => o.OrderId == orderId && o.AccountId == accountId).ClientOrderId is { IsEmpty: false } resting
            ? resting
            : EngineOrders.Waiting(Engine).FirstOrDefault(o => o.OrderId == orderId && o.AccountId == accountId).ClientOrderId;

    /// <summary>The book the generator aims at: the reference's when there is one, else the engine's.</summary>
    public IReadOnlyList<OrderView> LiveOrders() => Reference?.OrderViews() ?? [.. Engine.EnumerateOrders()];

    /// <summary>The waiting conditional orders the generator aims at: the reference's when there is one, else the engine's.</summary>
    public IReadOnlyList<WaitingView> WaitingOrders() => Reference?.WaitingViews() ?? EngineOrders.Waiting(Engine);

    /// <summary>The instrument's last trade price (0 before its first trade), for the generator's stop prices.</summary>
    public long LastTradePriceTicks(int instrumentId) => Engine.FindInstrument(instrumentId)?.LastTradePriceTicks ?? 0;

    /// <summary>Runs the scenario's admin commands; they must all pass.</summary>
    public void SetUp()
    {
        foreach (var command in _scenario.SetupCommands())
        {
            if (Step(command) is { } failure)
            {
                throw new InvalidOperationException($"setup failed at {command.Type}: {failure.Category}: {failure.Detail}");
            }
        }

        foreach (var instrument in Engine.Instruments)
        {
            var (lotUnits, tickValue) = PropertyScenario.Factors(instrument.Id);
            var reference = Reference?.FindInstrument(instrument.Id);
            if (instrument.LotUnits != lotUnits || instrument.TickValue != tickValue
                || (reference is not null && (reference.LotUnits != lotUnits || reference.TickValue != tickValue)))
            {
                throw new InvalidOperationException($"instrument {instrument.Id} factors: engine {instrument.LotUnits}/{instrument.TickValue}, expected {lotUnits}/{tickValue}");
            }
        }
    }

    /// <summary>Applies one command to the engine (and reference) and returns the first property that fails, or null.</summary>
    public PropertyFailure? Step(Command command)
    {
        command.Sequence = ++_sequence;
        command.TimestampNs = PropertyScenario.StartTimeNs + _sequence * PropertyScenario.StepNs;
        // The generator names the session of order entry; other commands come from a session
        // per account. The correlation id is the sequence.
        var session = command.Origin == default ? new Origin(1, (int)command.AccountId, 0) : command.Origin;
        command.Origin = session with { CorrelationId = _sequence };
        LastCommand = command;
        var hashBefore = Engine.ComputeStateHash(includeSequence: false);
        var balancesBefore = EngineBalances();
        var start = _sink.Events.Count;
        Engine.Process(ref command, _sink);
        var events = _sink.Events.GetRange(start, _sink.Events.Count - start);
        LastEvents = events;
        var expected = Reference?.Process(command);
        var rejected = events.Exists(e => e.Type == EventType.Rejected);
        if (!rejected)
        {
            Track(command);
        }

        // The reference model keeps the plain order fields; shown and waiting orders are compared on their own.
        var orders = Engine.EnumerateOrders().Select(o => new OrderView(
            o.OrderId, o.AccountId, o.InstrumentId, o.ClientOrderId, o.Side, o.TimeInForce,
            o.PriceTicks, o.QuantityLots, o.FilledLots, o.LockedUnits, o.ExpireTimeNs)).ToList();
        var shown = EngineOrders.Shown(Engine);
        var waiting = EngineOrders.Waiting(Engine);
        var levelsBefore = _levels;
        _levels = Levels(orders, shown);
        return CheckEcho(command, events)
            ?? CheckReject(events, rejected, hashBefore)
            ?? (expected is null ? null : CheckOrderEvents(expected, events))
            ?? (expected is null ? null : CheckBook(orders, shown, waiting))
            ?? (expected is null ? null : CheckLevelEvents(expected, events))
            ?? (expected is null ? null : CheckBalances())
            ?? CheckLevelEventsAgainstBook(events, levelsBefore)
            ?? CheckBalanceEvents(events, balancesBefore)
            ?? Invariants(orders, shown, waiting)
            ?? CheckTradeFees(events);
    }

    private void Track(in Command command)
    {
        switch (command.Type)
        {
            case CommandType.Deposit:
                _netDeposits[command.AssetId] = _netDeposits.GetValueOrDefault(command.AssetId) + command.Amount;
                break;
            case CommandType.RequestWithdrawal:
                _pendingWithdrawals[command.WithdrawalId] = (command.AssetId, command.Amount);
                break;
            case CommandType.CompleteWithdrawal:
                var (assetId, amount) = _pendingWithdrawals[command.WithdrawalId];
                _netDeposits[assetId] -= amount;
                _pendingWithdrawals.Remove(command.WithdrawalId);
                break;
            case CommandType.FailWithdrawal:
                _pendingWithdrawals.Remove(command.WithdrawalId);
                break;
            case CommandType.SetFeeTier:
                _feeTiers[command.FeeTier] = (command.MakerFeeBps, command.TakerFeeBps);
                _rebatesSeen |= command.MakerFeeBps < 0;
                break;
            case CommandType.CreateAccount:
            case CommandType.SetAccountFeeTier:
                _accountTiers[command.AccountId] = command.FeeTier;
                break;
            default:
                break;
        }
    }

    private Dictionary<(long AccountId, int AssetId), (long Available, long Locked)> EngineBalances()
    {
        var balances = new Dictionary<(long, int), (long, long)>();
        foreach (var accountId in Engine.AccountIds)
        {
            foreach (var asset in Engine.Assets)
            {
                Engine.TryGetBalance(accountId, asset.Id, out var available, out var locked);
                balances[(accountId, asset.Id)] = (available, locked);
            }
        }

        return balances;
    }

    private PropertyFailure? CheckEcho(in Command command, List<EngineEvent> events)
    {
        if (events.Count == 0 && command.Type != CommandType.ExpireOrders)
        {
            return new PropertyFailure("events", "the command produced no event");
        }

        var rank = 0;
        foreach (var e in events)
        {
            if (e.CommandType != command.Type || e.CommandSequence != command.Sequence || e.TimestampNs != command.TimestampNs || e.Origin != command.Origin)
            {
                return new PropertyFailure("echo", $"{e.Type} does not echo the command's type, sequence, time and origin");
            }

            var eventRank = e.Type switch
            {
                EventType.BookLevelChanged => 1,
                EventType.BalanceChanged => 2,
                _ => 0,
            };
            if (eventRank < rank)
            {
                return new PropertyFailure("event order", $"{e.Type} after a later kind: {string.Join(", ", events.Select(x => x.Type))}");
            }

            rank = eventRank;
            // A rejected cancel-replace is answered as FIX answers one: the id it asked for, and the
            // order's (the order's own when the command named it by order id alone; a reject
            // changed nothing, so the book after the command still holds it).
            var (clientOrderId, origClientOrderId) = command.Type == CommandType.CancelReplace
                ? (command.NewClientOrderId, command.ClientOrderId.IsEmpty ? ClientIdOfOrder(command.AccountId, command.OrderId) : command.ClientOrderId)
                : (command.ClientOrderId, e.OrigClientOrderId);
            if (e.Type == EventType.Rejected
                && (e.AccountId != command.AccountId || e.InstrumentId != command.InstrumentId || e.OrderId != command.OrderId
                    || e.ClientOrderId != clientOrderId || e.OrigClientOrderId != origClientOrderId))
            {
                return new PropertyFailure("echo", "Rejected does not echo the command's account, instrument, order id and client order ids");
            }
        }

        return null;
    }

    private PropertyFailure? CheckReject(List<EngineEvent> events, bool rejected, ulong hashBefore)
    {
        if (!rejected)
        {
            return null;
        }

        if (events.Count != 1)
        {
            return new PropertyFailure("reject", $"a reject came with other events: {string.Join(", ", events.Select(e => e.Type))}");
        }

        return Engine.ComputeStateHash(includeSequence: false) == hashBefore
            ? null
            : new PropertyFailure("reject", $"rejected ({events[0].RejectReason}) but the state hash changed");
    }

    private static PropertyFailure? CheckOrderEvents(RefOutcome expected, List<EngineEvent> events)
    {
        var actual = events.Where(e => ObservedEvent.IsOrderEvent(e.Type)).Select(e => ObservedEvent.FromEngine(e)).ToList();
        bool same;
        if (expected.IsReject)
        {
            same = actual.Count == 1 && actual[0].Type == EventType.Rejected && expected.AllowedRejects.Contains(actual[0].RejectReason);
        }
        else
        {
            same = actual.SequenceEqual(expected.Events);
        }

        if (same)
        {
            return null;
        }

        var text = new StringBuilder();
        text.AppendLine(expected.IsReject ? $"expected: Rejected with one of {string.Join(" | ", expected.AllowedRejects.Distinct())}" : "expected:");
        if (!expected.IsReject)
        {
            AppendLines(text, expected.Events);
        }

        text.AppendLine("actual:");
        AppendLines(text, actual);
        return new PropertyFailure("order events", text.ToString());
    }

    private static void AppendLines<T>(StringBuilder text, IEnumerable<T> items)
    {
        var any = false;
        foreach (var item in items)
        {
            text.Append("    ").AppendLine(item?.ToString());
            any = true;
        }

        if (!any)
        {
            text.AppendLine("    (none)");
        }
    }

    private PropertyFailure? CheckBook(List<OrderView> orders, List<(long OrderId, long ShownLots, long DisplayLots)> shown, List<WaitingView> waiting)
    {
        var expected = Reference!.OrderViews();
        var expectedShown = Reference.ShownViews();
        var expectedWaiting = Reference.WaitingViews();
        if (orders.SequenceEqual(expected) && shown.SequenceEqual(expectedShown) && waiting.SequenceEqual(expectedWaiting))
        {
            return null;
        }

        var text = new StringBuilder();
        text.AppendLine("expected book (by instrument, bids then asks, best first, oldest first; shown/display lots):");
        AppendLines(text, expected.Select((o, i) => Describe(o, expectedShown[i])));
        text.AppendLine("engine book:");
        AppendLines(text, orders.Select((o, i) => Describe(o, shown[i])));
        text.AppendLine("expected waiting orders:");
        AppendLines(text, expectedWaiting);
        text.AppendLine("engine waiting orders:");
        AppendLines(text, waiting);
        return new PropertyFailure("book", text.ToString());
    }

    private static string Describe(OrderView o, (long OrderId, long ShownLots, long DisplayLots) shown) =>
        Describe(o) + (shown.DisplayLots > 0 ? $" shows {shown.ShownLots} of display {shown.DisplayLots}" : "");

    private static string Describe(OrderView o) =>
        $"#{o.OrderId} acct {o.AccountId} inst {o.InstrumentId} {o.Side} {o.TimeInForce} {o.RemainingLots}@{o.PriceTicks} (qty {o.QuantityLots} filled {o.FilledLots}) cid '{o.ClientOrderId}' locks {o.LockedUnits} exp {o.ExpireTimeNs}";

    /// <summary>Each price level's shown lots (an iceberg counts its slice) and order count, from the orders.</summary>
    internal static Dictionary<(int InstrumentId, Side Side, long PriceTicks), (long Lots, int Count)> Levels(
        List<OrderView> orders, List<(long OrderId, long ShownLots, long DisplayLots)> shown)
    {
        var levels = new Dictionary<(int, Side, long), (long, int)>();
        for (var i = 0; i < orders.Count; i++)
        {
            var o = orders[i];
            var (lots, count) = levels.GetValueOrDefault((o.InstrumentId, o.Side, o.PriceTicks));
            levels[(o.InstrumentId, o.Side, o.PriceTicks)] = (lots + shown[i].ShownLots, count + 1);
        }

        return levels;
    }

    private PropertyFailure? CheckLevelEvents(RefOutcome expected, List<EngineEvent> events)
    {
        var want = new List<string>();
        foreach (var (instrumentId, side, priceTicks) in expected.TouchedLevels)
        {
            var level = Reference!.FindInstrument(instrumentId)!.Book.Find(side, priceTicks);
            want.Add(DescribeLevel(instrumentId, side, priceTicks, level?.TotalLots() ?? 0, level?.Orders.Count ?? 0));
        }

        var got = events.Where(e => e.Type == EventType.BookLevelChanged)
            .Select(e => DescribeLevel(e.InstrumentId, e.Side, e.PriceTicks, e.LevelLots, e.LevelOrderCount)).ToList();
        if (got.SequenceEqual(want))
        {
            return null;
        }

        var text = new StringBuilder();
        text.AppendLine("expected BookLevelChanged:");
        AppendLines(text, want);
        text.AppendLine("actual:");
        AppendLines(text, got);
        return new PropertyFailure("level events", text.ToString());
    }

    private static string DescribeLevel(int instrumentId, Side side, long priceTicks, long lots, int count) =>
        $"inst {instrumentId} {side} {priceTicks}: {lots} lots in {count} orders";

    private PropertyFailure? CheckBalances()
    {
        var text = new StringBuilder();
        foreach (var account in Reference!.Accounts)
        {
            foreach (var assetId in Reference.AssetIds)
            {
                var expected = (account.AvailableOf(assetId), account.LockedOf(assetId));
                Engine.TryGetBalance(account.Id, assetId, out var available, out var locked);
                if ((available, locked) != expected)
                {
                    text.AppendLine($"account {account.Id} asset {assetId}: engine {available} available / {locked} locked, reference {expected.Item1} / {expected.Item2}");
                }
            }
        }

        return text.Length == 0 ? null : new PropertyFailure("balances", text.ToString());
    }

    /// <summary>BookLevelChanged against the engine's own book: once per level, with its final total and count, for exactly the levels that changed.</summary>
    private PropertyFailure? CheckLevelEventsAgainstBook(
        List<EngineEvent> events, Dictionary<(int InstrumentId, Side Side, long PriceTicks), (long Lots, int Count)> before)
    {
        var reported = new HashSet<(int, Side, long)>();
        foreach (var e in events)
        {
            if (e.Type != EventType.BookLevelChanged)
            {
                continue;
            }

            var key = (e.InstrumentId, e.Side, e.PriceTicks);
            if (!reported.Add(key))
            {
                return new PropertyFailure("level events", $"{DescribeLevel(e.InstrumentId, e.Side, e.PriceTicks, e.LevelLots, e.LevelOrderCount)} reported twice");
            }

            if (_levels.GetValueOrDefault(key) != (e.LevelLots, e.LevelOrderCount))
            {
                return new PropertyFailure("level events", $"{DescribeLevel(e.InstrumentId, e.Side, e.PriceTicks, e.LevelLots, e.LevelOrderCount)} reported, the book has {_levels.GetValueOrDefault(key)}");
            }
        }

        foreach (var key in _levels.Keys.Union(before.Keys))
        {
            var changed = _levels.GetValueOrDefault(key) != before.GetValueOrDefault(key);
            if (changed && !reported.Contains(key))
            {
                return new PropertyFailure("level events", $"inst {key.InstrumentId} {key.Side} {key.PriceTicks} changed {before.GetValueOrDefault(key)} -> {_levels.GetValueOrDefault(key)} without a BookLevelChanged event");
            }

            if (!changed && reported.Contains(key))
            {
                return new PropertyFailure("level events", $"inst {key.InstrumentId} {key.Side} {key.PriceTicks} reported by BookLevelChanged but unchanged at {_levels.GetValueOrDefault(key)}");
            }
        }

        return null;
    }

    /// <summary>BalanceChanged: once per (account, asset), with the final values, covering every balance that changed.</summary>
    private PropertyFailure? CheckBalanceEvents(List<EngineEvent> events, Dictionary<(long AccountId, int AssetId), (long Available, long Locked)> before)
    {
        var after = EngineBalances();
        var reported = new HashSet<(long, int)>();
        foreach (var e in events)
        {
            if (e.Type != EventType.BalanceChanged)
            {
                continue;
            }

            if (!reported.Add((e.AccountId, e.AssetId)))
            {
                return new PropertyFailure("balance events", $"account {e.AccountId} asset {e.AssetId} reported twice");
            }

            if (after[(e.AccountId, e.AssetId)] != (e.Available, e.Locked))
            {
                return new PropertyFailure("balance events", $"account {e.AccountId} asset {e.AssetId} reported {e.Available}/{e.Locked}, balance is {after[(e.AccountId, e.AssetId)]}");
            }
        }

        foreach (var (key, value) in after)
        {
            var old = before.GetValueOrDefault(key);
            var changed = old != value;
            if (changed && !reported.Contains(key))
            {
                return new PropertyFailure("balance events", $"account {key.AccountId} asset {key.AssetId} changed {old} -> {value} without a BalanceChanged event");
            }

            if (!changed && reported.Contains(key))
            {
                return new PropertyFailure("balance events", $"account {key.AccountId} asset {key.AssetId} reported by BalanceChanged but unchanged at {value}");
            }
        }

        return null;
    }

    private PropertyFailure? Invariants(List<OrderView> orders, List<(long OrderId, long ShownLots, long DisplayLots)> shown, List<WaitingView> waiting)
    {
        var problem = EngineInvariants.Check(Engine, new EngineInvariants.Orders(orders, shown, waiting, _levels), _netDeposits, _rebatesSeen);
        return problem is null ? null : new PropertyFailure("invariants", problem);
    }

    /// <summary>Each trade: notional = price × lots × tick value; fee = received × rate / 10,000 truncated toward zero, in the asset received.</summary>
    private PropertyFailure? CheckTradeFees(List<EngineEvent> events)
    {
        foreach (var e in events)
        {
            if (e.Type != EventType.Trade)
            {
                continue;
            }

            var instrument = Engine.FindInstrument(e.InstrumentId)!;
            var notional = e.TradePriceTicks * e.TradeLots * instrument.TickValue;
            var baseUnits = e.TradeLots * instrument.LotUnits;
            var takerBps = _feeTiers[_accountTiers[e.AccountId]].TakerBps;
            var makerBps = _feeTiers[_accountTiers[e.MakerAccountId]].MakerBps;
            var takerReceives = e.Side == Side.Buy ? baseUnits : notional;
            var makerReceives = e.Side == Side.Buy ? notional : baseUnits;
            var takerFee = takerReceives * takerBps / 10_000;
            var makerFee = makerReceives * makerBps / 10_000;
            if (e.TradeNotional != notional || e.TakerFee != takerFee || e.MakerFee != makerFee)
            {
                return new PropertyFailure(
                    "fees",
                    $"trade {e.TradeId} ({e.Side} {e.TradeLots}@{e.TradePriceTicks}, taker tier bps {takerBps}, maker tier bps {makerBps}): notional {e.TradeNotional} (expected {notional}), taker fee {e.TakerFee} (expected {takerFee}), maker fee {e.MakerFee} (expected {makerFee})");
            }
        }

        return null;
    }
}
