// The client-side book: snapshot and updates, deletes, sequence gaps and the resubscribe that
// recovers from them, and the exact decimal conversions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
    BookSubscription,
    DecimalConversionError,
    Emitter,
    formatScaled,
    lotsToQuantity,
    OrderBook,
    parseScaled,
    priceToTicks,
    quantityToLots,
    ticksToPrice,
    averagePrice,
    type Bbo,
    type BookClient,
    type BookSnapshot,
    type BookUpdate,
    type Gap,
    type MatcherClientEvents,
    type SubscribeOptions,
    type Trade,
} from '../src/index.js';

const snapshot = (over: Partial<BookSnapshot> = {}): BookSnapshot => ({
    type: 'BookSnapshot',
    requestId: 1n,
    bookSequence: 100n,
    tradeSequence: 10n,
    instrumentId: 1,
    channels: 7,
    bids: [
        { priceTicks: 9900n, lots: 5n, orderCount: 1 },
        { priceTicks: 9800n, lots: 7n, orderCount: 2 },
    ],
    asks: [
        { priceTicks: 10100n, lots: 3n, orderCount: 1 },
        { priceTicks: 10200n, lots: 4n, orderCount: 1 },
    ],
    ...over,
});

const update = (bookSequence: bigint, side: number, priceTicks: bigint, lots: bigint, action: number, orderCount = 1): BookUpdate => ({
    type: 'BookUpdate', bookSequence, priceTicks, lots, instrumentId: 1, orderCount, side, action,
});

const trade = (tradeSequence: bigint, priceTicks = 10100n, lots = 1n): Trade => ({
    type: 'Trade', tradeSequence, tradeId: tradeSequence + 1000n, priceTicks, lots, timestampNs: 1n, instrumentId: 1, aggressorSide: 1,
});

const prices = (levels: { priceTicks: bigint }[]): bigint[] => levels.map((l) => l.priceTicks);

test('OrderBook: a snapshot, then new, change and delete updates', () => {
    const book = new OrderBook(1);
    assert.equal(book.isLive, false);
    assert.deepEqual(book.applyUpdate(update(1n, 1, 1n, 1n, 0)), { kind: 'ignored' });
    book.applySnapshot(snapshot());
    assert.equal(book.isLive, true);
    assert.deepEqual(prices(book.bids()), [9900n, 9800n]);
    assert.deepEqual(prices(book.asks()), [10100n, 10200n]);

    assert.deepEqual(book.applyUpdate(update(101n, 1, 9950n, 2n, 0)), { kind: 'applied' });
    assert.deepEqual(book.applyUpdate(update(102n, 2, 10100n, 8n, 1, 3)), { kind: 'applied' });
    assert.deepEqual(book.applyUpdate(update(103n, 2, 10200n, 0n, 2, 0)), { kind: 'applied' });
    assert.deepEqual(book.applyUpdate(update(104n, 1, 9800n, 0n, 2, 0)), { kind: 'applied' });

    assert.deepEqual(book.bids(), [
        { priceTicks: 9950n, lots: 2n, orderCount: 1 },
        { priceTicks: 9900n, lots: 5n, orderCount: 1 },
    ]);
    assert.deepEqual(book.asks(), [{ priceTicks: 10100n, lots: 8n, orderCount: 3 }]);
    assert.equal(book.bookSequence, 104n);
    assert.deepEqual(book.bestBidOffer(), {
        bid: { priceTicks: 9950n, lots: 2n, orderCount: 1 },
        ask: { priceTicks: 10100n, lots: 8n, orderCount: 3 },
    });
    assert.deepEqual(book.bids(1), [{ priceTicks: 9950n, lots: 2n, orderCount: 1 }]);
    assert.deepEqual(book.level(2, 10100n), { priceTicks: 10100n, lots: 8n, orderCount: 3 });
    assert.equal(book.level(2, 10200n), undefined);
});

test('OrderBook: an old update is ignored, a skipped sequence is a gap and the book stays stale', () => {
    const book = new OrderBook(1);
    book.applySnapshot(snapshot());
    assert.deepEqual(book.applyUpdate(update(100n, 1, 9900n, 0n, 2)), { kind: 'old' });
    assert.deepEqual(book.bids().length, 2);
    const result = book.applyUpdate(update(102n, 1, 9900n, 0n, 2));
    assert.deepEqual(result, { kind: 'gap', gap: { kind: 'book', expected: 101n, received: 102n } });
    assert.equal(book.isStale, true);
    assert.equal(book.isLive, false);
    // Nothing is applied while stale, not even the update that would have been next.
    assert.deepEqual(book.applyUpdate(update(101n, 1, 9900n, 0n, 2)), { kind: 'ignored' });
    assert.deepEqual(book.bids().length, 2);
    // A fresh snapshot replaces everything.
    book.applySnapshot(snapshot({ bookSequence: 200n, bids: [], asks: [{ priceTicks: 10500n, lots: 1n, orderCount: 1 }] }));
    assert.equal(book.isLive, true);
    assert.deepEqual(book.bids(), []);
    assert.deepEqual(prices(book.asks()), [10500n]);
    assert.deepEqual(book.bestBidOffer().bid, undefined);
});

test('OrderBook: trades newest first, capped, with their own sequence', () => {
    const book = new OrderBook(1, 3);
    book.applySnapshot(snapshot());
    for (let s = 11n; s <= 15n; s++) assert.deepEqual(book.applyTrade(trade(s)), { kind: 'applied' });
    assert.deepEqual(book.trades().map((t) => t.tradeSequence), [15n, 14n, 13n]);
    assert.deepEqual(book.applyTrade(trade(15n)), { kind: 'old' });
    assert.deepEqual(book.applyTrade(trade(17n)), { kind: 'gap', gap: { kind: 'trade', expected: 16n, received: 17n } });
    assert.equal(book.isStale, true);
});

test('OrderBook: without the book channel the best bid and offer come from Bbo', () => {
    const book = new OrderBook(1);
    book.applySnapshot(snapshot({ channels: 4, bids: [], asks: [] }));
    const bbo: Bbo = { type: 'Bbo', bookSequence: 5n, bidPriceTicks: 9900n, bidLots: 3n, askPriceTicks: 0n, askLots: 0n, instrumentId: 1 };
    book.applyBbo(bbo);
    assert.deepEqual(book.bestBidOffer(), { bid: { priceTicks: 9900n, lots: 3n, orderCount: 0 }, ask: undefined });
});

test('OrderBook: a message for another instrument is a programming error', () => {
    const book = new OrderBook(1);
    assert.throws(() => book.applySnapshot(snapshot({ instrumentId: 2 })), /instrument 2 given to the book of instrument 1/);
});

/** A client double: records Subscribe and Unsubscribe, and delivers messages to the handlers. */
class FakeClient implements BookClient {
    readonly events = new Emitter<MatcherClientEvents>();
    readonly subscribes: { instrumentId: number; requestId: bigint; options: SubscribeOptions | undefined }[] = [];
    readonly unsubscribes: number[] = [];
    isOpen = true;
    private _next = 1n;

    on: BookClient['on'] = (event, handler) => this.events.on(event, handler);

    subscribe(instrumentId: number, options?: SubscribeOptions): bigint {
        const requestId = this._next++;
        this.subscribes.push({ instrumentId, requestId, options });
        return requestId;
    }

    unsubscribe(instrumentId: number): bigint {
        this.unsubscribes.push(instrumentId);
        return this._next++;
    }
}

test('BookSubscription: subscribes, goes live on its snapshot, follows updates and trades', () => {
    const client = new FakeClient();
    const subscription = new BookSubscription(client, 1, { depth: 25, channels: 3 });
    const states: string[] = [];
    subscription.on('state', (s) => states.push(s));
    subscription.start();
    assert.deepEqual(client.subscribes, [{ instrumentId: 1, requestId: 1n, options: { depth: 25, channels: 3 } }]);
    assert.equal(subscription.state, 'subscribing');

    // Another instrument's messages are not ours.
    client.events.emit('bookSnapshot', snapshot({ instrumentId: 2, requestId: 1n }));
    assert.equal(subscription.state, 'subscribing');

    client.events.emit('bookSnapshot', snapshot({ requestId: 1n }));
    assert.equal(subscription.state, 'live');
    client.events.emit('bookUpdate', update(101n, 2, 10100n, 0n, 2, 0));
    client.events.emit('trade', trade(11n));
    assert.deepEqual(prices(subscription.book.asks()), [10200n]);
    assert.equal(subscription.book.trades().length, 1);
    assert.deepEqual(states, ['subscribing', 'live']);

    subscription.stop();
    assert.deepEqual(client.unsubscribes, [1]);
    assert.equal(subscription.state, 'closed');
    client.events.emit('bookUpdate', update(102n, 2, 10200n, 0n, 2, 0));
    assert.deepEqual(prices(subscription.book.asks()), [10200n], 'no longer listening');
});

test('BookSubscription: a book gap marks it stale, emits gap and subscribes again; the fresh snapshot makes it live', () => {
    const client = new FakeClient();
    const subscription = new BookSubscription(client, 1);
    const gaps: Gap[] = [];
    const states: string[] = [];
    subscription.on('gap', (g) => gaps.push(g));
    subscription.on('state', (s) => states.push(s));
    subscription.start();
    client.events.emit('bookSnapshot', snapshot({ requestId: 1n }));
    client.events.emit('bookUpdate', update(101n, 1, 9950n, 1n, 0));
    client.events.emit('bookUpdate', update(103n, 1, 9960n, 1n, 0));

    assert.deepEqual(gaps, [{ kind: 'book', expected: 102n, received: 103n }]);
    assert.equal(subscription.state, 'stale');
    assert.equal(subscription.gapCount, 1);
    assert.equal(client.subscribes.length, 2, 'Subscribe sent again');
    assert.equal(subscription.requestId, 2n);

    // While stale: updates ignored, and a late snapshot of the first Subscribe is out of date.
    client.events.emit('bookUpdate', update(104n, 1, 9970n, 1n, 0));
    client.events.emit('bookSnapshot', snapshot({ requestId: 1n, bookSequence: 103n }));
    assert.equal(subscription.state, 'stale');
    assert.equal(client.subscribes.length, 2, 'no second resubscribe while waiting');

    client.events.emit('bookSnapshot', snapshot({
        requestId: 2n, bookSequence: 104n, bids: [{ priceTicks: 9970n, lots: 1n, orderCount: 1 }], asks: [],
    }));
    assert.equal(subscription.state, 'live');
    assert.deepEqual(prices(subscription.book.bids()), [9970n]);
    client.events.emit('bookUpdate', update(105n, 1, 9970n, 0n, 2, 0));
    assert.deepEqual(subscription.book.bids(), []);
    assert.deepEqual(states, ['subscribing', 'live', 'stale', 'live']);
});

test('BookSubscription: a trade gap also resubscribes', () => {
    const client = new FakeClient();
    const subscription = new BookSubscription(client, 1);
    const gaps: Gap[] = [];
    subscription.on('gap', (g) => gaps.push(g));
    subscription.start();
    client.events.emit('bookSnapshot', snapshot({ requestId: 1n, tradeSequence: 10n }));
    client.events.emit('trade', trade(11n));
    client.events.emit('trade', trade(13n));
    assert.deepEqual(gaps, [{ kind: 'trade', expected: 12n, received: 13n }]);
    assert.equal(client.subscribes.length, 2);
    assert.equal(subscription.state, 'stale');
});

test('BookSubscription: change fires on every applied message; the connection closing closes it', () => {
    const client = new FakeClient();
    const subscription = new BookSubscription(client, 1);
    let changes = 0;
    subscription.on('change', () => changes++);
    subscription.start();
    const before = changes;
    client.events.emit('bookSnapshot', snapshot({ requestId: 1n }));
    client.events.emit('bookUpdate', update(101n, 1, 9950n, 1n, 0));
    client.events.emit('bbo', { type: 'Bbo', bookSequence: 101n, bidPriceTicks: 9950n, bidLots: 1n, askPriceTicks: 10100n, askLots: 3n, instrumentId: 1 });
    assert.equal(changes - before, 3);
    client.events.emit('close', { code: 1006, reason: '', wasClean: false });
    assert.equal(subscription.state, 'closed');
});

test('BookSubscription: a resubscribe that cannot be sent closes it', () => {
    const client = new FakeClient();
    const subscription = new BookSubscription(client, 1);
    subscription.start();
    client.events.emit('bookSnapshot', snapshot({ requestId: 1n }));
    client.subscribe = () => {
        throw new Error('not open');
    };
    client.events.emit('bookUpdate', update(150n, 1, 9950n, 1n, 0));
    assert.equal(subscription.state, 'closed');
});

// ---------------------------------------------------------------------------------------------
// Decimals
// ---------------------------------------------------------------------------------------------

const btcUsd = { tickMantissa: 1n, tickScale: 2, lotMantissa: 1n, lotScale: 4 };
const odd = { tickMantissa: 5n, tickScale: 2, lotMantissa: 25n, lotScale: 3 };

test('ticks and lots to decimal strings, exact', () => {
    assert.equal(ticksToPrice(10050n, btcUsd), '100.50');
    assert.equal(ticksToPrice(1n, btcUsd), '0.01');
    assert.equal(ticksToPrice(0n, btcUsd), '0.00');
    assert.equal(ticksToPrice(-150n, btcUsd), '-1.50');
    assert.equal(lotsToQuantity(1000n, btcUsd), '0.1000');
    assert.equal(lotsToQuantity(12345678n, btcUsd), '1234.5678');
    assert.equal(ticksToPrice(3n, odd), '0.15');
    assert.equal(lotsToQuantity(3n, odd), '0.075');
    assert.equal(formatScaled(9223372036854775807n, 1n, 8), '92233720368.54775807');
    assert.equal(formatScaled(7n, 3n, 0), '21');
    assert.equal(averagePrice(1_005_012_345_678n, btcUsd), '100.5012345678');
});

test('decimal strings to ticks and lots, exact, off-tick refused', () => {
    assert.equal(priceToTicks('100.5', btcUsd), 10050n);
    assert.equal(priceToTicks('100.50', btcUsd), 10050n);
    assert.equal(priceToTicks('100.5000', btcUsd), 10050n);
    assert.equal(priceToTicks('100', btcUsd), 10000n);
    assert.equal(priceToTicks('+0.01', btcUsd), 1n);
    assert.equal(priceToTicks('-1.5', btcUsd), -150n);
    assert.equal(quantityToLots('0.1', btcUsd), 1000n);
    assert.equal(quantityToLots('0.075', odd), 3n);
    assert.equal(priceToTicks('0.15', odd), 3n);
    assert.equal(parseScaled('92233720368.54775807', 1n, 8), 9223372036854775807n);
    const refused = (f: () => unknown, pattern: RegExp): void => {
        assert.throws(f, (e: unknown) => e instanceof DecimalConversionError && pattern.test(e.message));
    };
    refused(() => priceToTicks('100.505', btcUsd), /price 100.505 is not a multiple of 0.01/);
    refused(() => priceToTicks('0.11', odd), /price 0.11 is not a multiple of 0.05/);
    refused(() => quantityToLots('0.00001', btcUsd), /quantity 0.00001 is not a multiple of 0.0001/);
    refused(() => priceToTicks('1e3', btcUsd), /is not a decimal number/);
    refused(() => priceToTicks('.5', btcUsd), /is not a decimal number/);
    refused(() => priceToTicks('1.', btcUsd), /is not a decimal number/);
    refused(() => priceToTicks('', btcUsd), /is not a decimal number/);
    refused(() => priceToTicks('NaN', btcUsd), /is not a decimal number/);
    refused(() => formatScaled(1n, 0n, 2), /mantissa must be a positive bigint/);
});

test('decimal round trip over many values', () => {
    for (let ticks = -2000n; ticks <= 2000n; ticks += 7n) {
        for (const scales of [btcUsd, odd]) {
            assert.equal(priceToTicks(ticksToPrice(ticks, scales), scales), ticks);
            assert.equal(quantityToLots(lotsToQuantity(ticks, scales), scales), ticks);
        }
    }
});
