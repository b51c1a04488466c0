// MatcherClient against a WebSocket double: what it sends, how it signs the Login, how answers
// settle its promises, and how it treats a closed connection or a bad frame.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import {
    ConnectionClosedError,
    decodeClientMessage,
    encode,
    MatcherClient,
    MatcherRejectError,
    ProtocolError,
    RequestTimeoutError,
    signLogin,
    type Login,
    type ServerMessage,
} from '../src/index.js';
import { connected, sentCount } from './fakeSocket.js';
import { executionReportSchema2Zeros, placeOrderSchema2Zeros } from './vectors2.js';

test('connect: binaryType arraybuffer', async () => {
    const { client, socket } = await connected();
    assert.equal(socket.binaryType, 'arraybuffer');
    assert.equal(socket.url, 'ws://test/ws');
    assert.equal(client.isOpen, true);
});

test('login: signs bytes 8–55 with HMAC-SHA256 of the secret, timestamp now in ns, random nonce', async () => {
    const { client, socket } = await connected();
    const before = BigInt(Date.now()) * 1_000_000n;
    const answer = client.login('demo-key-1001', 'demo-secret-1001');
    await sentCount(socket, 1);
    const after = BigInt(Date.now()) * 1_000_000n;
    const bytes = socket.sent[0]!;
    const login = decodeClientMessage(bytes) as Login;
    assert.equal(login.type, 'Login');
    assert.equal(login.apiKey, 'demo-key-1001');
    assert.ok(login.timestampNs >= before && login.timestampNs <= after, `timestamp ${login.timestampNs}`);
    const expected = createHmac('sha256', Buffer.from('demo-secret-1001', 'utf8')).update(bytes.subarray(8, 56)).digest();
    assert.deepEqual(Buffer.from(login.signature), expected);
    assert.deepEqual(Buffer.from(bytes.subarray(56, 88)), expected);

    socket.receive({
        type: 'LoginAccepted', accountId: 1001n, connectionId: 3, schemaVersion: 1, serverTimeNs: 5n,
        messagesPerSecond: 100, burst: 10, maxMessageBytes: 4096,
    });
    const accepted = await answer;
    assert.equal(accepted.accountId, 1001n);
    assert.equal(client.session?.connectionId, 3);
});

test('login: two logins use different nonces', async () => {
    const a = await signLogin('k', 's', 1n, 1n);
    const b = await signLogin('k', 's', 1n, 2n);
    assert.notDeepEqual(a.signature, b.signature);
    const { client: c1, socket: s1 } = await connected(200);
    const { client: c2, socket: s2 } = await connected(200);
    const p1 = c1.login('k', 's').catch(() => undefined);
    const p2 = c2.login('k', 's').catch(() => undefined);
    await sentCount(s1, 1);
    await sentCount(s2, 1);
    assert.notEqual((decodeClientMessage(s1.sent[0]!) as Login).nonce, (decodeClientMessage(s2.sent[0]!) as Login).nonce);
    await Promise.all([p1, p2]);
});

test('login: a Reject for the Login rejects the promise with its code', async () => {
    const { client, socket } = await connected();
    const answer = client.login('demo-key-1001', 'wrong');
    await sentCount(socket, 1);
    socket.receive({ type: 'Reject', requestId: 0n, refTemplateId: 1, code: 1005, text: 'authentication failed' });
    await assert.rejects(answer, (error: unknown) => {
        assert.ok(error instanceof MatcherRejectError);
        assert.equal(error.code, 1005);
        assert.match(error.message, /Login rejected: AuthenticationFailed \(1005\): authentication failed/);
        return true;
    });
});

test('ping and listInstruments resolve with the answer carrying their requestId', async () => {
    const { client, socket } = await connected();
    const pings = [client.ping(), client.ping()];
    const list = client.listInstruments();
    const sent = socket.sentMessages();
    assert.deepEqual(sent.map((m) => [m.type, (m as { requestId: bigint }).requestId]), [
        ['Ping', 1n], ['Ping', 2n], ['InstrumentListRequest', 3n],
    ]);
    // Answered out of order.
    socket.receive({
        type: 'InstrumentList', requestId: 3n,
        instruments: [{
            instrumentId: 1, status: 1, tickScale: 2, lotScale: 4, tickMantissa: 1n, lotMantissa: 1n,
            minQuantityLots: 1n, minNotional: 1_000_000n, symbol: 'BTC-USD', baseAsset: 'BTC', quoteAsset: 'USD',
        }],
    });
    socket.receive({ type: 'Pong', requestId: 2n, serverTimeNs: 22n });
    socket.receive({ type: 'Pong', requestId: 1n, serverTimeNs: 11n });
    assert.equal((await pings[0]!).serverTimeNs, 11n);
    assert.equal((await pings[1]!).serverTimeNs, 22n);
    assert.equal((await list)[0]!.symbol, 'BTC-USD');
});

test('a Reject carrying a pending requestId rejects that request', async () => {
    const { client, socket } = await connected();
    const ping = client.ping();
    socket.receive({ type: 'Reject', requestId: 1n, refTemplateId: 11, code: 1008, text: 'rate limited' });
    await assert.rejects(ping, (e: unknown) => e instanceof MatcherRejectError && e.code === 1008);
});

test('order entry helpers send the spec messages with fresh requestIds', async () => {
    const { client, socket } = await connected();
    assert.equal(client.placeOrder({ instrumentId: 1, side: 2, clOrdId: 's1', priceTicks: 10000n, quantityLots: 1000n, postOnly: true }), 1n);
    assert.equal(client.placeOrder({ instrumentId: 1, side: 1, clOrdId: 'm1', quoteBudget: 5_000_000n }), 2n);
    client.cancelOrder({ origClOrdId: 's1' });
    client.amendOrder({ orderId: 9n, newQuantityLots: 500n });
    client.cancelReplace({ origClOrdId: 's1', newPriceTicks: 10001n, clOrdId: 's2' });
    client.massCancel();
    client.orderStatus({ clOrdId: 's2' });
    client.subscribe(1, { depth: 10 });
    client.unsubscribe(1);
    assert.deepEqual(socket.sentMessages(), [
        {
            type: 'PlaceOrder', requestId: 1n, priceTicks: 10000n, quantityLots: 1000n, quoteBudget: 0n, expireTimeNs: 0n,
            instrumentId: 1, side: 2, orderType: 1, timeInForce: 0, selfTradePrevention: 0, flags: 1, clOrdId: 's1',
            ...placeOrderSchema2Zeros,
        },
        {
            type: 'PlaceOrder', requestId: 2n, priceTicks: 0n, quantityLots: 0n, quoteBudget: 5_000_000n, expireTimeNs: 0n,
            instrumentId: 1, side: 1, orderType: 2, timeInForce: 0, selfTradePrevention: 0, flags: 0, clOrdId: 'm1',
            ...placeOrderSchema2Zeros,
        },
        { type: 'CancelOrder', requestId: 3n, orderId: 0n, origClOrdId: 's1', clOrdId: '' },
        { type: 'AmendOrder', requestId: 4n, orderId: 9n, newPriceTicks: 0n, newQuantityLots: 500n, origClOrdId: '', newStopPriceTicks: 0n },
        { type: 'CancelReplace', requestId: 5n, orderId: 0n, newPriceTicks: 10001n, newQuantityLots: 0n, origClOrdId: 's1', clOrdId: 's2', newStopPriceTicks: 0n },
        { type: 'MassCancel', requestId: 6n, instrumentId: 0, side: 0 },
        { type: 'OrderStatusRequest', requestId: 7n, orderId: 0n, clOrdId: 's2' },
        { type: 'Subscribe', requestId: 8n, instrumentId: 1, depth: 10, channels: 7 },
        { type: 'Unsubscribe', requestId: 9n, instrumentId: 1 },
    ]);
});

test('every server message reaches its event', async () => {
    const { client, socket } = await connected();
    const seen: string[] = [];
    for (const event of [
        'executionReport', 'cancelReject', 'massCancelReport', 'balanceUpdate', 'bookSnapshot', 'bookUpdate',
        'trade', 'bbo', 'goodbye', 'reject',
    ] as const) {
        client.on(event, (m) => seen.push(`${event}:${m.type}`));
    }
    let all = 0;
    client.on('message', () => all++);
    socket.receive({ type: 'CancelReject', requestId: 1n, orderId: 0n, rejectCode: 5, ordStatus: '8', responseTo: '1', clOrdId: '', origClOrdId: 'x' });
    socket.receive({ type: 'MassCancelReport', requestId: 2n, affectedOrders: 0, rejectCode: 0 });
    socket.receive({ type: 'BalanceUpdate', accountId: 1n, available: 1n, locked: 0n, assetId: 1 });
    socket.receive({ type: 'BookSnapshot', requestId: 3n, bookSequence: 0n, tradeSequence: 0n, instrumentId: 1, channels: 7, bids: [], asks: [] });
    socket.receive({ type: 'BookUpdate', bookSequence: 1n, priceTicks: 1n, lots: 1n, instrumentId: 1, orderCount: 1, side: 1, action: 0 });
    socket.receive({ type: 'Trade', tradeSequence: 1n, tradeId: 1n, priceTicks: 1n, lots: 1n, timestampNs: 1n, instrumentId: 1, aggressorSide: 1 });
    socket.receive({ type: 'Bbo', bookSequence: 1n, bidPriceTicks: 1n, bidLots: 1n, askPriceTicks: 0n, askLots: 0n, instrumentId: 1 });
    socket.receive({ type: 'Reject', requestId: 9n, refTemplateId: 2, code: 1003, text: 'not logged in' });
    socket.receive({ type: 'Goodbye', code: 1014, text: 'server stopping' });
    socket.receive({
        type: 'ExecutionReport', requestId: 1n, orderId: 1n, execSequence: 1n, priceTicks: 1n, quantityLots: 1n, leavesLots: 1n,
        cumLots: 0n, lastPriceTicks: 0n, lastLots: 0n, avgPriceTicksE8: 0n, transactTimeNs: 1n, tradeId: 0n, accountId: 1n,
        instrumentId: 1, execIndex: 0, rejectCode: 0, execType: '0', ordStatus: '0', side: 1, orderType: 1, timeInForce: 1,
        cancelReason: 0, role: 'E', clOrdId: 'a', origClOrdId: '', ...executionReportSchema2Zeros,
    });
    assert.deepEqual(seen, [
        'cancelReject:CancelReject', 'massCancelReport:MassCancelReport', 'balanceUpdate:BalanceUpdate',
        'bookSnapshot:BookSnapshot', 'bookUpdate:BookUpdate', 'trade:Trade', 'bbo:Bbo', 'reject:Reject',
        'goodbye:Goodbye', 'executionReport:ExecutionReport',
    ]);
    assert.equal(all, 10);
});

test('a bad frame is a protocolError event and the session goes on', async () => {
    const { client, socket } = await connected();
    const errors: ProtocolError[] = [];
    client.on('protocolError', (e) => errors.push(e));
    socket.receive(new Uint8Array([1, 2, 3]));
    socket.receive('text');
    socket.receive(encode({ type: 'Ping', requestId: 1n }));
    assert.equal(errors.length, 3);
    assert.match(errors[0]!.message, /shorter than the 8-byte header/);
    assert.match(errors[1]!.message, /text frame/);
    assert.match(errors[2]!.message, /Ping is a client message/);
    const pong = client.ping();
    socket.receive({ type: 'Pong', requestId: 1n, serverTimeNs: 1n });
    assert.equal((await pong).requestId, 1n);
});

test('several messages in one WebSocket message each reach their event, in order', async () => {
    const { client, socket } = await connected();
    const seen: string[] = [];
    client.on('message', (m) => seen.push(m.type));
    const ping = client.ping();
    const parts = [
        encode({ type: 'BookUpdate', bookSequence: 1n, priceTicks: 5n, lots: 2n, instrumentId: 1, orderCount: 1, side: 1, action: 0 }),
        encode({ type: 'BookSnapshot', requestId: 0n, bookSequence: 1n, tradeSequence: 0n, instrumentId: 1, channels: 7,
            bids: [{ priceTicks: 5n, lots: 2n, orderCount: 1 }], asks: [] }),
        encode({ type: 'Pong', requestId: 1n, serverTimeNs: 7n }),
    ];
    const frame = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
    let at = 0;
    for (const part of parts) {
        frame.set(part, at);
        at += part.byteLength;
    }
    let snapshot: ServerMessage | undefined;
    client.on('bookSnapshot', (m) => { snapshot = m; });
    socket.receive(frame);
    assert.deepEqual(seen, ['BookUpdate', 'BookSnapshot', 'Pong']);
    assert.equal((await ping).serverTimeNs, 7n);
    assert.deepEqual(snapshot !== undefined && snapshot.type === 'BookSnapshot' ? snapshot.bids : undefined, [{ priceTicks: 5n, lots: 2n, orderCount: 1 }]);
});

test('in one WebSocket message, a bad message with a sound length is skipped; a length past the end ends the walk', async () => {
    const { client, socket } = await connected();
    const seen: string[] = [];
    const errors: ProtocolError[] = [];
    client.on('message', (m) => seen.push(m.type));
    client.on('protocolError', (e) => errors.push(e));
    const ping = encode({ type: 'Ping', requestId: 1n });
    const trade = encode({ type: 'Trade', tradeSequence: 1n, tradeId: 1n, priceTicks: 1n, lots: 1n, timestampNs: 1n, instrumentId: 1, aggressorSide: 1 });
    const overrun = encode({ type: 'Bbo', bookSequence: 1n, bidPriceTicks: 1n, bidLots: 1n, askPriceTicks: 0n, askLots: 0n, instrumentId: 1 });
    new DataView(overrun.buffer, overrun.byteOffset).setUint32(0, 500, true);
    const frame = new Uint8Array(ping.byteLength + trade.byteLength + overrun.byteLength + trade.byteLength);
    frame.set(ping, 0);
    frame.set(trade, ping.byteLength);
    frame.set(overrun, ping.byteLength + trade.byteLength);
    frame.set(trade, ping.byteLength + trade.byteLength + overrun.byteLength);
    socket.receive(frame);
    assert.deepEqual(seen, ['Trade']);
    assert.equal(errors.length, 2);
    assert.match(errors[0]!.message, /Ping is a client message/);
    assert.match(errors[1]!.message, /the header says 500 bytes but the message has 112/);
});

test('closing rejects what waits and fires close; sending after close throws', async () => {
    const { client, socket } = await connected();
    const ping = client.ping();
    const closed = client.waitFor('close');
    const waiting = client.waitFor('executionReport');
    socket.close(1008, 'policy');
    await assert.rejects(ping, ConnectionClosedError);
    await assert.rejects(waiting, ConnectionClosedError);
    assert.deepEqual(await closed, { code: 1008, reason: 'policy', wasClean: true });
    assert.equal(client.isOpen, false);
    assert.throws(() => client.placeOrder({ instrumentId: 1, side: 1, clOrdId: 'x', priceTicks: 1n, quantityLots: 1n }), ConnectionClosedError);
});

test('an unanswered request times out', async () => {
    const { client } = await connected(30);
    await assert.rejects(client.ping(), (e: unknown) => e instanceof RequestTimeoutError && /Ping: no answer within 30 ms/.test(e.message));
});

test('waitFor resolves on the first matching event', async () => {
    const { client, socket } = await connected();
    const second = client.waitFor('pong', (p) => p.requestId === 2n);
    socket.receive({ type: 'Pong', requestId: 1n, serverTimeNs: 1n });
    socket.receive({ type: 'Pong', requestId: 2n, serverTimeNs: 2n });
    assert.equal((await second).serverTimeNs, 2n);
});

test('without a WebSocket implementation connect explains the Node flag', async () => {
    const saved = (globalThis as { WebSocket?: unknown }).WebSocket;
    try {
        delete (globalThis as { WebSocket?: unknown }).WebSocket;
        const client = new MatcherClient();
        await assert.rejects(client.connect('ws://x/ws'), /--experimental-websocket/);
    } finally {
        if (saved !== undefined) (globalThis as { WebSocket?: unknown }).WebSocket = saved;
    }
});

test('a handler that throws goes to the error event and the other handlers still run', async () => {
    const { client, socket } = await connected();
    const errors: Error[] = [];
    let second = 0;
    client.on('error', (e) => errors.push(e));
    client.on('pong', () => {
        throw new Error('handler bug');
    });
    client.on('pong', () => second++);
    socket.receive({ type: 'Pong', requestId: 1n, serverTimeNs: 1n });
    assert.equal(second, 1);
    assert.equal(errors[0]?.message, 'handler bug');
});
