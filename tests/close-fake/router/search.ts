// POST /data/search/ (Advanced Filtering).

import { bodyObject, json } from '@/tests/close-fake/http.ts';
import { type RequestContext, type Route, route } from '@/tests/close-fake/router/types.ts';
import { runSearch } from '@/tests/close-fake/search.ts';

function search(ctx: RequestContext) {
  return json(runSearch(ctx.store, ctx.auth.organization.id, bodyObject(ctx.body), ctx.behaviour));
}

export const searchRoutes: Route[] = [route('POST', '/data/search/', 'search', search)];
