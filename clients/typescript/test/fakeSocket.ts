// A WebSocket double for MatcherClient's tests: the test plays the server.
import assert from 'node:assert/strict';
import {
    decodeClientMessage,
    encode,
    MatcherClient,
    type ClientMessage,
    type ServerMessage,
    type WebSocketConstructor,
} from '../src/index.js';

type Listener = (event: unknown) => void;

/** Enough of the WebSocket API for the client; the test plays the server. */
export class FakeSocket {
    static last: FakeSocket | undefined;
    readonly url: string;
    readyState = 0;
    binaryType = 'blob';
    readonly sent: Uint8Array[] = [];
    private readonly _listeners = new Map<string, { fn: Listener; once: boolean }[]>();

    constructor(url: string) {
        this.url = url;
        FakeSocket.last = this;
        setTimeout(() => {
            if (this.readyState !== 0) return;
            this.readyState = 1;
            this._fire('open', {});
        }, 0);
    }

    addEventListener(type: string, fn: Listener, options?: { once?: boolean }): void {
        const list = this._listeners.get(type) ?? [];
        list.push({ fn, once: options?.once === true });
        this._listeners.set(type, list);
    }

    send(data: Uint8Array): void {
        if (this.readyState !== 1) throw new Error('not open');
        this.sent.push(data.slice());
    }

    close(code = 1000, reason = ''): void {
        if (this.readyState === 3) return;
        this.readyState = 3;
        setTimeout(() => this._fire('close', { code, reason, wasClean: true }), 0);
    }

    /** The server sends a message. */
    receive(message: ServerMessage | Uint8Array | string): void {
        const data = typeof message === 'string'
            ? message
            : (message instanceof Uint8Array ? message : encode(message)).slice().buffer;
        this._fire('message', { data });
    }

    /** What the client sent, decoded. */
    sentMessages(): ClientMessage[] {
        return this.sent.map((bytes) => decodeClientMessage(bytes));
    }

    private _fire(type: string, event: unknown): void {
        const list = this._listeners.get(type) ?? [];
        this._listeners.set(type, list.filter((l) => !l.once));
        for (const listener of list) listener.fn(event);
    }
}

export const WebSocketDouble = FakeSocket as unknown as WebSocketConstructor;

export async function connected(requestTimeoutMs = 2000): Promise<{ client: MatcherClient; socket: FakeSocket }> {
    const client = new MatcherClient({ WebSocket: WebSocketDouble, requestTimeoutMs });
    await client.connect('ws://test/ws');
    return { client, socket: FakeSocket.last! };
}

export const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Waits until the client has sent `count` messages (login signs asynchronously first). */
export async function sentCount(socket: FakeSocket, count: number): Promise<void> {
    for (let i = 0; i < 200 && socket.sent.length < count; i++) await tick();
    assert.ok(socket.sent.length >= count, `expected ${count} messages sent, got ${socket.sent.length}`);
}
