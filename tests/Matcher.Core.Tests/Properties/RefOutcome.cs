using Matcher.Core.Commands;
using Matcher.Core.Events;

namespace Matcher.Core.Tests.Properties;

/// <summary>What the reference predicts for one command.</summary>
internal sealed class RefOutcome
{
    /// <summary>The order-related events, in order (for a reject: one Rejected event).</summary>
    public List<ObservedEvent> Events { get; } = [];

    /// <summary>
    /// For a reject, every reason the spec allows here (the spec does not order the
    /// checks, so when several apply the engine may report any of them).
    /// </summary>
    public List<RejectReason> AllowedRejects { get; } = [];

    /// <summary>Price levels the command changed, in the order first touched.</summary>
    public List<(int InstrumentId, Side Side, long PriceTicks)> TouchedLevels { get; } = [];

    /// <summary>(account, asset) balances the command wrote to, in the order first touched.</summary>
    public List<(long AccountId, int AssetId)> TouchedBalances { get; } = [];

    public bool IsReject => AllowedRejects.Count > 0;
}
