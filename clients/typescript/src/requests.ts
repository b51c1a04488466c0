/** What the client's requests take, and the errors they end with. */
import { rejectCodeName, type Reject } from './codec.js';

/** The server refused a request with a Reject. */
export class MatcherRejectError extends Error {
    override readonly name = 'MatcherRejectError';
    readonly code: number;
    readonly reject: Reject;

    constructor(what: string, reject: Reject) {
        super(`${what} rejected: ${rejectCodeName(reject.code)} (${reject.code})${reject.text ? ': ' + reject.text : ''}`);
        this.code = reject.code;
        this.reject = reject;
    }
}

/** The connection closed, or was not open, while a request waited for its answer. */
export class ConnectionClosedError extends Error {
    override readonly name = 'ConnectionClosedError';
}

/** A request's answer did not arrive within the client's requestTimeoutMs. */
export class RequestTimeoutError extends Error {
    override readonly name = 'RequestTimeoutError';
}

export interface PlaceOrderParams {
    instrumentId: number;
    /** {@link Side}: 1 buy, 2 sell. */
    side: number;
    /** Required; unique among the account's live orders; printable ASCII, at most 32 characters. */
    clOrdId: string;
    /** Limit price in ticks; omit (or 0) for a market order. */
    priceTicks?: bigint;
    quantityLots?: bigint;
    /** A market buy's budget in quote units instead of a quantity. */
    quoteBudget?: bigint;
    /** Default: limit when priceTicks is given, else market. */
    orderType?: number;
    /** Default 0: GTC for a limit order, IOC for a market order. */
    timeInForce?: number;
    /** For GTD. */
    expireTimeNs?: bigint;
    selfTradePrevention?: number;
    postOnly?: boolean;
    /**
     * {@link TriggerType}: a stop, take-profit or trailing stop waits off the book until the last trade
     * price reaches its stop price, then enters as the limit or market order it is.
     */
    triggerType?: number;
    /** The trigger price in ticks (stop and take-profit). */
    stopPriceTicks?: bigint;
    /** A trailing stop's distance in ticks (or trailingOffsetBps). */
    trailingOffsetTicks?: bigint;
    /** A trailing stop's distance in basis points (or trailingOffsetTicks). */
    trailingOffsetBps?: bigint;
    /** An iceberg's display quantity in lots. */
    displayLots?: bigint;
    /** Ties the order to this live order of the account (one cancels the other). */
    linkedOrderId?: bigint;
    /** Ties the order to the live order of the account with this clOrdId (one cancels the other). */
    linkedClOrdId?: string;
    /** {@link ContingencyType}; default one-cancels-other when a linked order is named, else none. */
    contingencyType?: number;
}

/** Names the order by its id, or (orderId 0 or omitted) by its clOrdId. */
export interface OrderRef {
    orderId?: bigint;
    origClOrdId?: string;
}

export interface CancelOrderParams extends OrderRef {
    /** This request's own id, optional, echoed in the report. */
    clOrdId?: string;
}

export interface AmendOrderParams extends OrderRef {
    /** Omit (or 0) to keep the price. */
    newPriceTicks?: bigint;
    /** New total quantity; omit (or 0) to keep it. */
    newQuantityLots?: bigint;
    /** A waiting stop or take-profit order's new trigger price; omit (or 0) to keep it. */
    newStopPriceTicks?: bigint;
}

export interface CancelReplaceParams extends AmendOrderParams {
    /** The order's new clOrdId, required. */
    clOrdId: string;
}

/**
 * A two-sided quote: a side not quoted has price and lots 0 (omitted; a price without lots is
 * `InvalidQuote`); a quote with neither side withdraws the previous one.
 */
export interface QuoteParams {
    instrumentId: number;
    /** The quote's id, the legs' clOrdId in their reports: printable ASCII, 1 to 32 characters. */
    quoteId: string;
    bidPriceTicks?: bigint;
    bidLots?: bigint;
    askPriceTicks?: bigint;
    askLots?: bigint;
}

export interface MassCancelParams {
    /** Omit (or 0) for all instruments. */
    instrumentId?: number;
    /** Omit (or 0) for both sides. */
    side?: number;
}

export interface OrderStatusParams {
    orderId?: bigint;
    /** When orderId is 0 or omitted. */
    clOrdId?: string;
}

export interface SubscribeOptions {
    /** Levels per side in the snapshot; 0 (default): the whole book. */
    depth?: number;
    /** {@link Channels} bits; default all three. */
    channels?: number;
}
