namespace Matcher.Core.Tests.Properties;

/// <summary>A price level in the reference book: its orders, oldest first.</summary>
internal sealed class RefLevel(long priceTicks)
{
    public long PriceTicks { get; } = priceTicks;

    public List<RefOrder> Orders { get; } = [];

    public long TotalLots()
    {
        long total = 0;
        foreach (var order in Orders)
        {
            total += order.RemainingLots;
        }

        return total;
    }
}
