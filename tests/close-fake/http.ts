// Request/response plumbing shared by the routers: errors, paging, _fields, filter operators.

import { parseDate } from '@/tests/close-fake/ids.ts';

export interface FakeResponse {
  status: number;
  /** undefined → no body (204); a string is sent as is; anything else as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** Thrown by handlers and the store; the server turns it into a JSON error response. */
export class HttpError extends Error {
  status: number;
  body: unknown;

  constructor(status: number, body: unknown) {
    super(
      typeof body === 'object' && body && 'error' in body ? String(body.error) : `HTTP ${status}`,
    );
    this.status = status;
    this.body = body;
  }
}

export const NOT_FOUND_URL_TEXT =
  'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.';

export const METHOD_NOT_ALLOWED_TEXT = 'The method is not allowed for the requested URL.';

export const UNAUTHORIZED_TEXT =
  "The server could not verify that you are authorized to access the URL requested.  You either supplied the wrong credentials (e.g. a bad password), or your browser doesn't understand how to supply the credentials required.";

/** `{"error": "Empty query: Lead matching query does not exist."}` (recorded get_lead_unknown). */
export function notFound(model: string): HttpError {
  return new HttpError(404, { error: `Empty query: ${model} matching query does not exist.` });
}

/** `{"errors": [], "field-errors": {...}}` (recorded create_lead_error, create_opportunity_no_lead). */
export function validationError(fieldErrors: Record<string, unknown>, errors: string[] = []) {
  return new HttpError(400, { errors, 'field-errors': fieldErrors });
}

export function badRequest(message: string): HttpError {
  return new HttpError(400, { error: message });
}

export function json(body: unknown, status = 200): FakeResponse {
  return { status, body };
}

// ---------------------------------------------------------------------------
// Paging
// ---------------------------------------------------------------------------

export interface Paging {
  limit: number;
  skip: number;
}

/** `_limit`/`_skip` with the framework's 400 texts (docs/close-api.md). */
export function parsePaging(
  query: Record<string, string>,
  maxLimit: number,
  defaultLimit = 100,
): Paging {
  let limit = defaultLimit;
  let skip = 0;
  const rawLimit = query._limit;
  if (rawLimit !== undefined && rawLimit !== '') {
    if (!/^-?\d+$/.test(rawLimit)) {
      throw badRequest(`_limit must be an integer (got "${rawLimit}" instead).`);
    }
    limit = Number(rawLimit);
    if (limit > maxLimit) {
      throw badRequest(
        `The limit you set is larger than the maximum limit for this resource (max_limit = ${maxLimit}).`,
      );
    }
    if (limit < 0)
      throw badRequest(`_limit must be a non-negative integer (got "${rawLimit}" instead).`);
  }
  const rawSkip = query._skip;
  if (rawSkip !== undefined && rawSkip !== '') {
    if (!/^-?\d+$/.test(rawSkip)) {
      throw badRequest(`_skip must be an integer (got "${rawSkip}" instead).`);
    }
    skip = Number(rawSkip);
    if (skip < 0)
      throw badRequest(`_skip must be a non-negative integer (got "${rawSkip}" instead).`);
  }
  return { limit, skip };
}

export function paginate<T>(items: T[], paging: Paging): { page: T[]; has_more: boolean } {
  const page = items.slice(paging.skip, paging.skip + paging.limit);
  return { page, has_more: items.length > paging.skip + paging.limit };
}

// ---------------------------------------------------------------------------
// _fields
// ---------------------------------------------------------------------------

export function parseFieldList(raw: string | string[] | undefined): string[] | null {
  if (raw === undefined) return null;
  const list = Array.isArray(raw) ? raw : raw.split(',');
  const names = list.map((f) => f.trim()).filter(Boolean);
  return names.length ? names : null;
}

/**
 * Keeps only the named keys. `custom` selects every `custom.*` key, `custom.cf_x` one of them,
 * `_all` everything; unknown names are ignored (framework behaviour; UNCONFIRMED).
 */
export function project(
  obj: Record<string, unknown>,
  fields: string[] | null,
): Record<string, unknown> {
  if (!fields || fields.includes('_all')) return obj;
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    if (field === 'custom') {
      for (const [key, value] of Object.entries(obj)) {
        if (key.startsWith('custom.')) out[key] = value;
      }
    } else if (field in obj) {
      out[field] = obj[field];
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Filters: field, field__in, field__gt/gte/lt/lte (docs/close-api.md)
// ---------------------------------------------------------------------------

export function listParam(query: Record<string, string>, name: string): string[] | null {
  const values: string[] = [];
  for (const key of [name, `${name}__in`]) {
    const raw = query[key];
    if (raw !== undefined && raw !== '') values.push(...raw.split(',').map((v) => v.trim()));
  }
  return values.length ? values : null;
}

/** Applies `<name>__gt/__gte/__lt/__lte` (and a plain equal date) to a date or datetime field. */
export function dateRangeMatches(
  query: Record<string, string>,
  name: string,
  value: string | null,
): boolean {
  const ops = ['gt', 'gte', 'lt', 'lte'] as const;
  const time = value ? parseDate(value) : Number.NaN;
  for (const op of ops) {
    const raw = query[`${name}__${op}`];
    if (raw === undefined || raw === '') continue;
    const bound = parseDate(raw);
    if (Number.isNaN(bound)) throw badRequest(`Invalid date for ${name}__${op}: "${raw}"`);
    if (Number.isNaN(time)) return false;
    if (op === 'gt' && !(time > bound)) return false;
    if (op === 'gte' && !(time >= bound)) return false;
    if (op === 'lt' && !(time < bound)) return false;
    if (op === 'lte' && !(time <= bound)) return false;
  }
  const exact = query[name];
  if (exact !== undefined && exact !== '') {
    if (!value || value.slice(0, exact.length) !== exact) return false;
  }
  return true;
}

/** `_order_by=-date_won,value`: stable sort by the named keys (`-` = descending). */
export function orderBy<T>(
  items: T[],
  spec: string | undefined,
  get: (item: T, field: string) => unknown,
): T[] {
  if (!spec) return items;
  const keys = spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => (s.startsWith('-') ? { field: s.slice(1), dir: -1 } : { field: s, dir: 1 }));
  return [...items].sort((a, b) => {
    for (const { field, dir } of keys) {
      const c = compareValues(get(a, field), get(b, field));
      if (c !== 0) return c * dir;
    }
    return 0;
  });
}

export function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Handlers receive the parsed JSON body; anything but an object is a 400. */
export function bodyObject(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null || body === '') return {};
  if (!isRecord(body)) throw badRequest('Invalid JSON body: expected an object.');
  return body;
}
