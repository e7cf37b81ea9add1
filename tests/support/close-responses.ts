// Where Close-shaped responses come from: our own fixtures (always), and the real recorded
// responses when the shared docs sit beside the repository (an optional extra check).
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

/** Real responses recorded from Close (third-party data: never copied into the repository). */
export const RECORDED_DIR = join(import.meta.dirname, '..', '..', '..', 'shared', 'close-recorded');

/** The real recordings when they are beside the repository, else null (see tests/global-setup.ts). */
export const RECORDED: ResponseSource | null = existsSync(join(RECORDED_DIR, 'get_lead.json'))
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
