using Matcher.Core;
using Matcher.Core.Events;
using Matcher.Core.Text;

namespace Matcher.Views.Instruments;

/// <summary>
/// The instruments and assets a gateway can name, kept from the recovered engine and
/// then from the core's events (<c>AssetAdded</c>, <c>InstrumentDefined</c>,
/// <c>InstrumentStatusChanged</c>).
/// </summary>
/// <remarks>
/// One writer (the outbound-ring consumer that calls <see cref="OnEvent"/>), any number of
/// readers on any thread: each change builds a new immutable <see cref="CatalogSnapshot"/>
/// and publishes it with a volatile write, so readers never lock and see either the old or
/// the new version whole. Changes are rare (admin commands), so the copying does not
/// matter. Two consumers must not feed one catalog: their copies could lose each other's
/// changes.
/// </remarks>
public sealed class InstrumentCatalog
{
    private volatile CatalogSnapshot _snapshot = CatalogSnapshot.Empty;

    /// <summary>The current version, for a reader that needs several lookups to agree.</summary>
    public CatalogSnapshot Current => _snapshot;

    /// <summary>Every instrument, in id order.</summary>
    public IReadOnlyList<CatalogEntry> Instruments => _snapshot.Ordered;

    /// <summary>Takes the instruments and assets of an engine that no thread is running yet.</summary>
    public void LoadFrom(MatchingEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var assets = new Dictionary<int, string>();
        foreach (var asset in engine.Assets)
        {
            assets[asset.Id] = asset.Code.ToString();
        }

        var entries = new List<CatalogEntry>();
        foreach (var instrument in engine.Instruments)
        {
            entries.Add(new CatalogEntry(
                instrument.Id, instrument.Definition.Symbol.ToString(), instrument.Definition, instrument.Status,
                assets.GetValueOrDefault(instrument.Definition.BaseAssetId, "?"), assets.GetValueOrDefault(instrument.Definition.QuoteAssetId, "?")));
        }

        _snapshot = CatalogSnapshot.Create(assets, entries);
    }

    /// <summary>Applies a reference-data event; other events are ignored.</summary>
    public void OnEvent(in EngineEvent e)
    {
        var current = _snapshot;
        switch (e.Type)
        {
            case EventType.AssetAdded:
                var assets = new Dictionary<int, string>(current.Assets) { [e.AssetId] = e.AssetCode.ToString() };
                _snapshot = CatalogSnapshot.Create(assets, current.Ordered);
                break;
            case EventType.InstrumentDefined:
                var defined = new CatalogEntry(
                    e.InstrumentId, e.Instrument.Symbol.ToString(), e.Instrument, e.InstrumentStatus,
                    current.Assets.GetValueOrDefault(e.Instrument.BaseAssetId, "?"), current.Assets.GetValueOrDefault(e.Instrument.QuoteAssetId, "?"));
                _snapshot = CatalogSnapshot.Create(current.Assets, Replace(current.Ordered, defined));
                break;
            case EventType.InstrumentStatusChanged when current.TryGet(e.InstrumentId, out var entry):
                _snapshot = CatalogSnapshot.Create(current.Assets, Replace(current.Ordered, entry with { Status = e.InstrumentStatus }));
                break;
        }
    }

    /// <summary>The instrument with this symbol (ASCII bytes), without allocating.</summary>
    public bool TryGet(ReadOnlySpan<byte> symbol, out CatalogEntry entry)
    {
        entry = null!;
        if (symbol.Length is 0 or > Symbol.MaxLength)
        {
            return false;
        }

        Span<char> chars = stackalloc char[symbol.Length];
        for (var i = 0; i < symbol.Length; i++)
        {
            chars[i] = (char)symbol[i];
        }

        return Symbol.TryCreate(chars, out var key) && _snapshot.TryGet(key, out entry);
    }

    /// <summary>The instrument with this id.</summary>
    public bool TryGet(int instrumentId, out CatalogEntry entry) => _snapshot.TryGet(instrumentId, out entry);

    private static List<CatalogEntry> Replace(IReadOnlyList<CatalogEntry> entries, CatalogEntry entry)
    {
        var list = new List<CatalogEntry>(entries.Count + 1);
        foreach (var existing in entries)
        {
            if (existing.Id != entry.Id)
            {
                list.Add(existing);
            }
        }

        list.Add(entry);
        list.Sort(static (a, b) => a.Id.CompareTo(b.Id));
        return list;
    }
}
