// Helpers for the fake's contract tests: a tiny JSON client over real HTTP.

import type { CloseFake } from '@/tests/close-fake/server.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests read JSON bodies freely; assertions check the shape.
export type AnyJson = any;

export interface ApiResult<T = AnyJson> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export function basic(key: string, password = ''): string {
  return `Basic ${Buffer.from(`${key}:${password}`).toString('base64')}`;
}

export function api(fake: CloseFake, key: string | null = 'api_test_acme') {
  async function call<T = AnyJson>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResult<T>> {
    const res = await fetch(`${fake.url}/api/v1${path}`, {
      method,
      headers: {
        ...(key === null ? {} : { Authorization: basic(key) }),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // leave as text
    }
    return { status: res.status, headers: res.headers, body: parsed as T, text };
  }
  return {
    call,
    get: <T = AnyJson>(path: string, headers?: Record<string, string>) =>
      call<T>('GET', path, undefined, headers),
    post: <T = AnyJson>(path: string, body: unknown, headers?: Record<string, string>) =>
      call<T>('POST', path, body, headers),
    put: <T = AnyJson>(path: string, body: unknown) => call<T>('PUT', path, body),
    del: <T = AnyJson>(path: string) => call<T>('DELETE', path),
  };
}

/** `limit=5, remaining=4, reset=1` → { limit: 5, remaining: 4, reset: 1 } */
export function parseRateLimit(header: string | null): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of (header ?? '').split(',')) {
    const [k, v] = part.split('=').map((s) => s.trim());
    if (k && v !== undefined) out[k] = Number(v);
  }
  return out;
}
