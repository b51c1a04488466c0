namespace Matcher.Core.State;

/// <summary>Orders GTD expiries by time, then by order id, so equal times expire in a fixed order.</summary>
internal readonly record struct ExpiryKey(long ExpireTimeNs, long OrderId) : IComparable<ExpiryKey>
{
    public int CompareTo(ExpiryKey other)
    {
        var byTime = ExpireTimeNs.CompareTo(other.ExpireTimeNs);
        return byTime != 0 ? byTime : OrderId.CompareTo(other.OrderId);
    }
}
