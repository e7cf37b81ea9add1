// The Close API fake: an HTTP(S) server over the in-memory store, with switches for faults and limits.

import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import {
  type FailNextOptions,
  Faults,
  type Hold,
  type HoldOptions,
} from '@/tests/close-fake/faults.ts';
import {
  type FakeResponse,
  HttpError,
  isRecord,
  METHOD_NOT_ALLOWED_TEXT,
  NOT_FOUND_URL_TEXT,
  UNAUTHORIZED_TEXT,
} from '@/tests/close-fake/http.ts';
import {
  delayListAnswer,
  type FakeBehaviour,
  type FakeModeOption,
  resolveMode,
  screenRequest,
} from '@/tests/close-fake/modes.ts';
import { RateLimiter } from '@/tests/close-fake/rate-limit.ts';
import { matchRoute } from '@/tests/close-fake/router/index.ts';
import {
  type EndpointGroup,
  groupOf,
  type RequestContext,
} from '@/tests/close-fake/router/types.ts';
import { FakeStore } from '@/tests/close-fake/store.ts';
import type { Dataset } from '@/tests/close-fake/types.ts';

export type { FakeBehaviour, FakeModeName, FakeModeOption } from '@/tests/close-fake/modes.ts';
export type { EndpointGroup } from '@/tests/close-fake/router/types.ts';
export type { FakeStore } from '@/tests/close-fake/store.ts';
export type { Dataset } from '@/tests/close-fake/types.ts';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  /** The status sent; 0 when the connection was dropped. */
  status: number;
  group: EndpointGroup | 'unknown';
  at: number;
}

export interface CloseFakeOptions {
  /** Path to a JSON dataset or the object; default: datasets/default.json. */
  dataset?: string | Dataset;
  /** PEM strings; when given serve HTTPS, else HTTP. */
  tls?: { cert: string; key: string };
  /** Default 0 (random). */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /**
   * How to read what Close's docs leave open: 'strict' (default; env CLOSE_FAKE_MODE=lenient
   * changes the default) or 'lenient', optionally with single switches overridden (modes.ts).
   */
  mode?: FakeModeOption;
}

export interface CloseFake {
  /** Origin, e.g. 'https://127.0.0.1:45123' (no /api/v1). */
  url: string;
  port: number;
  store: FakeStore;
  requests: RecordedRequest[];
  clearRequests(): void;
  rateLimit(group: EndpointGroup | 'all', opts: { limit: number; windowMs: number } | null): void;
  latency(ms: number): void;
  /** Holds the next matching request before or after Close does it (see HoldOptions). */
  hold(options: HoldOptions): Hold;
  failNext(opts: FailNextOptions): void;
  /** The behaviour in force (a copy). */
  readonly behaviour: FakeBehaviour;
  /** Switches mode until the next reset() (which restores the mode given at start). */
  setMode(mode: FakeModeOption): void;
  reset(): void;
  close(): Promise<void>;
}

export const DEFAULT_DATASET = new URL('./datasets/default.json', import.meta.url);
export const DEMO_DATASET = new URL('./datasets/demo.json', import.meta.url);

export function loadDataset(source: string | URL | Dataset | undefined): Dataset {
  if (source === undefined) return loadDataset(DEFAULT_DATASET);
  if (typeof source === 'string' || source instanceof URL) {
    return JSON.parse(readFileSync(source, 'utf8')) as Dataset;
  }
  return structuredClone(source);
}

const API_PREFIX = '/api/v1';

function headerRecord(req: http.IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

/** The API key from `Basic base64(key:)` (any password is accepted) or an OAuth-style Bearer token. */
function apiKeyFrom(authorization: string | undefined): string | null {
  if (!authorization) return null;
  const [scheme, value = ''] = authorization.trim().split(/\s+/, 2);
  if (scheme?.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon >= 0 ? decoded.slice(0, colon) : decoded;
  }
  if (scheme?.toLowerCase() === 'bearer') return value || null;
  return null;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function stringifyParams(params: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null) continue;
    out[k] = Array.isArray(v) ? v.map(String).join(',') : String(v);
  }
  return out;
}

export async function startCloseFake(opts: CloseFakeOptions = {}): Promise<CloseFake> {
  const dataset = loadDataset(opts.dataset);
  const store = new FakeStore(structuredClone(dataset));
  const limiter = new RateLimiter();
  const faults = new Faults();
  const requests: RecordedRequest[] = [];
  let behaviour = resolveMode(opts.mode);

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    const headers = headerRecord(req);
    let query: Record<string, string> = Object.fromEntries(url.searchParams);
    let body: unknown = raw === '' ? undefined : raw;
    let bodyIsJson = raw === '';
    if (raw !== '') {
      try {
        body = JSON.parse(raw);
        bodyIsJson = true;
      } catch {
        // keep the raw text; API routes answer 400 below
      }
    }
    let method = (req.method ?? 'GET').toUpperCase();
    // Long filters: POST + `x-http-method-override: GET` + {"_params": {...}} (docs/close-api.md).
    const override = headers['x-http-method-override'];
    if (override && method === 'POST') {
      method = override.toUpperCase();
      if (isRecord(body) && isRecord(body._params)) {
        query = { ...query, ...stringifyParams(body._params) };
      }
    }
    const path = url.pathname;
    const apiPath = path.startsWith(`${API_PREFIX}/`) ? path.slice(API_PREFIX.length) : null;
    const group = apiPath ? groupOf(apiPath) : 'unknown';
    const entry: RecordedRequest = {
      method: (req.method ?? 'GET').toUpperCase(),
      path,
      query,
      headers,
      body,
      status: 0,
      group,
      at: Date.now(),
    };
    requests.push(entry);

    const send = (r: FakeResponse) => {
      entry.status = r.status;
      const outHeaders: Record<string, string> = { ...r.headers };
      let payload = '';
      if (r.body !== undefined) {
        outHeaders['Content-Type'] = 'application/json';
        payload = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
      } else if (r.status !== 204) {
        outHeaders['Content-Type'] = 'application/json';
      }
      res.writeHead(r.status, outHeaders);
      res.end(payload);
    };
    const drop = () => {
      entry.status = 0;
      req.socket.destroy();
    };

    if (faults.latencyMs > 0) await sleep(faults.latencyMs);

    const held = faults.takeHold(entry.method, path);
    if (held?.stage === 'before') {
      held.arrive();
      await held.gate;
      // The client went away while the request was held: Close never got to it.
      if (req.socket.destroyed) return drop();
    }

    const fault = faults.take(entry.method, path);
    if (fault?.drop === 'before') return drop();
    if (fault && !fault.drop) {
      // Gateway-style failure: JSON content type, empty body (recorded get_lead_504).
      return send({ status: fault.status, body: '' });
    }

    let response: FakeResponse;
    if (apiPath === null) {
      response = { status: 404, body: { error: NOT_FOUND_URL_TEXT } };
    } else {
      const auth = store.authenticate(apiKeyFrom(headers.authorization) ?? '');
      if (!auth) {
        response = { status: 401, body: { error: UNAUTHORIZED_TEXT } };
      } else {
        const decision = limiter.check(group, auth.key);
        if (!decision.allowed) {
          response = {
            status: 429,
            headers: { RateLimit: decision.header, 'Retry-After': String(decision.retryAfter) },
            body: { message: 'API call count exceeded for this period' },
          };
        } else {
          // A copy: what the mode ignores is dropped from it, never from the recorded request.
          const routedBody = isRecord(body) ? { ...body } : body;
          const refusal = bodyIsJson
            ? screenRequest(behaviour, method, apiPath, query, routedBody)
            : null;
          response =
            refusal ??
            (await route(
              apiPath,
              method,
              {
                store,
                auth,
                method,
                path: apiPath,
                query,
                body: routedBody,
                headers,
                tzOffset: Number.parseFloat(headers['x-tz-offset'] ?? '0') || 0,
                behaviour,
              },
              bodyIsJson,
            ));
          response.body = delayListAnswer(behaviour, method, apiPath, response.body, Date.now());
          response.headers = { ...response.headers, RateLimit: decision.header };
        }
      }
    }
    if (fault?.drop === 'after') return drop();
    if (held?.stage === 'after') {
      // Done (a write is stored); the answer waits, and is lost if the client went away.
      held.arrive();
      await held.gate;
      if (req.socket.destroyed) return drop();
    }
    send(response);
  }

  async function route(
    apiPath: string,
    method: string,
    ctx: RequestContext,
    bodyIsJson: boolean,
  ): Promise<FakeResponse> {
    const match = matchRoute(method, apiPath);
    if (match.kind === 'not_found') return { status: 404, body: { error: NOT_FOUND_URL_TEXT } };
    if (match.kind === 'method_not_allowed') {
      return { status: 405, body: { error: METHOD_NOT_ALLOWED_TEXT } };
    }
    if (!bodyIsJson) return { status: 400, body: { error: 'Failed to decode JSON object' } };
    try {
      return await match.route.handler(ctx, match.params);
    } catch (err) {
      if (err instanceof HttpError) return { status: err.status, body: err.body };
      console.error('[close-fake] handler error', err);
      return { status: 500, body: { error: 'Internal Server Error' } };
    }
  }

  const listener: http.RequestListener = (req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error('[close-fake] request failed', err);
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: 'Internal Server Error' }));
      }
    });
  };
  const server = opts.tls
    ? https.createServer({ cert: opts.tls.cert, key: opts.tls.key }, listener)
    : http.createServer(listener);

  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost =
    host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;

  return {
    url: `${opts.tls ? 'https' : 'http'}://${urlHost}:${port}`,
    port,
    store,
    requests,
    clearRequests() {
      requests.length = 0;
    },
    rateLimit(group, limit) {
      limiter.set(group, limit);
    },
    latency(ms) {
      faults.latencyMs = Math.max(0, ms);
    },
    failNext(o) {
      faults.failNext(o);
    },
    hold(o) {
      return faults.hold(o);
    },
    get behaviour() {
      return { ...behaviour };
    },
    setMode(mode) {
      behaviour = resolveMode(mode);
    },
    reset() {
      behaviour = resolveMode(opts.mode);
      store.load(structuredClone(dataset));
      limiter.clear();
      faults.clear();
      requests.length = 0;
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
