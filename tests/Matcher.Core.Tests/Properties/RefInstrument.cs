using Matcher.Core.Reference;

namespace Matcher.Core.Tests.Properties;

/// <summary>An instrument in the reference model.</summary>
internal sealed class RefInstrument
{
    public int Id { get; init; }

    public int BaseAssetId { get; init; }

    public int QuoteAssetId { get; init; }

    public decimal TickSize { get; set; }

    public decimal LotSize { get; set; }

    /// <summary>Base units in one lot: lot size × 10^base scale.</summary>
    public long LotUnits { get; set; }

    /// <summary>Quote units one tick costs on one lot: tick × lot × 10^quote scale.</summary>
    public long TickValue { get; set; }

    public long MinQuantityLots { get; set; }

    public long MinNotional { get; set; }

    public InstrumentStatus Status { get; set; } = InstrumentStatus.Trading;

    /// <summary>The last trade's price (0 before the first trade): what triggers conditional orders.</summary>
    public long LastTradePriceTicks { get; set; }

    public RefBook Book { get; } = new();
}
