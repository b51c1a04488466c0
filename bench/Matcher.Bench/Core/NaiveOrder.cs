using Matcher.Core.Commands;

namespace Matcher.Bench.Core;

/// <summary>An order in <see cref="NaiveBook"/>: one object per order, as a .NET user would write it.</summary>
public sealed class NaiveOrder
{
    public long Id { get; init; }

    public NaiveAccount Account { get; init; } = null!;

    public Side Side { get; init; }

    public long PriceTicks { get; init; }

    public long RemainingLots { get; set; }

    public long LockedUnits { get; set; }

    /// <summary>Cancelled orders stay in their level's queue until it is compacted.</summary>
    public bool Cancelled { get; set; }
}
