// The HTTP client's rules, against a scripted fetch: auth, typed errors, retries, rate limits, write safety.
import { describe, expect, it, vi } from 'vitest';
import {
  CloseAuthError,
  CloseNotFoundError,
  CloseRateLimitError,
  CloseServerError,
  CloseValidationError,
  NetworkError,
  NotConnectedError,
  TimeoutError,
} from '@/utils/close/errors';
import {
  type CloseHttpOptions,
  createCloseHttp,
  type VerifyContext,
  type WriteEvent,
} from '@/utils/close/http';
import { backoffDelay } from '@/utils/close/rate-limit';

interface Call {
  method: string;
  url: string;
  auth: string | null;
  body: unknown;
}
type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | 'drop' | 'hang';

/** A fetch that answers from a script (one reply per call; the last one repeats). */
function scriptedFetch(replies: Reply[] | ((call: Call, index: number) => Reply)) {
  const calls: Call[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    const call: Call = {
      method: init?.method ?? 'GET',
      url: String(input),
      auth: headers.get('authorization'),
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    const index = calls.length - 1;
    const reply =
      typeof replies === 'function'
        ? replies(call, index)
        : (replies[Math.min(index, replies.length - 1)] as Reply);
    if (reply === 'drop') throw new TypeError('fetch failed');
    if (reply === 'hang') {
      return new Promise<Response>((_, reject) => {
        init?.signal?.addEventListener('abort', () =>
          reject(new DOMException('aborted', 'AbortError')),
        );
      });
    }
    return new Response(reply.body === undefined ? '' : JSON.stringify(reply.body), {
      status: reply.status,
      headers: { 'content-type': 'application/json', ...reply.headers },
    });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

/** A clock that only moves when the client sleeps, so waits are instant but measurable. */
function fakeTime() {
  let time = 1_700_000_000_000;
  const sleeps: number[] = [];
  return {
    now: () => time,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      time += ms;
    },
    sleeps,
  };
}

function client(
  replies: Parameters<typeof scriptedFetch>[0],
  extra: Partial<CloseHttpOptions> = {},
) {
  const scripted = scriptedFetch(replies);
  const time = fakeTime();
  const http = createCloseHttp({
    baseURL: 'https://close.test/api/v1/',
    getApiKey: async () => 'api_key1',
    fetch: scripted.fetch,
    sleep: time.sleep,
    now: time.now,
    random: () => 0.5,
    ...extra,
  });
  return { http, calls: scripted.calls, time };
}

const ok = (body: unknown, headers?: Record<string, string>): Reply => ({
  status: 200,
  body,
  headers,
});

describe('auth', () => {
  it('sends the key as Basic username with an empty password, read on every request', async () => {
    const keys = ['first', 'second'];
    const getApiKey = vi.fn(async () => keys.shift() ?? null);
    const { http, calls } = client([ok({ id: 'user_1' })], { getApiKey });
    await http.get('me/');
    await http.get('me/', { query: { x: 1 } });
    expect(calls.map((c) => c.auth)).toEqual([
      `Basic ${btoa('first:')}`,
      `Basic ${btoa('second:')}`,
    ]);
    expect(calls[0]?.url).toBe('https://close.test/api/v1/me/');
    expect(getApiKey).toHaveBeenCalledTimes(2);
  });

  it('fails with not_connected without a request when no key is stored', async () => {
    const { http, calls } = client([ok({})], { getApiKey: async () => null });
    const error = await http.get('me/').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotConnectedError);
    expect((error as NotConnectedError).toAppError().kind).toBe('not_connected');
    expect(calls).toHaveLength(0);
  });

  it('maps 401 to an auth error telling the user where to find the key', async () => {
    const { http } = client([{ status: 401, body: { error: 'Unauthorized' } }]);
    const error = await http.get('me/').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CloseAuthError);
    expect((error as CloseAuthError).message).toContain('Settings > API Keys');
  });
});

describe('reads', () => {
  it('retries 502/503/504 and network errors with backoff, then succeeds', async () => {
    const { http, calls, time } = client([{ status: 503 }, 'drop', { status: 504 }, ok({ ok: 1 })]);
    await expect(http.get('lead/')).resolves.toEqual({ ok: 1 });
    expect(calls).toHaveLength(4);
    expect(time.sleeps).toEqual([
      backoffDelay(0, () => 0.5),
      backoffDelay(1, () => 0.5),
      backoffDelay(2, () => 0.5),
    ]);
  });

  it('gives up after the retries with a server error', async () => {
    const { http, calls } = client([{ status: 502 }], { maxRetries: 2 });
    await expect(http.get('lead/')).rejects.toBeInstanceOf(CloseServerError);
    expect(calls).toHaveLength(3);
  });

  it('surfaces a network error once retries are spent', async () => {
    const { http } = client(['drop'], { maxRetries: 1 });
    const error = await http.get('lead/').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).outcomeUnknown).toBe(false);
  });

  it('does not retry a 404 or a validation error', async () => {
    const notFound = client([
      { status: 404, body: { error: 'Empty query: Lead matching query does not exist.' } },
    ]);
    await expect(notFound.http.get('lead/lead_x/')).rejects.toBeInstanceOf(CloseNotFoundError);
    expect(notFound.calls).toHaveLength(1);
    const invalid = client([
      { status: 400, body: { errors: [], 'field-errors': { name: 'Required.' } } },
    ]);
    const error = await invalid.http.get('lead/').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CloseValidationError);
    expect((error as CloseValidationError).toAppError()).toEqual({
      kind: 'validation',
      message: expect.stringContaining('name'),
      fieldErrors: { name: 'Required.' },
    });
  });

  it('times out an attempt that never answers', async () => {
    const { http } = client(['hang'], { timeoutMs: 1_000, maxRetries: 0 });
    const error = await http.get('lead/').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).toAppError().kind).toBe('timeout');
  });

  it('never shares a read in flight between two API keys', async () => {
    const keys = ['api_acme', 'api_globex', 'api_acme'];
    const { http, calls } = client([ok({ n: 1 })], { getApiKey: async () => keys.shift() ?? null });
    await Promise.all([
      http.get('lead/lead_1/'),
      http.get('lead/lead_1/'),
      http.get('lead/lead_1/'),
    ]);
    expect(calls.map((c) => c.auth).sort()).toEqual(
      [`Basic ${btoa('api_acme:')}`, `Basic ${btoa('api_globex:')}`].sort(),
    );
  });

  it('keeps the key a call started with through its retries', async () => {
    const keys = ['api_acme', 'api_globex'];
    const { http, calls } = client([{ status: 503 }, ok({})], {
      getApiKey: async () => keys.shift() ?? null,
    });
    await http.get('lead/lead_1/');
    expect(calls.map((c) => c.auth)).toEqual([
      `Basic ${btoa('api_acme:')}`,
      `Basic ${btoa('api_acme:')}`,
    ]);
  });

  it('shares one request between identical GETs in flight', async () => {
    const { http, calls } = client([ok({ n: 1 })]);
    const [a, b, c] = await Promise.all([
      http.get('lead/', { query: { _limit: 5, _skip: 0 } }),
      http.get('/lead/', { query: { _skip: 0, _limit: 5 } }),
      http.get('lead/', { query: { _limit: 6 } }),
    ]);
    expect(a).toEqual({ n: 1 });
    expect(b).toBe(a);
    expect(c).toEqual({ n: 1 });
    expect(calls).toHaveLength(2);
  });

  it('keeps at most `concurrency` requests in flight per endpoint group', async () => {
    let active = 0;
    let peak = 0;
    const fetch = (async () => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, 5));
      active--;
      return new Response('{}', { status: 200 });
    }) as unknown as typeof globalThis.fetch;
    const http = createCloseHttp({
      baseURL: 'https://close.test/api/v1/',
      getApiKey: async () => 'k',
      fetch,
      concurrency: 2,
    });
    await Promise.all(Array.from({ length: 8 }, (_, i) => http.get(`lead/lead_${i}/`)));
    expect(peak).toBe(2);
  });
});

describe('rate limits', () => {
  it('waits for the RateLimit reset after a 429, then retries', async () => {
    const { http, calls, time } = client([
      {
        status: 429,
        headers: { RateLimit: 'limit=10, remaining=0, reset=1.5', 'Retry-After': '2' },
      },
      ok({ fine: true }),
    ]);
    await expect(http.get('lead/')).resolves.toEqual({ fine: true });
    expect(calls).toHaveLength(2);
    // reset (1.5 s) wins over Retry-After, plus up to 100 ms jitter.
    expect(time.sleeps[0]).toBeGreaterThanOrEqual(1_500);
    expect(time.sleeps[0]).toBeLessThan(1_700);
  });

  it('falls back to Retry-After when there is no RateLimit header', async () => {
    const { http, time } = client([{ status: 429, headers: { 'Retry-After': '3' } }, ok({})]);
    await http.get('lead/');
    expect(time.sleeps[0]).toBeGreaterThanOrEqual(3_000);
  });

  it('gives up with retryAfterMs when the wait would exceed the call budget', async () => {
    const { http } = client([
      { status: 429, headers: { RateLimit: 'limit=10, remaining=0, reset=40' } },
    ]);
    const error = await http.get('lead/').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CloseRateLimitError);
    expect((error as CloseRateLimitError).toAppError()).toMatchObject({
      kind: 'rate_limited',
      retryAfterMs: expect.any(Number),
    });
    expect((error as CloseRateLimitError).retryAfterMs).toBeGreaterThanOrEqual(40_000);
  });

  it('slows down before Close says 429 when remaining runs low', async () => {
    const { http, time } = client([
      ok({}, { RateLimit: 'limit=100, remaining=3, reset=8' }),
      ok({}, { RateLimit: 'limit=100, remaining=50, reset=8' }),
    ]);
    await http.get('lead/lead_1/');
    expect(time.sleeps).toEqual([]);
    await http.get('lead/lead_2/');
    // 8 s left in the window and 3 requests left: spread them over it.
    expect(time.sleeps).toEqual([Math.ceil(8_000 / 4)]);
  });

  it('never loses a write to a 429 storm: it is re-sent once Close accepts it', async () => {
    const storm: Reply = { status: 429, headers: { RateLimit: 'limit=5, remaining=0, reset=1' } };
    const { http, calls } = client([
      storm,
      storm,
      storm,
      storm,
      { status: 200, body: { id: 'acti_1' } },
    ]);
    await expect(http.post('activity/note/', { lead_id: 'lead_1', note: 'x' })).resolves.toEqual({
      id: 'acti_1',
    });
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(5);
  });
});

describe('writes', () => {
  it('never re-sends a POST whose outcome is unknown when it cannot be checked', async () => {
    const { http, calls } = client(['drop', ok({ id: 'lead_1' })]);
    const error = await http.post('lead/', { name: 'Acme' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).outcomeUnknown).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it('does not re-send a POST after a 502/503/504 without a check, and says the outcome is unknown', async () => {
    for (const status of [502, 503, 504]) {
      const { http, calls } = client([{ status }, ok({})]);
      const error = await http.post('lead/', { name: 'Acme' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CloseServerError);
      expect((error as CloseServerError).toAppError()).toMatchObject({
        kind: 'server',
        outcomeUnknown: true,
      });
      expect(calls).toHaveLength(1);
    }
  });

  it('treats a plain 500 on a create as maybe saved: no resend, outcome unknown', async () => {
    const { http, calls } = client([{ status: 500 }, ok({ id: 'lead_2' })]);
    const error = await http.post('lead/', { name: 'Acme' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CloseServerError);
    expect((error as CloseServerError).outcomeUnknown).toBe(true);
    expect((error as CloseServerError).toAppError().outcomeUnknown).toBe(true);
    expect((error as CloseServerError).message).toContain('Look at the record in Close');
    expect(calls).toHaveLength(1);
  });

  it('checks a 500 on a create before anything else, and returns what Close did save', async () => {
    const { http, calls } = client([{ status: 500 }]);
    const verify = vi.fn(async () => ({ id: 'acti_saved' }));
    await expect(
      http.post('activity/note/', { lead_id: 'lead_1', note: 'x' }, { verify }),
    ).resolves.toEqual({ id: 'acti_saved' });
    expect(calls).toHaveLength(1);
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it('checks a PUT that answered 500 by reading it back', async () => {
    const { http, calls } = client((call) =>
      call.method === 'PUT' ? { status: 500 } : ok({ id: 'lead_1', name: 'New' }),
    );
    await expect(http.put('lead/lead_1/', { name: 'New' })).resolves.toMatchObject({
      name: 'New',
    });
    expect(calls.map((c) => c.method)).toEqual(['PUT', 'GET']);
  });

  it('reports a write that timed out after sending as a timeout with an unknown outcome', async () => {
    const { http, calls } = client(['hang'], { timeoutMs: 1_000 });
    const error = await http
      .post('activity/note/', { lead_id: 'lead_1', note: 'x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).toAppError()).toMatchObject({
      kind: 'timeout',
      outcomeUnknown: true,
    });
    expect(calls).toHaveLength(1);
  });

  it('does not re-send a write that timed out even when the check finds nothing yet', async () => {
    const { http, calls } = client(['hang', ok({ id: 'acti_2' })], { timeoutMs: 1_000 });
    const verify = vi.fn(async () => undefined);
    const error = await http
      .post('activity/note/', { lead_id: 'lead_1', note: 'x' }, { verify })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).outcomeUnknown).toBe(true);
    expect(verify).toHaveBeenCalledTimes(1);
    expect(calls).toHaveLength(1);
  });

  it('keeps outcomeUnknown off errors where nothing can have been saved', async () => {
    const read = client([{ status: 500 }]);
    const readError = await read.http.get('lead/').catch((e: unknown) => e);
    expect((readError as CloseServerError).toAppError().outcomeUnknown).toBeUndefined();
    const refused = client([{ status: 400, body: { errors: [], 'field-errors': { name: 'x' } } }]);
    const refusedError = await refused.http.post('lead/', { name: '' }).catch((e: unknown) => e);
    expect((refusedError as CloseValidationError).toAppError().outcomeUnknown).toBeUndefined();
    expect(refused.calls).toHaveLength(1);
  });

  it('never re-sends when a search-backed check finds nothing (the index may lag)', async () => {
    const { http, calls } = client(['drop', ok({ id: 'lead_dup' })]);
    const verify = vi.fn(async () => undefined);
    const error = await http
      .post('lead/', { name: 'Acme' }, { verify, absenceIsCertain: false })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).toAppError().outcomeUnknown).toBe(true);
    expect(verify).toHaveBeenCalledTimes(1);
    expect(calls).toHaveLength(1);
  });

  it('gives the check the send time on Close’s clock, read from its Date header', async () => {
    const time = fakeTime();
    // Close's clock runs an hour ahead of ours.
    const closeNow = () => new Date(time.now() + 3_600_000).toUTCString();
    const scripted = scriptedFetch((call) =>
      call.method === 'GET' ? { status: 200, body: {}, headers: { Date: closeNow() } } : 'drop',
    );
    const http = createCloseHttp({
      baseURL: 'https://close.test/api/v1/',
      getApiKey: async () => 'k',
      fetch: scripted.fetch,
      sleep: time.sleep,
      now: time.now,
      random: () => 0.5,
    });
    await http.get('me/');
    const sentAt = time.now();
    let seenSentAt = 0;
    const verify = async ({ sentAt }: VerifyContext) => {
      seenSentAt = sentAt;
      return { id: 'acti_1' };
    };
    await http.post('activity/note/', { note: 'x' }, { verify });
    // A lower bound: Close's Date is whole seconds, rounded down.
    expect(seenSentAt).toBeLessThanOrEqual(sentAt + 3_600_000);
    expect(seenSentAt).toBeGreaterThan(sentAt + 3_600_000 - 1_000);
  });

  it('returns what the check found instead of creating it twice', async () => {
    const { http, calls } = client(['drop']);
    const events: WriteEvent[] = [];
    http.onWrite((e) => events.push(e));
    const verify = vi.fn(async () => ({ id: 'lead_found' }));
    await expect(http.post('lead/', { name: 'Acme' }, { verify })).resolves.toEqual({
      id: 'lead_found',
    });
    expect(calls).toHaveLength(1);
    expect(verify).toHaveBeenCalledWith({ sentAt: expect.any(Number) });
    expect(events).toEqual([
      { method: 'POST', path: 'lead/', body: { name: 'Acme' }, response: { id: 'lead_found' } },
    ]);
  });

  it('re-sends a POST once the check shows it did not happen', async () => {
    const { http, calls } = client(['drop', ok({ id: 'lead_new' })]);
    const verify = vi.fn(async () => undefined);
    await expect(http.post('lead/', { name: 'Acme' }, { verify })).resolves.toEqual({
      id: 'lead_new',
    });
    expect(calls).toHaveLength(2);
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it('reports an unknown outcome when the check itself fails', async () => {
    const { http, calls } = client(['drop']);
    const error = await http
      .post('lead/', { name: 'Acme' }, { verify: async () => Promise.reject(new Error('offline')) })
      .catch((e: unknown) => e);
    expect((error as NetworkError).outcomeUnknown).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it('checks a dropped PUT by reading the object back', async () => {
    const { http, calls } = client((call) =>
      call.method === 'PUT' ? 'drop' : ok({ id: 'lead_1', name: 'New name', description: 'd' }),
    );
    await expect(http.put('lead/lead_1/', { name: 'New name' })).resolves.toMatchObject({
      name: 'New name',
    });
    expect(calls.map((c) => c.method)).toEqual(['PUT', 'GET']);
  });

  it('re-sends a dropped PUT that did not apply', async () => {
    let puts = 0;
    const { http, calls } = client((call) => {
      if (call.method === 'PUT') return ++puts === 1 ? 'drop' : ok({ id: 'lead_1', name: 'New' });
      return ok({ id: 'lead_1', name: 'Old' });
    });
    await expect(http.put('lead/lead_1/', { name: 'New' })).resolves.toMatchObject({ name: 'New' });
    expect(calls.map((c) => c.method)).toEqual(['PUT', 'GET', 'PUT']);
  });

  it('treats a dropped DELETE as done when the object is gone', async () => {
    const { http, calls } = client((call) =>
      call.method === 'DELETE' ? 'drop' : { status: 404, body: { error: 'x' } },
    );
    await expect(http.delete('contact/cont_1/')).resolves.toEqual({});
    expect(calls.map((c) => c.method)).toEqual(['DELETE', 'GET']);
  });

  it('tells listeners about every successful write', async () => {
    const { http } = client([ok({ id: 'cont_1', lead_id: 'lead_1' })]);
    const listener = vi.fn();
    const stop = http.onWrite(listener);
    await http.post('contact/', { lead_id: 'lead_1', name: 'Jo' });
    stop();
    await http.post('contact/', { lead_id: 'lead_1', name: 'Jo' });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]?.[0]).toMatchObject({ method: 'POST', path: 'contact/' });
  });

  it('retries an idempotent search POST like a read and tells no listener', async () => {
    const { http, calls } = client([{ status: 502 }, ok({ data: [], cursor: null })]);
    const listener = vi.fn();
    http.onWrite(listener);
    await expect(http.post('data/search/', { query: {} }, { idempotent: true })).resolves.toEqual({
      data: [],
      cursor: null,
    });
    expect(calls).toHaveLength(2);
    expect(listener).not.toHaveBeenCalled();
  });
});
