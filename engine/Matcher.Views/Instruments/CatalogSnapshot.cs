using Matcher.Core.Text;

namespace Matcher.Views.Instruments;

/// <summary>One immutable version of the <see cref="InstrumentCatalog"/>: the instruments and assets, and lookups over them.</summary>
/// <remarks>Never changed once published: a reader holding one sees a consistent catalog however the live one moves on.</remarks>
public sealed class CatalogSnapshot
{
    private readonly Dictionary<int, string> _assets;
    private readonly List<CatalogEntry> _ordered;
    private readonly Dictionary<int, CatalogEntry> _byId = [];
    private readonly Dictionary<Symbol, CatalogEntry> _bySymbol = [];

    private CatalogSnapshot(Dictionary<int, string> assets, List<CatalogEntry> ordered)
    {
        _assets = assets;
        _ordered = ordered;
        foreach (var entry in ordered)
        {
            _byId[entry.Id] = entry;
            _bySymbol[entry.Definition.Symbol] = entry;
        }
    }

    /// <summary>A catalog with no instruments and no assets.</summary>
    public static CatalogSnapshot Empty { get; } = Create(new Dictionary<int, string>(), []);

    /// <summary>Asset codes by asset id.</summary>
    public IReadOnlyDictionary<int, string> Assets => _assets;

    /// <summary>Every instrument, in the order given to <see cref="Create"/> (the catalog keeps id order).</summary>
    public IReadOnlyList<CatalogEntry> Ordered => _ordered;

    /// <summary>Instruments by id.</summary>
    public IReadOnlyDictionary<int, CatalogEntry> ById => _byId;

    /// <summary>Instruments by symbol.</summary>
    public IReadOnlyDictionary<Symbol, CatalogEntry> BySymbol => _bySymbol;

    /// <summary>A snapshot of copies of <paramref name="assets"/> and <paramref name="entries"/>.</summary>
    public static CatalogSnapshot Create(IReadOnlyDictionary<int, string> assets, IReadOnlyList<CatalogEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(assets);
        ArgumentNullException.ThrowIfNull(entries);
        return new(new Dictionary<int, string>(assets), [.. entries]);
    }

    /// <summary>The instrument with this id.</summary>
    public bool TryGet(int instrumentId, out CatalogEntry entry) => _byId.TryGetValue(instrumentId, out entry!);

    /// <summary>The instrument with this symbol.</summary>
    public bool TryGet(Symbol symbol, out CatalogEntry entry) => _bySymbol.TryGetValue(symbol, out entry!);
}
