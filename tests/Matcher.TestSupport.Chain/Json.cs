using System.Text.Json;

namespace Matcher.TestSupport.Chain;

/// <summary>Reads the hex fields of JSON-RPC objects, naming the field when one is missing.</summary>
internal static class Json
{
    public static string String(JsonElement element, string name) =>
        Get(element, name).GetString()?.ToLowerInvariant() ?? throw new FormatException($"'{name}' is null in {element.GetRawText()}");

    public static long Long(JsonElement element, string name) => Hex.ParseLong(String(element, name));

    private static JsonElement Get(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value)
            ? value
            : throw new FormatException($"No '{name}' in {element.GetRawText()}");
}
