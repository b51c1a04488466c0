using Matcher.Core;
using Matcher.Core.Events;
using Matcher.Core.Text;

namespace Matcher.Gateways.Fix.Application;

/// <summary>
/// The instruments and assets the gateway can name, kept from the recovered engine and
/// then from the core's events (<c>AssetAdded</c>, <c>InstrumentDefined</c>,
/// <c>InstrumentStatusChanged</c>).
/// </summary>
/// <remarks>
/// Written only by the outbound-ring consumer, read by every session thread: each change
/// builds a new immutable snapshot and publishes it with a volatile write, so readers never
/// lock. Changes are rare (admin commands), so the copying does not matter.
/// </remarks>
public sealed class InstrumentCatalog
{
    private volatile CatalogSnapshot _snapshot = CatalogSnapshot.Empty;

    /// <summary>Every instrument, in id order.</summary>
    public IReadOnlyList<CatalogEntry> Instruments => _snapshot.Ordered;

    /// <summary>Takes the instruments and assets of an engine that no thread is running yet.</summary>
    public void LoadFrom(MatchingEngine engine)
    {
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
            case EventType.InstrumentStatusChanged when current.ById.TryGetValue(e.InstrumentId, out var entry):
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

        return Symbol.TryCreate(chars, out var key) && _snapshot.BySymbol.TryGetValue(key, out entry!);
    }

    /// <summary>The instrument with this id.</summary>
    public bool TryGet(int instrumentId, out CatalogEntry entry) => _snapshot.ById.TryGetValue(instrumentId, out entry!);

    private static List<CatalogEntry> Replace(List<CatalogEntry> entries, CatalogEntry entry)
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
