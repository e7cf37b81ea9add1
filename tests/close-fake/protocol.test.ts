import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IDS, KEYS } from '@/tests/close-fake/known-ids.ts';
import { type CloseFake, startCloseFake } from '@/tests/close-fake/server.ts';
import { type AnyJson, api, basic } from '@/tests/close-fake/test-support.ts';

let fake: CloseFake;
let acme: ReturnType<typeof api>;
beforeAll(async () => {
  fake = await startCloseFake();
  acme = api(fake, KEYS.acme);
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const maxText = (n: number) =>
  `The limit you set is larger than the maximum limit for this resource (max_limit = ${n}).`;

describe('paging parameters', () => {
  it('lenient: defaults _limit to 100 and rejects larger limits with the exact 400 text', async () => {
    fake.setMode('lenient');
    const contacts = await acme.get('/contact/?_limit=101');
    expect(contacts.status).toBe(400);
    expect(contacts.body).toEqual({ error: maxText(100) });
    expect((await acme.get('/lead/?_limit=200')).status).toBe(200);
    expect((await acme.get('/lead/?_limit=201')).body).toEqual({ error: maxText(200) });
    expect((await acme.get('/opportunity/?_limit=1000')).body).toEqual({ error: maxText(100) });
    expect((await acme.get('/activity/?_limit=101')).status).toBe(400);
  });

  it('rejects non-integer and negative values with the framework texts', async () => {
    expect((await acme.get('/lead/?_limit=x')).body).toEqual({
      error: '_limit must be an integer (got "x" instead).',
    });
    expect((await acme.get('/lead/?_skip=-1')).body).toEqual({
      error: '_skip must be a non-negative integer (got "-1" instead).',
    });
  });

  it('answers an empty page past the end', async () => {
    const res = await acme.get('/contact/?_skip=1000');
    expect(res.body).toEqual({ has_more: false, data: [] });
  });

  it('applies _fields on lists', async () => {
    const { body } = await acme.get(`/contact/?lead_id=${IDS.leads.initech}&_fields=id,name`);
    for (const c of body.data) expect(Object.keys(c).sort()).toEqual(['id', 'name']);
  });
});

describe('HTTP surface', () => {
  it('answers JSON with a RateLimit header on success', async () => {
    const res = await acme.get('/status/lead/');
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('ratelimit')).toMatch(/^limit=\d+, remaining=\d+, reset=\d+$/);
  });

  it('404s unknown paths and paths without the trailing slash', async () => {
    const unknown = await acme.get('/wibble/');
    expect(unknown.status).toBe(404);
    expect(typeof unknown.body.error).toBe('string');
    expect((await acme.get(`/lead/${IDS.leads.initech}`)).status).toBe(404);
    const outside = await fetch(`${fake.url}/api/v2/me/`, {
      headers: { Authorization: basic(KEYS.acme) },
    });
    expect(outside.status).toBe(404);
  });

  it('answers 405 for a known path with an unsupported method', async () => {
    const res = await acme.call('PATCH', '/me/', {});
    expect(res.status).toBe(405);
    expect(typeof res.body.error).toBe('string');
  });

  it('rejects a body that is not JSON', async () => {
    const res = await fetch(`${fake.url}/api/v1/lead/`, {
      method: 'POST',
      headers: { Authorization: basic(KEYS.acme), 'Content-Type': 'application/json' },
      body: '{not json',
    });
    expect(res.status).toBe(400);
  });

  it('turns POST + x-http-method-override: GET + _params into a GET', async () => {
    const before = fake.store.activities.size;
    const res = await acme.post(
      '/activity/',
      { _params: { lead_id: IDS.leads.initech, _type: 'Note', _limit: 1 } },
      { 'x-http-method-override': 'GET' },
    );
    expect(res.status).toBe(200);
    expect(res.body.data.map((a: AnyJson) => a.id)).toEqual([IDS.activities.initechNoteRich]);
    expect(res.body.has_more).toBe(true);
    expect(fake.store.activities.size).toBe(before);
  });

  it('reset() restores the dataset', async () => {
    await acme.del(`/lead/${IDS.leads.initech}/`);
    expect(fake.store.leads.has(IDS.leads.initech)).toBe(false);
    fake.reset();
    expect(fake.store.leads.has(IDS.leads.initech)).toBe(true);
    expect(fake.requests).toHaveLength(0);
  });

  it('lets tests seed records directly through the store', async () => {
    fake.store.addLead(IDS.orgs.acme, {
      id: 'lead_seeded',
      name: 'Seeded Co',
      url: 'https://seeded.example',
      contacts: [{ id: 'cont_seeded', name: 'Sid', emails: [{ email: 'sid@seeded.example' }] }],
    });
    const res = await acme.get(
      `/lead/?query=${encodeURIComponent('email_address:"sid@seeded.example"')}`,
    );
    expect(res.body.data.map((l: AnyJson) => l.id)).toEqual(['lead_seeded']);
  });
});
