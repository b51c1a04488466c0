using Matcher.Core.Commands;

namespace Matcher.Core.Tests.Properties;

/// <summary>
/// The reference book of one instrument: bids sorted by price high to low, asks low to
/// high, each level a list in time order. Plain loops, no indexes.
/// </summary>
internal sealed class RefBook
{
    public List<RefLevel> Bids { get; } = [];

    public List<RefLevel> Asks { get; } = [];

    public List<RefLevel> Levels(Side side) => side == Side.Buy ? Bids : Asks;

    /// <summary>True when <paramref name="a"/> is a better price than <paramref name="b"/> for <paramref name="side"/>.</summary>
    public static bool IsBetter(Side side, long a, long b) => side == Side.Buy ? a > b : a < b;

    /// <summary>True when an order on <paramref name="side"/> at <paramref name="priceTicks"/> can trade at <paramref name="levelPriceTicks"/>.</summary>
    public static bool Crosses(Side side, long priceTicks, long levelPriceTicks) =>
        side == Side.Buy ? priceTicks >= levelPriceTicks : priceTicks <= levelPriceTicks;

    public RefLevel? Find(Side side, long priceTicks)
    {
        foreach (var level in Levels(side))
        {
            if (level.PriceTicks == priceTicks)
            {
                return level;
            }
        }

        return null;
    }

    /// <summary>Puts the order at the back of its level, making the level if needed.</summary>
    public void Append(RefOrder order)
    {
        var levels = Levels(order.Side);
        var level = Find(order.Side, order.PriceTicks);
        if (level is null)
        {
            level = new RefLevel(order.PriceTicks);
            var at = 0;
            while (at < levels.Count && IsBetter(order.Side, levels[at].PriceTicks, order.PriceTicks))
            {
                at++;
            }

            levels.Insert(at, level);
        }

        level.Orders.Add(order);
    }

    /// <summary>Takes the order out of its level, dropping the level when it empties.</summary>
    public void Remove(RefOrder order)
    {
        var level = Find(order.Side, order.PriceTicks) ?? throw new InvalidOperationException($"reference: order {order.Id} is not in the book");
        if (!level.Orders.Remove(order))
        {
            throw new InvalidOperationException($"reference: order {order.Id} is not in its level");
        }

        if (level.Orders.Count == 0)
        {
            Levels(order.Side).Remove(level);
        }
    }
}
