using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Matcher.Protocol.Tests;

/// <summary>
/// clients/golden/messages.json: every message's sample fields and the C# codec's bytes,
/// for the TypeScript client's tests to match byte for byte, in the newest schema version and,
/// for the templates that grew, in version 1 too (whose fields lack the later ones). Field names are the spec's;
/// i64 and u64 values are decimal strings, smaller integers numbers, texts strings, the
/// signature hex.
/// </summary>
internal static class GoldenFile
{
    public static string SourcePath([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "clients", "golden", "messages.json"));

    public static string Build()
    {
        var messages = new JsonArray();
        foreach (var sample in SpecSamples.All)
        {
            var fields = new JsonObject();
            foreach (var field in sample.Fields)
            {
                fields[field.Name] = Value(field.Type, field.Value);
            }

            messages.Add(Entry(sample.Name, (int)sample.Template, sample.Version, fields, CodecTests.Encode(sample)));
        }

        var snapshot = GroupSamples.Snapshot;
        var buffer = new byte[Codec.BookSnapshotLength(GroupSamples.Bids.Length, GroupSamples.Asks.Length)];
        Codec.WriteBookSnapshot(ref snapshot, GroupSamples.Bids, GroupSamples.Asks, buffer);
        messages.Add(Entry("BookSnapshot", (int)TemplateId.BookSnapshot, Codec.SchemaVersion, new JsonObject
        {
            ["requestId"] = "48",
            ["bookSequence"] = "17",
            ["tradeSequence"] = "5",
            ["instrumentId"] = 1,
            ["channels"] = 7,
            ["bids"] = Levels(GroupSamples.Bids),
            ["asks"] = Levels(GroupSamples.Asks),
        }, buffer));

        var list = new byte[Codec.InstrumentListLength(GroupSamples.Instruments.Length)];
        Codec.WriteInstrumentList(50, GroupSamples.Instruments, list);
        var instruments = new JsonArray();
        foreach (var entry in GroupSamples.Instruments)
        {
            var e = entry;
            instruments.Add(new JsonObject
            {
                ["instrumentId"] = e.InstrumentId,
                ["status"] = e.Status,
                ["tickScale"] = e.TickScale,
                ["lotScale"] = e.LotScale,
                ["tickMantissa"] = Text(e.TickMantissa),
                ["lotMantissa"] = Text(e.LotMantissa),
                ["minQuantityLots"] = Text(e.MinQuantityLots),
                ["minNotional"] = Text(e.MinNotional),
                ["symbol"] = e.Symbol.ToString(),
                ["baseAsset"] = e.BaseAsset.ToString(),
                ["quoteAsset"] = e.QuoteAsset.ToString(),
            });
        }

        messages.Add(Entry("InstrumentList", (int)TemplateId.InstrumentList, Codec.SchemaVersion, new JsonObject { ["requestId"] = "50", ["instruments"] = instruments }, list));
        return messages.ToJsonString(new JsonSerializerOptions { WriteIndented = true }).ReplaceLineEndings("\n") + "\n";
    }

    private static JsonObject Entry(string name, int template, ushort version, JsonObject fields, byte[] bytes) => new()
    {
        ["name"] = name,
        ["templateId"] = template,
        ["schemaVersion"] = version,
        ["fields"] = fields,
        ["hex"] = Convert.ToHexString(bytes).ToLowerInvariant(),
    };

    private static JsonArray Levels(LevelEntry[] levels)
    {
        var array = new JsonArray();
        foreach (var level in levels)
        {
            array.Add(new JsonObject { ["priceTicks"] = Text(level.PriceTicks), ["lots"] = Text(level.Lots), ["orderCount"] = level.OrderCount });
        }

        return array;
    }

    private static JsonNode Value(string type, object value) => type switch
    {
        "i64" => Text((long)value),
        "u64" => ((ulong)value).ToString(CultureInfo.InvariantCulture),
        "bytes32" => Convert.ToHexString((byte[])value).ToLowerInvariant(),
        "char16" or "char32" or "char64" => (string)value,
        _ => JsonValue.Create(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
    };

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
