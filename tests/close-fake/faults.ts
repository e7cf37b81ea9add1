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

export interface HoldOptions {
  method?: string;
  path?: string;
  /**
   * `'after'`: Close does the request (the write is stored), then holds its answer; a client that
   * went away meanwhile never gets it. `'before'`: holds the request before doing anything; if the
   * client went away meanwhile, nothing is done.
   */
  stage: 'before' | 'after';
}

/** One held request: `arrived` resolves when the fake holds it, `release` lets it go on. */
export interface Hold {
  arrived: Promise<void>;
  release(): void;
}

interface HoldRule extends HoldOptions {
  taken: boolean;
  arrive: () => void;
  gate: Promise<void>;
}

export class Faults {
  latencyMs = 0;
  private rules: FailRule[] = [];
  private holds: HoldRule[] = [];
  /** Every hold's release, so a reset never leaves a request waiting forever. */
  private releases: Array<() => void> = [];

  /** Holds the next matching request (see HoldOptions). */
  hold(opts: HoldOptions): Hold {
    let arrive = () => {};
    let release = () => {};
    const arrived = new Promise<void>((r) => {
      arrive = r;
    });
    const gate = new Promise<void>((r) => {
      release = r;
    });
    this.holds.push({ ...opts, method: opts.method?.toUpperCase(), taken: false, arrive, gate });
    this.releases.push(release);
    return { arrived, release };
  }

  /** The first hold matching this request, taken. */
  takeHold(method: string, path: string): HoldRule | undefined {
    const rule = this.holds.find(
      (r) => !r.taken && matches({ ...r, status: 0, remaining: 1 }, method, path),
    );
    if (!rule) return undefined;
    rule.taken = true;
    this.holds = this.holds.filter((r) => r !== rule);
    return rule;
  }

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
    this.holds = [];
    for (const release of this.releases) release();
    this.releases = [];
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
