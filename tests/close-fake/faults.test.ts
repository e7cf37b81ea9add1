import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IDS, KEYS } from '@/tests/close-fake/known-ids.ts';
import { type CloseFake, startCloseFake } from '@/tests/close-fake/server.ts';
import { api, basic, parseRateLimit } from '@/tests/close-fake/test-support.ts';

let fake: CloseFake;
let acme: ReturnType<typeof api>;
beforeAll(async () => {
  fake = await startCloseFake();
  acme = api(fake, KEYS.acme);
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('rate limiting', () => {
  it('counts down, then answers 429 with Retry-After until the window resets', async () => {
    fake.rateLimit('lead', { limit: 3, windowMs: 1200 });
    const remaining: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await acme.get('/lead/?_limit=1');
      expect(res.status).toBe(200);
      const rl = parseRateLimit(res.headers.get('ratelimit'));
      expect(rl.limit).toBe(3);
      remaining.push(rl.remaining ?? -1);
    }
    expect(remaining).toEqual([2, 1, 0]);

    const limited = await acme.get('/lead/?_limit=1');
    expect(limited.status).toBe(429);
    const rl = parseRateLimit(limited.headers.get('ratelimit'));
    expect(rl).toMatchObject({ limit: 3, remaining: 0 });
    expect(rl.reset).toBeGreaterThanOrEqual(1);
    expect(rl.reset).toBeLessThanOrEqual(2);
    expect(Number(limited.headers.get('retry-after'))).toBe(rl.reset);
    expect((await acme.get(`/lead/${IDS.leads.initech}/`)).status).toBe(429);

    // Other groups are not limited.
    expect((await acme.get('/contact/?_limit=1')).status).toBe(200);

    await sleep(1300);
    const recovered = await acme.get('/lead/?_limit=1');
    expect(recovered.status).toBe(200);
    expect(parseRateLimit(recovered.headers.get('ratelimit')).remaining).toBe(2);
  });

  it("applies 'all' to every group and turns off with null", async () => {
    fake.rateLimit('all', { limit: 1, windowMs: 60_000 });
    expect((await acme.get('/me/')).status).toBe(200);
    expect((await acme.get('/me/')).status).toBe(429);
    expect((await acme.get('/status/lead/')).status).toBe(200);
    expect(
      (await acme.post('/data/search/', { query: { type: 'object_type', object_type: 'lead' } }))
        .status,
    ).toBe(200);
    expect(
      (await acme.post('/data/search/', { query: { type: 'object_type', object_type: 'lead' } }))
        .status,
    ).toBe(429);
    fake.rateLimit('all', null);
    expect((await acme.get('/me/')).status).toBe(200);
  });

  it('counts each API key separately', async () => {
    fake.rateLimit('me', { limit: 1, windowMs: 60_000 });
    expect((await acme.get('/me/')).status).toBe(200);
    expect((await acme.get('/me/')).status).toBe(429);
    expect((await api(fake, KEYS.acmeGrace).get('/me/')).status).toBe(200);
  });
});

describe('latency', () => {
  it('delays every response by the configured time', async () => {
    fake.latency(250);
    const start = Date.now();
    expect((await acme.get('/me/')).status).toBe(200);
    expect(Date.now() - start).toBeGreaterThanOrEqual(240);
    fake.latency(0);
    const quick = Date.now();
    await acme.get('/me/');
    expect(Date.now() - quick).toBeLessThan(200);
  });
});

describe('failNext', () => {
  it('answers the next matching request with a 5xx and an empty JSON body, then recovers', async () => {
    fake.failNext({ path: '/api/v1/lead/', status: 503 });
    const failed = await acme.get(`/lead/${IDS.leads.initech}/`);
    expect(failed.status).toBe(503);
    expect(failed.text).toBe('');
    expect(failed.headers.get('content-type')).toMatch(/application\/json/);
    expect((await acme.get(`/lead/${IDS.leads.initech}/`)).status).toBe(200);
  });

  it('matches method and path prefix, and repeats `times` times', async () => {
    fake.failNext({ method: 'POST', path: '/api/v1/activity/note/', status: 502, times: 2 });
    expect((await acme.get('/activity/note/')).status).toBe(200);
    expect((await acme.get('/me/')).status).toBe(200);
    const body = { lead_id: IDS.leads.initech, note: 'retry me' };
    expect((await acme.post('/activity/note/', body)).status).toBe(502);
    expect((await acme.post('/activity/note/', body)).status).toBe(502);
    expect((await acme.post('/activity/note/', body)).status).toBe(200);
    const notes = [...fake.store.activities.values()].filter((a) => a.note === 'retry me');
    expect(notes).toHaveLength(1);
  });

  it("drops the connection 'before' without performing the write", async () => {
    fake.failNext({ method: 'POST', path: '/api/v1/activity/note/', drop: 'before' });
    await expect(
      acme.post('/activity/note/', { lead_id: IDS.leads.initech, note: 'lost' }),
    ).rejects.toThrow();
    expect([...fake.store.activities.values()].some((a) => a.note === 'lost')).toBe(false);
    expect(fake.requests.at(-1)?.status).toBe(0);
  });

  it("drops the connection 'after' performing the write, so the client cannot know it succeeded", async () => {
    fake.failNext({ method: 'POST', path: '/api/v1/activity/note/', drop: 'after' });
    await expect(
      acme.post('/activity/note/', { lead_id: IDS.leads.initech, note: 'ghost' }),
    ).rejects.toThrow();
    expect([...fake.store.activities.values()].filter((a) => a.note === 'ghost')).toHaveLength(1);
  });

  it('reset() clears pending faults, limits and latency', async () => {
    fake.failNext({ status: 500, times: 5 });
    fake.rateLimit('all', { limit: 0, windowMs: 60_000 });
    fake.latency(1000);
    fake.reset();
    const start = Date.now();
    expect((await acme.get('/me/')).status).toBe(200);
    expect(Date.now() - start).toBeLessThan(500);
  });
});

describe('HTTPS', () => {
  let dir = '';
  let tlsFake: CloseFake | undefined;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'close-fake-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=api.close.com',
        '-addext',
        'subjectAltName=DNS:api.close.com,IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    tlsFake = await startCloseFake({
      tls: {
        cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
        key: readFileSync(join(dir, 'key.pem'), 'utf8'),
      },
    });
  });
  afterAll(async () => {
    await tlsFake?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the API over TLS with the given certificate', async () => {
    const server = tlsFake as CloseFake;
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const ca = readFileSync(join(dir, 'cert.pem'), 'utf8');
    const result = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        `${server.url}/api/v1/me/`,
        { ca, headers: { Authorization: basic(KEYS.acme), Host: 'api.close.com' } },
        (res) => {
          let body = '';
          res.on('data', (c) => {
            body += c;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(result.status).toBe(200);
    expect(JSON.parse(result.body).first_name).toBe('Ada');
    expect(server.requests[0]?.headers.host).toBe('api.close.com');
  });
});
