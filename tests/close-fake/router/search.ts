// POST /data/search/ (Advanced Filtering).

import { bodyObject, json } from '../http.ts';
import { runSearch } from '../search.ts';
import { type RequestContext, type Route, route } from './types.ts';

function search(ctx: RequestContext) {
  return json(runSearch(ctx.store, ctx.auth.organization.id, bodyObject(ctx.body), ctx.behaviour));
}

export const searchRoutes: Route[] = [route('POST', '/data/search/', 'search', search)];
