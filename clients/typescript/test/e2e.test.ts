// End to end against a running `matcher serve`: skipped unless MATCHER_WS_URL is set.
//   MATCHER_WS_URL        ws://127.0.0.1:PORT/ws
//   MATCHER_API_KEY_A     account A's API key and secret (default demo-key-1001 / demo-secret-1001)
//   MATCHER_API_SECRET_A
//   MATCHER_API_KEY_B     account B's (default demo-key-1002 / demo-secret-1002)
//   MATCHER_API_SECRET_B
//   MATCHER_INSTRUMENT    a symbol (default BTC-USD)
// On a failure it prints what each connection received.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
    CancelReason,
    Channels,
    ExecutionReportFlags,
    MatcherClient,
    MatcherRejectError,
    parseScaled,
    quantityToLots,
    SCHEMA_VERSION,
    Side,
    type BookSnapshot,
    type BookUpdate,
    type ExecutionReport,
    type InstrumentInfo,
    type ServerMessage,
    type Trade,
} from '../src/index.js';

const url = process.env.MATCHER_WS_URL;
const keyA = process.env.MATCHER_API_KEY_A ?? 'demo-key-1001';
const secretA = process.env.MATCHER_API_SECRET_A ?? 'demo-secret-1001';
const keyB = process.env.MATCHER_API_KEY_B ?? 'demo-key-1002';
const secretB = process.env.MATCHER_API_SECRET_B ?? 'demo-secret-1002';
const symbol = process.env.MATCHER_INSTRUMENT ?? 'BTC-USD';
const timeoutMs = 10_000;

const json = (value: unknown): string =>
    JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? `<${v.length} bytes>` : v));

/** A client that keeps a transcript of what it received, for the failure report. */
class Recorded {
    readonly client = new MatcherClient({ requestTimeoutMs: timeoutMs });
    readonly transcript: string[] = [];

    constructor(readonly label: string) {
        this.client.on('message', (m: ServerMessage) => this.transcript.push(json(m)));
        this.client.on('protocolError', (e) => this.transcript.push(`protocol error: ${e.message}`));
        this.client.on('close', (c) => this.transcript.push(`closed ${c.code} ${c.reason}`));
    }
}

const connections: Recorded[] = [];

async function open(label: string): Promise<Recorded> {
    const recorded = new Recorded(label);
    connections.push(recorded);
    try {
        await recorded.client.connect(url!);
    } catch (error) {
        throw new Error(`${label}: cannot connect to ${url}: ${(error as Error).message}`);
    }
    return recorded;
}

/** Runs a test body; on failure prints every connection's transcript before failing. */
async function reported(body: () => Promise<void>): Promise<void> {
    try {
        await body();
    } catch (error) {
        for (const c of connections) {
            console.error(`--- ${c.label} received (${c.transcript.length} messages, last 40):`);
            for (const line of c.transcript.slice(-40)) console.error(`    ${line}`);
        }
        throw error;
    }
}

const unique = `${process.pid % 100000}-${Date.now() % 100_000_000}`;

describe('end to end against matcher serve', { skip: url ? false : 'MATCHER_WS_URL is not set', timeout: 60_000 }, () => {
    let a: Recorded;
    let b: Recorded;
    let md: Recorded;
    let instrument: InstrumentInfo;

    before(async () => {
        await reported(async () => {
            a = await open('A');
            b = await open('B');
            md = await open('market data (no login)');
            const [acceptedA, acceptedB] = await Promise.all([a.client.login(keyA, secretA), b.client.login(keyB, secretB)]);
            assert.notEqual(acceptedA.accountId, acceptedB.accountId, 'accounts A and B must differ');
            assert.equal(acceptedA.schemaVersion, SCHEMA_VERSION, 'the server writes in the version the client logged in with');
            const instruments = await md.client.listInstruments();
            const found = instruments.find((i) => i.symbol === symbol);
            assert.ok(found, `instrument ${symbol} not in the list: ${instruments.map((i) => i.symbol).join(', ')}`);
            instrument = found;
        });
    });

    after(async () => {
        await Promise.all(connections.map((c) => c.client.close()));
    });

    it('ping answers with the requestId and the server time', async () => {
        await reported(async () => {
            const pong = await md.client.ping();
            assert.ok(pong.serverTimeNs > 0n);
        });
    });

    it('a resting sell and a crossing buy: maker and taker reports, a book update and a trade with consecutive sequences', async () => {
        await reported(async () => {
            const updates: BookUpdate[] = [];
            const trades: Trade[] = [];
            md.client.on('bookUpdate', (u) => u.instrumentId === instrument.instrumentId && updates.push(u));
            md.client.on('trade', (t) => t.instrumentId === instrument.instrumentId && trades.push(t));
            const snapshotAnswer = md.client.waitFor('bookSnapshot', (s) => s.instrumentId === instrument.instrumentId);
            const subscribeId = md.client.subscribe(instrument.instrumentId, { depth: 0, channels: Channels.All });
            const snapshot: BookSnapshot = await snapshotAnswer;
            assert.equal(snapshot.requestId, subscribeId, 'the snapshot echoes the Subscribe requestId');
            assert.equal(snapshot.channels, Channels.All);

            const priceTicks = pickPrice(snapshot, instrument);
            const lots = pickQuantity(instrument);
            const sellId = `e2e-${unique}-s`;
            const buyId = `e2e-${unique}-b`;

            // A rests a sell. (Every wait is set up before the request: answers may come in any order.)
            const sellAck = a.client.waitFor('executionReport', (r) => r.clOrdId === sellId);
            const levelShown = md.client.waitFor('bookUpdate', (u) => u.side === Side.Sell && u.priceTicks === priceTicks && u.lots === lots);
            const sellRequest = a.client.placeOrder({ instrumentId: instrument.instrumentId, side: Side.Sell, clOrdId: sellId, priceTicks, quantityLots: lots });
            const ack = await sellAck;
            assert.equal(ack.execType, '0', `the sell is accepted: ${json(ack)}`);
            assert.equal(ack.ordStatus, '0');
            assert.equal(ack.requestId, sellRequest);
            assert.equal(ack.leavesLots, lots);
            await levelShown;

            // B crosses it.
            const makerFill = a.client.waitFor('executionReport', (r) => r.clOrdId === sellId && r.execType === 'F');
            const takerFill = b.client.waitFor('executionReport', (r) => r.clOrdId === buyId && r.execType === 'F');
            const tradeSeen = md.client.waitFor('trade', (t) => t.instrumentId === instrument.instrumentId && t.priceTicks === priceTicks);
            const levelGone = md.client.waitFor('bookUpdate', (u) => u.side === Side.Sell && u.priceTicks === priceTicks && u.lots === 0n);
            const buyRequest = b.client.placeOrder({ instrumentId: instrument.instrumentId, side: Side.Buy, clOrdId: buyId, priceTicks, quantityLots: lots });
            const [maker, taker]: ExecutionReport[] = await Promise.all([makerFill, takerFill]);

            assert.equal(taker.role, 'T', `taker: ${json(taker)}`);
            assert.equal(taker.ordStatus, '2');
            assert.equal(taker.requestId, buyRequest);
            assert.equal(taker.side, Side.Buy);
            assert.equal(taker.lastPriceTicks, priceTicks);
            assert.equal(taker.lastLots, lots);
            assert.equal(taker.cumLots, lots);
            assert.equal(taker.leavesLots, 0n);

            assert.equal(maker.role, 'M', `maker: ${json(maker)}`);
            assert.equal(maker.ordStatus, '2');
            assert.equal(maker.requestId, 0n, 'a maker fill is not caused by a request of A\'s connection');
            assert.equal(maker.side, Side.Sell);
            assert.equal(maker.lastPriceTicks, priceTicks);
            assert.equal(maker.lastLots, lots);
            assert.equal(maker.tradeId, taker.tradeId);
            assert.ok(maker.tradeId !== 0n);

            const trade = await tradeSeen;
            assert.equal(trade.tradeId, taker.tradeId);
            assert.equal(trade.priceTicks, priceTicks);
            assert.equal(trade.lots, lots);
            assert.equal(trade.aggressorSide, Side.Buy);
            await levelGone;

            // Every update and trade since the snapshot, in sequence.
            updates.forEach((u, i) => assert.equal(u.bookSequence, snapshot.bookSequence + BigInt(i + 1), `book update ${i}: ${json(u)}`));
            trades.forEach((t, i) => assert.equal(t.tradeSequence, snapshot.tradeSequence + BigInt(i + 1), `trade ${i}: ${json(t)}`));
            const mine = updates.filter((u) => u.priceTicks === priceTicks && u.side === Side.Sell);
            assert.deepEqual(mine.map((u) => [u.action, u.lots]), [[0, lots], [2, 0n]], 'the level appears (new) and goes (delete)');
            assert.equal(trades.at(-1)!.tradeId, taker.tradeId);
        });
    });

    it('a quote is acknowledged with its legs, the next replaces it (QuoteReplaced), an empty one withdraws it', async () => {
        await reported(async () => {
            const snapshotAnswer = md.client.waitFor('bookSnapshot', (s) => s.instrumentId === instrument.instrumentId);
            md.client.subscribe(instrument.instrumentId, { channels: Channels.Book });
            const snapshot = await snapshotAnswer;
            const lots = pickQuantity(instrument);
            // Far from the market, so that neither leg trades: below the best bid and above the best ask.
            const bid = (snapshot.bids.at(-1)?.priceTicks ?? parseScaled('60', instrument.tickMantissa, instrument.tickScale)) - 10n;
            const ask = (snapshot.asks.at(-1)?.priceTicks ?? parseScaled('5000', instrument.tickMantissa, instrument.tickScale)) + 10n;
            const quote = (quoteId: string, step: bigint, quoteLots: bigint): bigint => a.client.quote({
                instrumentId: instrument.instrumentId, quoteId, bidPriceTicks: bid + step, bidLots: quoteLots, askPriceTicks: ask - step, askLots: quoteLots,
            });

            const firstId = `q-${unique}-1`;
            const firstAnswer = a.client.waitFor('quoteAck', (q) => q.quoteId === firstId);
            const legReports = a.client.waitFor('executionReport', (r) => r.clOrdId === firstId && r.side === Side.Sell && r.execType === '0');
            const firstRequest = quote(firstId, 0n, lots);
            const first = await firstAnswer;
            assert.equal(first.rejectCode, 0, json(first));
            assert.equal(first.requestId, firstRequest);
            assert.ok(first.bidOrderId > 0n && first.askOrderId > 0n, json(first));
            const askLeg = await legReports;
            assert.equal(askLeg.orderId, first.askOrderId);
            assert.equal(askLeg.flags & ExecutionReportFlags.Quote, ExecutionReportFlags.Quote, 'a quote leg is flagged');

            const secondId = `q-${unique}-2`;
            const replaced = Promise.all([first.bidOrderId, first.askOrderId].map((orderId) =>
                a.client.waitFor('executionReport', (r) => r.orderId === orderId && r.execType === '4')));
            const secondAnswer = a.client.waitFor('quoteAck', (q) => q.quoteId === secondId);
            quote(secondId, 1n, lots);
            const [cancels, second] = await Promise.all([replaced, secondAnswer]);
            assert.deepEqual(cancels.map((r) => r.cancelReason), [CancelReason.QuoteReplaced, CancelReason.QuoteReplaced]);
            assert.equal(second.rejectCode, 0, json(second));
            assert.ok(![first.bidOrderId, first.askOrderId].includes(second.bidOrderId), 'new legs');

            const withdrawId = `q-${unique}-3`;
            const withdrawn = Promise.all([second.bidOrderId, second.askOrderId].map((orderId) =>
                a.client.waitFor('executionReport', (r) => r.orderId === orderId && r.execType === '4')));
            const emptyAnswer = a.client.waitFor('quoteAck', (q) => q.quoteId === withdrawId);
            a.client.quote({ instrumentId: instrument.instrumentId, quoteId: withdrawId });
            const [gone, empty] = await Promise.all([withdrawn, emptyAnswer]);
            assert.equal(gone.length, 2);
            assert.deepEqual([empty.rejectCode, empty.bidOrderId, empty.askOrderId], [0, 0n, 0n], json(empty));
        });
    });

    it('a connection that is not logged in gets no private messages (reports, balances)', async () => {
        await reported(async () => {
            await md.client.ping();
            const privateMessages = md.transcript.filter((line) => /"type":"(ExecutionReport|BalanceUpdate|CancelReject|MassCancelReport)"/.test(line));
            assert.deepEqual(privateMessages, [], 'market data only, on a connection without an account');
        });
    });

    it('order entry before login is refused with NotLoggedIn (1003)', async () => {
        await reported(async () => {
            const rejected = md.client.waitFor('reject');
            const requestId = md.client.placeOrder({ instrumentId: instrument.instrumentId, side: Side.Buy, clOrdId: `e2e-${unique}-x`, priceTicks: 1n, quantityLots: 1n });
            const reject = await rejected;
            assert.equal(reject.code, 1003, json(reject));
            assert.equal(reject.requestId, requestId);
            assert.equal(reject.refTemplateId, 2);
        });
    });

    it('cancelling an unknown order gets a CancelReject UnknownOrder (5)', async () => {
        await reported(async () => {
            const answer = a.client.waitFor('cancelReject');
            const requestId = a.client.cancelOrder({ origClOrdId: `e2e-${unique}-none` });
            const reject = await answer;
            assert.equal(reject.requestId, requestId);
            assert.equal(reject.rejectCode, 5, json(reject));
            assert.equal(reject.ordStatus, '8');
            assert.equal(reject.responseTo, '1');
        });
    });

    it('a status request for an unknown order gets I with ordStatus 8 and UnknownOrder (5)', async () => {
        await reported(async () => {
            const answer = a.client.waitFor('executionReport', (r) => r.execType === 'I');
            const requestId = a.client.orderStatus({ clOrdId: `e2e-${unique}-none` });
            const report = await answer;
            assert.equal(report.requestId, requestId);
            assert.equal(report.ordStatus, '8', json(report));
            assert.equal(report.rejectCode, 5);
        });
    });

    it('a bad login is rejected with AuthenticationFailed (1005) and the connection is closed (1008)', async () => {
        await reported(async () => {
            const bad = await open('bad login');
            const closed = bad.client.waitFor('close');
            await assert.rejects(bad.client.login(keyA, `${secretA}-wrong`), (error: unknown) => {
                assert.ok(error instanceof MatcherRejectError, `expected a Reject, got ${String(error)}`);
                assert.equal(error.code, 1005, error.message);
                return true;
            });
            assert.equal((await closed).code, 1008);
        });
    });
});

/** A price where a sell rests and only our buy can reach it: inside the spread, or 100 on an empty book. */
function pickPrice(snapshot: BookSnapshot, instrument: InstrumentInfo): bigint {
    const bestBid = snapshot.bids[0]?.priceTicks;
    const bestAsk = snapshot.asks[0]?.priceTicks;
    let price: bigint;
    if (bestBid !== undefined) price = bestBid + 1n;
    else if (bestAsk !== undefined) price = bestAsk - 1n;
    else {
        try {
            price = parseScaled('100', instrument.tickMantissa, instrument.tickScale);
        } catch {
            price = 10_000n;
        }
    }
    if (price <= 0n || (bestAsk !== undefined && price >= bestAsk)) {
        throw new Error(`no free price between the best bid ${bestBid} and the best ask ${bestAsk} of ${instrument.symbol}; run against a quieter book`);
    }
    return price;
}

/** 0.1 of the base asset (10 USD at 100 on BTC-USD), at least the minimum quantity. */
function pickQuantity(instrument: InstrumentInfo): bigint {
    let lots: bigint;
    try {
        lots = quantityToLots('0.1', instrument);
    } catch {
        lots = instrument.minQuantityLots * 1000n;
    }
    return lots < instrument.minQuantityLots ? instrument.minQuantityLots : lots;
}
