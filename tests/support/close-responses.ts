// Where Close-shaped responses come from: our own fixtures (always), and real recorded Close
// responses when CLOSE_RECORDED_DIR names a folder of them (an optional extra check; the
// repository never holds them, they are third-party data).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Exchange {
  request: { method: string; url: string; body: unknown };
  response: { status: number | null; headers: Record<string, string>; body: unknown };
}

export interface ResponseSource {
  /** Shown in test names. */
  label: string;
  dir: string;
}

/** Our own Close-shaped responses: the recordings' keys, nesting, types and formats, our values. */
export const FIXTURES: ResponseSource = {
  label: 'fixtures',
  dir: join(import.meta.dirname, '..', 'fixtures', 'close-responses'),
};

/** A folder of real responses recorded from Close, named by the environment; empty when unset. */
export const RECORDED_DIR = process.env.CLOSE_RECORDED_DIR?.trim() ?? '';

/** The real recordings when CLOSE_RECORDED_DIR holds them, else null (see tests/global-setup.ts). */
export const RECORDED: ResponseSource | null =
  RECORDED_DIR && existsSync(join(RECORDED_DIR, 'get_lead.json'))
    ? { label: 'real recordings', dir: RECORDED_DIR }
    : null;

/** Every source the comparison tests run on: the fixtures, then the recordings when present. */
export const SOURCES: ResponseSource[] = RECORDED ? [FIXTURES, RECORDED] : [FIXTURES];

export function exchange(source: ResponseSource, name: string, index = 0): Exchange {
  const list = JSON.parse(readFileSync(join(source.dir, `${name}.json`), 'utf8')) as Exchange[];
  const found = list[index];
  if (!found) throw new Error(`${source.label}: ${name}[${index}] missing`);
  return found;
}
