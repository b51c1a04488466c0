using System.Runtime.InteropServices;
using Matcher.Core.Numbers;
using Matcher.Core.Text;

namespace Matcher.Core.Reference;

/// <summary>
/// An instrument as an admin defines it. Prices are quote per one whole base unit, in
/// multiples of <see cref="TickSize"/>; quantities are base, in multiples of
/// <see cref="LotSize"/>. The core works in ticks and lots; <see cref="State.Instrument"/>
/// derives the integer factors that turn them into asset units.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct InstrumentDefinition
{
    /// <summary>The instrument's symbol, e.g. "BTC-USDT".</summary>
    public Symbol Symbol;

    /// <summary>The asset bought and sold.</summary>
    public int BaseAssetId;

    /// <summary>The asset prices are quoted in.</summary>
    public int QuoteAssetId;

    /// <summary>The price step, in quote per one base.</summary>
    public ScaledDecimal TickSize;

    /// <summary>The quantity step, in base.</summary>
    public ScaledDecimal LotSize;

    /// <summary>The smallest order quantity, in lots (at least 1).</summary>
    public long MinQuantityLots;

    /// <summary>The smallest order value (price × quantity), in quote asset units (0: none).</summary>
    public long MinNotional;
}
