// Shared set-up for the Close client's tests over real HTTP against the Close API fake.

import { type CloseFake, startCloseFake } from '@/tests/close-fake/server.ts';
import { type CloseHttp, type CloseHttpOptions, createCloseHttp } from '@/utils/close/http';
import type { ReadsArea } from '@/utils/lookup/lead-reads-cache';

export const ACME_KEY = 'api_test_acme';
export const GLOBEX_KEY = 'api_test_globex';
export const ACME_ORG = 'orga_AcmeSales0000000000000000000000000000000000';
export const GLOBEX_ORG = 'orga_GlobexPartners00000000000000000000000000000';
export const INITECH = 'lead_initech000000000000000000000000000000000000';
export const HOOLI = 'lead_hooli00000000000000000000000000000000000000';

/** Backoff waits shrink to a few ms so retry tests run fast; the retry rules stay the same. */
export const fastSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.min(ms, 5)));

export function httpFor(fake: CloseFake, overrides: Partial<CloseHttpOptions> = {}): CloseHttp {
  return createCloseHttp({
    baseURL: `${fake.url}/api/v1/`,
    getApiKey: async () => ACME_KEY,
    sleep: fastSleep,
    random: () => 0.5,
    ...overrides,
  });
}

/** Requests the fake saw, as `METHOD /path` without the /api/v1 prefix. */
export function seen(fake: CloseFake): string[] {
  return fake.requests.map((r) => `${r.method} ${r.path.replace(/^\/api\/v1/, '')}`);
}

export { type CloseFake, startCloseFake };

/** storage.session as a Map (the close-client project runs without a browser). */
export function memoryArea(): ReadsArea {
  const items = new Map<string, unknown>();
  return {
    async get(keys) {
      if (keys === null) return Object.fromEntries(items);
      return items.has(keys) ? { [keys]: items.get(keys) } : {};
    },
    async set(values) {
      for (const [key, value] of Object.entries(values)) items.set(key, structuredClone(value));
    },
    async remove(keys) {
      for (const key of [keys].flat()) items.delete(key);
    },
  };
}
