using Matcher.Core.Commands;
using Matcher.Core.Events;

namespace Matcher.Core.Tests.Properties;

/// <summary>Tallies what a stream exercised (from the engine's events), so a test can insist the generator reaches every path.</summary>
internal sealed class StreamCoverage
{
    private readonly Dictionary<string, int> _counts = [];

    // Resting orders as the events tell them: order id → account and the session it belongs to.
    private readonly Dictionary<long, (long AccountId, Origin Origin)> _live = [];

    // Waiting conditional orders and icebergs, as the events tell them.
    private readonly HashSet<long> _waiting = [];
    private readonly HashSet<long> _icebergs = [];

    public IReadOnlyDictionary<string, int> Counts => _counts;

    public int this[string key] => _counts.GetValueOrDefault(key);

    /// <summary>Forgets the orders of the previous stream (order ids start again in the next).</summary>
    public void StartStream()
    {
        _live.Clear();
        _waiting.Clear();
        _icebergs.Clear();
    }

    public void Add(Command command, List<EngineEvent> events)
    {
        var triggered = new HashSet<long>();
        foreach (var e in events)
        {
            AddAdvanced(e, triggered);
            switch (e.Type)
            {
                case EventType.Rejected:
                    Bump($"Rejected:{e.RejectReason}");
                    break;
                case EventType.OrderCancelled:
                    Bump($"Cancelled:{e.CancelReason}");
                    if (e.CancelReason == CancelReason.SelfTrade && command.Type == CommandType.PlaceOrder)
                    {
                        Bump($"SelfTradeCancel:{command.SelfTradePrevention}");
                    }

                    break;
                case EventType.OrderAmended:
                    Bump(e.CancelReason == CancelReason.SelfTrade ? "Amended:Decrement" : $"Amended:{command.Type}");
                    break;
                case EventType.Trade:
                    Bump(e.OrderType == OrderType.Market ? (command.QuoteBudget > 0 ? "Trade:MarketBudget" : "Trade:Market") : $"Trade:{command.Type}");
                    if (e.AccountId == e.MakerAccountId)
                    {
                        Bump("Trade:SameAccount");
                    }

                    if (e.MakerFee < 0)
                    {
                        Bump("Trade:Rebate");
                    }

                    break;
                default:
                    Bump(e.Type.ToString());
                    break;
            }

            Follow(e);
        }

        if (command.Type == CommandType.CancelSessionOrders && events.Find(e => e.Type == EventType.MassCancelled) is { AffectedOrders: > 0 } done)
        {
            foreach (var (accountId, origin) in _live.Values)
            {
                if (accountId == done.AccountId && (origin.GatewayId != done.Origin.GatewayId || origin.SessionId != done.Origin.SessionId))
                {
                    // The session's orders went and another session's orders of the account stayed.
                    Bump("SessionCancel:OtherSessionKept");
                    break;
                }
            }
        }
    }

    /// <summary>Conditional orders and icebergs: waiting orders' amends and cancels, triggers and cascades, iceberg trades.</summary>
    private void AddAdvanced(in EngineEvent e, HashSet<long> triggeredNow)
    {
        switch (e.Type)
        {
            case EventType.OrderAccepted:
                if (e.Trigger != TriggerType.None)
                {
                    _waiting.Add(e.OrderId);
                    Bump($"Accepted:{e.Trigger}:{e.OrderType}");
                }

                if (e.DisplayLots > 0)
                {
                    _icebergs.Add(e.OrderId);
                    Bump("Accepted:Iceberg");
                }

                break;
            case EventType.OrderAmended when _waiting.Contains(e.OrderId):
                Bump("Amended:Waiting");
                break;
            case EventType.OrderCancelled when _waiting.Remove(e.OrderId):
                Bump($"Cancelled:Waiting:{e.CancelReason}");
                break;
            case EventType.OrderTriggered:
                _waiting.Remove(e.OrderId);
                Bump(triggeredNow.Count > 0 ? "Triggered:AfterAnother" : "Triggered");
                triggeredNow.Add(e.OrderId);
                break;
            case EventType.Trade:
                if (triggeredNow.Contains(e.OrderId))
                {
                    Bump("Trade:TriggeredTaker");
                }

                if (_icebergs.Contains(e.MakerOrderId))
                {
                    Bump("Trade:IcebergMaker");
                }

                if (e.DisplayLots > 0)
                {
                    Bump("Trade:IcebergTaker");
                }

                break;
            default:
                break;
        }
    }

    private void Follow(in EngineEvent e)
    {
        switch (e.Type)
        {
            case EventType.OrderAccepted:
            case EventType.OrderAmended:
                _live[e.OrderId] = (e.AccountId, e.OrderOrigin);
                break;
            case EventType.OrderCancelled:
                _live.Remove(e.OrderId);
                break;
            case EventType.Trade:
                if (e.RemainingLots == 0)
                {
                    _live.Remove(e.OrderId);
                }

                if (e.MakerRemainingLots == 0)
                {
                    _live.Remove(e.MakerOrderId);
                }

                break;
            default:
                break;
        }
    }

    private void Bump(string key) => _counts[key] = _counts.GetValueOrDefault(key) + 1;
}
