// The only code that talks to Close over the network: auth, timeouts, retries, rate limits, coalescing, write safety.
import { ofetch } from 'ofetch';
import { CLOSE_API_BASE_URL } from '@/utils/close/api-origin';
import {
  type CloseError,
  CloseNotFoundError,
  CloseRateLimitError,
  CloseServerError,
  NetworkError,
  NotConnectedError,
  TimeoutError,
} from '@/utils/close/errors';
import type {
  CloseHttp,
  CloseHttpOptions,
  HttpMethod,
  JsonBody,
  Query,
  WriteEvent,
  WriteOptions,
} from '@/utils/close/http-types';
import {
  backoffDelay,
  endpointGroup,
  type GroupBudget,
  pacingDelay,
  parseRateLimit,
  parseRetryAfter,
} from '@/utils/close/rate-limit';
import {
  cleanQuery,
  coalesceKey,
  normalizePath,
  perGroup,
  tzOffsetHours,
} from '@/utils/close/request-shape';
import { carriesValues, errorForResponse, parseBody } from '@/utils/close/response';
import { Semaphore } from '@/utils/close/semaphore';

export type {
  CloseHttp,
  CloseHttpOptions,
  HttpMethod,
  JsonBody,
  Query,
  QueryValue,
  RequestOptions,
  VerifyContext,
  WriteEvent,
  WriteOptions,
} from '@/utils/close/http-types';
export { tzOffsetHours } from '@/utils/close/request-shape';

/** How far back a lost write's check looks when Close's clock is not known yet. */
const UNKNOWN_CLOCK_LOOKBACK_MS = 5 * 60_000;

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_DEADLINE_MS = 25_000;
/** Reads are retried on these; a 500 is Close's own bug and would only fail again. */
const RETRYABLE_STATUS = new Set([502, 503, 504]);
const MAX_RATE_LIMIT_WAITS = 8;

type AttemptResult =
  | { ok: true; status: number; headers: Headers; data: unknown }
  | { ok: false; timedOut: boolean; cause: unknown };

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
      // Close never redirects its API. Following one could carry the Authorization header off
      // origin (Chrome strips it on cross-origin redirects only from 119): fail instead.
      redirect: 'error',
    },
    options.fetch ? { fetch: options.fetch } : undefined,
  );

  const budgetOf = perGroup<GroupBudget>(() => ({}));
  const semaphoreOf = perGroup(() => new Semaphore(concurrency));
  const inflight = new Map<string, Promise<unknown>>();
  const listeners = new Set<(event: WriteEvent) => void>();

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
