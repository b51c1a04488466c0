/**
 * A session of the binary WebSocket protocol (docs/WEBSOCKET.md) over the standard WebSocket API:
 * `globalThis.WebSocket` in the browser, and in Node 20 with `node --experimental-websocket`
 * (Node 22 has it by default), or any constructor with the same API passed in the options.
 */
import {
    decodeServerMessage,
    encode,
    HEADER_LENGTH,
    OrderFlags,
    ContingencyType,
    OrderType,
    ProtocolError,
    TemplateId,
    type BalanceUpdate,
    type Bbo,
    type BookSnapshot,
    type BookUpdate,
    type CancelReject,
    type ClientMessage,
    type ExecutionReport,
    type Goodbye,
    type InstrumentInfo,
    type InstrumentList,
    type Login,
    type LoginAccepted,
    type MarketMakerProtection,
    type MassCancelReport,
    type Pong,
    type QuoteAck,
    type Reject,
    type ServerMessage,
    type Trade,
} from './codec.js';
import { Emitter, type RemoveHandler } from './emitter.js';
import {
    ConnectionClosedError,
    MatcherRejectError,
    RequestTimeoutError,
    type AmendOrderParams,
    type CancelOrderParams,
    type CancelReplaceParams,
    type MassCancelParams,
    type OrderStatusParams,
    type PlaceOrderParams,
    type QuoteParams,
    type SubscribeOptions,
} from './requests.js';

export * from './requests.js';

/** The WebSocket constructor shape the client needs (the browser's and Node's both fit). */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocket;

export interface MatcherClientOptions {
    /** The WebSocket implementation; default `globalThis.WebSocket`. */
    WebSocket?: WebSocketConstructor;
    /** How long connect, login, ping and listInstruments wait for their answer; 0: forever. Default 10,000 ms. */
    requestTimeoutMs?: number;
}

/** How the connection ended. */
export interface CloseInfo {
    code: number;
    reason: string;
    wasClean: boolean;
}

/** Everything a {@link MatcherClient} reports, by event name. */
export interface MatcherClientEvents {
    open: void;
    /** Every decoded server message, before its own event. */
    message: ServerMessage;
    loginAccepted: LoginAccepted;
    reject: Reject;
    executionReport: ExecutionReport;
    cancelReject: CancelReject;
    massCancelReport: MassCancelReport;
    pong: Pong;
    balanceUpdate: BalanceUpdate;
    bookSnapshot: BookSnapshot;
    bookUpdate: BookUpdate;
    trade: Trade;
    bbo: Bbo;
    instrumentList: InstrumentList;
    goodbye: Goodbye;
    /** A quote's outcome (schema 2): its legs' order ids, or its rejectCode. */
    quoteAck: QuoteAck;
    /** The account's market-maker protection was set, reset or tripped, or a reset was refused (schema 2). */
    marketMakerProtection: MarketMakerProtection;
    /** A message from the server that is not valid: it is dropped, and the rest of its WebSocket message still read when its length is sound. */
    protocolError: ProtocolError;
    /** A WebSocket error, or an exception thrown by an event handler. */
    error: Error;
    close: CloseInfo;
}


const textEncoder = new TextEncoder();

function webCrypto(): Crypto {
    const crypto = (globalThis as { crypto?: Crypto }).crypto;
    if (crypto === undefined || crypto.subtle === undefined) {
        throw new Error('Web Crypto (globalThis.crypto.subtle) is not available: a browser page needs a secure context (https or localhost)');
    }
    return crypto;
}

/** A random u64 from the platform's cryptographic generator. */
export function randomNonce(): bigint {
    const bytes = webCrypto().getRandomValues(new Uint8Array(8));
    return new DataView(bytes.buffer).getBigUint64(0, true);
}

/**
 * A Login message with its signature: HMAC-SHA256 keyed with the secret's UTF-8 bytes over bytes
 * 8–55 of the encoded Login (apiKey ‖ timestampNs ‖ nonce exactly as encoded).
 */
export async function signLogin(apiKey: string, secret: string, timestampNs: bigint, nonce: bigint): Promise<Login> {
    const unsigned: Login = { type: 'Login', apiKey, timestampNs, nonce, signature: new Uint8Array(32) };
    const bytes = encode(unsigned);
    const subtle = webCrypto().subtle;
    const key = await subtle.importKey('raw', textEncoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const signature = new Uint8Array(await subtle.sign('HMAC', key, bytes.slice(8, 56)));
    return { ...unsigned, signature };
}

interface Pending {
    what: string;
    resolve: (message: ServerMessage) => void;
    reject: (error: Error) => void;
    timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * One connection to the gateway. Requests that carry a requestId return it (a bigint allocated by
 * the client, from 1 up); their answers arrive as events carrying the same requestId. login, ping
 * and listInstruments return promises of their answers.
 */
export class MatcherClient {
    private readonly _events: Emitter<MatcherClientEvents> = new Emitter<MatcherClientEvents>((error, event) => {
        const asError = error instanceof Error ? error : new Error(String(error));
        if (event !== 'error' && this._events.count('error') > 0) {
            this._events.emit('error', asError);
        } else {
            setTimeout(() => {
                throw asError;
            }, 0);
        }
    });
    private readonly _WebSocket: WebSocketConstructor | undefined;
    private readonly _requestTimeoutMs: number;
    private readonly _pending = new Map<bigint, Pending>();
    private _pendingLogin: Pending | undefined;
    private _socket: WebSocket | undefined;
    private _nextRequestId = 1n;
    private _loginAccepted: LoginAccepted | undefined;
    private _closed = false;

    constructor(options: MatcherClientOptions = {}) {
        this._WebSocket = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
        this._requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    }

    /** Adds a handler; returns a function that removes it. */
    on<E extends keyof MatcherClientEvents>(event: E, handler: (value: MatcherClientEvents[E]) => void): RemoveHandler {
        return this._events.on(event, handler);
    }

    off<E extends keyof MatcherClientEvents>(event: E, handler: (value: MatcherClientEvents[E]) => void): void {
        this._events.off(event, handler);
    }

    /**
     * The next event of that name for which `predicate` holds (every one when omitted); rejects
     * after `timeoutMs` (0: never) or when the connection closes first.
     */
    waitFor<E extends keyof MatcherClientEvents>(
        event: E,
        predicate: (value: MatcherClientEvents[E]) => boolean = () => true,
        timeoutMs = this._requestTimeoutMs,
    ): Promise<MatcherClientEvents[E]> {
        return new Promise((resolve, reject) => {
            let timer: ReturnType<typeof setTimeout> | undefined;
            const done = (): void => {
                offEvent();
                offClose();
                if (timer !== undefined) clearTimeout(timer);
            };
            const offEvent = this._events.on(event, (value) => {
                let matches: boolean;
                try {
                    matches = predicate(value);
                } catch (error) {
                    done();
                    reject(error);
                    return;
                }
                if (matches) {
                    done();
                    resolve(value);
                }
            });
            const offClose = event === 'close'
                ? () => {}
                : this._events.on('close', (info) => {
                    done();
                    reject(new ConnectionClosedError(`connection closed (${info.code} ${info.reason}) while waiting for ${event}`));
                });
            if (timeoutMs > 0) {
                timer = setTimeout(() => {
                    done();
                    reject(new RequestTimeoutError(`no matching ${event} within ${timeoutMs} ms`));
                }, timeoutMs);
            }
        });
    }

    /** True while the WebSocket is open. */
    get isOpen(): boolean {
        return this._socket !== undefined && this._socket.readyState === 1;
    }

    /** The LoginAccepted of this connection, once logged in. */
    get session(): LoginAccepted | undefined {
        return this._loginAccepted;
    }

    /** Allocates a request id: 1, 2, 3, … per client. */
    nextRequestId(): bigint {
        return this._nextRequestId++;
    }

    /** Opens the WebSocket (binaryType arraybuffer); resolves when it is open. */
    connect(url: string): Promise<void> {
        if (this._socket !== undefined) {
            return Promise.reject(new Error('this client already has a connection; make a new MatcherClient to connect again'));
        }
        const WebSocketImpl = this._WebSocket;
        if (WebSocketImpl === undefined) {
            return Promise.reject(new Error(
                'no WebSocket implementation: in Node 20 run with --experimental-websocket, or pass options.WebSocket'));
        }
        return new Promise<void>((resolve, reject) => {
            let socket: WebSocket;
            try {
                socket = new WebSocketImpl(url);
            } catch (error) {
                reject(error instanceof Error ? error : new Error(String(error)));
                return;
            }
            this._socket = socket;
            socket.binaryType = 'arraybuffer';
            let opened = false;
            const timer = this._requestTimeoutMs > 0
                ? setTimeout(() => {
                    if (!opened) {
                        reject(new RequestTimeoutError(`could not connect to ${url} within ${this._requestTimeoutMs} ms`));
                        socket.close();
                    }
                }, this._requestTimeoutMs)
                : undefined;
            socket.addEventListener('open', () => {
                opened = true;
                if (timer !== undefined) clearTimeout(timer);
                resolve();
                this._events.emit('open', undefined);
            });
            socket.addEventListener('message', (event: MessageEvent) => this._onFrame(event.data));
            socket.addEventListener('error', () => {
                const error = new Error(`WebSocket error on ${url}`);
                if (!opened) {
                    if (timer !== undefined) clearTimeout(timer);
                    reject(error);
                }
                this._emitError(error);
            });
            socket.addEventListener('close', (event: CloseEvent) => {
                this._closed = true;
                if (timer !== undefined) clearTimeout(timer);
                const info: CloseInfo = { code: event.code, reason: event.reason, wasClean: event.wasClean };
                if (!opened) reject(new ConnectionClosedError(`could not connect to ${url}: closed with ${info.code} ${info.reason}`));
                this._failPending(new ConnectionClosedError(`connection closed (${info.code}${info.reason ? ' ' + info.reason : ''})`));
                this._events.emit('close', info);
            });
        });
    }

    /** Closes the connection; resolves when it is closed (or after requestTimeoutMs at the latest). */
    close(code = 1000, reason = ''): Promise<void> {
        const socket = this._socket;
        if (socket === undefined || this._closed) return Promise.resolve();
        const closed = new Promise<void>((resolve) => {
            const timer = this._requestTimeoutMs > 0 ? setTimeout(done, this._requestTimeoutMs) : undefined;
            const off = this._events.on('close', done);
            function done(): void {
                off();
                if (timer !== undefined) clearTimeout(timer);
                resolve();
            }
        });
        try {
            socket.close(code, reason);
        } catch {
            // Already closing, or an invalid code: the close event still comes.
        }
        return closed;
    }

    /** Encodes and sends one message. Throws a ConnectionClosedError when the socket is not open. */
    send(message: ClientMessage): void {
        const bytes = encode(message);
        const socket = this._socket;
        if (socket === undefined || socket.readyState !== 1) {
            throw new ConnectionClosedError(`cannot send ${message.type}: the connection is not open`);
        }
        socket.send(bytes);
    }

    /**
     * Logs in with an API key and secret: a Login with timestamp now (ns) and a random nonce, signed
     * with HMAC-SHA256. Resolves with LoginAccepted; rejects with a {@link MatcherRejectError}
     * (e.g. code 1005 AuthenticationFailed) when the server refuses it.
     */
    async login(apiKey: string, secret: string): Promise<LoginAccepted> {
        if (this._pendingLogin !== undefined) throw new Error('a login is already in progress');
        const timestampNs = BigInt(Date.now()) * 1_000_000n;
        const message = await signLogin(apiKey, secret, timestampNs, randomNonce());
        const answer = new Promise<ServerMessage>((resolve, reject) => {
            this._pendingLogin = this._makePending('Login', resolve, reject, () => {
                this._pendingLogin = undefined;
            });
        });
        try {
            this.send(message);
        } catch (error) {
            this._settle(this._pendingLogin, undefined, error as Error);
            this._pendingLogin = undefined;
        }
        return (await answer) as LoginAccepted;
    }

    /** Sends a Ping; resolves with the Pong. */
    async ping(): Promise<Pong> {
        const requestId = this.nextRequestId();
        return (await this._request('Ping', requestId, { type: 'Ping', requestId })) as Pong;
    }

    /** Asks for the instruments; resolves with the InstrumentList's entries. */
    async listInstruments(): Promise<InstrumentInfo[]> {
        const requestId = this.nextRequestId();
        const list = (await this._request('InstrumentListRequest', requestId, { type: 'InstrumentListRequest', requestId })) as InstrumentList;
        return list.instruments;
    }

    /**
     * Subscribes to an instrument's market data (again, to get a fresh snapshot after a gap);
     * returns the requestId the BookSnapshot will echo.
     */
    subscribe(instrumentId: number, options: SubscribeOptions = {}): bigint {
        const requestId = this.nextRequestId();
        this.send({
            type: 'Subscribe',
            requestId,
            instrumentId,
            depth: options.depth ?? 0,
            channels: options.channels ?? 7,
        });
        return requestId;
    }

    unsubscribe(instrumentId: number): bigint {
        const requestId = this.nextRequestId();
        this.send({ type: 'Unsubscribe', requestId, instrumentId });
        return requestId;
    }

    /**
     * Sends a PlaceOrder; returns its requestId (echoed in the ExecutionReports it causes). A stop,
     * take-profit or trailing stop is answered `0` (new) while it waits and `L` (triggered) when it
     * enters the book.
     */
    placeOrder(order: PlaceOrderParams): bigint {
        const requestId = this.nextRequestId();
        const priceTicks = order.priceTicks ?? 0n;
        const linkedOrderId = order.linkedOrderId ?? 0n;
        const linkedClOrdId = order.linkedClOrdId ?? '';
        const linked = linkedOrderId !== 0n || linkedClOrdId !== '';
        this.send({
            type: 'PlaceOrder',
            requestId,
            priceTicks,
            quantityLots: order.quantityLots ?? 0n,
            quoteBudget: order.quoteBudget ?? 0n,
            expireTimeNs: order.expireTimeNs ?? 0n,
            instrumentId: order.instrumentId,
            side: order.side,
            orderType: order.orderType ?? (priceTicks !== 0n ? OrderType.Limit : OrderType.Market),
            timeInForce: order.timeInForce ?? 0,
            selfTradePrevention: order.selfTradePrevention ?? 0,
            flags: order.postOnly ? OrderFlags.PostOnly : 0,
            clOrdId: order.clOrdId,
            stopPriceTicks: order.stopPriceTicks ?? 0n,
            trailingOffsetTicks: order.trailingOffsetTicks ?? 0n,
            trailingOffsetBps: order.trailingOffsetBps ?? 0n,
            displayLots: order.displayLots ?? 0n,
            linkedOrderId,
            triggerType: order.triggerType ?? 0,
            contingencyType: order.contingencyType ?? (linked ? ContingencyType.OneCancelsOther : ContingencyType.None),
            linkedClOrdId,
        });
        return requestId;
    }

    cancelOrder(params: CancelOrderParams): bigint {
        const requestId = this.nextRequestId();
        this.send({
            type: 'CancelOrder',
            requestId,
            orderId: params.orderId ?? 0n,
            origClOrdId: params.origClOrdId ?? '',
            clOrdId: params.clOrdId ?? '',
        });
        return requestId;
    }

    amendOrder(params: AmendOrderParams): bigint {
        const requestId = this.nextRequestId();
        this.send({
            type: 'AmendOrder',
            requestId,
            orderId: params.orderId ?? 0n,
            newPriceTicks: params.newPriceTicks ?? 0n,
            newQuantityLots: params.newQuantityLots ?? 0n,
            origClOrdId: params.origClOrdId ?? '',
            newStopPriceTicks: params.newStopPriceTicks ?? 0n,
        });
        return requestId;
    }

    cancelReplace(params: CancelReplaceParams): bigint {
        const requestId = this.nextRequestId();
        this.send({
            type: 'CancelReplace',
            requestId,
            orderId: params.orderId ?? 0n,
            newPriceTicks: params.newPriceTicks ?? 0n,
            newQuantityLots: params.newQuantityLots ?? 0n,
            origClOrdId: params.origClOrdId ?? '',
            clOrdId: params.clOrdId,
            newStopPriceTicks: params.newStopPriceTicks ?? 0n,
        });
        return requestId;
    }

    massCancel(params: MassCancelParams = {}): bigint {
        const requestId = this.nextRequestId();
        this.send({ type: 'MassCancel', requestId, instrumentId: params.instrumentId ?? 0, side: params.side ?? 0 });
        return requestId;
    }

    /**
     * Sends a two-sided Quote that replaces the account's previous quote on the instrument; returns its
     * requestId, which the legs' ExecutionReports and then the QuoteAck echo.
     */
    quote(params: QuoteParams): bigint {
        const requestId = this.nextRequestId();
        this.send({
            type: 'Quote',
            requestId,
            bidPriceTicks: params.bidPriceTicks ?? 0n,
            bidLots: params.bidLots ?? 0n,
            askPriceTicks: params.askPriceTicks ?? 0n,
            askLots: params.askLots ?? 0n,
            instrumentId: params.instrumentId,
            quoteId: params.quoteId,
        });
        return requestId;
    }

    /** Asks to reset the account's tripped market-maker protection; answered by a MarketMakerProtection with this requestId. */
    resetMarketMakerProtection(): bigint {
        const requestId = this.nextRequestId();
        this.send({ type: 'ResetMarketMakerProtection', requestId });
        return requestId;
    }

    orderStatus(params: OrderStatusParams): bigint {
        const requestId = this.nextRequestId();
        this.send({ type: 'OrderStatusRequest', requestId, orderId: params.orderId ?? 0n, clOrdId: params.clOrdId ?? '' });
        return requestId;
    }

    private _request(what: string, requestId: bigint, message: ClientMessage): Promise<ServerMessage> {
        return new Promise<ServerMessage>((resolve, reject) => {
            const pending = this._makePending(what, resolve, reject, () => this._pending.delete(requestId));
            this._pending.set(requestId, pending);
            try {
                this.send(message);
            } catch (error) {
                this._pending.delete(requestId);
                this._settle(pending, undefined, error as Error);
            }
        });
    }

    private _makePending(
        what: string,
        resolve: (message: ServerMessage) => void,
        reject: (error: Error) => void,
        forget: () => void,
    ): Pending {
        const pending: Pending = { what, resolve, reject, timer: undefined };
        if (this._requestTimeoutMs > 0) {
            pending.timer = setTimeout(() => {
                forget();
                reject(new RequestTimeoutError(`${what}: no answer within ${this._requestTimeoutMs} ms`));
            }, this._requestTimeoutMs);
        }
        return pending;
    }

    private _settle(pending: Pending | undefined, message: ServerMessage | undefined, error?: Error): void {
        if (pending === undefined) return;
        if (pending.timer !== undefined) clearTimeout(pending.timer);
        if (error !== undefined) pending.reject(error);
        else pending.resolve(message!);
    }

    private _failPending(error: Error): void {
        const all = [...this._pending.values()];
        this._pending.clear();
        const login = this._pendingLogin;
        this._pendingLogin = undefined;
        for (const pending of all) this._settle(pending, undefined, error);
        this._settle(login, undefined, error);
    }

    private _emitError(error: Error): void {
        if (this._events.count('error') > 0) this._events.emit('error', error);
    }

    /**
     * One WebSocket message from the server: one or more protocol messages back to back, walked by
     * their length fields. A length that does not fit (under 8 bytes, or past the end) makes the rest
     * one message, which the decoder refuses; a bad message is reported and the others still go on.
     */
    private _onFrame(data: unknown): void {
        let bytes: Uint8Array;
        try {
            if (typeof data === 'string') {
                throw new ProtocolError('Malformed', 'the server sent a text frame; the protocol is binary only');
            }
            if (data instanceof ArrayBuffer) bytes = new Uint8Array(data);
            else if (ArrayBuffer.isView(data)) bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
            else throw new ProtocolError('Malformed', `unexpected frame type ${typeof data} (binaryType should be arraybuffer)`);
        } catch (error) {
            this._protocolError(error);
            return;
        }
        const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        let offset = 0;
        do {
            const rest = bytes.byteLength - offset;
            let length = rest;
            if (rest >= HEADER_LENGTH) {
                const declared = view.getUint32(offset, true);
                if (declared >= HEADER_LENGTH && declared <= rest) length = declared;
            }
            const slice = bytes.subarray(offset, offset + length);
            offset += length;
            let message: ServerMessage;
            try {
                message = decodeServerMessage(slice);
            } catch (error) {
                this._protocolError(error);
                continue;
            }
            this._dispatch(message);
        } while (offset < bytes.byteLength);
    }

    private _protocolError(error: unknown): void {
        const protocolError = error instanceof ProtocolError ? error : new ProtocolError('Malformed', String(error));
        if (this._events.count('protocolError') > 0) this._events.emit('protocolError', protocolError);
        else this._emitError(protocolError);
    }

    private _dispatch(message: ServerMessage): void {
        this._events.emit('message', message);
        switch (message.type) {
            case 'LoginAccepted': {
                this._loginAccepted = message;
                const pending = this._pendingLogin;
                this._pendingLogin = undefined;
                this._settle(pending, message);
                this._events.emit('loginAccepted', message);
                return;
            }
            case 'Reject': {
                if (message.refTemplateId === TemplateId.Login && this._pendingLogin !== undefined) {
                    const pending = this._pendingLogin;
                    this._pendingLogin = undefined;
                    this._settle(pending, undefined, new MatcherRejectError('Login', message));
                } else if (message.requestId !== 0n) {
                    const pending = this._pending.get(message.requestId);
                    if (pending !== undefined) {
                        this._pending.delete(message.requestId);
                        this._settle(pending, undefined, new MatcherRejectError(pending.what, message));
                    }
                }
                this._events.emit('reject', message);
                return;
            }
            case 'Pong':
            case 'InstrumentList': {
                const pending = this._pending.get(message.requestId);
                if (pending !== undefined) {
                    this._pending.delete(message.requestId);
                    this._settle(pending, message);
                }
                if (message.type === 'Pong') this._events.emit('pong', message);
                else this._events.emit('instrumentList', message);
                return;
            }
            case 'ExecutionReport':
                this._events.emit('executionReport', message);
                return;
            case 'CancelReject':
                this._events.emit('cancelReject', message);
                return;
            case 'MassCancelReport':
                this._events.emit('massCancelReport', message);
                return;
            case 'BalanceUpdate':
                this._events.emit('balanceUpdate', message);
                return;
            case 'BookSnapshot':
                this._events.emit('bookSnapshot', message);
                return;
            case 'BookUpdate':
                this._events.emit('bookUpdate', message);
                return;
            case 'Trade':
                this._events.emit('trade', message);
                return;
            case 'Bbo':
                this._events.emit('bbo', message);
                return;
            case 'Goodbye':
                this._events.emit('goodbye', message);
                return;
            case 'QuoteAck':
                this._events.emit('quoteAck', message);
                return;
            case 'MarketMakerProtection':
                this._events.emit('marketMakerProtection', message);
                return;
        }
    }
}
