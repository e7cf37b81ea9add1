// Close-looking ids (prefix + base62) and timestamps in Close's format.

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Prefixes whose ids have 22 random characters; all others have 43 (docs/close-api.md). */
const SHORT_PREFIXES = new Set(['pipe', 'seq', 'sub', 'actitype']);

/** Deterministic id source: the same seed yields the same sequence of ids (xorshift32). */
export class IdGenerator {
  private state: number;

  constructor(seed = 0x2f6b_1c3d) {
    this.state = seed >>> 0 || 1;
  }

  next(prefix: string): string {
    const length = SHORT_PREFIXES.has(prefix) ? 22 : 43;
    let out = '';
    for (let i = 0; i < length; i++) {
      let x = this.state;
      x ^= x << 13;
      x >>>= 0;
      x ^= x >>> 17;
      x ^= x << 5;
      x >>>= 0;
      this.state = x;
      out += BASE62[x % 62];
    }
    return `${prefix}_${out}`;
  }
}

/** `2024-05-14T08:31:02.418000+00:00`: ISO 8601 with microseconds and an explicit offset (§6). */
export function closeTimestamp(date: Date = new Date()): string {
  return `${date.toISOString().slice(0, 23)}000+00:00`;
}

/** Pipelines carry timestamps without an offset in Close's examples (§3.6). */
export function pipelineTimestamp(date: Date = new Date()): string {
  return `${date.toISOString().slice(0, 23)}000`;
}

/** YYYY-MM-DD for "today" in the caller's timezone (x-tz-offset in hours, §2.7). */
export function todayIn(tzOffsetHours: number, now: Date = new Date()): string {
  return new Date(now.getTime() + tzOffsetHours * 3_600_000).toISOString().slice(0, 10);
}

/** Parses an ISO date or datetime filter value; NaN when it is not one. */
export function parseDate(value: string): number {
  const trimmed = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return Date.parse(`${trimmed}T00:00:00Z`);
  const iso = trimmed.replace(/(\.\d{3})\d+/, '$1');
  // Offset-less datetimes (pipelines) are UTC in Close, not local time.
  return Date.parse(/T.*(Z|[+-]\d{2}:?\d{2})$/.test(iso) ? iso : `${iso}Z`);
}
