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

    /// <summary>Where the order is: on the book, waiting for its trigger, queued to enter, or matching.</summary>
    public OrderState State;

    public TriggerType Trigger;

    /// <summary>The trigger price (a trailing stop's current one).</summary>
    public long StopPriceTicks;
    public long TrailingOffsetTicks;
    public long TrailingOffsetBps;

    /// <summary>A trailing stop's best last trade price since placement: the highest for a sell, the lowest for a buy.</summary>
    public long TrailingExtremeTicks;

    /// <summary>An iceberg's display quantity (0: the whole order shows).</summary>
    public long DisplayLots;

    /// <summary>An iceberg's visible slice on the book.</summary>
    public long VisibleLots;

    /// <summary>A quote leg (placed by a quote command).</summary>
    public bool IsQuote;

    /// <summary>The one-cancels-other partner.</summary>
    public Order? Linked;

    public PriceLevel? Level;
    public Order? Previous;
    public Order? Next;
    public Order? AccountPrevious;
    public Order? AccountNext;

    public long RemainingLots => QuantityLots - FilledLots;

    /// <summary>What the book shows of the order: an iceberg's visible slice, or all that remains.</summary>
    public long ShownLots => DisplayLots > 0 ? VisibleLots : RemainingLots;

    public void Reset()
    {
        Account = null!;
        Instrument = null!;
        Level = null;
        Linked = null;
        Previous = Next = AccountPrevious = AccountNext = null;
    }
}
