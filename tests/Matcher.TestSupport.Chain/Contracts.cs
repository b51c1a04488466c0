using System.Collections.Concurrent;

namespace Matcher.TestSupport.Chain;

/// <summary>
/// The compiled contracts (gateways/Matcher.Gateways.Chain/Contracts/build, written by
/// tools/chain/compile.mjs) and deploying them from an unlocked anvil account.
/// </summary>
public static class Contracts
{
    /// <summary>The escrow contract's name (MatcherEscrow.sol).</summary>
    public const string EscrowName = "MatcherEscrow";

    /// <summary>The test token's name (TestToken.sol).</summary>
    public const string TestTokenName = "TestToken";

    private static readonly ConcurrentDictionary<string, ContractArtifact> _loaded = new(StringComparer.Ordinal);

    /// <summary>The folder holding &lt;Name&gt;.json for each contract.</summary>
    public static string BuildDirectory => RepoPaths.ContractsBuild;

    /// <summary>Loads (once) build/&lt;<paramref name="contractName"/>&gt;.json; throws saying how to build it when missing.</summary>
    public static ContractArtifact Load(string contractName)
    {
        ArgumentException.ThrowIfNullOrEmpty(contractName);
        return _loaded.GetOrAdd(contractName, name =>
        {
            var path = Path.Combine(BuildDirectory, name + ".json");
            if (!File.Exists(path))
            {
                throw new InvalidOperationException(
                    $"{path} is missing: run scripts/chain.sh compile_contracts " +
                    "(`. scripts/prerequisites.sh && . scripts/web.sh && . scripts/chain.sh && ensure_chain_tools && compile_contracts`).");
            }
            return ContractArtifact.FromFile(path);
        });
    }

    /// <summary>
    /// Deploys <paramref name="artifact"/> from the unlocked account <paramref name="from"/> with
    /// constructor arguments of <paramref name="constructorTypes"/> (see <see cref="Abi"/>), waits
    /// for the receipt (automine) and returns the new contract's lowercase address.
    /// </summary>
    public static async Task<string> DeployAsync(
        AnvilNode node, string from, ContractArtifact artifact, IReadOnlyList<string> constructorTypes, params object[] constructorArguments)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(artifact);
        var data = artifact.Bytecode + Abi.EncodeArguments(constructorTypes, constructorArguments)[2..];
        var receipt = await node.TransactAsync(from, null, data).ConfigureAwait(false);
        if (!receipt.Succeeded || receipt.ContractAddress is null)
        {
            throw new InvalidOperationException($"Deploying {artifact.ContractName} failed (transaction {receipt.TransactionHash}).");
        }
        return receipt.ContractAddress;
    }

    /// <summary>
    /// Deploys <paramref name="runtimeCode"/> (hex EVM code, at most 24 KiB) as it is, behind a
    /// minimal constructor that copies it out: a stand-in contract that does the same for every
    /// call, such as a "token" that returns nothing, returns false or reverts. Returns its address.
    /// </summary>
    public static async Task<string> DeployRuntimeAsync(AnvilNode node, string from, string runtimeCode)
    {
        ArgumentNullException.ThrowIfNull(node);
        var runtime = Hex.Decode(runtimeCode);
        if (runtime.Length is 0 or > 0x6000)
        {
            throw new ArgumentOutOfRangeException(nameof(runtimeCode), runtime.Length, "Runtime code must be 1 byte to 24 KiB.");
        }
        // PUSH2 len, DUP1, PUSH1 12 (this prefix's length), PUSH1 0, CODECOPY, PUSH1 0, RETURN.
        byte[] constructor = [0x61, (byte)(runtime.Length >> 8), (byte)runtime.Length, 0x80, 0x60, 0x0c, 0x60, 0x00, 0x39, 0x60, 0x00, 0xf3];
        var receipt = await node.TransactAsync(from, null, Hex.Encode([.. constructor, .. runtime])).ConfigureAwait(false);
        return receipt.ContractAddress ?? throw new InvalidOperationException($"Deploying runtime code gave no address ({receipt.TransactionHash}).");
    }
}
