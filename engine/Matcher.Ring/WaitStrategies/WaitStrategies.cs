namespace Matcher.Ring;

/// <summary>Creates wait strategies from configuration.</summary>
public static class WaitStrategies
{
    /// <summary>
    /// A new strategy of <paramref name="kind"/>. <paramref name="timeout"/> applies to
    /// <see cref="WaitStrategyKind.Blocking"/> only; the others never time out.
    /// </summary>
    public static IWaitStrategy Create(WaitStrategyKind kind, TimeSpan? timeout = null) => kind switch
    {
        WaitStrategyKind.Blocking => timeout is { } t ? new BlockingWaitStrategy(t) : new BlockingWaitStrategy(),
        WaitStrategyKind.Yielding => new YieldingWaitStrategy(),
        WaitStrategyKind.Sleeping => new SleepingWaitStrategy(),
        WaitStrategyKind.BusySpin => new BusySpinWaitStrategy(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown wait strategy."),
    };

    /// <summary>
    /// Parses a configured name (<c>blocking</c>, <c>yielding</c>, <c>sleeping</c>,
    /// <c>busy-spin</c>, case-insensitive) into a strategy kind.
    /// </summary>
    public static bool TryParse(string? name, out WaitStrategyKind kind)
    {
        switch (name?.Trim().ToUpperInvariant())
        {
            case "BLOCKING":
                kind = WaitStrategyKind.Blocking;
                return true;
            case "YIELDING":
                kind = WaitStrategyKind.Yielding;
                return true;
            case "SLEEPING":
                kind = WaitStrategyKind.Sleeping;
                return true;
            case "BUSY-SPIN" or "BUSYSPIN":
                kind = WaitStrategyKind.BusySpin;
                return true;
            default:
                kind = default;
                return false;
        }
    }
}
