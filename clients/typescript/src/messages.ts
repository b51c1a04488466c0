/** The messages of docs/WEBSOCKET.md as plain objects: one interface per template. */
import type { MessageName } from './enums.js';


export interface Login {
    type: 'Login';
    apiKey: string;
    timestampNs: bigint;
    nonce: bigint;
    /** 32 bytes of HMAC-SHA256; see `signLogin` in client.ts. */
    signature: Uint8Array;
}

export interface PlaceOrder {
    type: 'PlaceOrder';
    requestId: bigint;
    priceTicks: bigint;
    quantityLots: bigint;
    quoteBudget: bigint;
    expireTimeNs: bigint;
    instrumentId: number;
    side: number;
    orderType: number;
    timeInForce: number;
    selfTradePrevention: number;
    flags: number;
    clOrdId: string;
    /** Schema 2: the trigger price in ticks (stop and take-profit); else 0. */
    stopPriceTicks: bigint;
    /** Schema 2: a trailing stop's distance in ticks (or trailingOffsetBps); else 0. */
    trailingOffsetTicks: bigint;
    /** Schema 2: a trailing stop's distance in basis points (or trailingOffsetTicks); else 0. */
    trailingOffsetBps: bigint;
    /** Schema 2: an iceberg's display quantity; 0: the whole order shows. */
    displayLots: bigint;
    /** Schema 2: the live order of the account to tie this one to; 0: by linkedClOrdId. */
    linkedOrderId: bigint;
    /** Schema 2: {@link TriggerType}. */
    triggerType: number;
    /** Schema 2: {@link ContingencyType}. */
    contingencyType: number;
    /** Schema 2: the tied order's clOrdId, when linkedOrderId is 0. */
    linkedClOrdId: string;
}

export interface CancelOrder {
    type: 'CancelOrder';
    requestId: bigint;
    orderId: bigint;
    origClOrdId: string;
    clOrdId: string;
}

export interface AmendOrder {
    type: 'AmendOrder';
    requestId: bigint;
    orderId: bigint;
    newPriceTicks: bigint;
    newQuantityLots: bigint;
    origClOrdId: string;
    /** Schema 2: a waiting stop or take-profit order's new trigger price; 0: unchanged. */
    newStopPriceTicks: bigint;
}

export interface CancelReplace {
    type: 'CancelReplace';
    requestId: bigint;
    orderId: bigint;
    newPriceTicks: bigint;
    newQuantityLots: bigint;
    origClOrdId: string;
    clOrdId: string;
    /** Schema 2: a waiting stop or take-profit order's new trigger price; 0: unchanged. */
    newStopPriceTicks: bigint;
}

export interface MassCancel {
    type: 'MassCancel';
    requestId: bigint;
    instrumentId: number;
    side: number;
}

export interface OrderStatusRequest {
    type: 'OrderStatusRequest';
    requestId: bigint;
    orderId: bigint;
    clOrdId: string;
}

export interface Subscribe {
    type: 'Subscribe';
    requestId: bigint;
    instrumentId: number;
    depth: number;
    channels: number;
}

export interface Unsubscribe {
    type: 'Unsubscribe';
    requestId: bigint;
    instrumentId: number;
}

export interface InstrumentListRequest {
    type: 'InstrumentListRequest';
    requestId: bigint;
}

export interface Ping {
    type: 'Ping';
    requestId: bigint;
}

/** Schema 2: a two-sided quote that replaces the account's previous one on the instrument. */
export interface Quote {
    type: 'Quote';
    requestId: bigint;
    bidPriceTicks: bigint;
    /** 0: no bid. */
    bidLots: bigint;
    askPriceTicks: bigint;
    /** 0: no ask. */
    askLots: bigint;
    instrumentId: number;
    /** The legs' clOrdId in their ExecutionReports. */
    quoteId: string;
}

/** Schema 2: lets an account whose market-maker protection tripped quote again. */
export interface ResetMarketMakerProtection {
    type: 'ResetMarketMakerProtection';
    requestId: bigint;
}

export interface LoginAccepted {
    type: 'LoginAccepted';
    accountId: bigint;
    connectionId: number;
    schemaVersion: number;
    serverTimeNs: bigint;
    messagesPerSecond: number;
    burst: number;
    maxMessageBytes: number;
}

export interface Reject {
    type: 'Reject';
    requestId: bigint;
    refTemplateId: number;
    code: number;
    text: string;
}

export interface ExecutionReport {
    type: 'ExecutionReport';
    requestId: bigint;
    orderId: bigint;
    execSequence: bigint;
    priceTicks: bigint;
    quantityLots: bigint;
    leavesLots: bigint;
    cumLots: bigint;
    lastPriceTicks: bigint;
    lastLots: bigint;
    avgPriceTicksE8: bigint;
    transactTimeNs: bigint;
    tradeId: bigint;
    accountId: bigint;
    instrumentId: number;
    execIndex: number;
    rejectCode: number;
    /** FIX ExecType character, see {@link ExecType}. */
    execType: string;
    /** FIX OrdStatus character, see {@link OrdStatus}. */
    ordStatus: string;
    side: number;
    orderType: number;
    timeInForce: number;
    cancelReason: number;
    /** 'E', 'T' or 'M', see {@link Role}. */
    role: string;
    clOrdId: string;
    origClOrdId: string;
    /** Schema 2: the trigger price (a trailing stop's current one); 0 for an order without a trigger. */
    stopPriceTicks: bigint;
    /** Schema 2. */
    trailingOffsetTicks: bigint;
    /** Schema 2. */
    trailingOffsetBps: bigint;
    /** Schema 2: an iceberg's display quantity; 0: the whole order shows. */
    displayLots: bigint;
    /** Schema 2: the order's one-cancels-other partner; 0: none. */
    linkedOrderId: bigint;
    /** Schema 2: {@link TriggerType}, kept after the order triggered. */
    triggerType: number;
    /** Schema 2: {@link ExecutionReportFlags}: bit 0 a quote leg. */
    flags: number;
}

export interface CancelReject {
    type: 'CancelReject';
    requestId: bigint;
    orderId: bigint;
    rejectCode: number;
    ordStatus: string;
    /** '1' cancel, '2' amend or cancel-replace. */
    responseTo: string;
    clOrdId: string;
    origClOrdId: string;
}

export interface MassCancelReport {
    type: 'MassCancelReport';
    requestId: bigint;
    affectedOrders: number;
    rejectCode: number;
}

export interface Pong {
    type: 'Pong';
    requestId: bigint;
    serverTimeNs: bigint;
}

export interface BalanceUpdate {
    type: 'BalanceUpdate';
    accountId: bigint;
    available: bigint;
    locked: bigint;
    assetId: number;
}

/** One price level of a BookSnapshot. */
export interface BookLevel {
    priceTicks: bigint;
    lots: bigint;
    orderCount: number;
}

export interface BookSnapshot {
    type: 'BookSnapshot';
    requestId: bigint;
    bookSequence: bigint;
    tradeSequence: bigint;
    instrumentId: number;
    channels: number;
    /** Best first. */
    bids: BookLevel[];
    /** Best first. */
    asks: BookLevel[];
}

export interface BookUpdate {
    type: 'BookUpdate';
    bookSequence: bigint;
    priceTicks: bigint;
    lots: bigint;
    instrumentId: number;
    orderCount: number;
    side: number;
    action: number;
}

export interface Trade {
    type: 'Trade';
    tradeSequence: bigint;
    tradeId: bigint;
    priceTicks: bigint;
    lots: bigint;
    timestampNs: bigint;
    instrumentId: number;
    aggressorSide: number;
}

export interface Bbo {
    type: 'Bbo';
    bookSequence: bigint;
    bidPriceTicks: bigint;
    bidLots: bigint;
    askPriceTicks: bigint;
    askLots: bigint;
    instrumentId: number;
}

/** One entry of an InstrumentList. */
export interface InstrumentInfo {
    instrumentId: number;
    status: number;
    tickScale: number;
    lotScale: number;
    tickMantissa: bigint;
    lotMantissa: bigint;
    minQuantityLots: bigint;
    minNotional: bigint;
    symbol: string;
    baseAsset: string;
    quoteAsset: string;
}

export interface InstrumentList {
    type: 'InstrumentList';
    requestId: bigint;
    instruments: InstrumentInfo[];
}

export interface Goodbye {
    type: 'Goodbye';
    code: number;
    text: string;
}

/** Schema 2: a quote's outcome, after its legs' ExecutionReports. */
export interface QuoteAck {
    type: 'QuoteAck';
    requestId: bigint;
    /** 0: no bid, or refused. */
    bidOrderId: bigint;
    /** 0: no ask, or refused. */
    askOrderId: bigint;
    bidPriceTicks: bigint;
    bidLots: bigint;
    askPriceTicks: bigint;
    askLots: bigint;
    transactTimeNs: bigint;
    instrumentId: number;
    /** 0: applied; else the core's reject reason, and the previous quote stands. */
    rejectCode: number;
    quoteId: string;
}

/** Schema 2: the account's market-maker protection after a change, or a refused reset. */
export interface MarketMakerProtection {
    type: 'MarketMakerProtection';
    /** The reset's requestId when this answers one of this connection's; else 0. */
    requestId: bigint;
    accountId: bigint;
    /** 0: protection off. */
    windowNs: bigint;
    quantityLots: bigint;
    maxFills: number;
    /** 0: applied; else why a reset was refused. */
    rejectCode: number;
    /** {@link MarketMakerProtectionStatus}; 0 in a refusal. */
    status: number;
}

export type ClientMessage =
    | Login
    | PlaceOrder
    | CancelOrder
    | AmendOrder
    | CancelReplace
    | MassCancel
    | OrderStatusRequest
    | Subscribe
    | Unsubscribe
    | InstrumentListRequest
    | Ping
    | Quote
    | ResetMarketMakerProtection;

export type ServerMessage =
    | LoginAccepted
    | Reject
    | ExecutionReport
    | CancelReject
    | MassCancelReport
    | Pong
    | BalanceUpdate
    | BookSnapshot
    | BookUpdate
    | Trade
    | Bbo
    | InstrumentList
    | Goodbye
    | QuoteAck
    | MarketMakerProtection;

export type Message = ClientMessage | ServerMessage;

/** The message of a given name, e.g. `MessageOf<'Trade'>` is {@link Trade}. */
export type MessageOf<N extends MessageName> = Extract<Message, { type: N }>;
