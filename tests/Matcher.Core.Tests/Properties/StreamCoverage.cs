using Matcher.Core.Commands;
using Matcher.Core.Events;

namespace Matcher.Core.Tests.Properties;

/// <summary>Tallies what a stream exercised (from the engine's events), so a test can insist the generator reaches every path.</summary>
internal sealed class StreamCoverage
{
    private readonly Dictionary<string, int> _counts = [];

    public IReadOnlyDictionary<string, int> Counts => _counts;

    public int this[string key] => _counts.GetValueOrDefault(key);

    public void Add(Command command, List<EngineEvent> events)
    {
        foreach (var e in events)
        {
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
        }
    }

    private void Bump(string key) => _counts[key] = _counts.GetValueOrDefault(key) + 1;
}
