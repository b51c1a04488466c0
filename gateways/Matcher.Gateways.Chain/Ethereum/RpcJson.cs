using System.Numerics;
using System.Text.Json;

namespace Matcher.Gateways.Chain.Ethereum;

/// <summary>
/// Strict readers of JSON-RPC result fields. Each refusal is a <see cref="FormatException"/>
/// naming the field; <see cref="EthRpcClient"/> turns it into an <see cref="EthRpcException"/>.
/// </summary>
internal static class RpcJson
{
    public static JsonElement Object(JsonElement element, string what) =>
        element.ValueKind == JsonValueKind.Object
            ? element
            : throw new FormatException($"{what} is {Describe(element)}, not an object");

    public static JsonElement Required(JsonElement obj, string field) =>
        obj.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw new FormatException($"field '{field}' is missing");

    public static bool TryOptional(JsonElement obj, string field, out JsonElement value) =>
        obj.TryGetProperty(field, out value) && value.ValueKind != JsonValueKind.Null;

    public static string String(JsonElement value, string what) =>
        value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new FormatException($"{what} is {Describe(value)}, not a string");

    public static ulong UInt64(JsonElement value, string what) => Parse(value, what, Hex.DecodeQuantityUInt64);

    public static BigInteger Quantity(JsonElement value, string what) => Parse(value, what, Hex.DecodeQuantity);

    public static Hash32 Hash(JsonElement value, string what) => Parse(value, what, Hash32.Parse);

    public static Address Address(JsonElement value, string what) => Parse(value, what, Ethereum.Address.Parse);

    public static byte[] Data(JsonElement value, string what) => Parse(value, what, Hex.Decode);

    public static ulong UInt64Field(JsonElement obj, string field) => UInt64(Required(obj, field), $"field '{field}'");

    public static BigInteger QuantityField(JsonElement obj, string field) => Quantity(Required(obj, field), $"field '{field}'");

    public static Hash32 HashField(JsonElement obj, string field) => Hash(Required(obj, field), $"field '{field}'");

    public static Address AddressField(JsonElement obj, string field) => Address(Required(obj, field), $"field '{field}'");

    public static byte[] DataField(JsonElement obj, string field) => Data(Required(obj, field), $"field '{field}'");

    public static bool BoolField(JsonElement obj, string field, bool defaultValue)
    {
        if (!TryOptional(obj, field, out var value))
        {
            return defaultValue;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new FormatException($"field '{field}' is {Describe(value)}, not a boolean"),
        };
    }

    public static JsonElement Array(JsonElement value, string what) =>
        value.ValueKind == JsonValueKind.Array
            ? value
            : throw new FormatException($"{what} is {Describe(value)}, not an array");

    /// <summary>A short description of a JSON value for error messages.</summary>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "the string " + Hex.Quote(value.GetString()),
        JsonValueKind.Number => "the number " + value.GetRawText(),
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "undefined",
    };

    private static T Parse<T>(JsonElement value, string what, Func<string, T> parse)
    {
        var text = String(value, what);
        try
        {
            return parse(text);
        }
        catch (FormatException e)
        {
            throw new FormatException($"{what}: {e.Message}", e);
        }
    }
}
