namespace Matcher.Protocol;

/// <summary>Which message a frame holds (header offset 4). Ids are never reused.</summary>
public enum TemplateId : ushort
{
    /// <summary>Not a message.</summary>
    None = 0,

    /// <summary>Client: log in with an API key and an HMAC signature.</summary>
    Login = 1,

    /// <summary>Client: place an order.</summary>
    PlaceOrder = 2,

    /// <summary>Client: cancel an order.</summary>
    CancelOrder = 3,

    /// <summary>Client: change an order's price and/or quantity, keeping its client order id.</summary>
    AmendOrder = 4,

    /// <summary>Client: as amend, and the order takes a new client order id.</summary>
    CancelReplace = 5,

    /// <summary>Client: cancel the account's orders, optionally by instrument and side.</summary>
    MassCancel = 6,

    /// <summary>Client: ask for an order's status.</summary>
    OrderStatusRequest = 7,

    /// <summary>Client: subscribe to an instrument's market data.</summary>
    Subscribe = 8,

    /// <summary>Client: end a subscription.</summary>
    Unsubscribe = 9,

    /// <summary>Client: ask for the instruments.</summary>
    InstrumentListRequest = 10,

    /// <summary>Client: liveness and round-trip check.</summary>
    Ping = 11,

    /// <summary>Client (schema 2): a market maker's two-sided quote, replacing the previous one on the instrument.</summary>
    Quote = 12,

    /// <summary>Client (schema 2): clear the account's tripped market-maker protection.</summary>
    ResetMarketMakerProtection = 13,

    /// <summary>Server: the login succeeded.</summary>
    LoginAccepted = 101,

    /// <summary>Server: a request the gateway refused.</summary>
    Reject = 102,

    /// <summary>Server: an order's state changed, or its status was asked for.</summary>
    ExecutionReport = 103,

    /// <summary>Server: a cancel, amend or cancel-replace the core refused.</summary>
    CancelReject = 104,

    /// <summary>Server: a mass cancel's result.</summary>
    MassCancelReport = 105,

    /// <summary>Server: the answer to a Ping.</summary>
    Pong = 106,

    /// <summary>Server: an account's balance in one asset.</summary>
    BalanceUpdate = 107,

    /// <summary>Server: an instrument's book, answering a Subscribe.</summary>
    BookSnapshot = 110,

    /// <summary>Server: one price level after a change.</summary>
    BookUpdate = 111,

    /// <summary>Server: a trade.</summary>
    Trade = 112,

    /// <summary>Server: the best bid and offer after a change.</summary>
    Bbo = 113,

    /// <summary>Server: the instruments.</summary>
    InstrumentList = 114,

    /// <summary>Server: the reason the server is about to close the connection.</summary>
    Goodbye = 115,

    /// <summary>Server (schema 2): a quote's outcome, with its legs' order ids.</summary>
    QuoteAck = 116,

    /// <summary>Server (schema 2): the account's market-maker protection was set, reset or tripped, or a reset was refused.</summary>
    MarketMakerProtection = 117,
}
