using Matcher.Core.Text;
using Matcher.Gateways.Fix.Codec;
using Matcher.Views.Instruments;

namespace Matcher.Gateways.Fix.Application;

/// <summary>Field writers shared by the application's messages: ids, decimals, prices in ticks, quantities in lots.</summary>
internal static class ReportFields
{
    public static void ClOrdId(FixBodyWriter body, int tag, in ClientOrderId id)
    {
        if (id.IsEmpty)
        {
            return;
        }

        Span<byte> bytes = stackalloc byte[ClientOrderId.MaxLength];
        body.Add(tag, bytes[..id.CopyTo(bytes)]);
    }

    public static void Price(FixBodyWriter body, int tag, CatalogEntry instrument, long ticks)
    {
        Span<byte> bytes = stackalloc byte[48];
        body.Add(tag, bytes[..FixDecimal.FormatMultiple(instrument.Definition.TickSize, ticks, bytes)]);
    }

    public static void Quantity(FixBodyWriter body, int tag, CatalogEntry instrument, long lots)
    {
        Span<byte> bytes = stackalloc byte[48];
        body.Add(tag, bytes[..FixDecimal.FormatMultiple(instrument.Definition.LotSize, lots, bytes)]);
    }

    /// <summary>
    /// AvgPx (6): Σ ticks × lots ÷ filled lots, in the instrument's price units with up to
    /// 8 more decimals than the tick (truncated beyond that); 0 when nothing filled.
    /// </summary>
    public static void AveragePrice(FixBodyWriter body, CatalogEntry instrument, Int128 filledTicksLots, long filledLots)
    {
        const int ExtraDigits = 8;
        Span<byte> bytes = stackalloc byte[64];
        if (filledLots <= 0 || filledTicksLots == 0)
        {
            body.Add(FixTags.AvgPx, "0"u8);
            return;
        }

        var tick = instrument.Definition.TickSize;
        var mantissa = filledTicksLots * tick.Mantissa * 100_000_000 / filledLots;
        body.Add(FixTags.AvgPx, bytes[..FixDecimal.Format(mantissa, tick.Scale + ExtraDigits, bytes)]);
    }

    public static void Symbol(FixBodyWriter body, CatalogEntry? instrument)
    {
        if (instrument is not null)
        {
            body.Add(FixTags.Symbol, instrument.Symbol);
        }
    }
}
