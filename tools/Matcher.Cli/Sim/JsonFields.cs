using System.Text;
using System.Text.Json;
using Matcher.Core.Numbers;

namespace Matcher.Cli.Sim;

/// <summary>
/// The fields of one JSON object, read by name with their expected types. Remembers which
/// were read so that <see cref="EnsureAllRead"/> can report a field that does not belong
/// (usually a typo) instead of ignoring it. Every failure is a <see cref="SimInputException"/>
/// that names the field.
/// </summary>
internal sealed class JsonFields
{
    private readonly List<JsonProperty> _properties = [];
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);
    private readonly string _path;

    private JsonFields(string path)
    {
        _path = path;
    }

    /// <summary>The fields of <paramref name="element"/>, which must be an object with no field given twice.</summary>
    /// <param name="element">The object.</param>
    /// <param name="path">Where the object is, for messages ("" for a command line, "instruments[0]" in a setup).</param>
    public static JsonFields Of(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new SimInputException($"{(path.Length == 0 ? "the line" : path)} must be a JSON object, not {Kind(element)}");
        }

        var fields = new JsonFields(path);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!names.Add(property.Name))
            {
                throw new SimInputException($"field {fields.Describe(property.Name)} is given twice");
            }

            fields._properties.Add(property);
        }

        return fields;
    }

    /// <summary>True when the field is present (and not null).</summary>
    public bool Has(string name) => Find(name) is not null;

    /// <summary>A string field, or null when absent.</summary>
    public string? String(string name)
    {
        var value = Find(name);
        if (value is null)
        {
            return null;
        }

        return value.Value.ValueKind == JsonValueKind.String
            ? value.Value.GetString()!
            : throw Wrong(name, value.Value, "a string");
    }

    /// <summary>A string field that must be present.</summary>
    public string RequiredString(string name) => String(name) ?? throw Missing(name);

    /// <summary>An integer field (a JSON number without fraction or exponent that fits in 64 bits), or null.</summary>
    public long? Integer(string name)
    {
        var value = Find(name);
        if (value is null)
        {
            return null;
        }

        if (value.Value.ValueKind == JsonValueKind.Number
            && value.Value.TryGetInt64(out var number)
            && IsPlainInteger(value.Value.GetRawText()))
        {
            return number;
        }

        throw Wrong(name, value.Value, "an integer");
    }

    /// <summary>An integer field that must be present.</summary>
    public long RequiredInteger(string name) => Integer(name) ?? throw Missing(name);

    /// <summary>An integer field in [<paramref name="min"/>, <paramref name="max"/>], or null.</summary>
    public long? Integer(string name, long min, long max)
    {
        var value = Integer(name);
        if (value is { } number && (number < min || number > max))
        {
            throw new SimInputException($"{Describe(name)} {number} is out of range [{min}, {max}]");
        }

        return value;
    }

    /// <summary>A boolean field, or null.</summary>
    public bool? Boolean(string name)
    {
        var value = Find(name);
        if (value is null)
        {
            return null;
        }

        return value.Value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Wrong(name, value.Value, "true or false"),
        };
    }

    /// <summary>
    /// A decimal field: a JSON string such as "30000.01" (optional minus, digits, optional
    /// point and up to 18 digits; no exponent). Numbers are refused so that no value ever
    /// passes through a binary float. Null when absent.
    /// </summary>
    public DecimalInput? Decimal(string name)
    {
        var value = Find(name);
        if (value is null)
        {
            return null;
        }

        if (value.Value.ValueKind != JsonValueKind.String)
        {
            throw new SimInputException($"{Describe(name)} must be a decimal string such as \"1.25\", not {Shown(value.Value)}");
        }

        var text = value.Value.GetString()!;
        return ScaledDecimal.TryParse(text, out var parsed)
            ? new DecimalInput(parsed, text, Describe(name))
            : throw new SimInputException($"{Describe(name)} {Show(text)} is not a decimal (digits, an optional point, no exponent)");
    }

    /// <summary>A decimal field that must be present.</summary>
    public DecimalInput RequiredDecimal(string name) => Decimal(name) ?? throw Missing(name);

    /// <summary>
    /// A time: an ISO-8601 UTC string ("2024-01-01T00:00:00.5Z", up to nine fractional
    /// digits) or an integer of nanoseconds since the Unix epoch. Null when absent.
    /// </summary>
    public long? Time(string name)
    {
        var value = Find(name);
        if (value is null)
        {
            return null;
        }

        switch (value.Value.ValueKind)
        {
            case JsonValueKind.String:
                var text = value.Value.GetString()!;
                return Timestamps.TryParse(text, out var parsed)
                    ? parsed
                    : throw new SimInputException(
                        $"{Describe(name)} {Show(text)} is not an ISO-8601 UTC time such as \"2024-01-01T00:00:00.000000001Z\"");
            case JsonValueKind.Number:
                var number = Integer(name)!.Value;
                return number >= 0 ? number : throw new SimInputException($"{Describe(name)} {number} is before the Unix epoch");
            default:
                throw Wrong(name, value.Value, "an ISO-8601 UTC string or integer nanoseconds");
        }
    }

    /// <summary>An enum field by its snake_case name (see <see cref="EnumNames{T}"/>), or null.</summary>
    public T? Enum<T>(string name)
        where T : struct, Enum
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        return EnumNames<T>.TryParse(text, out var value)
            ? value
            : throw new SimInputException($"{Describe(name)} {Show(text)} is not one of: {EnumNames<T>.List(includeNone: true)}");
    }

    /// <summary>A nested value (array or object) for the caller to walk, or null.</summary>
    public JsonElement? Element(string name) => Find(name);

    /// <summary>The path of a field, for messages: "price", or "instruments[0].tick_size" in a setup.</summary>
    public string Describe(string name) => _path.Length == 0 ? name : $"{_path}.{name}";

    /// <summary>Fails on the first field that no getter asked for.</summary>
    /// <param name="owner">What the fields belong to, for the message ("place_order", "an account").</param>
    public void EnsureAllRead(string owner)
    {
        foreach (var property in _properties)
        {
            if (!_read.Contains(property.Name))
            {
                throw new SimInputException($"unknown field {Show(Describe(property.Name))} for {owner}");
            }
        }
    }

    /// <summary>
    /// Text from the input as a quoted string safe to print: anything outside printable
    /// ASCII is escaped, so messages stay readable and valid whatever the input held.
    /// </summary>
    public static string Show(string text)
    {
        const int MaxShown = 64;
        var shown = new StringBuilder(Math.Min(text.Length, MaxShown) + 2).Append('"');
        for (var i = 0; i < text.Length && i < MaxShown; i++)
        {
            var c = text[i];
            if (c is >= ' ' and <= '~' and not '"' and not '\\')
            {
                shown.Append(c);
            }
            else
            {
                shown.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return shown.Append(text.Length > MaxShown ? "\"..." : "\"").ToString();
    }

    private static bool IsPlainInteger(string raw)
    {
        foreach (var c in raw)
        {
            if (c is '.' or 'e' or 'E')
            {
                return false;
            }
        }

        return true;
    }

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    /// <summary>A value for a message: "the string \"x\"", "the number 12", "true", "an object".</summary>
    private static string Shown(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => $"the string {Show(element.GetString()!)}",
        JsonValueKind.Number => $"the number {Show(element.GetRawText()).Trim('"')}",
        JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        _ => Kind(element),
    };

    private JsonElement? Find(string name)
    {
        _read.Add(name);
        foreach (var property in _properties)
        {
            if (property.NameEquals(name))
            {
                return property.Value.ValueKind == JsonValueKind.Null ? null : property.Value;
            }
        }

        return null;
    }

    private SimInputException Missing(string name) => new($"missing field {Describe(name)}");

    private SimInputException Wrong(string name, JsonElement value, string expected) =>
        new($"{Describe(name)} must be {expected}, not {Shown(value)}");
}
