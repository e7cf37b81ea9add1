// `npm run verify:close`: checks what docs/close-api.md assumes against a Close organization.
// Plain fetch with Basic auth (the key as user name, empty password). The key is only ever put in
// the Authorization header: never printed, logged or returned.
import {
  and,
  leadHasDomain,
  leadHasEmail,
  objectType,
  type SearchNode,
} from '../../utils/close/search';
import { activityChecks, DATE_UPDATED_CHECK } from './activity-checks';
import { taskChecks } from './task-checks';

export type Verdict = 'confirmed' | 'refuted' | 'skipped';

export interface Row {
  name: string;
  result: Verdict;
  /** What Close answered, short. */
  answer: string;
}

export interface VerifyOptions {
  key: string;
  /** Default https://api.close.com (no /api/v1). */
  origin?: string;
  email?: string;
  domain?: string;
  write?: boolean;
  /** How long to wait for a new record to show in a list or a search (default 15 s). */
  waitMs?: number;
}

interface Answer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: Close's JSON is read freely; each check tests the shape.
  body: any;
}

const SEARCH_FIELDS = {
  lead: ['id', 'name', 'url', 'contacts'],
  contact: ['id', 'name', 'emails'],
};

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function short(body: unknown): string {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return (text ?? '').replace(/\s+/g, ' ').slice(0, 120);
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function client(key: string, origin = 'https://api.close.com') {
  const auth = `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
  const base = `${origin.replace(/\/+$/, '')}/api/v1`;
  return async function call(method: string, path: string, body?: unknown): Promise<Answer> {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        Authorization: auth,
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // keep the text
    }
    return { status: res.status, headers: res.headers, body: parsed };
  };
}

type Call = ReturnType<typeof client>;

/** Runs `attempt` until it returns a value or `waitMs` passed; the last answer otherwise. */
async function poll<T>(
  waitMs: number,
  attempt: () => Promise<{ done: T | null; last: string; final?: boolean }>,
): Promise<{ done: T | null; last: string; ms: number }> {
  const start = Date.now();
  for (;;) {
    const { done, last, final } = await attempt();
    const ms = Date.now() - start;
    if (done !== null || final || ms >= waitMs) return { done, last, ms };
    await sleep(Math.min(1000, Math.max(100, waitMs / 10)));
  }
}

/** Leads matching `query`, as the client asks (docs/close-api.md, "Search"). */
/** An answer that waiting will not change (a refusal, not a rate limit or a server error). */
const isFinal = (r: Answer) => r.status >= 400 && r.status < 500 && r.status !== 429;

function searchBody(query: SearchNode) {
  return { query: and(objectType('lead'), query), _fields: SEARCH_FIELDS, _limit: 100 };
}

/** Leads of a search answer whose nested contacts are objects carrying `emails`. */
function contactsAreObjects(leads: unknown[]): { objects: boolean; sample: string } {
  const contacts = leads.flatMap((l) =>
    isObject(l) && Array.isArray(l.contacts) ? l.contacts : [],
  );
  if (contacts.length === 0) return { objects: false, sample: 'no nested contacts' };
  const bad = contacts.find((c) => !isObject(c) || !Array.isArray(c.emails));
  return bad === undefined
    ? { objects: true, sample: `${contacts.length} contact(s) with name and emails` }
    : { objects: false, sample: `nested contact came back as ${short(bad)}` };
}

function hasAddress(leads: unknown[], email: string): boolean {
  const want = email.toLowerCase();
  return leads.some(
    (l) =>
      isObject(l) &&
      Array.isArray(l.contacts) &&
      l.contacts.some(
        (c) =>
          isObject(c) &&
          Array.isArray(c.emails) &&
          c.emails.some((e) => isObject(e) && String(e.email).toLowerCase() === want),
      ),
  );
}

export async function verifyClose(opts: VerifyOptions): Promise<Row[]> {
  const call = client(opts.key, opts.origin);
  const waitMs = opts.waitMs ?? 15_000;
  const rows: Row[] = [];
  const add = (name: string, result: Verdict, answer: string) =>
    rows.push({ name, result, answer });
  const guard = async (name: string, check: () => Promise<void>) => {
    try {
      await check();
    } catch (error) {
      add(name, 'refuted', `error: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  let orgId: string | null = null;
  await guard('GET /me/ has id and organizations[].id', async () => {
    const me = await call('GET', '/me/');
    const org = Array.isArray(me.body?.organizations) ? me.body.organizations[0] : null;
    const ok = me.status === 200 && typeof me.body?.id === 'string' && typeof org?.id === 'string';
    if (ok) orgId = org.id;
    add(
      'GET /me/ has id and organizations[].id',
      ok ? 'confirmed' : 'refuted',
      ok
        ? `${me.status}, ${me.body.organizations.length} organization(s)`
        : `${me.status} ${short(me.body)}`,
    );
    const rl = me.headers.get('ratelimit');
    add(
      'RateLimit header on answers',
      rl ? 'confirmed' : 'refuted',
      rl ? rl : `no RateLimit header (status ${me.status})`,
    );
  });
  if (orgId === null) {
    add('the rest', 'skipped', 'the key was not accepted by /me/');
    return rows;
  }

  await guard('GET /status/lead/ lists id + label', async () => {
    const r = await call('GET', '/status/lead/');
    const data = r.body?.data;
    const ok =
      r.status === 200 &&
      Array.isArray(data) &&
      data.every(
        (s: unknown) => isObject(s) && typeof s.id === 'string' && typeof s.label === 'string',
      );
    add(
      'GET /status/lead/ lists id + label',
      ok ? 'confirmed' : 'refuted',
      ok ? `${data.length} statuses` : `${r.status} ${short(r.body)}`,
    );
  });

  let oppStatus: string | null = null;
  await guard('GET /pipeline/ lists pipelines with statuses', async () => {
    const r = await call('GET', '/pipeline/');
    const data = r.body?.data;
    const ok =
      r.status === 200 &&
      Array.isArray(data) &&
      data.every(
        (p: unknown) => isObject(p) && typeof p.id === 'string' && Array.isArray(p.statuses),
      );
    if (ok)
      oppStatus =
        data.flatMap((p: { statuses: Array<{ id?: string }> }) => p.statuses)[0]?.id ?? null;
    add(
      'GET /pipeline/ lists pipelines with statuses',
      ok ? 'confirmed' : 'refuted',
      ok ? `${data.length} pipeline(s)` : `${r.status} ${short(r.body)}`,
    );
  });

  await guard('GET /custom_field/lead/ lists id + name + type', async () => {
    const r = await call('GET', '/custom_field/lead/');
    const data = r.body?.data;
    const ok =
      r.status === 200 &&
      Array.isArray(data) &&
      data.every(
        (f: unknown) =>
          isObject(f) &&
          typeof f.id === 'string' &&
          typeof f.name === 'string' &&
          typeof f.type === 'string',
      );
    add(
      'GET /custom_field/lead/ lists id + name + type',
      ok ? 'confirmed' : 'refuted',
      ok ? `${data.length} field(s)` : `${r.status} ${short(r.body)}`,
    );
  });

  await guard('_limit=100 accepted on lists', async () => {
    const r = await call('GET', '/lead/?_limit=100&_fields=id');
    add(
      '_limit=100 accepted on lists',
      r.status === 200 ? 'confirmed' : 'refuted',
      `${r.status}${r.status === 200 ? '' : ` ${short(r.body)}`}`,
    );
  });

  await guard(DATE_UPDATED_CHECK, () => activityChecks({ call, add, short }));

  const search = async (query: SearchNode) => call('POST', '/data/search/', searchBody(query));

  if (opts.email) {
    const email = opts.email;
    await guard('search by contact address finds its lead', async () => {
      const r = await search(leadHasEmail([email]));
      const leads: unknown[] = Array.isArray(r.body?.data) ? r.body.data : [];
      if (r.status !== 200) {
        add('search by contact address finds its lead', 'refuted', `${r.status} ${short(r.body)}`);
        return;
      }
      add('_limit=100 accepted by /data/search/', 'confirmed', '200');
      add(
        'search by contact address finds its lead',
        leads.length > 0 ? 'confirmed' : 'refuted',
        `${leads.length} lead(s)`,
      );
      if (leads.length > 0) {
        const shape = contactsAreObjects(leads);
        add(
          '_fields.contact gives nested contact objects (--email)',
          shape.objects ? 'confirmed' : 'refuted',
          shape.sample,
        );
      }
    });
  } else {
    add('search by contact address finds its lead', 'skipped', 'no --email given');
  }

  if (opts.domain) {
    const domain = opts.domain;
    await guard('search by domain finds its lead', async () => {
      const r = await search(leadHasDomain(domain));
      const leads: unknown[] = Array.isArray(r.body?.data) ? r.body.data : [];
      add(
        'search by domain finds its lead',
        r.status === 200 && leads.length > 0 ? 'confirmed' : 'refuted',
        r.status === 200 ? `${leads.length} lead(s)` : `${r.status} ${short(r.body)}`,
      );
    });
  } else {
    add('search by domain finds its lead', 'skipped', 'no --domain given');
  }

  if (!opts.write) {
    add(
      'writes (lead, contact, note, opportunity, task)',
      'skipped',
      'read-only; --write to check',
    );
    return rows;
  }
  await writeChecks(call, waitMs, oppStatus, add, guard);
  return rows;
}

async function writeChecks(
  call: Call,
  waitMs: number,
  oppStatus: string | null,
  add: (name: string, result: Verdict, answer: string) => void,
  guard: (name: string, check: () => Promise<void>) => Promise<void>,
): Promise<void> {
  const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const domain = `closelookverify${tag}.example`;
  const email = `verify.${tag}@${domain}`;
  let leadId: string | null = null;
  try {
    const lead = await call('POST', '/lead/', {
      name: `Close Look verify ${tag} (delete me)`,
      url: `http://www.${domain}/`,
    });
    if (lead.status !== 200 || typeof lead.body?.id !== 'string') {
      add('POST /lead/ creates a lead', 'refuted', `${lead.status} ${short(lead.body)}`);
      return;
    }
    leadId = lead.body.id as string;
    add('POST /lead/ creates a lead', 'confirmed', `200, ${leadId}`);
    const id = leadId;

    await guard('POST /contact/ with lead_id + emails', async () => {
      const r = await call('POST', '/contact/', {
        lead_id: id,
        name: 'Verify Contact',
        emails: [{ email, type: 'office' }],
      });
      add(
        'POST /contact/ with lead_id + emails',
        r.status === 200 ? 'confirmed' : 'refuted',
        r.status === 200 ? '200' : `${r.status} ${short(r.body)}`,
      );
    });

    await guard('search finds a new lead by its http://www. url', async () => {
      const found = await poll(waitMs, async () => {
        const r = await call('POST', '/data/search/', searchBody(leadHasDomain(domain)));
        const hit =
          Array.isArray(r.body?.data) && r.body.data.some((l: { id?: string }) => l.id === id);
        return { done: hit ? true : null, last: `${r.status} ${short(r.body)}`, final: isFinal(r) };
      });
      add(
        'search finds a new lead by its http://www. url',
        found.done ? 'confirmed' : 'refuted',
        found.done ? `found after ${found.ms} ms` : `not found in ${found.ms} ms: ${found.last}`,
      );
    });

    await guard('search by address + _fields.contact gives contact objects', async () => {
      const found = await poll(waitMs, async () => {
        const r = await call('POST', '/data/search/', searchBody(leadHasEmail([email])));
        const leads: unknown[] = Array.isArray(r.body?.data) ? r.body.data : [];
        const mine = leads.filter((l) => isObject(l) && l.id === id);
        return {
          done: mine.length > 0 ? mine : null,
          last: `${r.status} ${short(r.body)}`,
          final: isFinal(r),
        };
      });
      if (!found.done) {
        add(
          'search finds a new contact by its address',
          'refuted',
          `not found in ${found.ms} ms: ${found.last}`,
        );
        return;
      }
      add('search finds a new contact by its address', 'confirmed', `found after ${found.ms} ms`);
      const shape = contactsAreObjects(found.done);
      const ok = shape.objects && hasAddress(found.done, email);
      add(
        '_fields.contact gives nested contact objects',
        ok ? 'confirmed' : 'refuted',
        shape.sample,
      );
    });

    await guard('new note visible in GET /activity/note/?lead_id=', async () => {
      const r = await call('POST', '/activity/note/', {
        lead_id: id,
        note: `Close Look verify ${tag}`,
      });
      if (r.status !== 200) {
        add(
          'new note visible in GET /activity/note/?lead_id=',
          'refuted',
          `create: ${r.status} ${short(r.body)}`,
        );
        return;
      }
      const noteId = r.body?.id;
      const seen = await poll(waitMs, async () => {
        const list = await call('GET', `/activity/note/?lead_id=${id}`);
        const hit =
          Array.isArray(list.body?.data) &&
          list.body.data.some((n: { id?: string }) => n.id === noteId);
        return { done: hit ? true : null, last: `${list.status}`, final: isFinal(list) };
      });
      add(
        'new note visible in GET /activity/note/?lead_id=',
        seen.done ? 'confirmed' : 'refuted',
        seen.done ? `after ${seen.ms} ms` : `not listed in ${seen.ms} ms`,
      );
    });

    await guard('POST /opportunity/ without value_currency', async () => {
      if (!oppStatus) {
        add(
          'POST /opportunity/ without value_currency',
          'skipped',
          'no opportunity status in any pipeline',
        );
        return;
      }
      const r = await call('POST', '/opportunity/', {
        lead_id: id,
        status_id: oppStatus,
        value: 100,
        value_period: 'one_time',
        note: `Close Look verify ${tag}`,
      });
      if (r.status !== 200) {
        add('POST /opportunity/ without value_currency', 'refuted', `${r.status} ${short(r.body)}`);
        return;
      }
      add(
        'POST /opportunity/ without value_currency',
        'confirmed',
        `200, currency ${r.body?.value_currency ?? 'not returned'}`,
      );
      const oppId = r.body?.id;
      const seen = await poll(waitMs, async () => {
        const list = await call('GET', `/opportunity/?lead_id=${id}`);
        const hit =
          Array.isArray(list.body?.data) &&
          list.body.data.some((o: { id?: string }) => o.id === oppId);
        return { done: hit ? true : null, last: `${list.status}`, final: isFinal(list) };
      });
      add(
        'new opportunity visible in GET /opportunity/?lead_id=',
        seen.done ? 'confirmed' : 'refuted',
        seen.done ? `after ${seen.ms} ms` : `not listed in ${seen.ms} ms`,
      );
    });

    await taskChecks({ call, leadId: id, tag, waitMs, add, guard, poll, isFinal, short });
  } finally {
    if (leadId !== null) {
      try {
        const del = await call('DELETE', `/lead/${leadId}/`);
        const after = await call('GET', `/lead/${leadId}/`);
        add(
          'DELETE /lead/{id}/ removes the throwaway lead',
          del.status < 300 && after.status === 404 ? 'confirmed' : 'refuted',
          `delete ${del.status}, then GET ${after.status}`,
        );
      } catch (error) {
        add(
          'DELETE /lead/{id}/ removes the throwaway lead',
          'refuted',
          `error: ${String(error)} — delete lead ${leadId} by hand`,
        );
      }
    }
  }
}

export function formatTable(rows: Row[]): string {
  const w0 = Math.max(10, ...rows.map((r) => r.name.length));
  const w1 = 9;
  const line = (a: string, b: string, c: string) => `${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`;
  return [
    line('assumption', 'result', 'Close answered'),
    ...rows.map((r) => line(r.name, r.result, r.answer)),
  ].join('\n');
}

export const exitCode = (rows: Row[]): number => (rows.some((r) => r.result === 'refuted') ? 1 : 0);

export interface Args {
  email?: string;
  domain?: string;
  write: boolean;
}

export function parseArgs(argv: string[]): Args {
  const out: Args = { write: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    const [flag, inline] = a.includes('=')
      ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
      : [a, undefined];
    if (flag === '--write') out.write = true;
    else if (flag === '--email' || flag === '--domain') {
      const value = inline ?? argv[++i];
      if (!value) throw new Error(`${flag} needs a value`);
      if (flag === '--email') out.email = value;
      else out.domain = value;
    } else if (a !== '--')
      throw new Error(`unknown argument ${a} (use --email, --domain, --write)`);
  }
  return out;
}
