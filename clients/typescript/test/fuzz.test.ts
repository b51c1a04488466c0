// Random and mutated buffers into the decoder: it either returns a message that survives an
// encode/decode round trip, or throws a ProtocolError — no other exception, and it finishes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decode, encode, minimumLength, ProtocolError, templates, type Message } from '../src/index.js';
import { seededRandom, toHex } from './helpers.js';
import { executionReportSchema2Zeros, placeOrderSchema2Zeros } from './vectors2.js';

const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
const iterations = Number(process.env.FUZZ_ITERATIONS ?? 20_000);
const layouts = Object.values(templates);

interface Outcome {
    decoded: number;
    refused: number;
}

function check(bytes: Uint8Array, outcome: Outcome, note: string): void {
    let message: Message;
    try {
        message = decode(bytes);
    } catch (error) {
        if (!(error instanceof ProtocolError)) {
            assert.fail(`seed ${seed}, ${note}: ${String(error)} is not a ProtocolError; input ${toHex(bytes)}`);
        }
        assert.ok(error.message.length > 0, 'an error says what is wrong');
        outcome.refused++;
        return;
    }
    outcome.decoded++;
    // What was read must be writable again and read back the same (pads and trailing bytes aside).
    let again: Message;
    try {
        again = decode(encode(message));
    } catch (error) {
        assert.fail(`seed ${seed}, ${note}: decoded ${message.type} does not round-trip: ${String(error)}; input ${toHex(bytes)}`);
    }
    assert.deepEqual(again, message, `seed ${seed}, ${note}: round trip differs; input ${toHex(bytes)}`);
}

/** A buffer with a plausible header: a known template, its length or near it, schema 1 or 2. */
function plausible(random: () => number): Uint8Array {
    const layout = layouts[Math.floor(random() * layouts.length)]!;
    const length = Math.max(0, minimumLength(layout) + Math.floor(random() * 200) - 20);
    const bytes = new Uint8Array(length);
    for (let i = 0; i < length; i++) {
        // Mostly small bytes and zeros, like real messages, so text fields sometimes pass.
        const r = random();
        bytes[i] = r < 0.5 ? 0 : r < 0.8 ? 0x20 + Math.floor(random() * 0x5f) : Math.floor(random() * 256);
    }
    if (length >= 8) {
        const view = new DataView(bytes.buffer);
        view.setUint32(0, length, true);
        view.setUint16(4, layout.templateId, true);
        view.setUint16(6, random() < 0.9 ? 1 + Math.floor(random() * 2) : Math.floor(random() * 4), true);
        if (layout.groups.length > 0 && length >= layout.blockLength + 4) {
            const group = layout.groups[0]!;
            view.setUint16(layout.blockLength, random() < 0.8 ? group.entryLength : Math.floor(random() * 100), true);
            view.setUint16(layout.blockLength + 2, Math.floor(random() * 4), true);
        }
    }
    return bytes;
}

test(`fuzz: random bytes (seed ${seed})`, { timeout: 60_000 }, () => {
    const random = seededRandom(seed);
    const outcome: Outcome = { decoded: 0, refused: 0 };
    for (let i = 0; i < iterations; i++) {
        const length = Math.floor(random() * 300);
        const bytes = new Uint8Array(length);
        for (let j = 0; j < length; j++) bytes[j] = Math.floor(random() * 256);
        check(bytes, outcome, `random #${i}`);
    }
    assert.equal(outcome.decoded + outcome.refused, iterations);
});

test(`fuzz: plausible headers (seed ${seed})`, { timeout: 60_000 }, () => {
    const random = seededRandom(seed + 1);
    const outcome: Outcome = { decoded: 0, refused: 0 };
    for (let i = 0; i < iterations; i++) check(plausible(random), outcome, `plausible #${i}`);
    // Both paths are exercised: some buffers read, some are refused.
    assert.ok(outcome.decoded > 0, `no plausible buffer decoded (seed ${seed})`);
    assert.ok(outcome.refused > 0, `no plausible buffer refused (seed ${seed})`);
});

const samples: Message[] = [
    { type: 'Ping', requestId: 1n },
    { type: 'Goodbye', code: 1013, text: 'slow consumer' },
    {
        type: 'BookSnapshot', requestId: 2n, bookSequence: 10n, tradeSequence: 3n, instrumentId: 1, channels: 7,
        bids: [{ priceTicks: 100n, lots: 5n, orderCount: 1 }, { priceTicks: 99n, lots: 7n, orderCount: 2 }],
        asks: [{ priceTicks: 101n, lots: 1n, orderCount: 1 }],
    },
    {
        type: 'InstrumentList', requestId: 3n,
        instruments: [{
            instrumentId: 1, status: 1, tickScale: 2, lotScale: 4, tickMantissa: 1n, lotMantissa: 1n, minQuantityLots: 1n,
            minNotional: 1_000_000n, symbol: 'BTC-USD', baseAsset: 'BTC', quoteAsset: 'USD',
        }],
    },
    {
        type: 'ExecutionReport', requestId: 21n, orderId: 5n, execSequence: 1234n, priceTicks: 10050n, quantityLots: 1000n,
        leavesLots: 0n, cumLots: 1000n, lastPriceTicks: 10050n, lastLots: 1000n, avgPriceTicksE8: 1_005_000_000_000n,
        transactTimeNs: 1n, tradeId: 42n, accountId: 1002n, instrumentId: 1, execIndex: 3, rejectCode: 0, execType: 'F',
        ordStatus: '2', side: 1, orderType: 1, timeInForce: 1, cancelReason: 0, role: 'T', clOrdId: 'buy-1', origClOrdId: '',
        ...executionReportSchema2Zeros, stopPriceTicks: 1000n, triggerType: 1, flags: 1,
    },
    {
        type: 'PlaceOrder', requestId: 7n, priceTicks: 10050n, quantityLots: 1000n, quoteBudget: 0n, expireTimeNs: 0n,
        instrumentId: 1, side: 2, orderType: 1, timeInForce: 1, selfTradePrevention: 0, flags: 1, clOrdId: 'abc-123',
        ...placeOrderSchema2Zeros, displayLots: 10n, contingencyType: 1, linkedClOrdId: 'other',
    },
    {
        type: 'QuoteAck', requestId: 8n, bidOrderId: 1n, askOrderId: 2n, bidPriceTicks: 99n, bidLots: 1n, askPriceTicks: 101n,
        askLots: 1n, transactTimeNs: 1n, instrumentId: 1, rejectCode: 0, quoteId: 'q',
    },
];

test(`fuzz: mutated valid messages (seed ${seed})`, { timeout: 60_000 }, () => {
    const random = seededRandom(seed + 2);
    const outcome: Outcome = { decoded: 0, refused: 0 };
    for (let i = 0; i < iterations; i++) {
        const original = encode(samples[i % samples.length]!);
        let bytes: Uint8Array = original.slice();
        const mutation = Math.floor(random() * 5);
        switch (mutation) {
            case 0: // flip a few bytes
                for (let k = 1 + Math.floor(random() * 3); k > 0; k--) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
                break;
            case 1: // truncate, keeping or fixing the length field
                bytes = bytes.slice(0, Math.floor(random() * bytes.length));
                if (random() < 0.5 && bytes.length >= 4) new DataView(bytes.buffer).setUint32(0, bytes.length, true);
                break;
            case 2: { // append bytes, fixing the length field
                const longer = new Uint8Array(bytes.length + 1 + Math.floor(random() * 40));
                longer.set(bytes);
                for (let j = bytes.length; j < longer.length; j++) longer[j] = Math.floor(random() * 256);
                new DataView(longer.buffer).setUint32(0, longer.length, true);
                bytes = longer;
                break;
            }
            case 3: // a group header or count byte (offsets of the groups in the samples)
                bytes[Math.min(bytes.length - 1, [16, 18, 40, 42, 84, 86][Math.floor(random() * 6)]!)] = Math.floor(random() * 256);
                break;
            default: // the template id
                new DataView(bytes.buffer).setUint16(4, Math.floor(random() * 130), true);
        }
        check(bytes, outcome, `mutation ${mutation} #${i}`);
    }
    assert.ok(outcome.decoded > 0 && outcome.refused > 0, `decoded ${outcome.decoded}, refused ${outcome.refused}`);
});

test('fuzz: the largest group counts finish quickly', { timeout: 10_000 }, () => {
    // 65535 entries claimed in a short buffer: refused from the header, not by reading them.
    const bytes = new Uint8Array(48);
    const view = new DataView(bytes.buffer);
    view.setUint32(0, 48, true);
    view.setUint16(4, 110, true);
    view.setUint16(6, 1, true);
    view.setUint16(40, 65535, true);
    view.setUint16(42, 65535, true);
    assert.throws(() => decode(bytes), ProtocolError);
    // And a real one of 65535 entries decodes.
    const levels = Array.from({ length: 65535 }, (_, i) => ({ priceTicks: BigInt(i + 1), lots: 1n, orderCount: 1 }));
    const big = encode({ type: 'BookSnapshot', requestId: 0n, bookSequence: 0n, tradeSequence: 0n, instrumentId: 1, channels: 1, bids: levels, asks: [] });
    assert.equal((decode(big) as { bids: unknown[] }).bids.length, 65535);
});
