using System.Text.Json;

namespace Matcher.TestSupport.Chain;

/// <summary>The parts of a transaction receipt the tests look at.</summary>
/// <param name="Succeeded">status 1; false for a transaction that was mined but reverted.</param>
/// <param name="ContractAddress">The new contract's address for a deployment; null otherwise.</param>
public sealed record TransactionReceipt(
    string TransactionHash,
    long BlockNumber,
    string BlockHash,
    bool Succeeded,
    string? ContractAddress,
    IReadOnlyList<LogEntry> Logs)
{
    /// <summary>Reads a JSON-RPC receipt object.</summary>
    public static TransactionReceipt FromJson(JsonElement receipt) => new(
        Json.String(receipt, "transactionHash"),
        Json.Long(receipt, "blockNumber"),
        Json.String(receipt, "blockHash"),
        Json.Long(receipt, "status") == 1,
        receipt.TryGetProperty("contractAddress", out var created) && created.ValueKind == JsonValueKind.String
            ? created.GetString()!.ToLowerInvariant()
            : null,
        [.. receipt.GetProperty("logs").EnumerateArray().Select(LogEntry.FromJson)]);
}
