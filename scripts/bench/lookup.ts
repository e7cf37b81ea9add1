// Bench: requests and time per lookup (cold, warm, stale) against the Close API fake.
import { startCloseFake } from '../../tests/close-fake/server.ts';
import { createCloseHttp } from '../../utils/close/http';
import { createMemoryLookupCache } from '../../utils/lookup/cache';
import { createLookupEngine } from '../../utils/lookup/engine';
import type { LookupQuery } from '../../utils/lookup/types';
import type { BenchSection } from './types';

const ACME_ORG = 'orga_AcmeSales0000000000000000000000000000000000';
const ADDRESSES = [
  'peter@initech.com',
  'bill@initech.com',
  'gavin@hooli.xyz',
  'art@vandelay.com',
  'nina@massivedynamic.com',
  'albert.wesker@umbrella-corp.com',
  'ada.wong@umbrella-corp.com',
  'miles.dyson@cyberdyne.com',
  'thorn@soylent.com',
  'kim@nobody.example',
  'milton@initech.com',
  'michael.bolton@initech.com',
  'jane.doe@gmail.com',
  'bill.lumbergh@gmail.com',
  ...Array.from({ length: 6 }, (_, i) => `stranger${i}@nowhere.example`),
];
const LATENCY_MS = 100;
const RUNS = 7;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export async function run(): Promise<BenchSection> {
  const fake = await startCloseFake();
  const rows: Array<Array<string | number>> = [];
  try {
    for (const count of [1, 5, 20]) {
      const query: LookupQuery = { emails: ADDRESSES.slice(0, count), domain: 'initech.com' };
      const counts = {
        cold: [] as number[],
        warm: [] as number[],
        staleRender: [] as number[],
        staleBackground: [] as number[],
      };
      const times = { cold: [] as number[], warm: [] as number[], staleRender: [] as number[] };
      for (let i = 0; i < RUNS; i++) {
        fake.reset();
        fake.latency(LATENCY_MS);
        let clock = Date.now();
        const http = createCloseHttp({
          baseURL: `${fake.url}/api/v1/`,
          getApiKey: async () => 'api_test_acme',
        });
        const engine = createLookupEngine({
          http,
          cache: createMemoryLookupCache(),
          organizationId: ACME_ORG,
          now: () => clock,
        });
        const measure = async <T>(fn: () => Promise<T>) => {
          fake.clearRequests();
          const started = performance.now();
          const value = await fn();
          return { value, ms: performance.now() - started, requests: fake.requests.length };
        };
        const cold = await measure(() => engine.lookup(query));
        const warm = await measure(() => engine.lookup(query));
        // Past the default fresh time (10 minutes).
        clock += 11 * 60_000;
        const stale = await measure(() => engine.lookupWithRefresh(query));
        await stale.value.refresh;
        counts.cold.push(cold.requests);
        counts.warm.push(warm.requests);
        counts.staleRender.push(stale.requests);
        counts.staleBackground.push(fake.requests.length - stale.requests);
        times.cold.push(cold.ms);
        times.warm.push(warm.ms);
        times.staleRender.push(stale.ms);
      }
      rows.push([
        `${count} address${count === 1 ? '' : 'es'} + domain`,
        median(counts.cold),
        median(counts.warm),
        `${median(counts.staleRender)} + ${median(counts.staleBackground)} in background`,
        Math.round(median(times.cold)),
        LATENCY_MS,
        Number(median(times.warm).toFixed(2)),
        Number(median(times.staleRender).toFixed(2)),
      ]);
    }
  } finally {
    await fake.close();
  }
  return {
    title: 'Lookup: requests and time per page (Close API fake)',
    columns: [
      'Page',
      'Cold requests',
      'Warm requests',
      'Stale requests',
      `Cold ms (${LATENCY_MS} ms latency)`,
      'Floor ms',
      'Warm ms',
      'Stale render ms',
    ],
    rows,
    notes: [
      `Medians of ${RUNS} runs. The fake adds ${LATENCY_MS} ms before answering each request; one round trip is the floor.`,
      'Warm = fresh cache entry (< 10 min, the default cache time); stale = older entry, rendered from cache while one search revalidates in the background.',
      'A second request happens only when the first answer is cut at 50 leads (a company domain with many leads) and an address found nothing: then the addresses are asked for alone.',
    ],
  };
}
