/**
 * The binary WebSocket protocol of docs/WEBSOCKET.md (schema 1): fixed little-endian layouts, one
 * message per WebSocket binary message.
 *
 * The layouts are written once, as data ({@link templates}), and one encoder and one decoder walk
 * them: a field's offset is stated in exactly one place, the same place the spec's tables state it.
 * i64 and u64 are `bigint`; smaller integers are `number`; `char[N]` fields are strings; the FIX
 * characters carried in a `u8` (execType, ordStatus, role, responseTo) are one-character strings.
 *
 * Decoding is meant for untrusted input: every malformed buffer throws a {@link ProtocolError},
 * never another exception type and never a half-read message.
 */

/** The schema version this codec writes. It reads any version from 1 up (newer fields are ignored). */
export const SCHEMA_VERSION = 1;

/** Every message starts with `u32 length`, `u16 templateId`, `u16 schemaVersion`. */
export const HEADER_LENGTH = 8;

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
} as const;

const rejectCodeNames = new Map<number, string>(Object.entries(RejectCode).map(([name, code]) => [code, name]));

/** The name of a reject code ("UnknownOrder"), or "code N" for one this client does not know. */
export function rejectCodeName(code: number): string {
    return rejectCodeNames.get(code) ?? `code ${code}`;
}

// ---------------------------------------------------------------------------------------------
// Message types
// ---------------------------------------------------------------------------------------------

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
}

export interface CancelReplace {
    type: 'CancelReplace';
    requestId: bigint;
    orderId: bigint;
    newPriceTicks: bigint;
    newQuantityLots: bigint;
    origClOrdId: string;
    clOrdId: string;
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
    | Ping;

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
    | Goodbye;

export type Message = ClientMessage | ServerMessage;

/** The message of a given name, e.g. `MessageOf<'Trade'>` is {@link Trade}. */
export type MessageOf<N extends MessageName> = Extract<Message, { type: N }>;

// ---------------------------------------------------------------------------------------------
// Layouts
// ---------------------------------------------------------------------------------------------

/**
 * Field types: integers; `char` a `char[length]` text; `fixchar` one FIX character in a `u8`
 * (zero reads as the empty string); `bytes` a `u8[length]` array.
 */
export type FieldType = 'u8' | 'u16' | 'u32' | 'i32' | 'i64' | 'u64' | 'char' | 'fixchar' | 'bytes';

export interface FieldLayout {
    readonly name: string;
    readonly offset: number;
    readonly type: FieldType;
    /** For `char` and `bytes`: the size in bytes. */
    readonly length?: number;
}

export interface GroupLayout {
    readonly name: string;
    /** The entry length this version writes and the least it reads. */
    readonly entryLength: number;
    readonly fields: readonly FieldLayout[];
}

export interface TemplateLayout {
    readonly name: MessageName;
    readonly templateId: number;
    /** Who sends it: the client, or the server. */
    readonly direction: 'client' | 'server';
    /** The fixed block, header included; repeating groups follow it in order. */
    readonly blockLength: number;
    readonly fields: readonly FieldLayout[];
    readonly groups: readonly GroupLayout[];
}

const f = (name: string, offset: number, type: FieldType, length?: number): FieldLayout =>
    length === undefined ? { name, offset, type } : { name, offset, type, length };

const bookLevelGroup = (name: string): GroupLayout => ({
    name,
    entryLength: 20,
    fields: [f('priceTicks', 0, 'i64'), f('lots', 8, 'i64'), f('orderCount', 16, 'i32')],
});

const layoutList: TemplateLayout[] = [
    {
        name: 'Login', templateId: 1, direction: 'client', blockLength: 88, groups: [],
        fields: [f('apiKey', 8, 'char', 32), f('timestampNs', 40, 'i64'), f('nonce', 48, 'u64'), f('signature', 56, 'bytes', 32)],
    },
    {
        name: 'PlaceOrder', templateId: 2, direction: 'client', blockLength: 96, groups: [],
        fields: [
            f('requestId', 8, 'u64'), f('priceTicks', 16, 'i64'), f('quantityLots', 24, 'i64'),
            f('quoteBudget', 32, 'i64'), f('expireTimeNs', 40, 'i64'), f('instrumentId', 48, 'i32'),
            f('side', 52, 'u8'), f('orderType', 53, 'u8'), f('timeInForce', 54, 'u8'),
            f('selfTradePrevention', 55, 'u8'), f('flags', 56, 'u8'), f('clOrdId', 64, 'char', 32),
        ],
    },
    {
        name: 'CancelOrder', templateId: 3, direction: 'client', blockLength: 88, groups: [],
        fields: [f('requestId', 8, 'u64'), f('orderId', 16, 'i64'), f('origClOrdId', 24, 'char', 32), f('clOrdId', 56, 'char', 32)],
    },
    {
        name: 'AmendOrder', templateId: 4, direction: 'client', blockLength: 72, groups: [],
        fields: [
            f('requestId', 8, 'u64'), f('orderId', 16, 'i64'), f('newPriceTicks', 24, 'i64'),
            f('newQuantityLots', 32, 'i64'), f('origClOrdId', 40, 'char', 32),
        ],
    },
    {
        name: 'CancelReplace', templateId: 5, direction: 'client', blockLength: 104, groups: [],
        fields: [
            f('requestId', 8, 'u64'), f('orderId', 16, 'i64'), f('newPriceTicks', 24, 'i64'),
            f('newQuantityLots', 32, 'i64'), f('origClOrdId', 40, 'char', 32), f('clOrdId', 72, 'char', 32),
        ],
    },
    {
        name: 'MassCancel', templateId: 6, direction: 'client', blockLength: 24, groups: [],
        fields: [f('requestId', 8, 'u64'), f('instrumentId', 16, 'i32'), f('side', 20, 'u8')],
    },
    {
        name: 'OrderStatusRequest', templateId: 7, direction: 'client', blockLength: 56, groups: [],
        fields: [f('requestId', 8, 'u64'), f('orderId', 16, 'i64'), f('clOrdId', 24, 'char', 32)],
    },
    {
        name: 'Subscribe', templateId: 8, direction: 'client', blockLength: 24, groups: [],
        fields: [f('requestId', 8, 'u64'), f('instrumentId', 16, 'i32'), f('depth', 20, 'u16'), f('channels', 22, 'u8')],
    },
    {
        name: 'Unsubscribe', templateId: 9, direction: 'client', blockLength: 24, groups: [],
        fields: [f('requestId', 8, 'u64'), f('instrumentId', 16, 'i32')],
    },
    {
        name: 'InstrumentListRequest', templateId: 10, direction: 'client', blockLength: 16, groups: [],
        fields: [f('requestId', 8, 'u64')],
    },
    {
        name: 'Ping', templateId: 11, direction: 'client', blockLength: 16, groups: [],
        fields: [f('requestId', 8, 'u64')],
    },
    {
        name: 'LoginAccepted', templateId: 101, direction: 'server', blockLength: 48, groups: [],
        fields: [
            f('accountId', 8, 'i64'), f('connectionId', 16, 'i32'), f('schemaVersion', 20, 'u16'),
            f('serverTimeNs', 24, 'i64'), f('messagesPerSecond', 32, 'u32'), f('burst', 36, 'u32'),
            f('maxMessageBytes', 40, 'u32'),
        ],
    },
    {
        name: 'Reject', templateId: 102, direction: 'server', blockLength: 88, groups: [],
        fields: [f('requestId', 8, 'u64'), f('refTemplateId', 16, 'u16'), f('code', 18, 'u16'), f('text', 24, 'char', 64)],
    },
    {
        name: 'ExecutionReport', templateId: 103, direction: 'server', blockLength: 192, groups: [],
        fields: [
            f('requestId', 8, 'u64'), f('orderId', 16, 'i64'), f('execSequence', 24, 'i64'),
            f('priceTicks', 32, 'i64'), f('quantityLots', 40, 'i64'), f('leavesLots', 48, 'i64'),
            f('cumLots', 56, 'i64'), f('lastPriceTicks', 64, 'i64'), f('lastLots', 72, 'i64'),
            f('avgPriceTicksE8', 80, 'i64'), f('transactTimeNs', 88, 'i64'), f('tradeId', 96, 'i64'),
            f('accountId', 104, 'i64'), f('instrumentId', 112, 'i32'), f('execIndex', 116, 'u16'),
            f('rejectCode', 118, 'u16'), f('execType', 120, 'fixchar'), f('ordStatus', 121, 'fixchar'),
            f('side', 122, 'u8'), f('orderType', 123, 'u8'), f('timeInForce', 124, 'u8'),
            f('cancelReason', 125, 'u8'), f('role', 126, 'fixchar'), f('clOrdId', 128, 'char', 32),
            f('origClOrdId', 160, 'char', 32),
        ],
    },
    {
        name: 'CancelReject', templateId: 104, direction: 'server', blockLength: 96, groups: [],
        fields: [
            f('requestId', 8, 'u64'), f('orderId', 16, 'i64'), f('rejectCode', 24, 'u16'),
            f('ordStatus', 26, 'fixchar'), f('responseTo', 27, 'fixchar'), f('clOrdId', 32, 'char', 32),
            f('origClOrdId', 64, 'char', 32),
        ],
    },
    {
        name: 'MassCancelReport', templateId: 105, direction: 'server', blockLength: 24, groups: [],
        fields: [f('requestId', 8, 'u64'), f('affectedOrders', 16, 'i32'), f('rejectCode', 20, 'u16')],
    },
    {
        name: 'Pong', templateId: 106, direction: 'server', blockLength: 24, groups: [],
        fields: [f('requestId', 8, 'u64'), f('serverTimeNs', 16, 'i64')],
    },
    {
        name: 'BalanceUpdate', templateId: 107, direction: 'server', blockLength: 40, groups: [],
        fields: [f('accountId', 8, 'i64'), f('available', 16, 'i64'), f('locked', 24, 'i64'), f('assetId', 32, 'i32')],
    },
    {
        name: 'BookSnapshot', templateId: 110, direction: 'server', blockLength: 40,
        fields: [
            f('requestId', 8, 'u64'), f('bookSequence', 16, 'i64'), f('tradeSequence', 24, 'i64'),
            f('instrumentId', 32, 'i32'), f('channels', 36, 'u8'),
        ],
        groups: [bookLevelGroup('bids'), bookLevelGroup('asks')],
    },
    {
        name: 'BookUpdate', templateId: 111, direction: 'server', blockLength: 48, groups: [],
        fields: [
            f('bookSequence', 8, 'i64'), f('priceTicks', 16, 'i64'), f('lots', 24, 'i64'),
            f('instrumentId', 32, 'i32'), f('orderCount', 36, 'i32'), f('side', 40, 'u8'), f('action', 41, 'u8'),
        ],
    },
    {
        name: 'Trade', templateId: 112, direction: 'server', blockLength: 56, groups: [],
        fields: [
            f('tradeSequence', 8, 'i64'), f('tradeId', 16, 'i64'), f('priceTicks', 24, 'i64'),
            f('lots', 32, 'i64'), f('timestampNs', 40, 'i64'), f('instrumentId', 48, 'i32'),
            f('aggressorSide', 52, 'u8'),
        ],
    },
    {
        name: 'Bbo', templateId: 113, direction: 'server', blockLength: 56, groups: [],
        fields: [
            f('bookSequence', 8, 'i64'), f('bidPriceTicks', 16, 'i64'), f('bidLots', 24, 'i64'),
            f('askPriceTicks', 32, 'i64'), f('askLots', 40, 'i64'), f('instrumentId', 48, 'i32'),
        ],
    },
    {
        name: 'InstrumentList', templateId: 114, direction: 'server', blockLength: 16,
        fields: [f('requestId', 8, 'u64')],
        groups: [
            {
                name: 'instruments',
                entryLength: 88,
                fields: [
                    f('instrumentId', 0, 'i32'), f('status', 4, 'u8'), f('tickScale', 5, 'u8'), f('lotScale', 6, 'u8'),
                    f('tickMantissa', 8, 'i64'), f('lotMantissa', 16, 'i64'), f('minQuantityLots', 24, 'i64'),
                    f('minNotional', 32, 'i64'), f('symbol', 40, 'char', 16), f('baseAsset', 56, 'char', 16),
                    f('quoteAsset', 72, 'char', 16),
                ],
            },
        ],
    },
    {
        name: 'Goodbye', templateId: 115, direction: 'server', blockLength: 80, groups: [],
        fields: [f('code', 8, 'u16'), f('text', 16, 'char', 64)],
    },
];

/** Every template's layout, by name. Read-only data: the tests use it to walk golden vectors. */
export const templates: Readonly<Record<MessageName, TemplateLayout>> = Object.freeze(
    Object.fromEntries(layoutList.map((t) => [t.name, Object.freeze(t)])) as Record<MessageName, TemplateLayout>,
);

const layoutsById = new Map<number, TemplateLayout>(layoutList.map((t) => [t.templateId, t]));

/** The layout of a template id, or undefined for an id this client does not know. */
export function layoutOf(templateId: number): TemplateLayout | undefined {
    return layoutsById.get(templateId);
}

/** The least length of a message of this template: the fixed block and an empty header per group. */
export function minimumLength(layout: TemplateLayout): number {
    return layout.blockLength + 4 * layout.groups.length;
}

const fieldWidth: Record<Exclude<FieldType, 'char' | 'bytes'>, number> = {
    u8: 1, u16: 2, u32: 4, i32: 4, i64: 8, u64: 8, fixchar: 1,
};

/** The size of a field in bytes. */
export function fieldSize(field: FieldLayout): number {
    return field.type === 'char' || field.type === 'bytes' ? field.length! : fieldWidth[field.type];
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/** Which rule a buffer or a value broke; the names of the gateway's reject codes where they match. */
export type ProtocolErrorKind = 'Malformed' | 'UnknownTemplate' | 'UnsupportedVersion' | 'InvalidValue';

/** A buffer that is not a valid message, or a value that cannot be encoded. */
export class ProtocolError extends Error {
    override readonly name = 'ProtocolError';
    readonly kind: ProtocolErrorKind;
    /** The template id, when the header could be read. */
    readonly templateId: number | undefined;

    constructor(kind: ProtocolErrorKind, message: string, templateId?: number) {
        super(message);
        this.kind = kind;
        this.templateId = templateId;
    }
}

// ---------------------------------------------------------------------------------------------
// Encoding
// ---------------------------------------------------------------------------------------------

const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;
const U64_MAX = (1n << 64n) - 1n;

const intRanges: Record<'u8' | 'u16' | 'u32' | 'i32', [number, number]> = {
    u8: [0, 0xff],
    u16: [0, 0xffff],
    u32: [0, 0xffffffff],
    i32: [-0x80000000, 0x7fffffff],
};

function invalid(layout: TemplateLayout, field: string, why: string): ProtocolError {
    return new ProtocolError('InvalidValue', `${layout.name}.${field}: ${why}`, layout.templateId);
}

function writeField(view: DataView, bytes: Uint8Array, base: number, field: FieldLayout, value: unknown, layout: TemplateLayout, path: string): void {
    const at = base + field.offset;
    switch (field.type) {
        case 'u8':
        case 'u16':
        case 'u32':
        case 'i32': {
            const [min, max] = intRanges[field.type];
            if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
                throw invalid(layout, path, `expected an integer ${min}..${max} (${field.type}), got ${describe(value)}`);
            }
            if (field.type === 'u8') view.setUint8(at, value);
            else if (field.type === 'u16') view.setUint16(at, value, true);
            else if (field.type === 'u32') view.setUint32(at, value, true);
            else view.setInt32(at, value, true);
            return;
        }
        case 'i64':
        case 'u64': {
            if (typeof value !== 'bigint') {
                throw invalid(layout, path, `expected a bigint (${field.type}), got ${describe(value)}`);
            }
            if (field.type === 'i64') {
                if (value < I64_MIN || value > I64_MAX) throw invalid(layout, path, `${value} does not fit in an i64`);
                view.setBigInt64(at, value, true);
            } else {
                if (value < 0n || value > U64_MAX) throw invalid(layout, path, `${value} does not fit in a u64`);
                view.setBigUint64(at, value, true);
            }
            return;
        }
        case 'char': {
            if (typeof value !== 'string') throw invalid(layout, path, `expected a string, got ${describe(value)}`);
            if (value.length > field.length!) {
                throw invalid(layout, path, `"${value}" is longer than ${field.length} characters`);
            }
            for (let i = 0; i < value.length; i++) {
                const c = value.charCodeAt(i);
                if (c < 0x20 || c > 0x7e) throw invalid(layout, path, `character ${i} (code ${c}) is not printable ASCII`);
                bytes[at + i] = c;
            }
            return;
        }
        case 'fixchar': {
            if (typeof value !== 'string' || value.length > 1) {
                throw invalid(layout, path, `expected one character or the empty string, got ${describe(value)}`);
            }
            if (value.length === 1) {
                const c = value.charCodeAt(0);
                if (c < 0x20 || c > 0x7e) throw invalid(layout, path, `code ${c} is not printable ASCII`);
                bytes[at] = c;
            }
            return;
        }
        case 'bytes': {
            if (!(value instanceof Uint8Array) || value.length !== field.length) {
                throw invalid(layout, path, `expected a Uint8Array of ${field.length} bytes, got ${describe(value)}`);
            }
            bytes.set(value, at);
            return;
        }
    }
}

function describe(value: unknown): string {
    if (value === undefined) return 'nothing';
    if (value === null) return 'null';
    if (value instanceof Uint8Array) return `${value.length} bytes`;
    if (typeof value === 'string') return `"${value}"`;
    if (typeof value === 'bigint') return `${value}n`;
    if (typeof value === 'number') return String(value);
    return typeof value;
}

/**
 * Encodes a message in schema version {@link SCHEMA_VERSION}. Every field must be given; pad bytes
 * are zero. Throws a {@link ProtocolError} (kind `InvalidValue`) for a value that does not fit its
 * field: a number out of range, a bigint where a number is expected or the reverse, a text that is
 * too long or not printable ASCII, reserved PlaceOrder flag bits.
 */
export function encode(message: Message): Uint8Array {
    const type = (message as { type?: unknown } | null)?.type;
    if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(templates, type)) {
        throw new ProtocolError('InvalidValue', `unknown message type ${describe(type)}`);
    }
    const layout = templates[type as MessageName];
    const values = message as unknown as Record<string, unknown>;
    let length = layout.blockLength;
    const groupEntries: unknown[][] = [];
    for (const group of layout.groups) {
        const entries = values[group.name];
        if (!Array.isArray(entries)) throw invalid(layout, group.name, `expected an array, got ${describe(entries)}`);
        if (entries.length > 0xffff) throw invalid(layout, group.name, `${entries.length} entries; a group holds at most 65535`);
        groupEntries.push(entries);
        length += 4 + group.entryLength * entries.length;
    }
    const bytes = new Uint8Array(length);
    const view = new DataView(bytes.buffer);
    view.setUint32(0, length, true);
    view.setUint16(4, layout.templateId, true);
    view.setUint16(6, SCHEMA_VERSION, true);
    for (const field of layout.fields) {
        writeField(view, bytes, 0, field, values[field.name], layout, field.name);
    }
    if (layout.name === 'PlaceOrder' && ((values.flags as number) & ~OrderFlags.PostOnly) !== 0) {
        throw invalid(layout, 'flags', `reserved bits set in ${values.flags as number}; only bit 0 (post-only) is defined`);
    }
    let position = layout.blockLength;
    layout.groups.forEach((group, g) => {
        const entries = groupEntries[g]!;
        view.setUint16(position, group.entryLength, true);
        view.setUint16(position + 2, entries.length, true);
        position += 4;
        entries.forEach((entry, i) => {
            if (typeof entry !== 'object' || entry === null) {
                throw invalid(layout, `${group.name}[${i}]`, `expected an object, got ${describe(entry)}`);
            }
            for (const field of group.fields) {
                writeField(view, bytes, position, field, (entry as Record<string, unknown>)[field.name], layout, `${group.name}[${i}].${field.name}`);
            }
            position += group.entryLength;
        });
    });
    return bytes;
}

// ---------------------------------------------------------------------------------------------
// Decoding
// ---------------------------------------------------------------------------------------------

/** The 8-byte header. */
export interface MessageHeader {
    length: number;
    templateId: number;
    schemaVersion: number;
}

function asBytes(data: ArrayBuffer | ArrayBufferView): Uint8Array {
    if (data instanceof Uint8Array) return data;
    if (data instanceof ArrayBuffer) return new Uint8Array(data);
    if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    throw new ProtocolError('Malformed', `expected an ArrayBuffer or a typed array, got ${describe(data)}`);
}

/** Reads and checks the header: at least 8 bytes, and `length` equal to the buffer's length. */
export function decodeHeader(data: ArrayBuffer | ArrayBufferView): MessageHeader {
    const bytes = asBytes(data);
    if (bytes.byteLength < HEADER_LENGTH) {
        throw new ProtocolError('Malformed', `a message of ${bytes.byteLength} bytes is shorter than the ${HEADER_LENGTH}-byte header`);
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const header = {
        length: view.getUint32(0, true),
        templateId: view.getUint16(4, true),
        schemaVersion: view.getUint16(6, true),
    };
    if (header.length !== bytes.byteLength) {
        throw new ProtocolError(
            'Malformed',
            `the header says ${header.length} bytes but the message has ${bytes.byteLength}`,
            header.templateId,
        );
    }
    return header;
}

function readField(view: DataView, bytes: Uint8Array, base: number, field: FieldLayout, layout: TemplateLayout, path: string): unknown {
    const at = base + field.offset;
    switch (field.type) {
        case 'u8':
            return view.getUint8(at);
        case 'u16':
            return view.getUint16(at, true);
        case 'u32':
            return view.getUint32(at, true);
        case 'i32':
            return view.getInt32(at, true);
        case 'i64':
            return view.getBigInt64(at, true);
        case 'u64':
            return view.getBigUint64(at, true);
        case 'char':
            return readChars(bytes, at, field.length!, layout, path);
        case 'fixchar': {
            const c = bytes[at]!;
            if (c === 0) return '';
            if (c < 0x20 || c > 0x7e) {
                throw new ProtocolError('Malformed', `${layout.name}.${path}: byte 0x${hex2(c)} is not a printable ASCII character`, layout.templateId);
            }
            return String.fromCharCode(c);
        }
        case 'bytes':
            return bytes.slice(at, at + field.length!);
    }
}

function hex2(byte: number): string {
    return byte.toString(16).padStart(2, '0');
}

/** `char[N]`: printable ASCII up to the first zero byte, zeros after it. */
function readChars(bytes: Uint8Array, at: number, length: number, layout: TemplateLayout, path: string): string {
    let end = length;
    for (let i = 0; i < length; i++) {
        const c = bytes[at + i]!;
        if (c === 0) {
            end = i;
            break;
        }
        if (c < 0x20 || c > 0x7e) {
            throw new ProtocolError(
                'Malformed',
                `${layout.name}.${path}: byte ${i} (0x${hex2(c)}) is not printable ASCII`,
                layout.templateId,
            );
        }
    }
    for (let i = end + 1; i < length; i++) {
        if (bytes[at + i] !== 0) {
            throw new ProtocolError(
                'Malformed',
                `${layout.name}.${path}: non-zero byte ${i} after the terminating zero at ${end}`,
                layout.templateId,
            );
        }
    }
    return String.fromCharCode(...bytes.subarray(at, at + end));
}

/**
 * Decodes one message (client or server). Accepts any schema version from 1 up and ignores bytes
 * past the fields and group entries it knows. Throws a {@link ProtocolError} for a buffer shorter
 * than its header or its template, a header length different from the buffer's, an unknown
 * template id, schema version 0, a group whose entries are shorter than this version's or run past
 * the end, a `char[N]` field that breaks the text rules, or reserved PlaceOrder flag bits.
 */
export function decode(data: ArrayBuffer | ArrayBufferView): Message {
    const bytes = asBytes(data);
    const header = decodeHeader(bytes);
    const layout = layoutsById.get(header.templateId);
    if (layout === undefined) {
        throw new ProtocolError('UnknownTemplate', `unknown template id ${header.templateId}`, header.templateId);
    }
    if (header.schemaVersion < 1) {
        throw new ProtocolError('UnsupportedVersion', `${layout.name}: schema version 0; versions start at 1`, header.templateId);
    }
    const min = minimumLength(layout);
    if (header.length < min) {
        throw new ProtocolError(
            'Malformed',
            `${layout.name} of ${header.length} bytes is shorter than its ${min}-byte layout`,
            header.templateId,
        );
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const message: Record<string, unknown> = { type: layout.name };
    for (const field of layout.fields) {
        message[field.name] = readField(view, bytes, 0, field, layout, field.name);
    }
    if (layout.name === 'PlaceOrder' && ((message.flags as number) & ~OrderFlags.PostOnly) !== 0) {
        throw new ProtocolError('Malformed', `PlaceOrder.flags: reserved bits set in ${message.flags as number}`, layout.templateId);
    }
    let position = layout.blockLength;
    for (const group of layout.groups) {
        if (position + 4 > header.length) {
            throw new ProtocolError(
                'Malformed',
                `${layout.name}.${group.name}: the group header at ${position} runs past the end (${header.length} bytes)`,
                layout.templateId,
            );
        }
        const entryLength = view.getUint16(position, true);
        const count = view.getUint16(position + 2, true);
        position += 4;
        if (count > 0 && entryLength < group.entryLength) {
            throw new ProtocolError(
                'Malformed',
                `${layout.name}.${group.name}: entries of ${entryLength} bytes; at least ${group.entryLength} expected`,
                layout.templateId,
            );
        }
        const end = position + entryLength * count;
        if (end > header.length) {
            throw new ProtocolError(
                'Malformed',
                `${layout.name}.${group.name}: ${count} entries of ${entryLength} bytes from ${position} run past the end (${header.length} bytes)`,
                layout.templateId,
            );
        }
        const entries: Record<string, unknown>[] = new Array(count);
        for (let i = 0; i < count; i++) {
            const entry: Record<string, unknown> = {};
            for (const field of group.fields) {
                entry[field.name] = readField(view, bytes, position, field, layout, `${group.name}[${i}].${field.name}`);
            }
            entries[i] = entry;
            position += entryLength;
        }
        message[group.name] = entries;
    }
    return message as unknown as Message;
}

/** As {@link decode}, and a message the server never sends (a client template) is malformed too. */
export function decodeServerMessage(data: ArrayBuffer | ArrayBufferView): ServerMessage {
    const message = decode(data);
    if (templates[message.type].direction !== 'server') {
        throw new ProtocolError('Malformed', `${message.type} is a client message; the server does not send it`, templates[message.type].templateId);
    }
    return message as ServerMessage;
}

/** As {@link decode}, and a server template is malformed too (for a server written in TypeScript, or tests). */
export function decodeClientMessage(data: ArrayBuffer | ArrayBufferView): ClientMessage {
    const message = decode(data);
    if (templates[message.type].direction !== 'client') {
        throw new ProtocolError('Malformed', `${message.type} is a server message; a client does not send it`, templates[message.type].templateId);
    }
    return message as ClientMessage;
}
