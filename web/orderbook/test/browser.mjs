#!/usr/bin/env node
// The order-book page in headless Debian Chromium against a running `matcher serve`.
//
//   MATCHER_HTTP_URL=http://127.0.0.1:PORT  node web/orderbook/test/browser.mjs
//
// Environment:
//   MATCHER_HTTP_URL       (required) the server's HTTP address; the page is at /, the WebSocket at /ws
//   MATCHER_WS_URL         default: MATCHER_HTTP_URL with ws: and /ws
//   MATCHER_API_KEY_A, MATCHER_API_SECRET_A   account A (default demo-key-1001 / demo-secret-1001): the sells
//   MATCHER_API_KEY_B, MATCHER_API_SECRET_B   account B (default demo-key-1002 / demo-secret-1002): the buys
//   MATCHER_INSTRUMENT     default BTC-USD
//   MATCHER_SCREENSHOT     where the full-page PNG goes (default: $TMPDIR/matcher-orderbook.png)
//   MATCHER_CHROMIUM       default /usr/bin/chromium (never downloads a browser)
//
// It opens /?symbol=..., waits for the status "live", places a resting sell (A) and a resting buy
// (B) with the TypeScript client, checks the ladder rows and the best bid and ask, then a buy (B)
// that crosses the sell, and checks the trade row and the reduced ask. Exit 0 on success; 1 with a
// report (page status, ladder, trades, console, what the clients received) on failure; 2 when the
// environment is not usable.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Node 20 has the WebSocket global only behind a flag: run again with it.
if (typeof globalThis.WebSocket === 'undefined') {
    const again = spawnSync(process.execPath, ['--experimental-websocket', ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
    process.exit(again.status ?? 1);
}

const { chromium } = await import('playwright-core');
const { MatcherClient, Side, parseScaled, quantityToLots, ticksToPrice, lotsToQuantity } = await import('@matcher/client');

const httpUrl = process.env.MATCHER_HTTP_URL?.replace(/\/+$/, '');
if (!httpUrl) {
    console.error('browser test: set MATCHER_HTTP_URL to the server\'s HTTP address, e.g. http://127.0.0.1:8080');
    process.exit(2);
}
const wsUrl = process.env.MATCHER_WS_URL ?? `${httpUrl.replace(/^http/, 'ws')}/ws`;
const keyA = process.env.MATCHER_API_KEY_A ?? 'demo-key-1001';
const secretA = process.env.MATCHER_API_SECRET_A ?? 'demo-secret-1001';
const keyB = process.env.MATCHER_API_KEY_B ?? 'demo-key-1002';
const secretB = process.env.MATCHER_API_SECRET_B ?? 'demo-secret-1002';
const symbol = process.env.MATCHER_INSTRUMENT ?? 'BTC-USD';
const screenshot = process.env.MATCHER_SCREENSHOT ?? join(tmpdir(), 'matcher-orderbook.png');
const executablePath = process.env.MATCHER_CHROMIUM ?? '/usr/bin/chromium';
const waitMs = 15_000;

if (!existsSync(executablePath)) {
    console.error(`browser test: no Chromium at ${executablePath}; install Debian's chromium (scripts/web.sh ensure_chromium)`);
    process.exit(2);
}

const json = (value) => JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? `<${v.length} bytes>` : v));
const log = (line) => console.log(`browser test: ${line}`);

const pageLog = [];
const clients = [];
let browser;
let page;
let userDataDir;

/** A client that keeps what it received, for the failure report. */
async function openClient(label) {
    const client = new MatcherClient({ requestTimeoutMs: waitMs });
    const entry = { label, client, received: [] };
    client.on('message', (m) => entry.received.push(json(m)));
    client.on('close', (c) => entry.received.push(`closed ${c.code} ${c.reason}`));
    clients.push(entry);
    try {
        await client.connect(wsUrl);
    } catch (error) {
        throw new Error(`${label}: cannot connect to ${wsUrl}: ${error.message}`);
    }
    return client;
}

function fail(message) {
    throw new Error(message);
}

/** Waits until `read()` (run in the page) returns a value for which `ok` holds; fails with `what`. */
async function until(what, read, ok, arg) {
    const deadline = Date.now() + waitMs;
    let last;
    while (Date.now() < deadline) {
        last = await page.evaluate(read, arg);
        if (ok(last)) return last;
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    fail(`${what}: not seen within ${waitMs} ms; last seen ${json(last)}`);
}

const readLadder = () => {
    const rows = (id) => [...document.querySelectorAll(`[data-testid="${id}"]`)].map((r) => ({
        price: r.getAttribute('data-price'),
        size: r.getAttribute('data-size'),
        orders: r.getAttribute('data-orders'),
        total: r.getAttribute('data-total'),
        text: r.textContent,
    }));
    const quote = (id) => {
        const el = document.querySelector(`[data-testid="${id}"]`);
        return el && { text: el.textContent, price: el.getAttribute('data-price'), size: el.getAttribute('data-size') };
    };
    return {
        status: document.querySelector('[data-testid="status"]')?.textContent,
        statusDetail: document.querySelector('[data-testid="status-detail"]')?.textContent,
        asks: rows('ask-row'),
        bids: rows('bid-row'),
        bestBid: quote('best-bid'),
        bestAsk: quote('best-ask'),
        trades: rows('trade-row').map((t, i) => ({ ...t, side: document.querySelectorAll('[data-testid="trade-row"]')[i].getAttribute('data-side') })),
    };
};

/** Prices where our orders are the best on each side: inside the spread, or 99/101 on an empty book. */
function pickPrices(snapshot, instrument) {
    const bestBid = snapshot.bids[0]?.priceTicks;
    const bestAsk = snapshot.asks[0]?.priceTicks;
    const ticks = (text) => parseScaled(text, instrument.tickMantissa, instrument.tickScale);
    let bid;
    let ask;
    if (bestBid === undefined && bestAsk === undefined) {
        bid = ticks('99');
        ask = ticks('101');
    } else if (bestBid === undefined) {
        ask = bestAsk - 1n;
        bid = ask - 200n;
    } else if (bestAsk === undefined) {
        bid = bestBid + 1n;
        ask = bid + 200n;
    } else {
        bid = bestBid + 1n;
        ask = bestAsk - 1n;
    }
    if (bid <= 0n || bid >= ask) {
        fail(`the ${instrument.symbol} book (best bid ${bestBid}, best ask ${bestAsk}) leaves no room inside the spread; run against a fresh server`);
    }
    return { bid, ask };
}

/** Places an order and waits for its report of `execType` ('0' accepted, 'F' filled), failing on a reject. */
async function placeAndAwait(client, label, order, execType) {
    // Set up before sending: the reports may all arrive before the next await.
    const answer = client.waitFor('executionReport', (r) => r.clOrdId === order.clOrdId && (r.execType === execType || r.execType === '8'));
    client.placeOrder(order);
    const report = await answer;
    if (report.execType === '8') fail(`${label}: order ${order.clOrdId} rejected with code ${report.rejectCode}: ${json(report)}`);
    return report;
}

async function run() {
    userDataDir = mkdtempSync(join(tmpdir(), 'matcher-chromium-'));
    const context = await chromium.launchPersistentContext(userDataDir, {
        executablePath,
        headless: true,
        viewport: { width: 1440, height: 900 },
        args: [
            '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
            '--disable-component-update', '--disable-sync',
        ],
    });
    browser = context;
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (m) => pageLog.push(`console.${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => pageLog.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => pageLog.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
    page.on('response', (r) => {
        if (r.status() >= 400) pageLog.push(`HTTP ${r.status()} ${r.url()}`);
    });

    const pageUrl = `${httpUrl}/?symbol=${encodeURIComponent(symbol)}`;
    log(`opening ${pageUrl}`);
    const response = await page.goto(pageUrl, { waitUntil: 'load', timeout: waitMs });
    if (!response || !response.ok()) fail(`GET ${pageUrl} answered ${response?.status() ?? 'nothing'}`);
    await until('status "live"', () => document.querySelector('[data-testid="status"]')?.getAttribute('data-state'), (s) => s === 'live');
    log('status live');

    const a = await openClient('A');
    const b = await openClient('B');
    const md = await openClient('market data');
    await a.login(keyA, secretA);
    await b.login(keyB, secretB);
    const instrument = (await md.listInstruments()).find((i) => i.symbol === symbol) ?? fail(`no instrument ${symbol} on the server`);
    const snapshotAnswer = md.waitFor('bookSnapshot', (s) => s.instrumentId === instrument.instrumentId);
    md.subscribe(instrument.instrumentId, { depth: 0 });
    const snapshot = await snapshotAnswer;
    const { bid, ask } = pickPrices(snapshot, instrument);
    const lots = (text) => quantityToLots(text, instrument);
    const price = (t) => ticksToPrice(t, instrument);
    const size = (l) => lotsToQuantity(l, instrument);
    const tag = `${process.pid % 100000}-${Date.now() % 10_000_000}`;
    // Three levels a side, 50 ticks apart, the best ones at `ask` and `bid`; A sells, B buys.
    const asks = [[ask, lots('0.3')], [ask + 50n, lots('0.5')], [ask + 100n, lots('0.8')]];
    const bids = [[bid, lots('0.2')], [bid - 50n, lots('0.4')], [bid - 100n, lots('0.6')]];
    if (bids.at(-1)[0] <= 0n) fail(`bid ${price(bid)} is too low for three levels 50 ticks apart`);
    for (const [i, [p, q]] of asks.entries()) {
        await placeAndAwait(a, 'A', { instrumentId: instrument.instrumentId, side: Side.Sell, clOrdId: `web-${tag}-ask${i}`, priceTicks: p, quantityLots: q }, '0');
    }
    for (const [i, [p, q]] of bids.entries()) {
        await placeAndAwait(b, 'B', { instrumentId: instrument.instrumentId, side: Side.Buy, clOrdId: `web-${tag}-bid${i}`, priceTicks: p, quantityLots: q }, '0');
    }
    log(`resting: sells ${asks.map(([p, q]) => `${size(q)} @ ${price(p)}`).join(', ')} (A); buys ${bids.map(([p, q]) => `${size(q)} @ ${price(p)}`).join(', ')} (B)`);

    const rowAt = (want) => (l) => l[want.list].some((r) => r.price === want.price && r.size === want.size);
    for (const [p, q] of asks) await until(`ask row ${price(p)} × ${size(q)}`, readLadder, rowAt({ list: 'asks', price: price(p), size: size(q) }));
    for (const [p, q] of bids) await until(`bid row ${price(p)} × ${size(q)}`, readLadder, rowAt({ list: 'bids', price: price(p), size: size(q) }));
    const [bestAskPrice, bestAskLots] = asks[0];
    const [bestBidPrice, bestBidLots] = bids[0];
    await until(`best ask ${price(bestAskPrice)} and best bid ${price(bestBidPrice)}`, readLadder,
        (l) => l.bestAsk?.text === price(bestAskPrice) && l.bestAsk?.size === size(bestAskLots) &&
            l.bestBid?.text === price(bestBidPrice) && l.bestBid?.size === size(bestBidLots));
    const ladder = await page.evaluate(readLadder);
    // Asks above, highest first (the best ask next to the spread); bids below, best first.
    const ours = (rows, levels) => rows.filter((r) => levels.some(([p]) => price(p) === r.price));
    const shownAsks = ours(ladder.asks, asks);
    const shownBids = ours(ladder.bids, bids);
    const expectAsks = [...asks].reverse().map(([p, q]) => `${price(p)}×${size(q)}`);
    const expectBids = bids.map(([p, q]) => `${price(p)}×${size(q)}`);
    if (json(shownAsks.map((r) => `${r.price}×${r.size}`)) !== json(expectAsks)) fail(`ask rows ${json(ladder.asks)}; expected ${json(expectAsks)} (highest first)`);
    if (json(shownBids.map((r) => `${r.price}×${r.size}`)) !== json(expectBids)) fail(`bid rows ${json(ladder.bids)}; expected ${json(expectBids)} (best first)`);
    if (ladder.asks.at(-1)?.price !== price(bestAskPrice)) fail(`the best ask is not the ask row next to the spread: ${json(ladder.asks)}`);
    if (ladder.bids[0]?.price !== price(bestBidPrice)) fail(`the best bid is not the first bid row: ${json(ladder.bids)}`);
    const askRow = ladder.asks.at(-1);
    if (!askRow.text.includes(price(bestAskPrice)) || !askRow.text.includes(size(bestAskLots))) fail(`the best ask row shows ${json(askRow.text)}`);
    if (ladder.asks.length === asks.length && ladder.asks[0].total !== size(asks.reduce((t, [, q]) => t + q, 0n))) {
        fail(`the deepest ask row's cumulative size is ${ladder.asks[0].total}`);
    }
    log('ladder and best bid/ask show the resting orders');

    const crossLots = lots('0.1');
    const taker = await placeAndAwait(b, 'B', { instrumentId: instrument.instrumentId, side: Side.Buy, clOrdId: `web-${tag}-take`, priceTicks: bestAskPrice, quantityLots: crossLots }, 'F');
    if (taker.lastPriceTicks !== bestAskPrice || taker.lastLots !== crossLots) fail(`unexpected fill ${json(taker)}`);
    log(`crossed: buy ${size(crossLots)} @ ${price(bestAskPrice)} filled`);

    await until(`trade row ${price(bestAskPrice)} × ${size(crossLots)} (buy)`, readLadder,
        (l) => l.trades[0]?.price === price(bestAskPrice) && l.trades[0]?.size === size(crossLots) && l.trades[0]?.side === 'buy');
    const left = bestAskLots - crossLots;
    await until(`ask row ${price(bestAskPrice)} reduced to ${size(left)}`, readLadder, rowAt({ list: 'asks', price: price(bestAskPrice), size: size(left) }));
    await until(`best ask ${price(bestAskPrice)} × ${size(left)}`, readLadder, (l) => l.bestAsk?.text === price(bestAskPrice) && l.bestAsk?.size === size(left));
    await until('last trade price', () => document.querySelector('[data-testid="last-price"]')?.textContent, (t) => t === price(bestAskPrice));
    log('trade row, reduced ask and last price shown');

    await page.screenshot({ path: screenshot, fullPage: true });
    log(`screenshot saved to ${screenshot}`);
}

async function report(error) {
    console.error(`browser test FAILED: ${error?.stack ?? error}`);
    if (page) {
        try {
            console.error(`--- page state: ${json(await page.evaluate(readLadder))}`);
        } catch (e) {
            console.error(`--- page state unavailable: ${e.message}`);
        }
        try {
            await page.screenshot({ path: screenshot, fullPage: true });
            console.error(`--- screenshot of the failure saved to ${screenshot}`);
        } catch (e) {
            console.error(`--- no screenshot: ${e.message}`);
        }
    }
    console.error(`--- page console (${pageLog.length} lines, last 40):`);
    for (const line of pageLog.slice(-40)) console.error(`    ${line}`);
    for (const c of clients) {
        console.error(`--- ${c.label} received (${c.received.length} messages, last 20):`);
        for (const line of c.received.slice(-20)) console.error(`    ${line}`);
    }
}

async function cleanUp() {
    // Closing the connections cancels their resting orders (cancel-on-disconnect).
    await Promise.allSettled(clients.map((c) => c.client.close()));
    if (browser) await browser.close().catch(() => {});
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
}

const watchdog = setTimeout(() => {
    console.error('browser test FAILED: still running after 120 s');
    process.exit(1);
}, 120_000);

let status = 0;
try {
    await run();
    log('passed');
} catch (error) {
    await report(error);
    status = 1;
} finally {
    await cleanUp();
    clearTimeout(watchdog);
}
process.exit(status);
