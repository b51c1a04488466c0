using Matcher.Core.Commands;

namespace Matcher.Bench.Core;

/// <summary>The generator's view of one resting order, kept up to date from the core's events.</summary>
public sealed class LiveOrder
{
    public long Id { get; init; }

    public long AccountId { get; init; }

    public Side Side { get; init; }

    public long PriceTicks { get; set; }

    public long QuantityLots { get; set; }

    public long RemainingLots { get; set; }

    /// <summary>Where the order sits in its session's list, for O(1) removal.</summary>
    public int Position { get; set; }
}
