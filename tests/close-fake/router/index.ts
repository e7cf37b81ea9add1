// The route table and the matcher.

import { activityRoutes } from './activities.ts';
import { contactRoutes } from './contacts.ts';
import { customFieldRoutes } from './custom-fields.ts';
import { leadRoutes } from './leads.ts';
import { meRoutes } from './me.ts';
import { opportunityRoutes } from './opportunities.ts';
import { pipelineRoutes } from './pipelines.ts';
import { searchRoutes } from './search.ts';
import { statusRoutes } from './statuses.ts';
import { taskRoutes } from './tasks.ts';
import type { Route } from './types.ts';

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
