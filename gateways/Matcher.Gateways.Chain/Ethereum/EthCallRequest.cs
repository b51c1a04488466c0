using System.Numerics;

namespace Matcher.Gateways.Chain.Ethereum;

/// <summary>A message call for <c>eth_call</c> or <c>eth_estimateGas</c>.</summary>
public sealed class EthCallRequest
{
    /// <summary>The caller, if it matters (balances, access checks).</summary>
    public Address? From { get; init; }

    /// <summary>The contract or account called; null estimates a contract creation.</summary>
    public Address? To { get; init; }

    /// <summary>A gas limit for the call, if any.</summary>
    public ulong? Gas { get; init; }

    /// <summary>The wei sent with the call, if any.</summary>
    public BigInteger? Value { get; init; }

    /// <summary>The call data.</summary>
    public ReadOnlyMemory<byte> Data { get; init; }
}
