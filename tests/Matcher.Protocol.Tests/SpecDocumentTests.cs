using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Matcher.Protocol.Tests;

/// <summary>
/// docs/WEBSOCKET.md against <see cref="SpecSamples"/>: every sample's length is its template's heading, and its
/// fields are the heading's table (or inline list) field for field, at the same offsets with the same types. The
/// samples were transcribed from the spec by hand; this keeps the spec and them from drifting apart.
/// </summary>
public sealed partial class SpecDocumentTests
{
    private static string SpecPath([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "docs", "WEBSOCKET.md"));

    private static IEnumerable<SpecSample> Samples => SpecSamples.All;

    [GeneratedRegex(@"^### (?<name>\w+) \((?<id>\d+)\), (?<length>\d+) bytes(?: \((?<v1>\d+) in schema 1\))?")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\| (?<offset>\d+) \| (?<type>[\w\[\]]+) \| (?<name>\w*) \|")]
    private static partial Regex Row();

    [GeneratedRegex(@"`(?<offset>\d+) (?<type>[\w\[\]]+) (?<name>\w+)`")]
    private static partial Regex Inline();

    private static (int Id, int Length, int? V1Length, List<(int Offset, string Type, string Name)> Rows) Section(string name)
    {
        var lines = File.ReadAllLines(SpecPath());
        for (var i = 0; i < lines.Length; i++)
        {
            var heading = Heading().Match(lines[i]);
            if (!heading.Success || heading.Groups["name"].Value != name)
            {
                continue;
            }

            var rows = new List<(int, string, string)>();
            foreach (Match inline in Inline().Matches(lines[i]))
            {
                rows.Add((Number(inline.Groups["offset"].Value), inline.Groups["type"].Value, inline.Groups["name"].Value));
            }

            for (var j = i + 1; j < lines.Length && !lines[j].StartsWith('#'); j++)
            {
                var row = Row().Match(lines[j]);
                if (row.Success && row.Groups["type"].Value != "pad" && !row.Groups["type"].Value.StartsWith("pad[", StringComparison.Ordinal))
                {
                    rows.Add((Number(row.Groups["offset"].Value), row.Groups["type"].Value, row.Groups["name"].Value));
                }
            }

            var v1 = heading.Groups["v1"].Success ? Number(heading.Groups["v1"].Value) : (int?)null;
            return (Number(heading.Groups["id"].Value), Number(heading.Groups["length"].Value), v1, rows);
        }

        Assert.Fail($"docs/WEBSOCKET.md has no heading '### {name} (id), N bytes'");
        return default;
    }

    private static int Number(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>The spec's type names as the samples write them.</summary>
    private static string SampleType(string specType) => specType switch
    {
        "char[16]" => "char16",
        "char[32]" => "char32",
        "char[64]" => "char64",
        "u8[32]" => "bytes32",
        _ => specType,
    };

    private static int Size(string sampleType) => sampleType switch
    {
        "u8" => 1,
        "u16" => 2,
        "i32" or "u32" => 4,
        "i64" or "u64" => 8,
        "char16" => 16,
        "char32" or "bytes32" => 32,
        "char64" => 64,
        _ => throw new ArgumentOutOfRangeException(nameof(sampleType), sampleType, "not a spec type"),
    };

    [TestCaseSource(nameof(Samples))]
    public void Every_sample_is_its_spec_section_field_for_field(SpecSample sample)
    {
        var (id, length, v1Length, rows) = Section(sample.Name);
        var expected = rows
            .Select(r => (r.Offset, Type: SampleType(r.Type), r.Name))
            .Where(r => sample.Version >= 2 || r.Offset + Size(r.Type) <= (v1Length ?? length))
            .OrderBy(r => r.Offset)
            .ToArray();
        var actual = sample.Fields.Select(f => (f.Offset, f.Type, f.Name)).OrderBy(f => f.Offset).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(id, Is.EqualTo((int)sample.Template), "template id in the heading");
            Assert.That(sample.Length, Is.EqualTo(sample.Version >= 2 ? length : v1Length ?? length), $"length in schema {sample.Version}");
            Assert.That(actual, Is.EqualTo(expected), "fields: (offset, type, name)");
        });
    }

    [Test]
    public void The_templates_that_grew_say_so_in_their_heading_and_have_a_version_1_sample()
    {
        var grown = new[] { "PlaceOrder", "AmendOrder", "CancelReplace", "ExecutionReport" };
        foreach (var name in grown)
        {
            var (_, _, v1Length, _) = Section(name);
            Assert.That(v1Length, Is.Not.Null, $"{name}: heading '(N in schema 1)'");
            Assert.That(SpecSamples.All.Any(s => s.Name == name && s.Version == 1 && s.Length == v1Length), Is.True, $"{name}: a schema-1 sample");
        }
    }
}
