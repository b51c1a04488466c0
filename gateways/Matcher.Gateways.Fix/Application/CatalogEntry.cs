using Matcher.Core.Numbers;
using Matcher.Core.Reference;

namespace Matcher.Gateways.Fix.Application;

/// <summary>What the gateway knows of one instrument: enough to turn FIX decimals into ticks and lots and back.</summary>
public sealed record CatalogEntry(int Id, string Symbol, InstrumentDefinition Definition, InstrumentStatus Status, string BaseAsset, string QuoteAsset)
{
    /// <summary>The price in ticks; false when off the tick grid or not positive.</summary>
    public bool TryToTicks(ScaledDecimal price, out long ticks) =>
        price.TryDivideExact(Definition.TickSize, out ticks) && ticks > 0;

    /// <summary>The quantity in lots; false when off the lot grid or not positive.</summary>
    public bool TryToLots(ScaledDecimal quantity, out long lots) =>
        quantity.TryDivideExact(Definition.LotSize, out lots) && lots > 0;
}
