/**
 * The protocol's numbers (docs/WEBSOCKET.md): template ids and enumerations, with the core's reject and
 * cancel reasons (docs/CORE.md) under the same names.
 */

/** Template ids of docs/WEBSOCKET.md. Never reused. */
export const TemplateId = {
    Login: 1,
    PlaceOrder: 2,
    CancelOrder: 3,
    AmendOrder: 4,
    CancelReplace: 5,
    MassCancel: 6,
    OrderStatusRequest: 7,
    Subscribe: 8,
    Unsubscribe: 9,
    InstrumentListRequest: 10,
    Ping: 11,
    Quote: 12,
    ResetMarketMakerProtection: 13,
    LoginAccepted: 101,
    Reject: 102,
    ExecutionReport: 103,
    CancelReject: 104,
    MassCancelReport: 105,
    Pong: 106,
    BalanceUpdate: 107,
    BookSnapshot: 110,
    BookUpdate: 111,
    Trade: 112,
    Bbo: 113,
    InstrumentList: 114,
    Goodbye: 115,
    QuoteAck: 116,
    MarketMakerProtection: 117,
} as const;

export type MessageName = keyof typeof TemplateId;

/** Enumerations of the protocol (the core's numbers). */
export const Side = { Buy: 1, Sell: 2 } as const;
export const OrderType = { Limit: 1, Market: 2 } as const;
export const TimeInForce = { Default: 0, GTC: 1, IOC: 2, FOK: 3, GTD: 4 } as const;
export const SelfTradePrevention = {
    None: 0,
    CancelTaker: 1,
    CancelMaker: 2,
    CancelBoth: 3,
    DecrementAndCancel: 4,
} as const;
/** PlaceOrder flags: bit 0 post-only; the other bits are reserved and must be 0. */
export const OrderFlags = { PostOnly: 1 } as const;
/** PlaceOrder triggerType (schema 2): what makes a conditional order enter the book (the core's numbers). */
export const TriggerType = {
    None: 0,
    /** Stop (stop-loss): a buy triggers when the last trade is at or above the stop price, a sell at or below. */
    Stop: 1,
    /** Take-profit (if-touched): a buy triggers when the last trade is at or below the stop price, a sell at or above. */
    TakeProfit: 2,
    /** A stop whose price follows the best last trade price at a distance in ticks or basis points. */
    TrailingStop: 3,
} as const;
/** PlaceOrder contingencyType (schema 2): how an order is tied to another live order of the account. */
export const ContingencyType = { None: 0, OneCancelsOther: 1 } as const;
/** ExecutionReport flags (schema 2): bit 0 a quote leg. */
export const ExecutionReportFlags = { Quote: 1 } as const;
/** MarketMakerProtection status (schema 2); 0 in a refused reset. */
export const MarketMakerProtectionStatus = { Active: 1, Tripped: 2 } as const;
/** Subscribe channels, a bit set: at least one. */
export const Channels = { Book: 1, Trades: 2, Bbo: 4, All: 7 } as const;
/** BookUpdate action. */
export const BookAction = { New: 0, Change: 1, Delete: 2 } as const;
/** InstrumentList status. */
export const InstrumentStatus = { Trading: 1, Halted: 2, CancelOnly: 3 } as const;
/** FIX ExecType (150) characters. */
export const ExecType = {
    New: '0',
    Cancelled: '4',
    Replaced: '5',
    Rejected: '8',
    Expired: 'C',
    Restated: 'D',
    Trade: 'F',
    OrderStatus: 'I',
    /** A waiting stop, take-profit or trailing stop triggered (schema 2). */
    Triggered: 'L',
} as const;
/** FIX OrdStatus (39) characters. */
export const OrdStatus = {
    New: '0',
    PartiallyFilled: '1',
    Filled: '2',
    Cancelled: '4',
    Replaced: '5',
    Rejected: '8',
    Expired: 'C',
} as const;
/** ExecutionReport role: the order's own event, the taker's fill, the maker's fill. */
export const Role = { Event: 'E', Taker: 'T', Maker: 'M' } as const;

/** Reject codes: 1–999 the core's reject reasons (docs/CORE.md), from 1000 the gateway's. */
export const RejectCode = {
    UnknownCommand: 1,
    UnknownInstrument: 2,
    UnknownAccount: 3,
    UnknownAsset: 4,
    UnknownOrder: 5,
    InstrumentHalted: 6,
    InstrumentCancelOnly: 7,
    InvalidSide: 8,
    InvalidOrderType: 9,
    InvalidTimeInForce: 10,
    InvalidQuantity: 11,
    InvalidPrice: 12,
    QuantityBelowMinimum: 13,
    NotionalBelowMinimum: 14,
    InsufficientFunds: 15,
    PostOnlyWouldTake: 16,
    DuplicateClientOrderId: 17,
    InvalidExpireTime: 18,
    InvalidSelfTradePrevention: 19,
    AmendNoChange: 20,
    InvalidOrderOption: 21,
    ValueOverflow: 22,
    DuplicateAsset: 23,
    DuplicateInstrument: 24,
    DuplicateAccount: 25,
    InvalidAsset: 26,
    InvalidInstrument: 27,
    InstrumentHasOrders: 28,
    InvalidFeeTier: 29,
    InvalidAmount: 30,
    UnknownWithdrawal: 31,
    DuplicateWithdrawal: 32,
    InvalidClientOrderId: 33,
    InvalidStatus: 34,
    DuplicateDeposit: 35,
    AccountHalted: 36,
    OpenOrderLimit: 37,
    OrderQuantityLimit: 38,
    OrderNotionalLimit: 39,
    InvalidLimit: 40,
    PriceOutsideBand: 41,
    InvalidTrigger: 42,
    UnknownLinkedOrder: 43,
    InvalidContingency: 44,
    MarketMakerProtection: 45,
    NoReferencePrice: 46,
    WouldTriggerImmediately: 47,
    InvalidQuote: 48,
    Malformed: 1000,
    UnknownTemplate: 1001,
    UnsupportedVersion: 1002,
    NotLoggedIn: 1003,
    AlreadyLoggedIn: 1004,
    AuthenticationFailed: 1005,
    StaleTimestamp: 1006,
    NonceReused: 1007,
    RateLimited: 1008,
    SystemBusy: 1009,
    TooManySubscriptions: 1010,
    InvalidSubscription: 1011,
    MessageTooLarge: 1012,
    SlowConsumer: 1013,
    ServerStopping: 1014,
    TextMessage: 1015,
    TooManyConnections: 1016,
} as const;

/** The core's cancel reasons (ExecutionReport.cancelReason). */
export const CancelReason = {
    User: 1,
    ImmediateOrCancel: 2,
    FillOrKill: 3,
    SelfTradePrevention: 4,
    Expired: 5,
    MassCancel: 6,
    FundsExhausted: 7,
    SessionDisconnected: 8,
    AccountHalted: 9,
    PriceBand: 10,
    /** Its one-cancels-other partner traded or was cancelled. */
    Contingency: 11,
    CircuitBreaker: 12,
    /** A quote leg replaced by the account's next quote on the instrument. */
    QuoteReplaced: 13,
    /** A quote leg pulled because the account's market-maker protection tripped. */
    MarketMakerProtection: 14,
} as const;

const rejectCodeNames = new Map<number, string>(Object.entries(RejectCode).map(([name, code]) => [code, name]));

/** The name of a reject code ("UnknownOrder"), or "code N" for one this client does not know. */
export function rejectCodeName(code: number): string {
    return rejectCodeNames.get(code) ?? `code ${code}`;
}
