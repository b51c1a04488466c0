/** @matcher/client: the codec, the session and the client-side book of docs/WEBSOCKET.md. */
export * from './codec.js';
export * from './decimal.js';
export * from './client.js';
export {
    BookSubscription,
    OrderBook,
    type ApplyResult,
    type BestBidOffer,
    type BookClient,
    type BookSubscriptionEvents,
    type BookSubscriptionOptions,
    type Gap,
    type Level,
    type SubscriptionState,
} from './book.js';
export { Emitter, type RemoveHandler } from './emitter.js';
