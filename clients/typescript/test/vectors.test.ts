// Hand-written vectors: each message built byte by byte from the tables of docs/WEBSOCKET.md
// (literal offsets here, not the codec's layout tables), then encoded and decoded both ways.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
    decode,
    decodeClientMessage,
    decodeServerMessage,
    encode,
    fieldSize,
    minimumLength,
    ProtocolError,
    templates,
    type Message,
    type MessageName,
} from '../src/index.js';
import { ascii, frame, toHex } from './helpers.js';
import { executionReportSchema2Zeros, placeOrderSchema2Zeros, schema2Vectors, type Vector } from './vectors2.js';

const signature = Uint8Array.from({ length: 32 }, (_, i) => 0xa0 + i);

/** Schema 1: every template as version 1 writes it (the fields of version 2 are zero). */
const vectors: Omit<Vector, 'version'>[] = [
    {
        message: { type: 'Login', apiKey: 'demo-key-1001', timestampNs: 1_767_225_600_123_456_789n, nonce: 0xfedcba9876543210n, signature },
        bytes: frame(88, 1, (v, b) => {
            ascii(b, 8, 'demo-key-1001');
            v.setBigInt64(40, 1_767_225_600_123_456_789n, true);
            v.setBigUint64(48, 0xfedcba9876543210n, true);
            b.set(signature, 56);
        }),
    },
    {
        message: {
            type: 'PlaceOrder', requestId: 7n, priceTicks: 10050n, quantityLots: 1000n, quoteBudget: 0n,
            expireTimeNs: 1_800_000_000_000_000_000n, instrumentId: 1, side: 2, orderType: 1, timeInForce: 4,
            selfTradePrevention: 3, flags: 1, clOrdId: 'abc-123', ...placeOrderSchema2Zeros,
        },
        bytes: frame(96, 2, (v, b) => {
            v.setBigUint64(8, 7n, true);
            v.setBigInt64(16, 10050n, true);
            v.setBigInt64(24, 1000n, true);
            v.setBigInt64(32, 0n, true);
            v.setBigInt64(40, 1_800_000_000_000_000_000n, true);
            v.setInt32(48, 1, true);
            b[52] = 2;
            b[53] = 1;
            b[54] = 4;
            b[55] = 3;
            b[56] = 1;
            ascii(b, 64, 'abc-123');
        }),
    },
    {
        message: { type: 'CancelOrder', requestId: 0xffffffffffffffffn, orderId: 0n, origClOrdId: 'orig', clOrdId: 'x'.repeat(32) },
        bytes: frame(88, 3, (v, b) => {
            v.setBigUint64(8, 0xffffffffffffffffn, true);
            ascii(b, 24, 'orig');
            ascii(b, 56, 'x'.repeat(32));
        }),
    },
    {
        message: { type: 'AmendOrder', requestId: 9n, orderId: 123456789012n, newPriceTicks: -1n, newQuantityLots: 5n, origClOrdId: '', newStopPriceTicks: 0n },
        bytes: frame(72, 4, (v) => {
            v.setBigUint64(8, 9n, true);
            v.setBigInt64(16, 123456789012n, true);
            v.setBigInt64(24, -1n, true);
            v.setBigInt64(32, 5n, true);
        }),
    },
    {
        message: { type: 'CancelReplace', requestId: 10n, orderId: 0n, newPriceTicks: 1n, newQuantityLots: 0n, origClOrdId: 'old id', clOrdId: 'new id', newStopPriceTicks: 0n },
        bytes: frame(104, 5, (v, b) => {
            v.setBigUint64(8, 10n, true);
            v.setBigInt64(24, 1n, true);
            ascii(b, 40, 'old id');
            ascii(b, 72, 'new id');
        }),
    },
    {
        message: { type: 'MassCancel', requestId: 11n, instrumentId: -2, side: 1 },
        bytes: frame(24, 6, (v, b) => {
            v.setBigUint64(8, 11n, true);
            v.setInt32(16, -2, true);
            b[20] = 1;
        }),
    },
    {
        message: { type: 'OrderStatusRequest', requestId: 12n, orderId: 77n, clOrdId: '~ !' },
        bytes: frame(56, 7, (v, b) => {
            v.setBigUint64(8, 12n, true);
            v.setBigInt64(16, 77n, true);
            ascii(b, 24, '~ !');
        }),
    },
    {
        message: { type: 'Subscribe', requestId: 13n, instrumentId: 2, depth: 10000, channels: 7 },
        bytes: frame(24, 8, (v, b) => {
            v.setBigUint64(8, 13n, true);
            v.setInt32(16, 2, true);
            v.setUint16(20, 10000, true);
            b[22] = 7;
        }),
    },
    {
        message: { type: 'Unsubscribe', requestId: 14n, instrumentId: 2 },
        bytes: frame(24, 9, (v) => {
            v.setBigUint64(8, 14n, true);
            v.setInt32(16, 2, true);
        }),
    },
    {
        message: { type: 'InstrumentListRequest', requestId: 15n },
        bytes: frame(16, 10, (v) => v.setBigUint64(8, 15n, true)),
    },
    {
        message: { type: 'Ping', requestId: 16n },
        bytes: frame(16, 11, (v) => v.setBigUint64(8, 16n, true)),
    },
    {
        message: {
            type: 'LoginAccepted', accountId: 1001n, connectionId: 70000, schemaVersion: 1, serverTimeNs: 1_767_225_600_000_000_000n,
            messagesPerSecond: 4_000_000_000, burst: 200, maxMessageBytes: 4096,
        },
        bytes: frame(48, 101, (v) => {
            v.setBigInt64(8, 1001n, true);
            v.setInt32(16, 70000, true);
            v.setUint16(20, 1, true);
            v.setBigInt64(24, 1_767_225_600_000_000_000n, true);
            v.setUint32(32, 4_000_000_000, true);
            v.setUint32(36, 200, true);
            v.setUint32(40, 4096, true);
        }),
    },
    {
        message: { type: 'Reject', requestId: 0n, refTemplateId: 1, code: 1005, text: 'AuthenticationFailed' },
        bytes: frame(88, 102, (v, b) => {
            v.setUint16(16, 1, true);
            v.setUint16(18, 1005, true);
            ascii(b, 24, 'AuthenticationFailed');
        }),
    },
    {
        message: {
            type: 'ExecutionReport', requestId: 21n, orderId: 5n, execSequence: 1234n, priceTicks: 10050n, quantityLots: 1000n,
            leavesLots: 0n, cumLots: 1000n, lastPriceTicks: 10050n, lastLots: 1000n, avgPriceTicksE8: 1_005_000_000_000n,
            transactTimeNs: 1_767_225_600_500_000_000n, tradeId: 42n, accountId: 1002n, instrumentId: 1, execIndex: 3,
            rejectCode: 0, execType: 'F', ordStatus: '2', side: 1, orderType: 1, timeInForce: 1, cancelReason: 0, role: 'T',
            clOrdId: 'buy-1', origClOrdId: '', ...executionReportSchema2Zeros,
        },
        bytes: frame(192, 103, (v, b) => {
            v.setBigUint64(8, 21n, true);
            v.setBigInt64(16, 5n, true);
            v.setBigInt64(24, 1234n, true);
            v.setBigInt64(32, 10050n, true);
            v.setBigInt64(40, 1000n, true);
            v.setBigInt64(48, 0n, true);
            v.setBigInt64(56, 1000n, true);
            v.setBigInt64(64, 10050n, true);
            v.setBigInt64(72, 1000n, true);
            v.setBigInt64(80, 1_005_000_000_000n, true);
            v.setBigInt64(88, 1_767_225_600_500_000_000n, true);
            v.setBigInt64(96, 42n, true);
            v.setBigInt64(104, 1002n, true);
            v.setInt32(112, 1, true);
            v.setUint16(116, 3, true);
            v.setUint16(118, 0, true);
            b[120] = 'F'.charCodeAt(0);
            b[121] = '2'.charCodeAt(0);
            b[122] = 1;
            b[123] = 1;
            b[124] = 1;
            b[125] = 0;
            b[126] = 'T'.charCodeAt(0);
            ascii(b, 128, 'buy-1');
        }),
    },
    {
        message: { type: 'CancelReject', requestId: 22n, orderId: 0n, rejectCode: 5, ordStatus: '8', responseTo: '1', clOrdId: 'c1', origClOrdId: 'nope' },
        bytes: frame(96, 104, (v, b) => {
            v.setBigUint64(8, 22n, true);
            v.setUint16(24, 5, true);
            b[26] = '8'.charCodeAt(0);
            b[27] = '1'.charCodeAt(0);
            ascii(b, 32, 'c1');
            ascii(b, 64, 'nope');
        }),
    },
    {
        message: { type: 'MassCancelReport', requestId: 23n, affectedOrders: 17, rejectCode: 0 },
        bytes: frame(24, 105, (v) => {
            v.setBigUint64(8, 23n, true);
            v.setInt32(16, 17, true);
        }),
    },
    {
        message: { type: 'Pong', requestId: 24n, serverTimeNs: 99n },
        bytes: frame(24, 106, (v) => {
            v.setBigUint64(8, 24n, true);
            v.setBigInt64(16, 99n, true);
        }),
    },
    {
        message: { type: 'BalanceUpdate', accountId: 1001n, available: 10_000_000_000_000n, locked: 100_500_000n, assetId: 3 },
        bytes: frame(40, 107, (v) => {
            v.setBigInt64(8, 1001n, true);
            v.setBigInt64(16, 10_000_000_000_000n, true);
            v.setBigInt64(24, 100_500_000n, true);
            v.setInt32(32, 3, true);
        }),
    },
    {
        message: {
            type: 'BookSnapshot', requestId: 25n, bookSequence: 100n, tradeSequence: 7n, instrumentId: 1, channels: 3,
            bids: [
                { priceTicks: 10000n, lots: 500n, orderCount: 2 },
                { priceTicks: 9999n, lots: 1n, orderCount: 1 },
            ],
            asks: [{ priceTicks: 10001n, lots: 30n, orderCount: 3 }],
        },
        // 48 + 20 × (2 + 1) = 108 bytes: bids group at 40, asks group at 44 + 20 × 2 = 84.
        bytes: frame(108, 110, (v) => {
            v.setBigUint64(8, 25n, true);
            v.setBigInt64(16, 100n, true);
            v.setBigInt64(24, 7n, true);
            v.setInt32(32, 1, true);
            v.setUint8(36, 3);
            v.setUint16(40, 20, true);
            v.setUint16(42, 2, true);
            v.setBigInt64(44, 10000n, true);
            v.setBigInt64(52, 500n, true);
            v.setInt32(60, 2, true);
            v.setBigInt64(64, 9999n, true);
            v.setBigInt64(72, 1n, true);
            v.setInt32(80, 1, true);
            v.setUint16(84, 20, true);
            v.setUint16(86, 1, true);
            v.setBigInt64(88, 10001n, true);
            v.setBigInt64(96, 30n, true);
            v.setInt32(104, 3, true);
        }),
    },
    {
        message: { type: 'BookSnapshot', requestId: 26n, bookSequence: 0n, tradeSequence: 0n, instrumentId: 2, channels: 2, bids: [], asks: [] },
        bytes: frame(48, 110, (v) => {
            v.setBigUint64(8, 26n, true);
            v.setInt32(32, 2, true);
            v.setUint8(36, 2);
            v.setUint16(40, 20, true);
            v.setUint16(44, 20, true);
        }),
    },
    {
        message: { type: 'BookUpdate', bookSequence: 101n, priceTicks: 10001n, lots: 0n, instrumentId: 1, orderCount: 0, side: 2, action: 2 },
        bytes: frame(48, 111, (v, b) => {
            v.setBigInt64(8, 101n, true);
            v.setBigInt64(16, 10001n, true);
            v.setBigInt64(24, 0n, true);
            v.setInt32(32, 1, true);
            v.setInt32(36, 0, true);
            b[40] = 2;
            b[41] = 2;
        }),
    },
    {
        message: { type: 'Trade', tradeSequence: 8n, tradeId: 43n, priceTicks: 10001n, lots: 30n, timestampNs: 1_767_225_601_000_000_000n, instrumentId: 1, aggressorSide: 1 },
        bytes: frame(56, 112, (v, b) => {
            v.setBigInt64(8, 8n, true);
            v.setBigInt64(16, 43n, true);
            v.setBigInt64(24, 10001n, true);
            v.setBigInt64(32, 30n, true);
            v.setBigInt64(40, 1_767_225_601_000_000_000n, true);
            v.setInt32(48, 1, true);
            b[52] = 1;
        }),
    },
    {
        message: { type: 'Bbo', bookSequence: 101n, bidPriceTicks: 10000n, bidLots: 500n, askPriceTicks: 0n, askLots: 0n, instrumentId: 1 },
        bytes: frame(56, 113, (v) => {
            v.setBigInt64(8, 101n, true);
            v.setBigInt64(16, 10000n, true);
            v.setBigInt64(24, 500n, true);
            v.setInt32(48, 1, true);
        }),
    },
    {
        message: {
            type: 'InstrumentList', requestId: 27n,
            instruments: [
                {
                    instrumentId: 1, status: 1, tickScale: 2, lotScale: 4, tickMantissa: 1n, lotMantissa: 1n, minQuantityLots: 1n,
                    minNotional: 1_000_000n, symbol: 'BTC-USD', baseAsset: 'BTC', quoteAsset: 'USD',
                },
                {
                    instrumentId: 2, status: 3, tickScale: 2, lotScale: 3, tickMantissa: 5n, lotMantissa: 1n, minQuantityLots: 1n,
                    minNotional: 1_000_000n, symbol: 'ETH-USD', baseAsset: 'ETH', quoteAsset: 'USD',
                },
            ],
        },
        // 20 + 88 × 2 = 196 bytes; the group header at 16, entries at 20 and 108.
        bytes: frame(196, 114, (v, b) => {
            v.setBigUint64(8, 27n, true);
            v.setUint16(16, 88, true);
            v.setUint16(18, 2, true);
            for (const [at, id, status, lotScale, tickMantissa, symbol, base] of [
                [20, 1, 1, 4, 1n, 'BTC-USD', 'BTC'],
                [108, 2, 3, 3, 5n, 'ETH-USD', 'ETH'],
            ] as const) {
                v.setInt32(at, id, true);
                b[at + 4] = status;
                b[at + 5] = 2;
                b[at + 6] = lotScale;
                v.setBigInt64(at + 8, tickMantissa, true);
                v.setBigInt64(at + 16, 1n, true);
                v.setBigInt64(at + 24, 1n, true);
                v.setBigInt64(at + 32, 1_000_000n, true);
                ascii(b, at + 40, symbol);
                ascii(b, at + 56, base);
                ascii(b, at + 72, 'USD');
            }
        }),
    },
    {
        message: { type: 'Goodbye', code: 1013, text: 'slow consumer' },
        bytes: frame(80, 115, (v, b) => {
            v.setUint16(8, 1013, true);
            ascii(b, 16, 'slow consumer');
        }),
    },
];

test('every template has a hand-written vector', () => {
    const covered = new Set([...vectors, ...schema2Vectors].map((v) => v.message.type));
    assert.deepEqual([...Object.keys(templates)].filter((name) => !covered.has(name as MessageName)), []);
});

for (const { message, bytes, version } of [...vectors.map((v) => ({ ...v, version: 1 })), ...schema2Vectors]) {
    test(`${message.type} (schema ${version}): encodes to the spec's bytes`, () => {
        assert.equal(toHex(encode(message, version)), toHex(bytes));
    });
    test(`${message.type} (schema ${version}): decodes from the spec's bytes`, () => {
        assert.deepEqual(decode(bytes), message);
    });
}

test('layouts: fields inside the block, no overlaps, groups after the block', () => {
    for (const layout of Object.values(templates)) {
        const taken = new Array<string | undefined>(layout.blockLength);
        for (let i = 0; i < 8; i++) taken[i] = 'header';
        for (const field of layout.fields) {
            for (let i = field.offset; i < field.offset + fieldSize(field); i++) {
                assert.ok(i < layout.blockLength, `${layout.name}.${field.name} runs past the block`);
                assert.equal(taken[i], undefined, `${layout.name}.${field.name} overlaps ${taken[i]}`);
                taken[i] = field.name;
            }
        }
        for (const group of layout.groups) {
            const entry = new Array<string | undefined>(group.entryLength);
            for (const field of group.fields) {
                for (let i = field.offset; i < field.offset + fieldSize(field); i++) {
                    assert.ok(i < group.entryLength, `${layout.name}.${group.name}.${field.name} runs past the entry`);
                    assert.equal(entry[i], undefined, `${layout.name}.${group.name}.${field.name} overlaps`);
                    entry[i] = field.name;
                }
            }
        }
    }
});

test('client and server templates are told apart', () => {
    const place = vectors.find((v) => v.message.type === 'PlaceOrder')!.bytes;
    const pong = vectors.find((v) => v.message.type === 'Pong')!.bytes;
    assert.throws(() => decodeServerMessage(place), ProtocolError);
    assert.throws(() => decodeClientMessage(pong), ProtocolError);
    assert.equal(decodeServerMessage(pong).type, 'Pong');
    assert.equal(decodeClientMessage(place).type, 'PlaceOrder');
});

// ---------------------------------------------------------------------------------------------
// The reader's rules
// ---------------------------------------------------------------------------------------------

function malformed(bytes: Uint8Array, pattern: RegExp): void {
    assert.throws(() => decode(bytes), (error: unknown) => {
        assert.ok(error instanceof ProtocolError, `expected a ProtocolError, got ${String(error)}`);
        assert.match(error.message, pattern);
        return true;
    });
}

const ping = (): Uint8Array => frame(16, 11, (v) => v.setBigUint64(8, 5n, true));

test('too short for the header', () => {
    malformed(new Uint8Array(0), /shorter than the 8-byte header/);
    malformed(new Uint8Array(7), /shorter than the 8-byte header/);
});

test('header length must equal the message length', () => {
    const bytes = ping();
    new DataView(bytes.buffer).setUint32(0, 17, true);
    malformed(bytes, /header says 17 bytes but the message has 16/);
});

test('shorter than the template is malformed', () => {
    malformed(frame(15, 11, () => {}), /Ping of 15 bytes is shorter than its 16-byte layout/);
    malformed(frame(8, 103, () => {}), /ExecutionReport of 8 bytes/);
    malformed(frame(47, 110, () => {}), /BookSnapshot of 47 bytes is shorter than its 48-byte layout/);
});

test('unknown template id', () => {
    assert.throws(() => decode(frame(16, 99, () => {})), (e: unknown) => e instanceof ProtocolError && e.kind === 'UnknownTemplate' && e.templateId === 99);
    assert.throws(() => decode(frame(16, 0, () => {})), (e: unknown) => e instanceof ProtocolError && e.kind === 'UnknownTemplate');
});

test('schema version 0 is refused, newer versions are read', () => {
    const bytes = ping();
    new DataView(bytes.buffer).setUint16(6, 0, true);
    assert.throws(() => decode(bytes), (e: unknown) => e instanceof ProtocolError && e.kind === 'UnsupportedVersion');
    new DataView(bytes.buffer).setUint16(6, 7, true);
    assert.deepEqual(decode(bytes), { type: 'Ping', requestId: 5n });
});

test('trailing bytes of a newer writer are ignored, pads are ignored', () => {
    const bytes = frame(30, 106, (v, b) => {
        v.setBigUint64(8, 3n, true);
        v.setBigInt64(16, 4n, true);
        b.fill(0xee, 24);
    });
    assert.deepEqual(decode(bytes), { type: 'Pong', requestId: 3n, serverTimeNs: 4n });
    const mass = frame(24, 6, (v, b) => {
        v.setBigUint64(8, 1n, true);
        b[21] = 0xff;
        b[22] = 0xff;
        b[23] = 0xff;
    });
    assert.deepEqual(decode(mass), { type: 'MassCancel', requestId: 1n, instrumentId: 0, side: 0 });
});

test('group entries longer than this version are read by their entry length', () => {
    // Entries of 24 bytes (4 unknown bytes each), and 3 unknown trailing bytes at the end.
    const bytes = frame(48 + 24 * 2 + 3, 110, (v) => {
        v.setInt32(32, 1, true);
        v.setUint8(36, 1);
        v.setUint16(40, 24, true);
        v.setUint16(42, 1, true);
        v.setBigInt64(44, 100n, true);
        v.setBigInt64(52, 5n, true);
        v.setInt32(60, 1, true);
        v.setUint32(64, 0xffffffff, true);
        v.setUint16(68, 24, true);
        v.setUint16(70, 1, true);
        v.setBigInt64(72, 101n, true);
        v.setBigInt64(80, 6n, true);
        v.setInt32(88, 2, true);
        v.setUint32(92, 0xffffffff, true);
    });
    const message = decode(bytes);
    assert.equal(message.type, 'BookSnapshot');
    assert.deepEqual((message as { bids: unknown }).bids, [{ priceTicks: 100n, lots: 5n, orderCount: 1 }]);
    assert.deepEqual((message as { asks: unknown }).asks, [{ priceTicks: 101n, lots: 6n, orderCount: 2 }]);
});

test('group entries shorter than this version are malformed', () => {
    const bytes = frame(48 + 19, 110, (v) => {
        v.setUint16(40, 19, true);
        v.setUint16(42, 1, true);
        v.setUint16(40 + 4 + 19, 20, true);
    });
    malformed(bytes, /BookSnapshot.bids: entries of 19 bytes; at least 20 expected/);
});

test('a group that runs past the end is malformed', () => {
    malformed(frame(48, 110, (v) => {
        v.setUint16(40, 20, true);
        v.setUint16(42, 1, true);
    }), /BookSnapshot.bids: 1 entries of 20 bytes from 44 run past the end/);
    malformed(frame(48 + 20, 110, (v) => {
        v.setUint16(40, 20, true);
        v.setUint16(42, 1, true);
        v.setUint16(64, 20, true);
        v.setUint16(66, 1, true);
    }), /BookSnapshot.asks: 1 entries/);
    malformed(frame(20, 114, (v) => {
        v.setUint16(16, 88, true);
        v.setUint16(18, 65535, true);
    }), /InstrumentList.instruments: 65535 entries of 88 bytes/);
});

test('an empty group may carry any entry length', () => {
    const bytes = frame(48, 110, () => {});
    assert.deepEqual(decode(bytes), {
        type: 'BookSnapshot', requestId: 0n, bookSequence: 0n, tradeSequence: 0n, instrumentId: 0, channels: 0, bids: [], asks: [],
    });
});

test('char fields: printable ASCII, zero padded', () => {
    const reject = (fill: (b: Uint8Array) => void, pattern: RegExp): void =>
        malformed(frame(88, 102, (_, b) => fill(b)), pattern);
    reject((b) => ascii(b, 24, 'tab\there'), /Reject.text: byte 3 \(0x09\) is not printable ASCII/);
    reject((b) => (b[24] = 0x80), /Reject.text: byte 0 \(0x80\)/);
    reject((b) => (b[24] = 0x7f), /Reject.text: byte 0 \(0x7f\)/);
    reject((b) => ascii(b, 24, 'a\0b'), /Reject.text: non-zero byte 2 after the terminating zero at 1/);
    reject((b) => (b[87] = 0x41), /Reject.text: non-zero byte 63 after the terminating zero at 0/);
    // A full field needs no terminator; a leading zero makes it empty.
    const full = frame(88, 102, (_, b) => ascii(b, 24, 'z'.repeat(64)));
    assert.equal((decode(full) as { text: string }).text, 'z'.repeat(64));
});

test('FIX character fields: printable ASCII or zero', () => {
    const report = vectors.find((v) => v.message.type === 'ExecutionReport')!.bytes.slice();
    report[126] = 0;
    assert.equal((decode(report) as { role: string }).role, '');
    report[126] = 0x01;
    malformed(report, /ExecutionReport.role: byte 0x01 is not a printable ASCII character/);
    report[126] = 0x54;
    report[121] = 0xc8;
    malformed(report, /ExecutionReport.ordStatus/);
});

test('PlaceOrder: reserved flag bits are malformed', () => {
    const bytes = vectors.find((v) => v.message.type === 'PlaceOrder')!.bytes.slice();
    bytes[56] = 3;
    malformed(bytes, /PlaceOrder.flags: reserved bits set in 3/);
});

test('decode reads a view into a larger buffer', () => {
    const bytes = ping();
    const larger = new Uint8Array(100);
    larger.set(bytes, 37);
    assert.deepEqual(decode(larger.subarray(37, 37 + 16)), { type: 'Ping', requestId: 5n });
    assert.deepEqual(decode(new DataView(larger.buffer, 37, 16)), { type: 'Ping', requestId: 5n });
    assert.deepEqual(decode(bytes.buffer as ArrayBuffer), { type: 'Ping', requestId: 5n });
});

test('minimum lengths match the spec, in schema 2 and in schema 1', () => {
    const expected: Record<MessageName, number> = {
        Login: 88, PlaceOrder: 176, CancelOrder: 88, AmendOrder: 80, CancelReplace: 112, MassCancel: 24,
        OrderStatusRequest: 56, Subscribe: 24, Unsubscribe: 24, InstrumentListRequest: 16, Ping: 16, Quote: 88,
        ResetMarketMakerProtection: 16, LoginAccepted: 48, Reject: 88, ExecutionReport: 240, CancelReject: 96,
        MassCancelReport: 24, Pong: 24, BalanceUpdate: 40, BookSnapshot: 48, BookUpdate: 48, Trade: 56, Bbo: 56,
        InstrumentList: 20, Goodbye: 80, QuoteAck: 112, MarketMakerProtection: 48,
    };
    const grew: Partial<Record<MessageName, number>> = { PlaceOrder: 96, AmendOrder: 72, CancelReplace: 104, ExecutionReport: 192 };
    for (const [name, length] of Object.entries(expected)) {
        const layout = templates[name as MessageName];
        assert.equal(minimumLength(layout), length, name);
        assert.equal(minimumLength(layout, 2), length, `${name} in schema 2`);
        assert.equal(minimumLength(layout, 1), grew[name as MessageName] ?? length, `${name} in schema 1`);
    }
});

// ---------------------------------------------------------------------------------------------
// The writer's rules
// ---------------------------------------------------------------------------------------------

function invalid(message: unknown, pattern: RegExp): void {
    assert.throws(() => encode(message as Message), (error: unknown) => {
        assert.ok(error instanceof ProtocolError && error.kind === 'InvalidValue', `expected an InvalidValue ProtocolError, got ${String(error)}`);
        assert.match(error.message, pattern);
        return true;
    });
}

test('encode refuses values that do not fit', () => {
    const place = structuredClone(vectors.find((v) => v.message.type === 'PlaceOrder')!.message);
    invalid({ ...place, priceTicks: 1n << 63n }, /PlaceOrder.priceTicks: 9223372036854775808 does not fit in an i64/);
    invalid({ ...place, priceTicks: 5 }, /PlaceOrder.priceTicks: expected a bigint \(i64\), got 5/);
    invalid({ ...place, requestId: -1n }, /PlaceOrder.requestId: -1 does not fit in a u64/);
    invalid({ ...place, requestId: 1n << 64n }, /does not fit in a u64/);
    invalid({ ...place, side: 256 }, /PlaceOrder.side: expected an integer 0..255 \(u8\), got 256/);
    invalid({ ...place, side: 1.5 }, /PlaceOrder.side/);
    invalid({ ...place, side: 1n }, /PlaceOrder.side: expected an integer/);
    invalid({ ...place, instrumentId: 2 ** 31 }, /PlaceOrder.instrumentId: expected an integer -2147483648..2147483647/);
    invalid({ ...place, flags: 2 }, /PlaceOrder.flags: reserved bits set in 2/);
    invalid({ ...place, clOrdId: 'x'.repeat(33) }, /PlaceOrder.clOrdId: "x{33}" is longer than 32 characters/);
    invalid({ ...place, clOrdId: 'café' }, /PlaceOrder.clOrdId: character 3 \(code 233\) is not printable ASCII/);
    invalid({ ...place, clOrdId: undefined }, /PlaceOrder.clOrdId: expected a string, got nothing/);
    invalid({ type: 'Login', apiKey: 'k', timestampNs: 0n, nonce: 0n, signature: new Uint8Array(31) }, /Login.signature: expected a Uint8Array of 32 bytes, got 31 bytes/);
    invalid({ ...vectors.find((v) => v.message.type === 'ExecutionReport')!.message, role: 'TT' }, /ExecutionReport.role/);
    invalid({ type: 'Nope' }, /unknown message type "Nope"/);
    invalid({ type: 'toString' }, /unknown message type "toString"/);
    invalid(null, /unknown message type nothing/);
    invalid({ type: 'BookSnapshot', requestId: 0n, bookSequence: 0n, tradeSequence: 0n, instrumentId: 0, channels: 0, bids: [{ priceTicks: 1n }], asks: [] },
        /BookSnapshot.bids\[0\].lots: expected a bigint/);
    invalid({ type: 'InstrumentList', requestId: 0n }, /InstrumentList.instruments: expected an array, got nothing/);
});
