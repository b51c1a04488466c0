using Matcher.Core.Commands;
using Matcher.Gateways.Fix.Codec;

namespace Matcher.Gateways.Fix.Application;

/// <summary>One instrument's price levels (total lots per price), as the market-data subscribers see them.</summary>
internal sealed class L2Book
{
    private readonly SortedDictionary<long, long> _bids = new(Comparer<long>.Create(static (a, b) => b.CompareTo(a)));
    private readonly SortedDictionary<long, long> _asks = [];

    /// <summary>Adds lots at a price (building from a recovered engine's orders).</summary>
    public void Add(Side side, long priceTicks, long lots)
    {
        var levels = side == Side.Buy ? _bids : _asks;
        levels[priceTicks] = levels.GetValueOrDefault(priceTicks) + lots;
    }

    /// <summary>Sets a level (0 lots removes it); returns MDUpdateAction: '0' new, '1' change, '2' delete.</summary>
    public byte Set(Side side, long priceTicks, long lots)
    {
        var levels = side == Side.Buy ? _bids : _asks;
        var existed = levels.ContainsKey(priceTicks);
        if (lots == 0)
        {
            levels.Remove(priceTicks);
            return (byte)'2';
        }

        levels[priceTicks] = lots;
        return existed ? (byte)'1' : (byte)'0';
    }

    /// <summary>Writes NoMDEntries and the best <paramref name="depth"/> levels a side (0 = all; negative = none).</summary>
    public void WriteSnapshot(FixBodyWriter body, CatalogEntry instrument, int depth)
    {
        if (depth < 0)
        {
            body.Add(FixTags.NoMDEntries, 0L);
            return;
        }

        var bids = depth == 0 ? _bids.Count : Math.Min(depth, _bids.Count);
        var asks = depth == 0 ? _asks.Count : Math.Min(depth, _asks.Count);
        body.Add(FixTags.NoMDEntries, bids + asks);
        Write(body, instrument, _bids, bids, (byte)'0');
        Write(body, instrument, _asks, asks, (byte)'1');
    }

    private static void Write(FixBodyWriter body, CatalogEntry instrument, SortedDictionary<long, long> levels, int count, byte entryType)
    {
        foreach (var (price, lots) in levels)
        {
            if (count-- == 0)
            {
                break;
            }

            body.Add(FixTags.MDEntryType, entryType);
            ReportFields.Price(body, FixTags.MDEntryPx, instrument, price);
            ReportFields.Quantity(body, FixTags.MDEntrySize, instrument, lots);
        }
    }
}
