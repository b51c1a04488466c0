/**
 * The layouts of docs/WEBSOCKET.md as data: each template's fields at their offsets, in the newest
 * schema version, with the shorter blocks of older versions.
 */
import type { MessageName } from './enums.js';

/** The schema version this codec writes by default. It reads any version from 1 up (newer fields are ignored). */
export const SCHEMA_VERSION = 2;

/** The oldest schema version there is; the server accepts every version from it to its own. */
export const MIN_SCHEMA_VERSION = 1;

/** Every message starts with `u32 length`, `u16 templateId`, `u16 schemaVersion`. */
export const HEADER_LENGTH = 8;

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
    /** The fixed block in {@link SCHEMA_VERSION}, header included; repeating groups follow it in order. */
    readonly blockLength: number;
    /** The fixed block in older schema versions where it was shorter, by version (e.g. `{ 1: 96 }`). */
    readonly olderBlockLengths?: Readonly<Record<number, number>>;
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
        name: 'PlaceOrder', templateId: 2, direction: 'client', blockLength: 176, olderBlockLengths: { 1: 96 }, groups: [],
        fields: [
            f('requestId', 8, 'u64'), f('priceTicks', 16, 'i64'), f('quantityLots', 24, 'i64'),
            f('quoteBudget', 32, 'i64'), f('expireTimeNs', 40, 'i64'), f('instrumentId', 48, 'i32'),
            f('side', 52, 'u8'), f('orderType', 53, 'u8'), f('timeInForce', 54, 'u8'),
            f('selfTradePrevention', 55, 'u8'), f('flags', 56, 'u8'), f('clOrdId', 64, 'char', 32),
            f('stopPriceTicks', 96, 'i64'), f('trailingOffsetTicks', 104, 'i64'), f('trailingOffsetBps', 112, 'i64'),
            f('displayLots', 120, 'i64'), f('linkedOrderId', 128, 'i64'), f('triggerType', 136, 'u8'),
            f('contingencyType', 137, 'u8'), f('linkedClOrdId', 144, 'char', 32),
        ],
    },
    {
        name: 'CancelOrder', templateId: 3, direction: 'client', blockLength: 88, groups: [],
        fields: [f('requestId', 8, 'u64'), f('orderId', 16, 'i64'), f('origClOrdId', 24, 'char', 32), f('clOrdId', 56, 'char', 32)],
    },
    {
        name: 'AmendOrder', templateId: 4, direction: 'client', blockLength: 80, olderBlockLengths: { 1: 72 }, groups: [],
        fields: [
            f('requestId', 8, 'u64'), f('orderId', 16, 'i64'), f('newPriceTicks', 24, 'i64'),
            f('newQuantityLots', 32, 'i64'), f('origClOrdId', 40, 'char', 32), f('newStopPriceTicks', 72, 'i64'),
        ],
    },
    {
        name: 'CancelReplace', templateId: 5, direction: 'client', blockLength: 112, olderBlockLengths: { 1: 104 }, groups: [],
        fields: [
            f('requestId', 8, 'u64'), f('orderId', 16, 'i64'), f('newPriceTicks', 24, 'i64'),
            f('newQuantityLots', 32, 'i64'), f('origClOrdId', 40, 'char', 32), f('clOrdId', 72, 'char', 32),
            f('newStopPriceTicks', 104, 'i64'),
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
        name: 'Quote', templateId: 12, direction: 'client', blockLength: 88, groups: [],
        fields: [
            f('requestId', 8, 'u64'), f('bidPriceTicks', 16, 'i64'), f('bidLots', 24, 'i64'),
            f('askPriceTicks', 32, 'i64'), f('askLots', 40, 'i64'), f('instrumentId', 48, 'i32'),
            f('quoteId', 56, 'char', 32),
        ],
    },
    {
        name: 'ResetMarketMakerProtection', templateId: 13, direction: 'client', blockLength: 16, groups: [],
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
        name: 'ExecutionReport', templateId: 103, direction: 'server', blockLength: 240, olderBlockLengths: { 1: 192 }, groups: [],
        fields: [
            f('requestId', 8, 'u64'), f('orderId', 16, 'i64'), f('execSequence', 24, 'i64'),
            f('priceTicks', 32, 'i64'), f('quantityLots', 40, 'i64'), f('leavesLots', 48, 'i64'),
            f('cumLots', 56, 'i64'), f('lastPriceTicks', 64, 'i64'), f('lastLots', 72, 'i64'),
            f('avgPriceTicksE8', 80, 'i64'), f('transactTimeNs', 88, 'i64'), f('tradeId', 96, 'i64'),
            f('accountId', 104, 'i64'), f('instrumentId', 112, 'i32'), f('execIndex', 116, 'u16'),
            f('rejectCode', 118, 'u16'), f('execType', 120, 'fixchar'), f('ordStatus', 121, 'fixchar'),
            f('side', 122, 'u8'), f('orderType', 123, 'u8'), f('timeInForce', 124, 'u8'),
            f('cancelReason', 125, 'u8'), f('role', 126, 'fixchar'), f('clOrdId', 128, 'char', 32),
            f('origClOrdId', 160, 'char', 32), f('stopPriceTicks', 192, 'i64'), f('trailingOffsetTicks', 200, 'i64'),
            f('trailingOffsetBps', 208, 'i64'), f('displayLots', 216, 'i64'), f('linkedOrderId', 224, 'i64'),
            f('triggerType', 232, 'u8'), f('flags', 233, 'u8'),
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
    {
        name: 'QuoteAck', templateId: 116, direction: 'server', blockLength: 112, groups: [],
        fields: [
            f('requestId', 8, 'u64'), f('bidOrderId', 16, 'i64'), f('askOrderId', 24, 'i64'),
            f('bidPriceTicks', 32, 'i64'), f('bidLots', 40, 'i64'), f('askPriceTicks', 48, 'i64'),
            f('askLots', 56, 'i64'), f('transactTimeNs', 64, 'i64'), f('instrumentId', 72, 'i32'),
            f('rejectCode', 76, 'u16'), f('quoteId', 80, 'char', 32),
        ],
    },
    {
        name: 'MarketMakerProtection', templateId: 117, direction: 'server', blockLength: 48, groups: [],
        fields: [
            f('requestId', 8, 'u64'), f('accountId', 16, 'i64'), f('windowNs', 24, 'i64'),
            f('quantityLots', 32, 'i64'), f('maxFills', 40, 'i32'), f('rejectCode', 44, 'u16'), f('status', 46, 'u8'),
        ],
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

/**
 * The fixed block's length in a schema version, header included: the shortest older block at or after
 * that version, else the newest. Versions after {@link SCHEMA_VERSION} count as it.
 */
export function blockLengthOf(layout: TemplateLayout, schemaVersion: number = SCHEMA_VERSION): number {
    let length = layout.blockLength;
    let at = Number.POSITIVE_INFINITY;
    for (const [version, older] of Object.entries(layout.olderBlockLengths ?? {})) {
        const v = Number(version);
        if (v >= schemaVersion && v < at) {
            at = v;
            length = older;
        }
    }
    return length;
}

/** The least length of a message of this template in a schema version: the fixed block and an empty header per group. */
export function minimumLength(layout: TemplateLayout, schemaVersion: number = SCHEMA_VERSION): number {
    return blockLengthOf(layout, schemaVersion) + 4 * layout.groups.length;
}

const fieldWidth: Record<Exclude<FieldType, 'char' | 'bytes'>, number> = {
    u8: 1, u16: 2, u32: 4, i32: 4, i64: 8, u64: 8, fixchar: 1,
};

/** The size of a field in bytes. */
export function fieldSize(field: FieldLayout): number {
    return field.type === 'char' || field.type === 'bytes' ? field.length! : fieldWidth[field.type];
}
