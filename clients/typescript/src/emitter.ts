/** Removes the handler it was returned for. */
export type RemoveHandler = () => void;

/**
 * A small typed event emitter. A handler that throws does not stop the others: its exception goes
 * to `onHandlerError` (by default rethrown on a fresh task, where the platform reports it).
 */
export class Emitter<Events extends object> {
    private readonly _handlers = new Map<keyof Events, Set<(value: never) => void>>();
    private readonly _onHandlerError: (error: unknown, event: keyof Events) => void;

    constructor(onHandlerError?: (error: unknown, event: keyof Events) => void) {
        this._onHandlerError = onHandlerError ?? ((error) => {
            setTimeout(() => {
                throw error;
            }, 0);
        });
    }

    on<E extends keyof Events>(event: E, handler: (value: Events[E]) => void): RemoveHandler {
        let set = this._handlers.get(event);
        if (set === undefined) {
            set = new Set();
            this._handlers.set(event, set);
        }
        set.add(handler as (value: never) => void);
        return () => this.off(event, handler);
    }

    off<E extends keyof Events>(event: E, handler: (value: Events[E]) => void): void {
        this._handlers.get(event)?.delete(handler as (value: never) => void);
    }

    count(event: keyof Events): number {
        return this._handlers.get(event)?.size ?? 0;
    }

    emit<E extends keyof Events>(event: E, value: Events[E]): void {
        const set = this._handlers.get(event);
        if (set === undefined || set.size === 0) return;
        // A copy: a handler may remove itself (or another) while we walk.
        for (const handler of [...set] as ((value: Events[E]) => void)[]) {
            try {
                handler(value);
            } catch (error) {
                this._onHandlerError(error, event);
            }
        }
    }
}
