namespace Matcher.TestSupport.Chain;

/// <summary>How <see cref="AnvilNode.StartAsync"/> runs anvil. The defaults give anvil's own: 10 dev accounts, chain id 31337, automine (one block per transaction).</summary>
public sealed record AnvilOptions
{
    /// <summary>How many funded dev accounts to create (anvil <c>--accounts</c>).</summary>
    public int Accounts { get; init; } = 10;

    /// <summary>The chain id (anvil <c>--chain-id</c>); null for anvil's 31337.</summary>
    public long? ChainId { get; init; }

    /// <summary>Mine a block every so many seconds (anvil <c>--block-time</c>) instead of one per transaction: transactions wait for the next block, and <see cref="Automine"/> is ignored.</summary>
    public int? BlockTimeSeconds { get; init; }

    /// <summary>
    /// True (the default): each transaction is mined at once in its own block. False: nothing is
    /// mined until <see cref="AnvilNode.MineAsync"/> (or every <see cref="BlockTimeSeconds"/>).
    /// </summary>
    public bool Automine { get; init; } = true;

    /// <summary>The EVM hardfork (anvil <c>--hardfork</c>, e.g. <c>cancun</c>, <c>prague</c>); null for anvil's latest, which runs the contracts' cancun code.</summary>
    public string? Hardfork { get; init; }

    /// <summary>
    /// Keep the chain across <see cref="AnvilNode.StopAsync"/> and <see cref="AnvilNode.RestartAsync"/>
    /// (anvil <c>--state</c>: written when anvil exits gracefully, read when it starts). Without it,
    /// and always after <see cref="AnvilNode.KillAsync"/>, a restart begins a fresh chain.
    /// </summary>
    public bool PersistState { get; init; }

    /// <summary>The anvil binary; null to use <see cref="AnvilNode.AnvilPathVariable"/> or the repository's tools/chain/node_modules.</summary>
    public string? AnvilPath { get; init; }

    /// <summary>How long to wait for anvil to print that it listens.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>More anvil arguments, appended as given.</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];
}
