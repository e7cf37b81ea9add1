// What a route handler sees and returns.

import type { FakeResponse } from '@/tests/close-fake/http.ts';
import type { FakeBehaviour } from '@/tests/close-fake/modes.ts';
import type { FakeStore } from '@/tests/close-fake/store.ts';
import type { AuthContext } from '@/tests/close-fake/types.ts';

export type EndpointGroup =
  | 'me'
  | 'lead'
  | 'contact'
  | 'opportunity'
  | 'activity'
  | 'search'
  | 'status'
  | 'pipeline'
  | 'custom_field'
  | 'task';

export interface RequestContext {
  store: FakeStore;
  auth: AuthContext;
  /** Effective method (after x-http-method-override). */
  method: string;
  /** Path below /api/v1, e.g. `/lead/lead_x/`. */
  path: string;
  query: Record<string, string>;
  body: unknown;
  headers: Record<string, string>;
  /** x-tz-offset in hours (0 when absent). */
  tzOffset: number;
  /** Strict or lenient reading of what Close's docs leave open (modes.ts). */
  behaviour: FakeBehaviour;
}

export type Handler = (
  ctx: RequestContext,
  params: string[],
) => FakeResponse | Promise<FakeResponse>;

export interface Route {
  method: string;
  pattern: RegExp;
  group: EndpointGroup;
  handler: Handler;
}

/** `route('GET', '/lead/:id/', 'lead', h)`: `:name` segments become captured params. */
export function route(method: string, path: string, group: EndpointGroup, handler: Handler): Route {
  const source = path
    .split('/')
    .map((seg) => (seg.startsWith(':') ? '([^/]+)' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return { method, pattern: new RegExp(`^${source}$`), group, handler };
}

/** Which rate-limit group a path belongs to (also used for paths no route matches). */
export function groupOf(path: string): EndpointGroup | 'unknown' {
  const first = path.split('/')[1] ?? '';
  switch (first) {
    case 'me':
    case 'user':
    case 'organization':
      return 'me';
    case 'lead':
      return 'lead';
    case 'contact':
      return 'contact';
    case 'opportunity':
      return 'opportunity';
    case 'activity':
      return 'activity';
    case 'data':
      return 'search';
    case 'status':
      return 'status';
    case 'pipeline':
      return 'pipeline';
    case 'custom_field':
    case 'custom_field_schema':
      return 'custom_field';
    case 'task':
      return 'task';
    default:
      return 'unknown';
  }
}
