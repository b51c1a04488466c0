namespace Matcher.Ring;

/// <summary>The wait strategies a consumer can be configured with, by name.</summary>
public enum WaitStrategyKind
{
    /// <summary><see cref="BlockingWaitStrategy"/>: sleeps until signalled.</summary>
    Blocking = 0,

    /// <summary><see cref="YieldingWaitStrategy"/>: spins, then yields.</summary>
    Yielding = 1,

    /// <summary><see cref="SleepingWaitStrategy"/>: spins, yields, then sleeps.</summary>
    Sleeping = 2,

    /// <summary><see cref="BusySpinWaitStrategy"/>: spins on a reserved core.</summary>
    BusySpin = 3,
}
