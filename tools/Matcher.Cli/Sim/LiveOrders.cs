using Matcher.Core.Events;
using Matcher.Core.Text;

namespace Matcher.Cli.Sim;

/// <summary>
/// Which instrument each live order is on, followed from the core's events, so that an
/// amend or cancel-replace line, which names its order by id or client order id, can
/// have its new price and quantity converted with the right tick and lot size.
/// </summary>
/// <remarks>
/// An order becomes live with <see cref="EventType.OrderAccepted"/> and stops with an
/// <see cref="EventType.OrderCancelled"/> or a trade that leaves it nothing to fill; a
/// cancel-replace moves its client order id. Orders that never rest (IOC, FOK, market)
/// pass through in one command. The core stays the authority: an order unknown here is
/// sent as is and the core rejects it.
/// </remarks>
internal sealed class LiveOrders
{
    private readonly Dictionary<long, int> _instrumentByOrderId = [];
    private readonly Dictionary<(long AccountId, ClientOrderId ClientOrderId), long> _orderIdByClientId = [];

    /// <summary>How many orders are being followed.</summary>
    public int Count => _instrumentByOrderId.Count;

    /// <summary>The order ids being followed, in no particular order.</summary>
    public IEnumerable<long> OrderIds => _instrumentByOrderId.Keys;

    /// <summary>The client order ids being followed and their orders, in no particular order.</summary>
    public IEnumerable<(long AccountId, ClientOrderId ClientOrderId, long OrderId)> ClientOrderIds
    {
        get
        {
            foreach (var ((accountId, clientOrderId), orderId) in _orderIdByClientId)
            {
                yield return (accountId, clientOrderId, orderId);
            }
        }
    }

    /// <summary>
    /// The instrument of the order an amend, cancel-replace or cancel names: by order id
    /// when not zero, else by the account's client order id.
    /// </summary>
    public bool TryFindInstrument(long accountId, long orderId, ClientOrderId clientOrderId, out int instrumentId)
    {
        instrumentId = 0;
        if (orderId == 0
            && (clientOrderId.IsEmpty || !_orderIdByClientId.TryGetValue((accountId, clientOrderId), out orderId)))
        {
            return false;
        }

        return _instrumentByOrderId.TryGetValue(orderId, out instrumentId);
    }

    /// <summary>Follows one event of the core.</summary>
    public void Apply(in EngineEvent e)
    {
        switch (e.Type)
        {
            case EventType.OrderAccepted:
                _instrumentByOrderId[e.OrderId] = e.InstrumentId;
                if (!e.ClientOrderId.IsEmpty)
                {
                    _orderIdByClientId[(e.AccountId, e.ClientOrderId)] = e.OrderId;
                }

                break;
            case EventType.OrderCancelled:
                Remove(e.OrderId, e.AccountId, e.ClientOrderId);
                break;
            case EventType.Trade:
                // A quote-budget market buy reports 0 remaining on every trade; it never
                // rests, so forgetting it early changes nothing.
                if (e.RemainingLots == 0)
                {
                    Remove(e.OrderId, e.AccountId, e.ClientOrderId);
                }

                if (e.MakerRemainingLots == 0)
                {
                    Remove(e.MakerOrderId, e.MakerAccountId, e.MakerClientOrderId);
                }

                break;
            case EventType.OrderAmended when e.CancelReason == CancelReason.None && e.OrigClientOrderId != e.ClientOrderId:
                RemoveClientId(e.AccountId, e.OrigClientOrderId, e.OrderId);
                if (!e.ClientOrderId.IsEmpty)
                {
                    _orderIdByClientId[(e.AccountId, e.ClientOrderId)] = e.OrderId;
                }

                break;
        }
    }

    private void Remove(long orderId, long accountId, ClientOrderId clientOrderId)
    {
        _instrumentByOrderId.Remove(orderId);
        RemoveClientId(accountId, clientOrderId, orderId);
    }

    private void RemoveClientId(long accountId, ClientOrderId clientOrderId, long orderId)
    {
        if (!clientOrderId.IsEmpty
            && _orderIdByClientId.TryGetValue((accountId, clientOrderId), out var mapped)
            && mapped == orderId)
        {
            _orderIdByClientId.Remove((accountId, clientOrderId));
        }
    }
}
