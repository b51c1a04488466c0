using Matcher.Core.Text;

namespace Matcher.Gateways.Fix.Application;

/// <summary>One immutable version of the <see cref="InstrumentCatalog"/>.</summary>
internal sealed class CatalogSnapshot
{
    public static readonly CatalogSnapshot Empty = Create(new Dictionary<int, string>(), []);

    private CatalogSnapshot(Dictionary<int, string> assets, List<CatalogEntry> ordered)
    {
        Assets = assets;
        Ordered = ordered;
        foreach (var entry in ordered)
        {
            ById[entry.Id] = entry;
            BySymbol[entry.Definition.Symbol] = entry;
        }
    }

    public Dictionary<int, string> Assets { get; }

    public List<CatalogEntry> Ordered { get; }

    public Dictionary<int, CatalogEntry> ById { get; } = [];

    public Dictionary<Symbol, CatalogEntry> BySymbol { get; } = [];

    public static CatalogSnapshot Create(Dictionary<int, string> assets, IReadOnlyList<CatalogEntry> entries) =>
        new(assets, [.. entries]);
}
