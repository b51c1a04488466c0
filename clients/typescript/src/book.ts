/**
 * A client-side L2 order book: {@link OrderBook} is the data (levels from a BookSnapshot and the
 * BookUpdates after it, sequence checks, recent trades, the last Bbo); {@link BookSubscription}
 * keeps one up to date over a {@link MatcherClient} and recovers from gaps by subscribing again.
 */
import { BookAction, Channels, Side, type Bbo, type BookSnapshot, type BookUpdate, type Trade } from './codec.js';
import type { MatcherClient } from './client.js';
import { Emitter, type RemoveHandler } from './emitter.js';

export {
    averagePrice,
    DecimalConversionError,
    formatScaled,
    lotsToQuantity,
    parseScaled,
    priceToTicks,
    quantityToLots,
    ticksToPrice,
    type InstrumentScales,
} from './decimal.js';

/** One price level. */
export interface Level {
    priceTicks: bigint;
    lots: bigint;
    orderCount: number;
}

/** What a sequence check found. */
export interface Gap {
    kind: 'book' | 'trade';
    /** The sequence that should have come next. */
    expected: bigint;
    /** The sequence that came. */
    received: bigint;
}

/** The result of applying a BookUpdate or a Trade. */
export type ApplyResult =
    | { kind: 'applied' }
    /** Its sequence is not above the last one: already seen (or from before the snapshot); ignored. */
    | { kind: 'old' }
    /** Not the next sequence: the book is stale until the next snapshot. */
    | { kind: 'gap'; gap: Gap }
    /** No snapshot yet, or stale: ignored. */
    | { kind: 'ignored' };

/** Best bid and offer: either side undefined when empty. */
export interface BestBidOffer {
    bid: Level | undefined;
    ask: Level | undefined;
}

const byPriceDescending = (a: Level, b: Level): number => (a.priceTicks > b.priceTicks ? -1 : a.priceTicks < b.priceTicks ? 1 : 0);
const byPriceAscending = (a: Level, b: Level): number => -byPriceDescending(a, b);

/**
 * The book of one instrument, as sent by the server: no network. Feed it a snapshot, then updates
 * and trades; it checks that each carries the next sequence and refuses to go on after a gap until
 * the next snapshot.
 */
export class OrderBook {
    readonly instrumentId: number;
    /** How many recent trades are kept. */
    readonly maxTrades: number;
    private readonly _bids = new Map<bigint, Level>();
    private readonly _asks = new Map<bigint, Level>();
    private _trades: Trade[] = [];
    private _bookSequence = 0n;
    private _tradeSequence = 0n;
    private _channels = 0;
    private _hasSnapshot = false;
    private _stale = false;
    private _lastBbo: Bbo | undefined;

    constructor(instrumentId: number, maxTrades = 50) {
        this.instrumentId = instrumentId;
        this.maxTrades = maxTrades;
    }

    /** The last applied book sequence (the snapshot's, then each update's). */
    get bookSequence(): bigint {
        return this._bookSequence;
    }

    /** The last applied trade sequence. */
    get tradeSequence(): bigint {
        return this._tradeSequence;
    }

    /** The channels of the last snapshot. */
    get channels(): number {
        return this._channels;
    }

    /** True once a snapshot was applied and no gap came since. */
    get isLive(): boolean {
        return this._hasSnapshot && !this._stale;
    }

    /** True after a gap, until the next snapshot. */
    get isStale(): boolean {
        return this._stale;
    }

    /** Replaces everything with the snapshot's levels and sequences (recent trades are kept). */
    applySnapshot(snapshot: BookSnapshot): void {
        this._checkInstrument(snapshot.instrumentId);
        this._bids.clear();
        this._asks.clear();
        for (const level of snapshot.bids) this._bids.set(level.priceTicks, { ...level });
        for (const level of snapshot.asks) this._asks.set(level.priceTicks, { ...level });
        this._bookSequence = snapshot.bookSequence;
        this._tradeSequence = snapshot.tradeSequence;
        this._channels = snapshot.channels;
        this._hasSnapshot = true;
        this._stale = false;
    }

    /** Applies one level change: action 0 new, 1 change (lots is the level's new total), 2 delete. */
    applyUpdate(update: BookUpdate): ApplyResult {
        this._checkInstrument(update.instrumentId);
        if (!this._hasSnapshot || this._stale) return { kind: 'ignored' };
        if (update.bookSequence <= this._bookSequence) return { kind: 'old' };
        if (update.bookSequence !== this._bookSequence + 1n) {
            this._stale = true;
            return { kind: 'gap', gap: { kind: 'book', expected: this._bookSequence + 1n, received: update.bookSequence } };
        }
        this._bookSequence = update.bookSequence;
        const levels = update.side === Side.Buy ? this._bids : update.side === Side.Sell ? this._asks : undefined;
        if (levels !== undefined) {
            if (update.action === BookAction.Delete || update.lots === 0n) {
                levels.delete(update.priceTicks);
            } else {
                levels.set(update.priceTicks, { priceTicks: update.priceTicks, lots: update.lots, orderCount: update.orderCount });
            }
        }
        return { kind: 'applied' };
    }

    /** Records a trade (newest first, at most maxTrades). */
    applyTrade(trade: Trade): ApplyResult {
        this._checkInstrument(trade.instrumentId);
        if (!this._hasSnapshot || this._stale) return { kind: 'ignored' };
        if (trade.tradeSequence <= this._tradeSequence) return { kind: 'old' };
        if (trade.tradeSequence !== this._tradeSequence + 1n) {
            this._stale = true;
            return { kind: 'gap', gap: { kind: 'trade', expected: this._tradeSequence + 1n, received: trade.tradeSequence } };
        }
        this._tradeSequence = trade.tradeSequence;
        this._trades.unshift(trade);
        if (this._trades.length > this.maxTrades) this._trades.length = this.maxTrades;
        return { kind: 'applied' };
    }

    /** Keeps the last Bbo (the best bid and offer when the book channel is not subscribed). */
    applyBbo(bbo: Bbo): void {
        this._checkInstrument(bbo.instrumentId);
        this._lastBbo = bbo;
    }

    /** Bids, best (highest) first; at most `limit` when given. */
    bids(limit?: number): Level[] {
        return sortedLevels(this._bids, byPriceDescending, limit);
    }

    /** Asks, best (lowest) first; at most `limit` when given. */
    asks(limit?: number): Level[] {
        return sortedLevels(this._asks, byPriceAscending, limit);
    }

    /** The level at a price on one side, if any. */
    level(side: number, priceTicks: bigint): Level | undefined {
        const level = (side === Side.Buy ? this._bids : this._asks).get(priceTicks);
        return level === undefined ? undefined : { ...level };
    }

    /** Recent trades, newest first. */
    trades(): Trade[] {
        return [...this._trades];
    }

    /** The last Bbo message, if any. */
    get lastBbo(): Bbo | undefined {
        return this._lastBbo;
    }

    /**
     * The best bid and offer: from the levels when the book channel is subscribed, else from the
     * last Bbo message.
     */
    bestBidOffer(): BestBidOffer {
        if ((this._channels & Channels.Book) !== 0 || this._lastBbo === undefined) {
            return { bid: best(this._bids, (a, b) => a > b), ask: best(this._asks, (a, b) => a < b) };
        }
        const bbo = this._lastBbo;
        return {
            bid: bbo.bidPriceTicks !== 0n || bbo.bidLots !== 0n ? { priceTicks: bbo.bidPriceTicks, lots: bbo.bidLots, orderCount: 0 } : undefined,
            ask: bbo.askPriceTicks !== 0n || bbo.askLots !== 0n ? { priceTicks: bbo.askPriceTicks, lots: bbo.askLots, orderCount: 0 } : undefined,
        };
    }

    /** Forgets the levels and marks the book as waiting for a snapshot (recent trades are kept). */
    reset(): void {
        this._bids.clear();
        this._asks.clear();
        this._hasSnapshot = false;
        this._stale = false;
        this._lastBbo = undefined;
    }

    private _checkInstrument(instrumentId: number): void {
        if (instrumentId !== this.instrumentId) {
            throw new Error(`message for instrument ${instrumentId} given to the book of instrument ${this.instrumentId}`);
        }
    }
}

function sortedLevels(levels: Map<bigint, Level>, order: (a: Level, b: Level) => number, limit?: number): Level[] {
    const sorted = [...levels.values()].map((level) => ({ ...level })).sort(order);
    return limit === undefined ? sorted : sorted.slice(0, limit);
}

function best(levels: Map<bigint, Level>, better: (a: bigint, b: bigint) => boolean): Level | undefined {
    let found: Level | undefined;
    for (const level of levels.values()) {
        if (found === undefined || better(level.priceTicks, found.priceTicks)) found = level;
    }
    return found === undefined ? undefined : { ...found };
}

/**
 * Where a subscription stands: `subscribing` until the first snapshot, `live`, `stale` after a gap
 * until the fresh snapshot, `closed` after stop() or when the connection ends.
 */
export type SubscriptionState = 'subscribing' | 'live' | 'stale' | 'closed';

export interface BookSubscriptionEvents {
    snapshot: BookSnapshot;
    update: BookUpdate;
    trade: Trade;
    bbo: Bbo;
    /** A sequence gap: the book is stale and a new Subscribe was sent. */
    gap: Gap;
    state: SubscriptionState;
    /** After anything changed the book, its trades, its BBO or the state. */
    change: void;
}

/** The parts of a client a subscription uses: a {@link MatcherClient} fits, and so does a test double. */
export type BookClient = Pick<MatcherClient, 'on' | 'subscribe' | 'unsubscribe' | 'isOpen'>;

export interface BookSubscriptionOptions {
    /** Levels per side in the snapshots; 0 (default): the whole book. */
    depth?: number;
    /** Channel bits; default all three. */
    channels?: number;
    /** Recent trades kept; default 50. */
    maxTrades?: number;
}

/**
 * Keeps an {@link OrderBook} of one instrument up to date over a client. On a gap in the book or
 * trade sequence it marks the book stale, emits `gap`, and sends Subscribe again; the server's
 * fresh snapshot (the one echoing that Subscribe's requestId) makes it live again. Messages that
 * arrive while stale are ignored.
 */
export class BookSubscription {
    readonly book: OrderBook;
    readonly instrumentId: number;
    private readonly _client: BookClient;
    private readonly _depth: number;
    private readonly _channels: number;
    private readonly _events = new Emitter<BookSubscriptionEvents>();
    private readonly _detach: RemoveHandler[] = [];
    private _state: SubscriptionState = 'closed';
    private _requestId: bigint | undefined;
    private _gaps = 0;

    constructor(client: BookClient, instrumentId: number, options: BookSubscriptionOptions = {}) {
        this._client = client;
        this.instrumentId = instrumentId;
        this._depth = options.depth ?? 0;
        this._channels = options.channels ?? Channels.All;
        this.book = new OrderBook(instrumentId, options.maxTrades ?? 50);
    }

    on<E extends keyof BookSubscriptionEvents>(event: E, handler: (value: BookSubscriptionEvents[E]) => void): RemoveHandler {
        return this._events.on(event, handler);
    }

    get state(): SubscriptionState {
        return this._state;
    }

    /** Gaps seen since start(). */
    get gapCount(): number {
        return this._gaps;
    }

    /** The requestId of the last Subscribe sent. */
    get requestId(): bigint | undefined {
        return this._requestId;
    }

    /** Listens to the client and sends Subscribe. */
    start(): void {
        if (this._detach.length > 0) throw new Error('this subscription is already started');
        const mine = (message: { instrumentId: number }): boolean => message.instrumentId === this.instrumentId;
        this._detach.push(
            this._client.on('bookSnapshot', (m) => mine(m) && this._onSnapshot(m)),
            this._client.on('bookUpdate', (m) => mine(m) && this._onUpdate(m)),
            this._client.on('trade', (m) => mine(m) && this._onTrade(m)),
            this._client.on('bbo', (m) => mine(m) && this._onBbo(m)),
            this._client.on('close', () => this._setState('closed')),
        );
        this._subscribe('subscribing');
    }

    /** Sends Unsubscribe (when connected) and stops listening. */
    stop(): void {
        for (const detach of this._detach.splice(0)) detach();
        if (this._client.isOpen && this._requestId !== undefined) this._client.unsubscribe(this.instrumentId);
        this._requestId = undefined;
        this._setState('closed');
    }

    /** Marks the book stale and asks for a fresh snapshot. */
    resubscribe(): void {
        this._subscribe('stale');
    }

    private _subscribe(state: SubscriptionState): void {
        this._setState(state);
        try {
            this._requestId = this._client.subscribe(this.instrumentId, { depth: this._depth, channels: this._channels });
        } catch {
            // The connection is gone: the owner makes a new client and a new subscription.
            this._requestId = undefined;
            this._setState('closed');
        }
    }

    private _onSnapshot(snapshot: BookSnapshot): void {
        // A snapshot for an earlier Subscribe is already out of date.
        if (snapshot.requestId !== this._requestId) return;
        this.book.applySnapshot(snapshot);
        this._events.emit('snapshot', snapshot);
        this._setState('live', true);
    }

    private _onUpdate(update: BookUpdate): void {
        if (this._state !== 'live') return;
        this._handle(this.book.applyUpdate(update), () => this._events.emit('update', update));
    }

    private _onTrade(trade: Trade): void {
        if (this._state !== 'live') return;
        this._handle(this.book.applyTrade(trade), () => this._events.emit('trade', trade));
    }

    private _onBbo(bbo: Bbo): void {
        if (this._state !== 'live') return;
        this.book.applyBbo(bbo);
        this._events.emit('bbo', bbo);
        this._events.emit('change', undefined);
    }

    private _handle(result: ApplyResult, applied: () => void): void {
        if (result.kind === 'applied') {
            applied();
            this._events.emit('change', undefined);
        } else if (result.kind === 'gap') {
            this._gaps++;
            this._setState('stale', true);
            this._events.emit('gap', result.gap);
            this.resubscribe();
        }
    }

    private _setState(state: SubscriptionState, alwaysNotify = false): void {
        if (state === this._state && !alwaysNotify) return;
        const changed = state !== this._state;
        this._state = state;
        if (changed) this._events.emit('state', state);
        this._events.emit('change', undefined);
    }
}
