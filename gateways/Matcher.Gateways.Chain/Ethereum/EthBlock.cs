using System.Numerics;

namespace Matcher.Gateways.Chain.Ethereum;

/// <summary>The header fields of a block that the chain gateway follows.</summary>
/// <param name="Number">The block number.</param>
/// <param name="Hash">The block hash.</param>
/// <param name="ParentHash">The parent's hash: a mismatch with the previous block seen means a reorganisation.</param>
/// <param name="Timestamp">Seconds since the Unix epoch.</param>
/// <param name="BaseFeePerGas">The EIP-1559 base fee in wei; null before London or on chains without it.</param>
public sealed record EthBlock(ulong Number, Hash32 Hash, Hash32 ParentHash, ulong Timestamp, BigInteger? BaseFeePerGas);
