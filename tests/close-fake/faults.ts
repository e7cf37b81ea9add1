// Injected failures: latency, 5xx answers and dropped connections for the next matching requests.

export interface FailNextOptions {
  method?: string;
  /** Prefix of the request path, e.g. `/api/v1/activity/note/` (a path without `/api/v1` also works). */
  path?: string;
  status?: number;
  /** Destroy the socket without answering; `'after'` performs the request (e.g. the write) first. */
  drop?: 'before' | 'after';
  times?: number;
}

export interface FailRule {
  method?: string;
  path?: string;
  status: number;
  drop?: 'before' | 'after';
  remaining: number;
}

export class Faults {
  latencyMs = 0;
  private rules: FailRule[] = [];

  failNext(opts: FailNextOptions): void {
    this.rules.push({
      method: opts.method?.toUpperCase(),
      path: opts.path,
      status: opts.status ?? 500,
      drop: opts.drop,
      remaining: opts.times ?? 1,
    });
  }

  /** The first rule matching this request, with one use consumed. */
  take(method: string, path: string): FailRule | undefined {
    const rule = this.rules.find((r) => r.remaining > 0 && matches(r, method, path));
    if (!rule) return undefined;
    rule.remaining -= 1;
    this.rules = this.rules.filter((r) => r.remaining > 0);
    return rule;
  }

  clear(): void {
    this.latencyMs = 0;
    this.rules = [];
  }
}

function matches(rule: FailRule, method: string, path: string): boolean {
  if (rule.method && rule.method !== method.toUpperCase()) return false;
  if (!rule.path) return true;
  const full = rule.path.startsWith('/api/')
    ? rule.path
    : `/api/v1${rule.path.startsWith('/') ? '' : '/'}${rule.path}`;
  return path.startsWith(full);
}
