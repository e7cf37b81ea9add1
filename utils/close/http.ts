// The only code that talks to Close over the network: auth, timeouts, retries, rate limits, coalescing, write safety.
import { ofetch } from 'ofetch';
import { CLOSE_API_BASE_URL } from './api-origin';
import {
  CloseAuthError,
  CloseBadRequestError,
  type CloseError,
  CloseForbiddenError,
  CloseNotFoundError,
  CloseRateLimitError,
  CloseServerError,
  CloseValidationError,
  flattenFieldErrors,
  NetworkError,
  NotConnectedError,
  TimeoutError,
} from './errors';

/** How far back a lost write's check looks when Close's clock is not known yet. */
const UNKNOWN_CLOCK_LOOKBACK_MS = 5 * 60_000;

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

/**
 * This computer's UTC offset in hours (`-4`, `5.5`), as Close's own client sends it in
 * `x-tz-offset`: Close uses it for dates it fills in, such as `date_won` (docs/close-api.md, "Headers").
 */
export function tzOffsetHours(date = new Date()): string {
  return String(-date.getTimezoneOffset() / 60);
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

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_DEADLINE_MS = 25_000;
/** Reads are retried on these; a 500 is Close's own bug and would only fail again. */
const RETRYABLE_STATUS = new Set([502, 503, 504]);
const MAX_RATE_LIMIT_WAITS = 8;

/** Exponential backoff with jitter: base 300 ms doubling per attempt, capped at 5 s, 50–100 % of that. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(5_000, 300 * 2 ** attempt);
  return Math.round(ceiling * (0.5 + random() * 0.5));
}

export interface RateLimitInfo {
  limit?: number;
  remaining?: number;
  /** Milliseconds until the window resets. */
  resetMs?: number;
}

/**
 * Reads Close's rate-limit headers: the current `RateLimit: limit=…, remaining=…, reset=…`
 * (reset may be decimal seconds), separate `RateLimit-*` headers, or the legacy `X-Rate-Limit-*`.
 */
export function parseRateLimit(headers: Headers): RateLimitInfo {
  const info: RateLimitInfo = {};
  const combined = headers.get('ratelimit');
  if (combined) {
    for (const match of combined.matchAll(/(limit|remaining|reset)\s*=\s*([\d.]+)/gi)) {
      const key = (match[1] as string).toLowerCase();
      const value = Number(match[2]);
      if (!Number.isFinite(value)) continue;
      if (key === 'limit') info.limit = value;
      else if (key === 'remaining') info.remaining = value;
      else info.resetMs = Math.ceil(value * 1000);
    }
  }
  const pick = (...names: string[]): number | undefined => {
    for (const name of names) {
      const raw = headers.get(name);
      if (raw !== null && raw.trim() !== '' && Number.isFinite(Number(raw))) return Number(raw);
    }
    return undefined;
  };
  info.limit ??= pick('ratelimit-limit', 'x-rate-limit-limit');
  info.remaining ??= pick('ratelimit-remaining', 'x-rate-limit-remaining');
  if (info.resetMs === undefined) {
    const reset = pick('ratelimit-reset', 'x-rate-limit-reset');
    if (reset !== undefined) info.resetMs = Math.ceil(reset * 1000);
  }
  return info;
}

/** `Retry-After` as seconds or an HTTP date, in ms. */
export function parseRetryAfter(headers: Headers, now: number): number | undefined {
  const raw = headers.get('retry-after');
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds * 1000));
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** What we know about one endpoint group's budget. */
export interface GroupBudget {
  limit?: number;
  remaining?: number;
  /** Absolute ms when the window resets. */
  resetAt?: number;
  /** Absolute ms before which nothing may be sent (after a 429). */
  blockedUntil?: number;
}

/**
 * How long to hold the next request so we slow down before Close says 429: nothing while the
 * budget is healthy; the rest of the window spread over what is left once `remaining` runs low;
 * the whole window when it is spent.
 */
export function pacingDelay(budget: GroupBudget, now: number): number {
  if (budget.blockedUntil !== undefined && budget.blockedUntil > now) {
    return budget.blockedUntil - now;
  }
  const { remaining, resetAt, limit } = budget;
  if (remaining === undefined || resetAt === undefined || resetAt <= now) return 0;
  const window = resetAt - now;
  if (remaining <= 0) return window;
  const lowWater = Math.max(2, Math.ceil((limit ?? 0) * 0.1));
  if (remaining > lowWater) return 0;
  return Math.ceil(window / (remaining + 1));
}

/**
 * Close limits per endpoint group (unpublished). We approximate a group by the first path segment
 * and whether it reads or writes; `/data/search/` is a read.
 */
export function endpointGroup(method: HttpMethod, path: string): string {
  const segment = path.replace(/^\/+/, '').split(/[/?]/)[0] || 'root';
  const kind = method === 'GET' || segment === 'data' ? 'read' : 'write';
  return `${kind}:${segment}`;
}

class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(private readonly capacity: number) {}
  async acquire(): Promise<void> {
    if (this.active < this.capacity) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }
  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}

type AttemptResult =
  | { ok: true; status: number; headers: Headers; data: unknown }
  | { ok: false; timedOut: boolean; cause: unknown };

function cleanQuery(query: Query | undefined): Record<string, string> | undefined {
  if (!query) return undefined;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    out[key] = String(value);
  }
  return out;
}

function normalizePath(path: string): string {
  const trimmed = path.replace(/^\/+/, '');
  // Close only routes paths with a trailing slash.
  return trimmed.endsWith('/') ? trimmed : `${trimmed}/`;
}

function parseBody(text: unknown): unknown {
  if (typeof text !== 'string') return text ?? null;
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function errorText(data: unknown): string | undefined {
  if (data && typeof data === 'object') {
    const record = data as Record<string, unknown>;
    if (typeof record.error === 'string') return record.error;
    if (typeof record.message === 'string') return record.message;
    if (Array.isArray(record.errors)) {
      const strings = record.errors.filter((e): e is string => typeof e === 'string');
      if (strings.length > 0) return strings.join(' ');
    }
  }
  return undefined;
}

/** Maps a non-2xx answer (other than the ones we retry) to a typed error. */
export function errorForResponse(status: number, data: unknown, retryAfterMs = 0): CloseError {
  const record = data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  if (status === 401) return new CloseAuthError();
  if (status === 402)
    return new CloseForbiddenError(
      'Your Close plan does not include this. Ask the admin of your Close organization about upgrading.',
      402,
    );
  if (status === 403) return new CloseForbiddenError(undefined, 403);
  if (status === 404) return new CloseNotFoundError(undefined, 404);
  if (status === 429) return new CloseRateLimitError(retryAfterMs);
  if (status >= 500) return new CloseServerError(status);
  const fieldErrors = flattenFieldErrors(record['field-errors']);
  const errors = Array.isArray(record.errors)
    ? record.errors.filter((e): e is string => typeof e === 'string')
    : [];
  if (status === 400 && (Object.keys(fieldErrors).length > 0 || errors.length > 0)) {
    return new CloseValidationError(fieldErrors, errors, status);
  }
  return new CloseBadRequestError(errorText(data), status);
}

/** Does Close's object carry every plain value we sent? (PUT is a PATCH in Close.) */
function carriesValues(body: JsonBody, response: unknown): boolean {
  if (!response || typeof response !== 'object') return false;
  const record = response as Record<string, unknown>;
  let compared = 0;
  for (const [key, value] of Object.entries(body)) {
    if (!(key in record)) continue;
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) {
      if (record[key] !== value) return false;
      compared++;
    }
  }
  return compared > 0;
}

export function createCloseHttp(options: CloseHttpOptions): CloseHttp {
  const baseURL = options.baseURL ?? CLOSE_API_BASE_URL;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const maxRetries = options.maxRetries ?? 3;
  const maxWriteRetries = options.maxWriteRetries ?? 2;
  const concurrency = options.concurrency ?? 4;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;

  const $fetch = ofetch.create(
    {
      baseURL,
      retry: 0,
      ignoreResponseError: true,
      responseType: 'text',
      credentials: 'omit',
    },
    options.fetch ? { fetch: options.fetch } : undefined,
  );

  const budgets = new Map<string, GroupBudget>();
  const semaphores = new Map<string, Semaphore>();
  const inflight = new Map<string, Promise<unknown>>();
  const listeners = new Set<(event: WriteEvent) => void>();

  const budgetOf = (group: string): GroupBudget => {
    let budget = budgets.get(group);
    if (!budget) {
      budget = {};
      budgets.set(group, budget);
    }
    return budget;
  };
  const semaphoreOf = (group: string): Semaphore => {
    let semaphore = semaphores.get(group);
    if (!semaphore) {
      semaphore = new Semaphore(concurrency);
      semaphores.set(group, semaphore);
    }
    return semaphore;
  };

  /**
   * Close's clock minus ours, a lower bound taken from the last `Date` header (whole seconds,
   * rounded down by the server, so the true offset is at least this). Undefined until Close answered.
   */
  let clockOffsetMs: number | undefined;

  /** The key for one call; never logged, kept only for the call's lifetime. */
  async function apiKeyForCall(): Promise<string> {
    const key = (await options.getApiKey())?.trim();
    if (!key) throw new NotConnectedError();
    return key;
  }

  /** One HTTP exchange, paced and capped per endpoint group. */
  async function attempt(
    apiKey: string,
    method: HttpMethod,
    path: string,
    query: Query | undefined,
    body: JsonBody | undefined,
    attemptTimeoutMs: number,
    signal: AbortSignal | undefined,
  ): Promise<AttemptResult> {
    const group = endpointGroup(method, path);
    const budget = budgetOf(group);
    const semaphore = semaphoreOf(group);
    await semaphore.acquire();
    try {
      const wait = pacingDelay(budget, now());
      if (wait > 0) await sleep(wait);
      // Count this request against the budget now so parallel requests see it before the answer.
      if (budget.remaining !== undefined) budget.remaining = Math.max(0, budget.remaining - 1);
      const header = `Basic ${btoa(`${apiKey}:`)}`;
      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, attemptTimeoutMs);
      const onAbort = () => controller.abort();
      signal?.addEventListener('abort', onAbort);
      try {
        const response = await $fetch.raw(path, {
          method,
          query: cleanQuery(query),
          body,
          headers: {
            Authorization: header,
            Accept: 'application/json',
            'x-tz-offset': tzOffsetHours(),
          },
          signal: controller.signal,
        });
        const info = parseRateLimit(response.headers);
        const at = now();
        if (info.remaining !== undefined) budget.remaining = info.remaining;
        if (info.limit !== undefined) budget.limit = info.limit;
        if (info.resetMs !== undefined) budget.resetAt = at + info.resetMs;
        const serverDate = Date.parse(response.headers.get('date') ?? '');
        if (Number.isFinite(serverDate)) clockOffsetMs = serverDate - at;
        return {
          ok: true,
          status: response.status,
          headers: response.headers,
          data: parseBody(response._data),
        };
      } catch (cause) {
        if (signal?.aborted) throw signal.reason ?? cause;
        return { ok: false, timedOut, cause };
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      }
    } finally {
      semaphore.release();
    }
  }

  function emit(event: WriteEvent): void {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch {
        // A failing cache must not turn a saved write into an error.
      }
    }
  }

  /** Waits for a 429 to pass, or throws when that would exceed the call's budget. */
  async function waitOutRateLimit(
    group: string,
    headers: Headers,
    startedAt: number,
    waits: number,
  ): Promise<void> {
    const at = now();
    const info = parseRateLimit(headers);
    const waitMs = Math.max(
      100,
      (info.resetMs ?? parseRetryAfter(headers, at) ?? 2_000) + Math.round(random() * 100),
    );
    const budget = budgetOf(group);
    budget.blockedUntil = at + waitMs;
    budget.remaining = 0;
    budget.resetAt = at + waitMs;
    if (waits >= MAX_RATE_LIMIT_WAITS || at + waitMs - startedAt > deadlineMs) {
      throw new CloseRateLimitError(waitMs);
    }
    await sleep(waitMs);
  }

  function timeoutFor(startedAt: number): number {
    // Never below 1 s because of the deadline alone: a last attempt must have a real chance.
    const left = deadlineMs - (now() - startedAt);
    return Math.min(timeoutMs, Math.max(1_000, left));
  }

  function failure(result: { timedOut: boolean; cause: unknown }, attemptTimeoutMs: number) {
    return result.timedOut
      ? new TimeoutError(attemptTimeoutMs)
      : new NetworkError({ cause: result.cause });
  }

  /** The error for a write that may or may not have happened (the user checks Close first). */
  function outcomeUnknownError(result: AttemptResult, attemptTimeoutMs: number): CloseError {
    if (result.ok) return new CloseServerError(result.status, undefined, { outcomeUnknown: true });
    return result.timedOut
      ? new TimeoutError(attemptTimeoutMs, { outcomeUnknown: true })
      : new NetworkError({ outcomeUnknown: true, cause: result.cause });
  }

  /** Reads (and idempotent POSTs): retried on network errors, timeouts and 502/503/504. */
  async function read(
    apiKey: string,
    method: HttpMethod,
    path: string,
    query: Query | undefined,
    body: JsonBody | undefined,
    signal: AbortSignal | undefined,
  ): Promise<unknown> {
    const startedAt = now();
    const group = endpointGroup(method, path);
    let retries = 0;
    let rateWaits = 0;
    for (;;) {
      const attemptTimeout = timeoutFor(startedAt);
      const result = await attempt(apiKey, method, path, query, body, attemptTimeout, signal);
      if (result.ok && result.status >= 200 && result.status < 300) return result.data;
      if (result.ok && result.status === 429) {
        await waitOutRateLimit(group, result.headers, startedAt, rateWaits++);
        continue;
      }
      const retryable = !result.ok || RETRYABLE_STATUS.has(result.status);
      if (!retryable) throw errorForResponse(result.status, result.data);
      let delay = backoffDelay(retries, random);
      if (result.ok) {
        const retryAfter = parseRetryAfter(result.headers, now());
        if (retryAfter !== undefined) delay = Math.max(delay, retryAfter);
      }
      if (retries >= maxRetries || now() + delay - startedAt > deadlineMs) {
        throw result.ok
          ? errorForResponse(result.status, result.data)
          : failure(result, attemptTimeout);
      }
      retries++;
      await sleep(delay);
    }
  }

  async function defaultVerify(
    apiKey: string,
    method: 'PUT' | 'DELETE',
    path: string,
    body: JsonBody | undefined,
  ): Promise<unknown> {
    try {
      const current = await read(apiKey, 'GET', path, undefined, undefined, undefined);
      if (method === 'DELETE') return undefined;
      return body && carriesValues(body, current) ? current : undefined;
    } catch (error) {
      if (method === 'DELETE' && error instanceof CloseNotFoundError) return {};
      throw error;
    }
  }

  /**
   * Writes: a 429 is safe to resend (Close refused it before doing anything), a 4xx is a definite
   * no. Anything else (no answer, a timeout, any 5xx) leaves the outcome unknown: it is checked
   * against Close before the write is sent again, and reported as `outcomeUnknown` when it cannot be.
   */
  async function write(
    apiKey: string,
    method: 'POST' | 'PUT' | 'DELETE',
    path: string,
    body: JsonBody | undefined,
    writeOptions: WriteOptions,
  ): Promise<unknown> {
    const startedAt = now();
    const group = endpointGroup(method, path);
    const verify =
      writeOptions.verify ??
      (method === 'POST' ? undefined : () => defaultVerify(apiKey, method, path, body));
    const absenceIsCertain = writeOptions.absenceIsCertain ?? true;
    let resends = 0;
    let rateWaits = 0;
    for (;;) {
      const attemptTimeout = timeoutFor(startedAt);
      const result = await attempt(
        apiKey,
        method,
        path,
        writeOptions.query,
        body,
        attemptTimeout,
        writeOptions.signal,
      );
      if (result.ok && result.status >= 200 && result.status < 300) {
        emit({ method, path, body, response: result.data });
        return result.data;
      }
      if (result.ok && result.status === 429) {
        await waitOutRateLimit(group, result.headers, startedAt, rateWaits++);
        continue;
      }
      const unknownOutcome = !result.ok || result.status >= 500;
      if (!unknownOutcome) throw errorForResponse(result.status, result.data);

      const giveUp = () => outcomeUnknownError(result, attemptTimeout);
      if (!verify) throw giveUp();
      // Give Close a moment to finish what it may be doing before we look.
      await sleep(backoffDelay(resends, random));
      let found: unknown;
      try {
        // The check compares Close's date_created with our send time on Close's clock. When the
        // lost write was this worker's first request, no answer has told us that clock yet: look
        // back minutes instead of seconds, so a local clock that runs ahead cannot hide the write
        // (and cause a second one); at worst an identical note from minutes ago counts as ours.
        const sentAt =
          clockOffsetMs === undefined
            ? startedAt - UNKNOWN_CLOCK_LOOKBACK_MS
            : startedAt + clockOffsetMs;
        found = await verify({ sentAt });
      } catch {
        throw giveUp();
      }
      if (found !== undefined) {
        emit({ method, path, body, response: found });
        return found;
      }
      // A search that found nothing may just not have indexed the write yet, and a create we
      // stopped waiting for may still be running at Close: nothing found proves nothing then.
      // (A PUT or DELETE sent twice lands the same, so those are still re-sent.)
      const stillRunning = method === 'POST' && !result.ok && result.timedOut;
      if (!absenceIsCertain || stillRunning) throw giveUp();
      if (resends >= maxWriteRetries || now() - startedAt > deadlineMs) {
        throw result.ok
          ? errorForResponse(result.status, result.data)
          : failure(result, attemptTimeout);
      }
      resends++;
    }
  }

  /**
   * Identical reads in flight share one request, but only for the same API key: two accounts'
   * reads of the same path must never share an answer. The key stays in this in-memory map for
   * the life of the request only, and is never logged.
   */
  function coalesceKey(apiKey: string, path: string, query: Query | undefined): string {
    const entries = Object.entries(cleanQuery(query) ?? {}).sort(([a], [b]) => a.localeCompare(b));
    return `${apiKey}\n${path}?${new URLSearchParams(entries).toString()}`;
  }

  return {
    async get(path, requestOptions = {}) {
      const normalized = normalizePath(path);
      const apiKey = await apiKeyForCall();
      if (requestOptions.signal) {
        return read(
          apiKey,
          'GET',
          normalized,
          requestOptions.query,
          undefined,
          requestOptions.signal,
        );
      }
      const key = coalesceKey(apiKey, normalized, requestOptions.query);
      const shared = inflight.get(key);
      if (shared) return shared;
      const promise = read(
        apiKey,
        'GET',
        normalized,
        requestOptions.query,
        undefined,
        undefined,
      ).finally(() => inflight.delete(key));
      inflight.set(key, promise);
      return promise;
    },
    async post(path, body, writeOptions = {}) {
      const normalized = normalizePath(path);
      const apiKey = await apiKeyForCall();
      if (writeOptions.idempotent) {
        return read(apiKey, 'POST', normalized, writeOptions.query, body, writeOptions.signal);
      }
      return write(apiKey, 'POST', normalized, body, writeOptions);
    },
    async put(path, body, writeOptions = {}) {
      return write(await apiKeyForCall(), 'PUT', normalizePath(path), body, writeOptions);
    },
    async delete(path, writeOptions = {}) {
      return write(await apiKeyForCall(), 'DELETE', normalizePath(path), undefined, writeOptions);
    },
    onWrite(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
