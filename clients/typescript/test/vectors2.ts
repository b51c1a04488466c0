// Schema-2 vectors, built byte by byte from the tables of docs/WEBSOCKET.md (literal offsets, not the
// codec's layouts): the templates that grew in version 2 and the ones it added. vectors.test.ts runs them.
import type { Message } from '../src/index.js';
import { ascii, frame } from './helpers.js';

export interface Vector {
    message: Message;
    bytes: Uint8Array;
    /** The schema version the bytes are written in. */
    version: number;
}

/** What a version-1 PlaceOrder reads as in the fields version 2 added. */
export const placeOrderSchema2Zeros = {
    stopPriceTicks: 0n, trailingOffsetTicks: 0n, trailingOffsetBps: 0n, displayLots: 0n, linkedOrderId: 0n,
    triggerType: 0, contingencyType: 0, linkedClOrdId: '',
} as const;

/** What a version-1 ExecutionReport reads as in the fields version 2 added. */
export const executionReportSchema2Zeros = {
    stopPriceTicks: 0n, trailingOffsetTicks: 0n, trailingOffsetBps: 0n, displayLots: 0n, linkedOrderId: 0n, triggerType: 0, flags: 0,
} as const;

export const schema2Vectors: Vector[] = [
    {
        message: {
            type: 'PlaceOrder', requestId: 30n, priceTicks: 9900n, quantityLots: 50n, quoteBudget: 0n, expireTimeNs: 0n, instrumentId: 1,
            side: 2, orderType: 1, timeInForce: 1, selfTradePrevention: 0, flags: 0, clOrdId: 'stop-1', stopPriceTicks: 9950n,
            trailingOffsetTicks: 0n, trailingOffsetBps: 0n, displayLots: 10n, linkedOrderId: 0n, triggerType: 1, contingencyType: 1,
            linkedClOrdId: 'tp-1',
        },
        bytes: frame(176, 2, (v, b) => {
            v.setBigUint64(8, 30n, true);
            v.setBigInt64(16, 9900n, true);
            v.setBigInt64(24, 50n, true);
            v.setInt32(48, 1, true);
            b[52] = 2;
            b[53] = 1;
            b[54] = 1;
            ascii(b, 64, 'stop-1');
            v.setBigInt64(96, 9950n, true);
            v.setBigInt64(120, 10n, true);
            b[136] = 1;
            b[137] = 1;
            ascii(b, 144, 'tp-1');
        }, 2),
        version: 2,
    },
    {
        message: {
            type: 'PlaceOrder', requestId: 31n, priceTicks: 0n, quantityLots: 7n, quoteBudget: 0n, expireTimeNs: 0n, instrumentId: 2,
            side: 1, orderType: 2, timeInForce: 0, selfTradePrevention: 0, flags: 0, clOrdId: 'trail', ...placeOrderSchema2Zeros,
            trailingOffsetTicks: -1n, trailingOffsetBps: 25n, linkedOrderId: 123n, triggerType: 3,
        },
        bytes: frame(176, 2, (v, b) => {
            v.setBigUint64(8, 31n, true);
            v.setBigInt64(24, 7n, true);
            v.setInt32(48, 2, true);
            b[52] = 1;
            b[53] = 2;
            ascii(b, 64, 'trail');
            v.setBigInt64(104, -1n, true);
            v.setBigInt64(112, 25n, true);
            v.setBigInt64(128, 123n, true);
            b[136] = 3;
        }, 2),
        version: 2,
    },
    {
        message: { type: 'AmendOrder', requestId: 32n, orderId: 9n, newPriceTicks: 0n, newQuantityLots: 0n, origClOrdId: '', newStopPriceTicks: 9940n },
        bytes: frame(80, 4, (v) => {
            v.setBigUint64(8, 32n, true);
            v.setBigInt64(16, 9n, true);
            v.setBigInt64(72, 9940n, true);
        }, 2),
        version: 2,
    },
    {
        message: {
            type: 'CancelReplace', requestId: 33n, orderId: 0n, newPriceTicks: 9800n, newQuantityLots: 0n, origClOrdId: 'stop-1',
            clOrdId: 'stop-2', newStopPriceTicks: 9850n,
        },
        bytes: frame(112, 5, (v, b) => {
            v.setBigUint64(8, 33n, true);
            v.setBigInt64(24, 9800n, true);
            ascii(b, 40, 'stop-1');
            ascii(b, 72, 'stop-2');
            v.setBigInt64(104, 9850n, true);
        }, 2),
        version: 2,
    },
    {
        message: {
            type: 'Quote', requestId: 34n, bidPriceTicks: 9990n, bidLots: 5n, askPriceTicks: 10010n, askLots: 0n, instrumentId: 1,
            quoteId: 'q-1',
        },
        bytes: frame(88, 12, (v, b) => {
            v.setBigUint64(8, 34n, true);
            v.setBigInt64(16, 9990n, true);
            v.setBigInt64(24, 5n, true);
            v.setBigInt64(32, 10010n, true);
            v.setInt32(48, 1, true);
            ascii(b, 56, 'q-1');
        }, 2),
        version: 2,
    },
    {
        message: { type: 'ResetMarketMakerProtection', requestId: 35n },
        bytes: frame(16, 13, (v) => v.setBigUint64(8, 35n, true), 2),
        version: 2,
    },
    {
        message: {
            type: 'ExecutionReport', requestId: 0n, orderId: 9n, execSequence: 1300n, priceTicks: 9900n, quantityLots: 50n,
            leavesLots: 50n, cumLots: 0n, lastPriceTicks: 0n, lastLots: 0n, avgPriceTicksE8: 0n,
            transactTimeNs: 1_767_225_602_000_000_000n, tradeId: 0n, accountId: 1001n, instrumentId: 1, execIndex: 2,
            rejectCode: 0, execType: 'L', ordStatus: '0', side: 2, orderType: 1, timeInForce: 1, cancelReason: 0, role: 'E',
            clOrdId: 'stop-1', origClOrdId: '', stopPriceTicks: 9950n, trailingOffsetTicks: 3n, trailingOffsetBps: 0n,
            displayLots: 10n, linkedOrderId: 8n, triggerType: 3, flags: 1,
        },
        bytes: frame(240, 103, (v, b) => {
            v.setBigInt64(16, 9n, true);
            v.setBigInt64(24, 1300n, true);
            v.setBigInt64(32, 9900n, true);
            v.setBigInt64(40, 50n, true);
            v.setBigInt64(48, 50n, true);
            v.setBigInt64(88, 1_767_225_602_000_000_000n, true);
            v.setBigInt64(104, 1001n, true);
            v.setInt32(112, 1, true);
            v.setUint16(116, 2, true);
            b[120] = 'L'.charCodeAt(0);
            b[121] = '0'.charCodeAt(0);
            b[122] = 2;
            b[123] = 1;
            b[124] = 1;
            b[126] = 'E'.charCodeAt(0);
            ascii(b, 128, 'stop-1');
            v.setBigInt64(192, 9950n, true);
            v.setBigInt64(200, 3n, true);
            v.setBigInt64(216, 10n, true);
            v.setBigInt64(224, 8n, true);
            b[232] = 3;
            b[233] = 1;
        }, 2),
        version: 2,
    },
    {
        message: {
            type: 'QuoteAck', requestId: 34n, bidOrderId: 40n, askOrderId: 0n, bidPriceTicks: 9990n, bidLots: 5n, askPriceTicks: 10010n,
            askLots: 0n, transactTimeNs: 1_767_225_603_000_000_000n, instrumentId: 1, rejectCode: 48, quoteId: 'q-1',
        },
        bytes: frame(112, 116, (v, b) => {
            v.setBigUint64(8, 34n, true);
            v.setBigInt64(16, 40n, true);
            v.setBigInt64(32, 9990n, true);
            v.setBigInt64(40, 5n, true);
            v.setBigInt64(48, 10010n, true);
            v.setBigInt64(64, 1_767_225_603_000_000_000n, true);
            v.setInt32(72, 1, true);
            v.setUint16(76, 48, true);
            ascii(b, 80, 'q-1');
        }, 2),
        version: 2,
    },
    {
        message: {
            type: 'MarketMakerProtection', requestId: 35n, accountId: 1001n, windowNs: 1_000_000_000n, quantityLots: 500n, maxFills: 3,
            rejectCode: 0, status: 2,
        },
        bytes: frame(48, 117, (v, b) => {
            v.setBigUint64(8, 35n, true);
            v.setBigInt64(16, 1001n, true);
            v.setBigInt64(24, 1_000_000_000n, true);
            v.setBigInt64(32, 500n, true);
            v.setInt32(40, 3, true);
            b[46] = 2;
        }, 2),
        version: 2,
    },
];
