using Matcher.Core.Numbers;
using Matcher.Core.Reference;

namespace Matcher.Views.Instruments;

/// <summary>What a gateway knows of one instrument: enough to turn wire decimals into ticks and lots and back.</summary>
/// <param name="Id">The instrument's id in the engine.</param>
/// <param name="Symbol">The symbol, as text.</param>
/// <param name="Definition">The definition the core holds: symbol, assets, tick and lot sizes, limits.</param>
/// <param name="Status">The trading status.</param>
/// <param name="BaseAsset">The base asset's code ("?" when unknown).</param>
/// <param name="QuoteAsset">The quote asset's code ("?" when unknown).</param>
public sealed record CatalogEntry(int Id, string Symbol, InstrumentDefinition Definition, InstrumentStatus Status, string BaseAsset, string QuoteAsset)
{
    /// <summary>The price in ticks; false when off the tick grid or not positive.</summary>
    public bool TryToTicks(ScaledDecimal price, out long ticks) =>
        price.TryDivideExact(Definition.TickSize, out ticks) && ticks > 0;

    /// <summary>The quantity in lots; false when off the lot grid or not positive.</summary>
    public bool TryToLots(ScaledDecimal quantity, out long lots) =>
        quantity.TryDivideExact(Definition.LotSize, out lots) && lots > 0;
}
