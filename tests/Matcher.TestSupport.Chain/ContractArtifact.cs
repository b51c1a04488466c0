using System.Text.Json;

namespace Matcher.TestSupport.Chain;

/// <summary>A compiled contract as tools/chain/compile.mjs writes it (build/&lt;Name&gt;.json).</summary>
/// <param name="Bytecode">The creation code, <c>0x</c> hex; constructor arguments go after it.</param>
/// <param name="DeployedBytecode">The runtime code eth_getCode returns once deployed.</param>
public sealed record ContractArtifact(
    string ContractName,
    JsonElement Abi,
    string Bytecode,
    string DeployedBytecode,
    string SolcVersion,
    string EvmVersion)
{
    /// <summary>Reads build/&lt;Name&gt;.json.</summary>
    public static ContractArtifact FromFile(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        string Text(string name) => root.TryGetProperty(name, out var value) && value.GetString() is { Length: > 0 } text
            ? text
            : throw new FormatException($"{path} has no '{name}'.");
        return new ContractArtifact(
            Text("contractName"),
            root.GetProperty("abi").Clone(),
            Text("bytecode"),
            Text("deployedBytecode"),
            Text("solcVersion"),
            Text("evmVersion"));
    }
}
