using System.Text.Json;

namespace Matcher.TestSupport.Chain;

/// <summary>A block's header fields that reorg tests compare (hashes lowercase).</summary>
public sealed record BlockInfo(long Number, string Hash, string ParentHash, long Timestamp, IReadOnlyList<string> TransactionHashes)
{
    /// <summary>Reads a JSON-RPC block object fetched without full transactions.</summary>
    public static BlockInfo FromJson(JsonElement block) => new(
        Json.Long(block, "number"),
        Json.String(block, "hash"),
        Json.String(block, "parentHash"),
        Json.Long(block, "timestamp"),
        [.. block.GetProperty("transactions").EnumerateArray().Select(t => t.GetString()!.ToLowerInvariant())]);
}
