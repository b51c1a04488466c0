// Schema 2 in MatcherClient: stop, take-profit, trailing stop, iceberg and one-cancels-other orders,
// quotes and market-maker protection, against the WebSocket double.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
    CancelReason,
    ContingencyType,
    ExecType,
    MarketMakerProtectionStatus,
    RejectCode,
    rejectCodeName,
    SCHEMA_VERSION,
    TriggerType,
    type ExecutionReport,
    type MarketMakerProtection,
    type QuoteAck,
} from '../src/index.js';
import { connected } from './fakeSocket.js';
import { frame } from './helpers.js';
import { placeOrderSchema2Zeros, schema2Vectors } from './vectors2.js';

test('placeOrder: a stop-limit, a trailing stop, an iceberg and an OCO leg carry their schema-2 fields', async () => {
    const { client, socket } = await connected();
    client.placeOrder({ instrumentId: 1, side: 2, clOrdId: 'sl', priceTicks: 9900n, quantityLots: 5n, triggerType: TriggerType.Stop, stopPriceTicks: 9950n });
    client.placeOrder({ instrumentId: 1, side: 2, clOrdId: 'tr', quantityLots: 5n, triggerType: TriggerType.TrailingStop, trailingOffsetBps: 50n });
    client.placeOrder({ instrumentId: 1, side: 1, clOrdId: 'ice', priceTicks: 9800n, quantityLots: 100n, displayLots: 10n });
    client.placeOrder({ instrumentId: 1, side: 2, clOrdId: 'oco', priceTicks: 10100n, quantityLots: 5n, linkedClOrdId: 'sl' });
    client.placeOrder({ instrumentId: 1, side: 2, clOrdId: 'by-id', priceTicks: 10100n, quantityLots: 5n, linkedOrderId: 17n });

    const sent = socket.sentMessages();
    const common = { type: 'PlaceOrder', quoteBudget: 0n, expireTimeNs: 0n, instrumentId: 1, timeInForce: 0, selfTradePrevention: 0, flags: 0 };
    assert.deepEqual(sent, [
        {
            ...common, ...placeOrderSchema2Zeros, requestId: 1n, priceTicks: 9900n, quantityLots: 5n, side: 2, orderType: 1, clOrdId: 'sl',
            triggerType: 1, stopPriceTicks: 9950n,
        },
        {
            ...common, ...placeOrderSchema2Zeros, requestId: 2n, priceTicks: 0n, quantityLots: 5n, side: 2, orderType: 2, clOrdId: 'tr',
            triggerType: 3, trailingOffsetBps: 50n,
        },
        { ...common, ...placeOrderSchema2Zeros, requestId: 3n, priceTicks: 9800n, quantityLots: 100n, side: 1, orderType: 1, clOrdId: 'ice', displayLots: 10n },
        {
            ...common, ...placeOrderSchema2Zeros, requestId: 4n, priceTicks: 10100n, quantityLots: 5n, side: 2, orderType: 1, clOrdId: 'oco',
            contingencyType: ContingencyType.OneCancelsOther, linkedClOrdId: 'sl',
        },
        {
            ...common, ...placeOrderSchema2Zeros, requestId: 5n, priceTicks: 10100n, quantityLots: 5n, side: 2, orderType: 1, clOrdId: 'by-id',
            contingencyType: ContingencyType.OneCancelsOther, linkedOrderId: 17n,
        },
    ]);
    for (const bytes of socket.sent) {
        assert.equal(new DataView(bytes.buffer, bytes.byteOffset).getUint16(6, true), SCHEMA_VERSION, 'written in the newest schema');
        assert.equal(bytes.byteLength, 176, 'the schema-2 PlaceOrder');
    }
});

test('amendOrder and cancelReplace carry a new stop price; quote and resetMarketMakerProtection send their messages', async () => {
    const { client, socket } = await connected();
    client.amendOrder({ orderId: 9n, newStopPriceTicks: 9940n });
    client.cancelReplace({ origClOrdId: 'sl', clOrdId: 'sl2', newPriceTicks: 9890n, newStopPriceTicks: 9930n });
    assert.equal(client.quote({ instrumentId: 1, quoteId: 'q-1', bidPriceTicks: 9990n, bidLots: 5n, askPriceTicks: 10010n, askLots: 6n }), 3n);
    client.quote({ instrumentId: 1, quoteId: 'q-2' });
    assert.equal(client.resetMarketMakerProtection(), 5n);
    assert.deepEqual(socket.sentMessages(), [
        { type: 'AmendOrder', requestId: 1n, orderId: 9n, newPriceTicks: 0n, newQuantityLots: 0n, origClOrdId: '', newStopPriceTicks: 9940n },
        {
            type: 'CancelReplace', requestId: 2n, orderId: 0n, newPriceTicks: 9890n, newQuantityLots: 0n, origClOrdId: 'sl', clOrdId: 'sl2',
            newStopPriceTicks: 9930n,
        },
        { type: 'Quote', requestId: 3n, bidPriceTicks: 9990n, bidLots: 5n, askPriceTicks: 10010n, askLots: 6n, instrumentId: 1, quoteId: 'q-1' },
        { type: 'Quote', requestId: 4n, bidPriceTicks: 0n, bidLots: 0n, askPriceTicks: 0n, askLots: 0n, instrumentId: 1, quoteId: 'q-2' },
        { type: 'ResetMarketMakerProtection', requestId: 5n },
    ]);
});

test('QuoteAck, MarketMakerProtection and a triggered report reach their events', async () => {
    const { client, socket } = await connected();
    const acks: QuoteAck[] = [];
    const protections: MarketMakerProtection[] = [];
    const reports: ExecutionReport[] = [];
    client.on('quoteAck', (m) => acks.push(m));
    client.on('marketMakerProtection', (m) => protections.push(m));
    client.on('executionReport', (m) => reports.push(m));
    for (const name of ['QuoteAck', 'MarketMakerProtection', 'ExecutionReport']) {
        socket.receive(schema2Vectors.find((v) => v.message.type === name)!.bytes);
    }
    assert.equal(acks.length, 1);
    assert.equal(acks[0]!.rejectCode, RejectCode.InvalidQuote);
    assert.equal(rejectCodeName(acks[0]!.rejectCode), 'InvalidQuote');
    assert.equal(protections.length, 1);
    assert.equal(protections[0]!.status, MarketMakerProtectionStatus.Tripped);
    assert.equal(reports.length, 1);
    assert.equal(reports[0]!.execType, ExecType.Triggered);
    assert.equal(reports[0]!.stopPriceTicks, 9950n);
    assert.equal(reports[0]!.triggerType, TriggerType.TrailingStop);
});

test('a schema-1 ExecutionReport from an older server reads with the schema-2 fields zero', async () => {
    const { client, socket } = await connected();
    const reports: ExecutionReport[] = [];
    client.on('executionReport', (m) => reports.push(m));
    socket.receive(frame(192, 103, (v, b) => {
        v.setBigInt64(16, 5n, true);
        b[120] = '4'.charCodeAt(0);
        b[121] = '4'.charCodeAt(0);
        b[125] = CancelReason.Contingency;
        b[126] = 'E'.charCodeAt(0);
    }));
    assert.equal(reports.length, 1);
    assert.equal(reports[0]!.orderId, 5n);
    assert.equal(reports[0]!.cancelReason, CancelReason.Contingency);
    assert.deepEqual(
        [reports[0]!.stopPriceTicks, reports[0]!.displayLots, reports[0]!.linkedOrderId, reports[0]!.triggerType, reports[0]!.flags],
        [0n, 0n, 0n, 0, 0],
    );
});

test('a schema-2 ExecutionReport as short as schema 1 is a protocolError', async () => {
    const { client, socket } = await connected();
    const errors: string[] = [];
    client.on('protocolError', (e) => errors.push(e.message));
    socket.receive(frame(192, 103, () => {}, 2));
    assert.equal(errors.length, 1);
    assert.match(errors[0]!, /ExecutionReport of 192 bytes is shorter than its 240-byte layout/);
});

test('the reject and cancel reasons of schema 2 have their core names', () => {
    assert.deepEqual(
        [42, 43, 44, 45, 46, 47, 48].map(rejectCodeName),
        ['InvalidTrigger', 'UnknownLinkedOrder', 'InvalidContingency', 'MarketMakerProtection', 'NoReferencePrice', 'WouldTriggerImmediately', 'InvalidQuote'],
    );
    assert.deepEqual(
        [CancelReason.Contingency, CancelReason.CircuitBreaker, CancelReason.QuoteReplaced, CancelReason.MarketMakerProtection],
        [11, 12, 13, 14],
    );
});
