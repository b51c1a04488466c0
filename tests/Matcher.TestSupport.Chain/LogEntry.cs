using System.Text.Json;

namespace Matcher.TestSupport.Chain;

/// <summary>One log as eth_getLogs and receipts return it (hex strings lowercase).</summary>
public sealed record LogEntry(
    string Address,
    IReadOnlyList<string> Topics,
    string Data,
    long BlockNumber,
    string BlockHash,
    string TransactionHash,
    long LogIndex,
    bool Removed)
{
    /// <summary>Reads a JSON-RPC log object.</summary>
    public static LogEntry FromJson(JsonElement log) => new(
        Json.String(log, "address"),
        [.. log.GetProperty("topics").EnumerateArray().Select(t => t.GetString()!.ToLowerInvariant())],
        Json.String(log, "data"),
        Json.Long(log, "blockNumber"),
        Json.String(log, "blockHash"),
        Json.String(log, "transactionHash"),
        Json.Long(log, "logIndex"),
        log.TryGetProperty("removed", out var removed) && removed.ValueKind == JsonValueKind.True);
}
