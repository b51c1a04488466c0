using Matcher.Core.Commands;

namespace Matcher.Bench.Core;

/// <summary>
/// Commands generated up front: <see cref="Preparation"/> (reference data, accounts,
/// deposits, then each book filled to its target) is replayed untimed before every
/// measured pass; <see cref="Measured"/> is what the harness times. Order ids in cancels
/// and amends are the ones the core assigns, so both must be replayed in order on a
/// fresh core.
/// </summary>
public sealed class CoreWorkload
{
    public required LoadOptions Options { get; init; }

    public required Command[] Preparation { get; init; }

    public required Command[] Measured { get; init; }

    /// <summary>The fill phase (part of <see cref="Preparation"/>).</summary>
    public required WorkloadStats Fill { get; init; }

    /// <summary>The measured phase as the generator's own core answered it.</summary>
    public required WorkloadStats Stats { get; init; }

    public required BookShape BookAtStart { get; init; }

    public required BookShape BookAtEnd { get; init; }

    /// <summary>The state hash after the measured commands: every timed pass must end on it.</summary>
    public required ulong FinalStateHash { get; init; }

    /// <summary>Capacity to give the core so its pools and indexes never grow while measured.</summary>
    public required int ExpectedOrders { get; init; }

    /// <summary>Each instrument's central price in ticks, in instrument order.</summary>
    public required long[] CentralPrices { get; init; }

    /// <summary>Each instrument's price deviation in ticks (GTC prices spread over about ± this).</summary>
    public required long[] PriceDeviations { get; init; }

    public required int MinCommandsPerInstrument { get; init; }

    public required int MaxCommandsPerInstrument { get; init; }
}
