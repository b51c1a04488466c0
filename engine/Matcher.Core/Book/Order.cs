using Matcher.Core.Commands;
using Matcher.Core.State;
using Matcher.Core.Text;

namespace Matcher.Core.Book;

/// <summary>
/// A live order. Pooled and reused (a <c>Pool</c>), so the hot path allocates
/// nothing; linked into its price level (time priority) and into its account's list
/// (mass cancel).
/// </summary>
internal sealed class Order
{
    public long Id;
    public long Sequence;
    public Account Account = null!;
    public Instrument Instrument = null!;
    public Origin Origin;
    public ClientOrderId ClientOrderId;
    public Side Side;
    public OrderType Type;
    public TimeInForce TimeInForce;
    public SelfTradePrevention SelfTradePrevention;
    public bool PostOnly;
    public long PriceTicks;
    public long QuantityLots;
    public long FilledLots;
    public long QuoteBudget;
    public long ExpireTimeNs;

    /// <summary>What is still locked for this order, in the asset it pays (quote for buys, base for sells).</summary>
    public long LockedUnits;

    public PriceLevel? Level;
    public Order? Previous;
    public Order? Next;
    public Order? AccountPrevious;
    public Order? AccountNext;

    public long RemainingLots => QuantityLots - FilledLots;

    public void Reset()
    {
        Account = null!;
        Instrument = null!;
        Level = null;
        Previous = Next = AccountPrevious = AccountNext = null;
    }
}
