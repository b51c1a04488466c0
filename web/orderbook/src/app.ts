/**
 * The live order-book page: connects to the gateway on the page's own origin (`/ws`), lists the
 * instruments, subscribes to one (`?symbol=` in the URL, or the first), and draws the ladder, the
 * best bid and offer, the last trades and a depth chart from a BookSubscription. Market data needs
 * no login. Prices and sizes are shown exactly, from ticks and lots, with the instrument's sizes.
 */
import {
    BookSubscription,
    Channels,
    InstrumentStatus,
    lotsToQuantity,
    MatcherClient,
    Side,
    ticksToPrice,
    type InstrumentInfo,
    type Level,
    type SubscriptionState,
    type Trade,
} from '@matcher/client';

/** Levels per side in the ladder. */
const LADDER_LEVELS = 15;
/** Levels per side in the depth chart. */
const CHART_LEVELS = 60;
/** Trades listed, newest first. */
const TRADES_SHOWN = 50;
const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 10_000;

function byId<T extends HTMLElement | SVGElement>(id: string): T {
    const element = document.getElementById(id);
    if (element === null) throw new Error(`the page lacks #${id}`);
    return element as T;
}

const ui = {
    status: byId<HTMLElement>('status'),
    statusDetail: byId<HTMLElement>('status-detail'),
    select: byId<HTMLSelectElement>('instrument'),
    instrumentInfo: byId<HTMLElement>('instrument-info'),
    bestBid: byId<HTMLElement>('best-bid'),
    bestBidSize: byId<HTMLElement>('best-bid-size'),
    bestAsk: byId<HTMLElement>('best-ask'),
    bestAskSize: byId<HTMLElement>('best-ask-size'),
    spread: byId<HTMLElement>('spread'),
    lastPrice: byId<HTMLElement>('last-price'),
    asks: byId<HTMLElement>('asks'),
    bids: byId<HTMLElement>('bids'),
    mid: byId<HTMLElement>('mid'),
    trades: byId<HTMLElement>('trades'),
    depth: byId<SVGSVGElement>('depth'),
};

type PageState = 'connecting' | 'subscribing' | 'live' | 'gap' | 'disconnected';

const statusText: Record<PageState, string> = {
    connecting: 'connecting',
    subscribing: 'subscribing',
    live: 'live',
    gap: 'gap — resubscribing',
    disconnected: 'disconnected',
};

let client: MatcherClient | undefined;
let subscription: BookSubscription | undefined;
let instruments: InstrumentInfo[] = [];
let current: InstrumentInfo | undefined;
let reconnectDelayMs = RECONNECT_MIN_MS;
let renderScheduled = false;
let newestTradeShown: bigint | undefined;

function setStatus(state: PageState, detail = ''): void {
    ui.status.dataset.state = state;
    ui.status.textContent = statusText[state];
    ui.statusDetail.textContent = detail;
}

function wsUrl(): string {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    return `${scheme}//${location.host}/ws`;
}

async function connect(): Promise<void> {
    setStatus('connecting', wsUrl());
    const next = new MatcherClient();
    client = next;
    try {
        await next.connect(wsUrl());
        instruments = await next.listInstruments();
    } catch (error) {
        await next.close();
        scheduleReconnect(`${(error as Error).message}`);
        return;
    }
    reconnectDelayMs = RECONNECT_MIN_MS;
    next.on('close', (info) => {
        if (client !== next) return;
        subscription = undefined;
        scheduleReconnect(`closed (${info.code}${info.reason ? ' ' + info.reason : ''})`);
    });
    next.on('goodbye', (goodbye) => {
        ui.statusDetail.textContent = `server said goodbye: ${goodbye.text || goodbye.code}`;
    });
    fillInstrumentSelect();
    const wanted = new URLSearchParams(location.search).get('symbol');
    const chosen = instruments.find((i) => i.symbol === wanted) ?? instruments.find((i) => i.symbol === current?.symbol) ?? instruments[0];
    if (chosen === undefined) {
        setStatus('live', 'the server lists no instruments');
        return;
    }
    select(chosen, wanted !== null && wanted !== chosen.symbol ? `no instrument ${wanted}` : '');
}

function scheduleReconnect(reason: string): void {
    setStatus('disconnected', `${reason}; retrying in ${(reconnectDelayMs / 1000).toFixed(1)} s`);
    const delay = reconnectDelayMs;
    reconnectDelayMs = Math.min(RECONNECT_MAX_MS, reconnectDelayMs * 2);
    setTimeout(() => void connect(), delay);
}

function fillInstrumentSelect(): void {
    ui.select.replaceChildren(
        ...instruments.map((instrument) => {
            const option = document.createElement('option');
            option.value = instrument.symbol;
            option.textContent = instrument.symbol;
            return option;
        }),
    );
    ui.select.disabled = instruments.length === 0;
}

ui.select.addEventListener('change', () => {
    const instrument = instruments.find((i) => i.symbol === ui.select.value);
    if (instrument === undefined) return;
    const url = new URL(location.href);
    url.searchParams.set('symbol', instrument.symbol);
    history.replaceState(null, '', url);
    select(instrument);
});

function select(instrument: InstrumentInfo, note = ''): void {
    if (client === undefined) return;
    subscription?.stop();
    current = instrument;
    newestTradeShown = undefined;
    ui.select.value = instrument.symbol;
    document.title = `${instrument.symbol} · Matcher order book`;
    const status = instrument.status === InstrumentStatus.Trading ? 'trading'
        : instrument.status === InstrumentStatus.Halted ? 'halted'
            : instrument.status === InstrumentStatus.CancelOnly ? 'cancel-only' : `status ${instrument.status}`;
    ui.instrumentInfo.textContent =
        `tick ${ticksToPrice(1n, instrument)} ${instrument.quoteAsset} · lot ${lotsToQuantity(1n, instrument)} ${instrument.baseAsset} · ${status}` +
        (note ? ` · ${note}` : '');

    const next = new BookSubscription(client, instrument.instrumentId, { depth: 0, channels: Channels.All, maxTrades: TRADES_SHOWN });
    subscription = next;
    next.on('state', (state) => {
        if (subscription === next) showState(state);
    });
    next.on('gap', (gap) => {
        if (subscription === next) {
            ui.statusDetail.textContent = `${gap.kind} sequence ${gap.received} after ${gap.expected - 1n} (${next.gapCount} gaps so far)`;
        }
    });
    next.on('change', () => {
        if (subscription === next) scheduleRender();
    });
    next.start();
    scheduleRender();
}

function showState(state: SubscriptionState): void {
    switch (state) {
        case 'subscribing':
            setStatus('subscribing', current?.symbol ?? '');
            break;
        case 'live':
            setStatus('live', subscription && subscription.gapCount > 0 ? `${subscription.gapCount} gaps recovered` : '');
            break;
        case 'stale':
            ui.status.dataset.state = 'gap';
            ui.status.textContent = statusText.gap;
            break;
        case 'closed':
            // The client's close handler says "disconnected" and reconnects.
            break;
    }
}

function scheduleRender(): void {
    if (renderScheduled) return;
    renderScheduled = true;
    requestAnimationFrame(() => {
        renderScheduled = false;
        render();
    });
}

function render(): void {
    const instrument = current;
    const book = subscription?.book;
    if (instrument === undefined || book === undefined) return;
    const price = (ticks: bigint): string => ticksToPrice(ticks, instrument);
    const size = (lots: bigint): string => lotsToQuantity(lots, instrument);

    const asks = book.asks(LADDER_LEVELS);
    const bids = book.bids(LADDER_LEVELS);
    renderBestBidOffer(price, size);
    renderLadder(asks, bids, price, size);
    renderTrades(book.trades(), price, size);
    renderDepth(book.bids(CHART_LEVELS), book.asks(CHART_LEVELS), price);
}

function renderBestBidOffer(price: (t: bigint) => string, size: (l: bigint) => string): void {
    const book = subscription!.book;
    const { bid, ask } = book.bestBidOffer();
    showQuote(ui.bestBid, ui.bestBidSize, bid, price, size);
    showQuote(ui.bestAsk, ui.bestAskSize, ask, price, size);
    if (bid !== undefined && ask !== undefined) {
        const spread = price(ask.priceTicks - bid.priceTicks);
        ui.spread.textContent = spread;
        ui.mid.textContent = `spread ${spread}`;
    } else {
        ui.spread.textContent = '—';
        ui.mid.textContent = bid === undefined && ask === undefined ? 'no orders' : 'one-sided book';
    }
    const last = book.trades()[0];
    ui.lastPrice.textContent = last === undefined ? '—' : price(last.priceTicks);
    if (last !== undefined) ui.lastPrice.dataset.price = price(last.priceTicks);
}

function showQuote(priceElement: HTMLElement, sizeElement: HTMLElement, level: Level | undefined, price: (t: bigint) => string, size: (l: bigint) => string): void {
    if (level === undefined) {
        priceElement.textContent = '—';
        delete priceElement.dataset.price;
        delete priceElement.dataset.size;
        sizeElement.textContent = '';
        return;
    }
    priceElement.textContent = price(level.priceTicks);
    priceElement.dataset.price = price(level.priceTicks);
    priceElement.dataset.size = size(level.lots);
    sizeElement.textContent = `× ${size(level.lots)}`;
}

function cell(text: string, className?: string): HTMLTableCellElement {
    const td = document.createElement('td');
    td.textContent = text;
    if (className !== undefined) td.className = className;
    return td;
}

function renderLadder(asks: Level[], bids: Level[], price: (t: bigint) => string, size: (l: bigint) => string): void {
    const cumulative = (levels: Level[]): bigint[] => {
        let total = 0n;
        return levels.map((level) => (total += level.lots));
    };
    const askTotals = cumulative(asks);
    const bidTotals = cumulative(bids);
    const deepest = [askTotals.at(-1) ?? 0n, bidTotals.at(-1) ?? 0n].reduce((a, b) => (a > b ? a : b));

    const row = (level: Level, total: bigint, side: 'ask' | 'bid'): HTMLTableRowElement => {
        const tr = document.createElement('tr');
        tr.dataset.testid = `${side}-row`;
        tr.dataset.price = price(level.priceTicks);
        tr.dataset.size = size(level.lots);
        tr.dataset.orders = String(level.orderCount);
        tr.dataset.total = size(total);
        // Depth bar width in per mille of the deepest cumulative size shown, in bigint: no floats on sizes.
        const perMille = deepest === 0n ? 0n : (total * 1000n) / deepest;
        tr.style.setProperty('--depth', `${Number(perMille) / 10}%`);
        tr.append(cell(price(level.priceTicks)), cell(size(level.lots)), cell(String(level.orderCount)), cell(size(total)));
        return tr;
    };
    const empty = (text: string): HTMLTableRowElement => {
        const tr = document.createElement('tr');
        tr.className = 'empty';
        const td = cell(text);
        td.colSpan = 4;
        tr.append(td);
        return tr;
    };

    // Asks above, highest first, so the best ask sits on the spread line; bids below, best first.
    const askRows = asks.map((level, i) => row(level, askTotals[i]!, 'ask')).reverse();
    ui.asks.replaceChildren(...(askRows.length > 0 ? askRows : [empty('no asks')]));
    const bidRows = bids.map((level, i) => row(level, bidTotals[i]!, 'bid'));
    ui.bids.replaceChildren(...(bidRows.length > 0 ? bidRows : [empty('no bids')]));
}

function pad(n: number, width = 2): string {
    return String(n).padStart(width, '0');
}

function timeOf(timestampNs: bigint): string {
    const date = new Date(Number(timestampNs / 1_000_000n));
    return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

function renderTrades(trades: Trade[], price: (t: bigint) => string, size: (l: bigint) => string): void {
    const previousNewest = newestTradeShown;
    const rows = trades.slice(0, TRADES_SHOWN).map((trade) => {
        const tr = document.createElement('tr');
        const side = trade.aggressorSide === Side.Buy ? 'buy' : trade.aggressorSide === Side.Sell ? 'sell' : `side ${trade.aggressorSide}`;
        tr.dataset.testid = 'trade-row';
        tr.dataset.price = price(trade.priceTicks);
        tr.dataset.size = size(trade.lots);
        tr.dataset.side = side;
        tr.dataset.tradeId = String(trade.tradeId);
        if (previousNewest !== undefined && trade.tradeSequence > previousNewest) tr.className = 'fresh';
        tr.append(cell(price(trade.priceTicks), side), cell(size(trade.lots)), cell(side, side), cell(timeOf(trade.timestampNs)));
        return tr;
    });
    newestTradeShown = trades[0]?.tradeSequence ?? previousNewest ?? 0n;
    ui.trades.replaceChildren(...rows);
}

const SVG = 'http://www.w3.org/2000/svg';
const CHART = { width: 600, height: 260, left: 8, right: 8, top: 12, bottom: 24 };

function svg<K extends keyof SVGElementTagNameMap>(name: K, attributes: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
    const element = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
    if (text !== undefined) element.textContent = text;
    return element;
}

/**
 * Cumulative size against price: bids step down to the left of the best bid, asks step up to the
 * right of the best ask. Coordinates only are approximated by Number; every label is exact.
 */
function renderDepth(bids: Level[], asks: Level[], price: (t: bigint) => string): void {
    const children: SVGElement[] = [];
    const { width, height, left, right, top, bottom } = CHART;
    const baseline = height - bottom;
    children.push(svg('line', { class: 'axis', x1: left, y1: baseline, x2: width - right, y2: baseline }));
    if (bids.length === 0 && asks.length === 0) {
        children.push(svg('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle' }, 'no orders'));
        ui.depth.replaceChildren(...children);
        return;
    }
    const accumulate = (levels: Level[]): { priceTicks: bigint; total: bigint }[] => {
        let total = 0n;
        return levels.map((level) => ({ priceTicks: level.priceTicks, total: (total += level.lots) }));
    };
    const bidSteps = accumulate(bids);
    const askSteps = accumulate(asks);
    // The chart spans the shown levels symmetrically around the middle of the spread, with a margin,
    // so that each side's area has width even with one level. Coordinates only: labels stay exact.
    const prices = [...bids, ...asks].map((l) => Number(l.priceTicks));
    const lowest = Math.min(...prices);
    const highest = Math.max(...prices);
    const bestBidTicks = bids[0] === undefined ? undefined : Number(bids[0].priceTicks);
    const bestAskTicks = asks[0] === undefined ? undefined : Number(asks[0].priceTicks);
    const middle = bestBidTicks !== undefined && bestAskTicks !== undefined ? (bestBidTicks + bestAskTicks) / 2
        : (bestBidTicks ?? bestAskTicks)!;
    const half = Math.max(middle - lowest, highest - middle, 1) * 1.25;
    const low = middle - half;
    const high = middle + half;
    const deepest = [bidSteps.at(-1)?.total ?? 0n, askSteps.at(-1)?.total ?? 0n].reduce((a, b) => (a > b ? a : b));
    const x = (ticks: bigint | number): number => left + ((Number(ticks) - low) / (high - low)) * (width - left - right);
    const y = (total: bigint): number => baseline - (Number(total) / Number(deepest)) * (baseline - top);

    if (bidSteps.length > 0) {
        let d = `M ${x(bidSteps[0]!.priceTicks)} ${baseline}`;
        let previous = 0n;
        for (const step of bidSteps) {
            d += ` L ${x(step.priceTicks)} ${y(previous)} L ${x(step.priceTicks)} ${y(step.total)}`;
            previous = step.total;
        }
        d += ` L ${x(low)} ${y(previous)} L ${x(low)} ${baseline} Z`;
        children.push(svg('path', { class: 'bid-area', d, 'data-testid': 'depth-bids' }));
    }
    if (askSteps.length > 0) {
        let d = `M ${x(askSteps[0]!.priceTicks)} ${baseline}`;
        let previous = 0n;
        for (const step of askSteps) {
            d += ` L ${x(step.priceTicks)} ${y(previous)} L ${x(step.priceTicks)} ${y(step.total)}`;
            previous = step.total;
        }
        d += ` L ${x(high)} ${y(previous)} L ${x(high)} ${baseline} Z`;
        children.push(svg('path', { class: 'ask-area', d, 'data-testid': 'depth-asks' }));
    }
    const deepestBid = bids.at(-1);
    const deepestAsk = asks.at(-1);
    if (deepestBid !== undefined) {
        children.push(svg('text', { x: x(deepestBid.priceTicks), y: height - 6, 'text-anchor': 'middle' }, price(deepestBid.priceTicks)));
    }
    if (deepestAsk !== undefined) {
        children.push(svg('text', { x: x(deepestAsk.priceTicks), y: height - 6, 'text-anchor': 'middle' }, price(deepestAsk.priceTicks)));
    }
    children.push(svg('text', { x: left, y: top + 4, 'text-anchor': 'start' }, `max ${lotsToQuantity(deepest, current!)}`));
    const bestBid = bids[0];
    const bestAsk = asks[0];
    if (bestBid !== undefined && bestAsk !== undefined) {
        children.push(
            svg('line', { class: 'axis', x1: x(middle), y1: top, x2: x(middle), y2: baseline }),
            svg('text', { x: x(middle), y: top + 4, 'text-anchor': 'middle' }, `${price(bestBid.priceTicks)} | ${price(bestAsk.priceTicks)}`),
        );
    }
    ui.depth.replaceChildren(...children);
}

void connect();
