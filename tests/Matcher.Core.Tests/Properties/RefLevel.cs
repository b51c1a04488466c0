namespace Matcher.Core.Tests.Properties;

/// <summary>A price level in the reference book: its orders, oldest first (an iceberg that refilled counts from its refill).</summary>
internal sealed class RefLevel(long priceTicks)
{
    public long PriceTicks { get; } = priceTicks;

    public List<RefOrder> Orders { get; } = [];

    public long TotalLots()
    {
        long total = 0;
        foreach (var order in Orders)
        {
            total += order.ShownLots;
        }

        return total;
    }
}
