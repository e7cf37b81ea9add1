// `npm run verify:close`: checks what docs/close-api.md assumes against a Close organization.
// Plain fetch with Basic auth (the key as user name, empty password). The key is only ever put in
// the Authorization header: never printed, logged or returned.
import { leadHasDomain, leadHasEmail, type SearchNode } from '../../utils/close/search';
import { activityChecks, DATE_UPDATED_CHECK } from './activity-checks';
import {
  client,
  contactsAreObjects,
  isObject,
  type Row,
  searchBody,
  short,
  type Verdict,
} from './support';
import { writeChecks } from './write-checks';

export type { Row, Verdict } from './support';

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
