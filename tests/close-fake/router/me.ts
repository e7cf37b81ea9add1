// /me/, /user/, /organization/{id}/ (docs/close-api.md).

import {
  json,
  notFound,
  paginate,
  parseFieldList,
  parsePaging,
  project,
} from '@/tests/close-fake/http.ts';
import { type RequestContext, type Route, route } from '@/tests/close-fake/router/types.ts';
import {
  serializeMe,
  serializeOrganization,
  serializeUserBrief,
} from '@/tests/close-fake/serialize.ts';
import type { UserRec } from '@/tests/close-fake/types.ts';

function getMe(ctx: RequestContext) {
  return json(project(serializeMe(ctx.store, ctx.auth), parseFieldList(ctx.query._fields)));
}

/** Users of the key's organization; `organizations` is a list of ids here, unlike /me/. */
function orgUsers(ctx: RequestContext): Record<string, unknown>[] {
  const org = ctx.auth.organization;
  return org.memberships
    .map((m) => ctx.store.users.get(m.user_id))
    .filter((u): u is UserRec => u !== undefined)
    .map((u) => ({
      ...serializeUserBrief(u),
      organizations: [...ctx.store.organizations.values()]
        .filter((o) => o.memberships.some((m) => m.user_id === u.id))
        .map((o) => o.id),
    }));
}

function listUsers(ctx: RequestContext) {
  const paging = parsePaging(ctx.query, 100);
  const fields = parseFieldList(ctx.query._fields);
  const { page, has_more } = paginate(orgUsers(ctx), paging);
  return json({ has_more, data: page.map((u) => project(u, fields)) });
}

function getUser(ctx: RequestContext, [id = '']: string[]) {
  const user = orgUsers(ctx).find((u) => u.id === id);
  if (!user) throw notFound('User');
  return json(project(user, parseFieldList(ctx.query._fields)));
}

function getOrganization(ctx: RequestContext, [id = '']: string[]) {
  if (id !== ctx.auth.organization.id) throw notFound('Organization');
  const org = ctx.auth.organization;
  const body = {
    ...serializeOrganization(ctx.store, org),
    memberships: org.memberships.map((m) => ({
      id: m.id,
      user_id: m.user_id,
      organization_id: org.id,
      role_id: m.role_id ?? 'admin',
      user_full_name: ctx.store.userName(m.user_id),
      user_email: ctx.store.users.get(m.user_id)?.email ?? null,
    })),
    inactive_memberships: [],
  };
  return json(project(body, parseFieldList(ctx.query._fields)));
}

export const meRoutes: Route[] = [
  route('GET', '/me/', 'me', getMe),
  route('GET', '/user/', 'me', listUsers),
  route('GET', '/user/:id/', 'me', getUser),
  route('GET', '/organization/:id/', 'me', getOrganization),
];
