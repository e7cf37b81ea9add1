// /task/ — list with filters and views, create, get, update, delete (lead tasks; the recorded
// create_task / update_task shapes; Close's task docs for `view` and `_order_by`).

import {
  bodyObject,
  dateRangeMatches,
  json,
  notFound,
  orderBy,
  paginate,
  parseFieldList,
  parsePaging,
  project,
  validationError,
} from '@/tests/close-fake/http.ts';
import { todayIn } from '@/tests/close-fake/ids.ts';
import { type RequestContext, type Route, route } from '@/tests/close-fake/router/types.ts';
import { serializeTask, taskDay } from '@/tests/close-fake/serialize.ts';
import type { ActivityRec, TaskRec } from '@/tests/close-fake/types.ts';
import {
  DOES_NOT_EXIST,
  type FieldErrors,
  REQUIRED,
  resolveLead,
} from '@/tests/close-fake/validate.ts';

const TASK_TYPES = ['lead'];

function getOr404(ctx: RequestContext, id: string): TaskRec {
  const t = ctx.store.inOrg(ctx.store.tasks, ctx.auth.organization.id, id);
  if (!t) throw notFound('Task');
  return t;
}

function boolParam(raw: string | undefined): boolean | undefined {
  if (raw === undefined || raw === '') return undefined;
  const value = raw.trim().toLowerCase();
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return undefined;
}

function listTasks(ctx: RequestContext) {
  const { store, query } = ctx;
  const paging = parsePaging(query, 100);
  const fields = parseFieldList(query._fields);
  const orgId = ctx.auth.organization.id;
  const today = todayIn(ctx.tzOffset);
  const leadIds = query.lead_id ? query.lead_id.split(',') : null;
  const ids = query.id__in ? query.id__in.split(',') : query.id ? [query.id] : null;
  const assigned = query.assigned_to ? query.assigned_to.split(',') : null;
  const isComplete = boolParam(query.is_complete);
  const types = query._type ? query._type.split(',') : null;
  const view = query.view;
  let tasks = [...store.tasks.values()].filter((t) => {
    // New tasks reach this list late in strict mode (modes.ts DELAYED_LISTS).
    if (t.organization_id !== orgId) return false;
    if (leadIds && !leadIds.includes(t.lead_id)) return false;
    if (ids && !ids.includes(t.id)) return false;
    if (assigned && !assigned.includes(t.assigned_to ?? '')) return false;
    if (isComplete !== undefined && t.is_complete !== isComplete) return false;
    if (types && !types.some((type) => TASK_TYPES.includes(type))) return false;
    const day = taskDay(t);
    // `view` overrides the date filters (Close's docs).
    if (view === 'inbox') return !t.is_complete && (day === null || day <= today);
    if (view === 'future') return !t.is_complete && day !== null && day > today;
    if (view === 'archive') return t.is_complete;
    return (
      dateRangeMatches(query, 'date', t.date) &&
      dateRangeMatches(query, 'date_created', t.date_created)
    );
  });
  tasks = orderBy(
    tasks.sort((a, b) => a.date_created.localeCompare(b.date_created)),
    query._order_by,
    (t, field) => (t as unknown as Record<string, unknown>)[field],
  );
  const { page, has_more } = paginate(tasks, paging);
  return json({
    has_more,
    data: page.map((t) => project(serializeTask(store, t, ctx.tzOffset), fields)),
  });
}

/** `date`: a day (`2024-06-14`) or a datetime; anything else is Close's "Invalid date." */
function parseTaskDate(value: unknown, errors: FieldErrors): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null || value === '') return null;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed) && !Number.isNaN(Date.parse(`${trimmed}T00:00:00Z`)))
      return trimmed;
    const time = Date.parse(trimmed);
    if (/^\d{4}-\d{2}-\d{2}T/.test(trimmed) && !Number.isNaN(time))
      return `${new Date(time).toISOString().slice(0, 23)}000+00:00`;
  }
  errors.date = 'Invalid date.';
  return undefined;
}

function parseAssignee(ctx: RequestContext, value: unknown, errors: FieldErrors) {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (
    typeof value !== 'string' ||
    !ctx.auth.organization.memberships.some((m) => m.user_id === value)
  ) {
    errors.assigned_to = DOES_NOT_EXIST;
    return undefined;
  }
  return value;
}

/** Completing a task logs a TaskCompleted activity on its lead (Close's activity types). */
function recordCompletion(ctx: RequestContext, t: TaskRec): void {
  const now = ctx.store.now();
  const activity: ActivityRec = {
    id: ctx.store.newId('acti'),
    _type: 'TaskCompleted',
    organization_id: t.organization_id,
    lead_id: t.lead_id,
    contact_id: null,
    user_id: ctx.auth.user.id,
    created_by: ctx.auth.user.id,
    updated_by: ctx.auth.user.id,
    activity_at: now,
    date_created: now,
    date_updated: now,
    task_id: t.id,
    task_text: t.text,
    task_assigned_to: t.assigned_to,
  };
  ctx.store.activities.set(activity.id, activity);
  t.completion_activity_id = activity.id;
}

function createTask(ctx: RequestContext) {
  const body = bodyObject(ctx.body);
  const errors: FieldErrors = {};
  const lead = resolveLead(ctx.store, ctx.auth.organization.id, body, errors, true);
  const type = body._type ?? 'lead';
  if (typeof type !== 'string' || !TASK_TYPES.includes(type)) errors._type = 'Not a valid choice.';
  let text = '';
  if (body.text === undefined || body.text === null || body.text === '') errors.text = REQUIRED;
  else if (typeof body.text !== 'string') errors.text = 'Not a valid string.';
  else text = body.text;
  const date = parseTaskDate(body.date, errors);
  const assignee = parseAssignee(ctx, body.assigned_to, errors);
  if (body.is_complete !== undefined && typeof body.is_complete !== 'boolean')
    errors.is_complete = 'Not a valid boolean.';
  if (Object.keys(errors).length || !lead) throw validationError(errors);
  const now = ctx.store.now();
  const t: TaskRec = {
    id: ctx.store.newId('task'),
    organization_id: ctx.auth.organization.id,
    lead_id: lead.id,
    text,
    // Close files a task without a date under today (recorded create_task: is_dateless, date today).
    date: date ?? null,
    is_complete: body.is_complete === true,
    assigned_to: assignee ?? ctx.auth.user.id,
    created_by: ctx.auth.user.id,
    updated_by: ctx.auth.user.id,
    date_created: now,
    date_updated: now,
  };
  ctx.store.tasks.set(t.id, t);
  if (t.is_complete) recordCompletion(ctx, t);
  return json(serializeTask(ctx.store, t, ctx.tzOffset));
}

function updateTask(ctx: RequestContext, [id = '']: string[]) {
  const t = getOr404(ctx, id);
  const body = bodyObject(ctx.body);
  const errors: FieldErrors = {};
  let text: string | undefined;
  if (body.text !== undefined) {
    if (typeof body.text !== 'string' || body.text === '') errors.text = REQUIRED;
    else text = body.text;
  }
  const date = parseTaskDate(body.date, errors);
  const assignee = parseAssignee(ctx, body.assigned_to, errors);
  if (body.is_complete !== undefined && typeof body.is_complete !== 'boolean')
    errors.is_complete = 'Not a valid boolean.';
  if (Object.keys(errors).length) throw validationError(errors);
  if (text !== undefined) t.text = text;
  if (date !== undefined) t.date = date;
  if (assignee !== undefined) t.assigned_to = assignee;
  if (typeof body.is_complete === 'boolean' && body.is_complete !== t.is_complete) {
    t.is_complete = body.is_complete;
    if (t.is_complete) recordCompletion(ctx, t);
    else t.completion_activity_id = null;
  }
  t.updated_by = ctx.auth.user.id;
  t.date_updated = ctx.store.now();
  return json(serializeTask(ctx.store, t, ctx.tzOffset));
}

export const taskRoutes: Route[] = [
  route('GET', '/task/', 'task', listTasks),
  route('POST', '/task/', 'task', createTask),
  route('GET', '/task/:id/', 'task', (ctx, [id = '']) =>
    json(serializeTask(ctx.store, getOr404(ctx, id), ctx.tzOffset)),
  ),
  route('PUT', '/task/:id/', 'task', updateTask),
  route('DELETE', '/task/:id/', 'task', (ctx, [id = '']) => {
    getOr404(ctx, id);
    ctx.store.tasks.delete(id);
    return json({});
  }),
];
