// The route table and the matcher.

import { activityRoutes } from '@/tests/close-fake/router/activities.ts';
import { contactRoutes } from '@/tests/close-fake/router/contacts.ts';
import { customFieldRoutes } from '@/tests/close-fake/router/custom-fields.ts';
import { leadRoutes } from '@/tests/close-fake/router/leads.ts';
import { meRoutes } from '@/tests/close-fake/router/me.ts';
import { opportunityRoutes } from '@/tests/close-fake/router/opportunities.ts';
import { pipelineRoutes } from '@/tests/close-fake/router/pipelines.ts';
import { searchRoutes } from '@/tests/close-fake/router/search.ts';
import { statusRoutes } from '@/tests/close-fake/router/statuses.ts';
import { taskRoutes } from '@/tests/close-fake/router/tasks.ts';
import type { Route } from '@/tests/close-fake/router/types.ts';

export const routes: Route[] = [
  ...meRoutes,
  ...leadRoutes,
  ...contactRoutes,
  ...opportunityRoutes,
  ...activityRoutes,
  ...searchRoutes,
  ...statusRoutes,
  ...pipelineRoutes,
  ...customFieldRoutes,
  ...taskRoutes,
];

export type RouteMatch =
  | { kind: 'found'; route: Route; params: string[] }
  | { kind: 'method_not_allowed' }
  | { kind: 'not_found' };

/** Finds the route for a path below /api/v1 (trailing slash required, as Close documents). */
export function matchRoute(method: string, path: string): RouteMatch {
  let pathMatched = false;
  for (const r of routes) {
    const m = r.pattern.exec(path);
    if (!m) continue;
    pathMatched = true;
    if (r.method === method)
      return { kind: 'found', route: r, params: m.slice(1).map(decodeURIComponent) };
  }
  return pathMatched ? { kind: 'method_not_allowed' } : { kind: 'not_found' };
}
