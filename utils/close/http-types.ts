// The Close HTTP client's public shapes: request options, write safety hooks and write events.

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;
/** A JSON object body. Values are whatever the resource module built from its typed input. */
export type JsonBody = Record<string, unknown>;
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RequestOptions {
  query?: Query;
  signal?: AbortSignal;
}

export interface VerifyContext {
  /**
   * When the first attempt of this write was sent (ms since epoch), on Close's clock as far as the
   * client can tell: the local clock corrected by Close's `Date` header, rounded down, so an
   * object this write created always has `date_created >= sentAt`.
   */
  sentAt: number;
}

export interface WriteOptions extends RequestOptions {
  /**
   * Called when a write's outcome is unknown (the connection dropped or timed out after sending,
   * or Close answered 5xx: a 500 may come after Close wrote, a 502/503/504 from a gateway says
   * nothing about Close). Resolve with Close's object if the write did happen, `undefined` if it
   * did not: then the write is sent again, unless `absenceIsCertain` is false or a POST timed out
   * (Close may still be running it). Throwing leaves the outcome unknown. POSTs without
   * `verify` are never re-sent; PUT/DELETE default to reading the object back.
   */
  verify?: (context: VerifyContext) => Promise<unknown>;
  /**
   * Whether `verify` finding nothing proves the write did not happen. Default true. False for
   * checks that go through Close's search (`/data/search/`, the legacy `query`) or through a
   * list Close may fill late (notes, opportunities; docs/close-api.md, "Lists after a write"):
   * nothing found leaves the outcome unknown instead of re-sending.
   */
  absenceIsCertain?: boolean;
  /**
   * Treat this POST as a read (e.g. `/data/search/`): safe to retry like a GET, and it
   * invalidates nothing.
   */
  idempotent?: boolean;
}

/** Emitted after every successful write so caches can drop what it touched. */
export interface WriteEvent {
  method: Exclude<HttpMethod, 'GET'>;
  path: string;
  body: JsonBody | undefined;
  /** Close's answer (the created/updated object; `{}` for deletes). */
  response: unknown;
}

export interface CloseHttp {
  get(path: string, options?: RequestOptions): Promise<unknown>;
  post(path: string, body: JsonBody, options?: WriteOptions): Promise<unknown>;
  put(path: string, body: JsonBody, options?: WriteOptions): Promise<unknown>;
  delete(path: string, options?: WriteOptions): Promise<unknown>;
  /** Subscribe to successful writes; returns an unsubscribe function. */
  onWrite(listener: (event: WriteEvent) => void): () => void;
}

export interface CloseHttpOptions {
  baseURL?: string;
  /**
   * Read at the start of every call, so no key lives in a global and a disconnect takes effect on
   * the next call. One call (its retries and checks included) keeps the key it started with, so
   * an organization switch never sends one account's request with another's key.
   */
  getApiKey: () => Promise<string | null>;
  /** Per attempt. The service worker may be stopped after 30 s, so stay well below. Default 10 s. */
  timeoutMs?: number;
  /** Budget for one call including retries and rate-limit waits. Default 25 s. */
  deadlineMs?: number;
  /** Retries for reads on network errors / 502 / 503 / 504. Default 3. */
  maxRetries?: number;
  /** Re-sends of a write after it was verified not to have happened. Default 2. */
  maxWriteRetries?: number;
  /** Requests in flight per endpoint group. Default 4. */
  concurrency?: number;
  fetch?: typeof globalThis.fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
}
