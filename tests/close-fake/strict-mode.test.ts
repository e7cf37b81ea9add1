// Strict mode (the default): for every point docs/close-api.md marks assumed, the least helpful
// answer Close's docs allow. Lenient mode keeps the friendly reading; both are compared here.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IDS, KEYS } from '@/tests/close-fake/known-ids.ts';
import { type CloseFake, startCloseFake } from '@/tests/close-fake/server.ts';
import { type AnyJson, api } from '@/tests/close-fake/test-support.ts';
import { standardTokens } from '@/tests/close-fake/text-match.ts';

let fake: CloseFake;
let acme: ReturnType<typeof api>;
beforeAll(async () => {
  fake = await startCloseFake();
  acme = api(fake, KEYS.acme);
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const leadWhere = (condition: AnyJson, fields: AnyJson = { lead: ['id', 'name', 'contacts'] }) => ({
  query: { type: 'and', queries: [{ type: 'object_type', object_type: 'lead' }, condition] },
  _fields: fields,
});
const urlCondition = (value: string, mode = 'phrase') => ({
  type: 'field_condition',
  field: { type: 'regular_field', object_type: 'lead', field_name: 'url' },
  condition: { type: 'text', mode, value },
});
const leadById = (id: string) => ({ type: 'id_set', ids: [id] });

describe('the standard tokenizer', () => {
  it('keeps www.acme.com one token and splits an address at the @', () => {
    expect(standardTokens('http://www.Acme.com/')).toEqual(['http', 'www.acme.com']);
    expect(standardTokens('jo@acme.com')).toEqual(['jo', 'acme.com']);
    expect(standardTokens('https://acme-corp.com/about')).toEqual([
      'https',
      'acme',
      'corp.com',
      'about',
    ]);
  });
});

describe('strict mode is the default', () => {
  it('says so', () => {
    expect(fake.behaviour.mode).toBe('strict');
  });

  it('sends nested contacts as ids unless _fields.contact asks for their fields', async () => {
    const bare = await acme.post('/data/search/', leadWhere(leadById(IDS.leads.hooli)));
    expect(bare.status).toBe(200);
    expect(bare.body.data[0].contacts).toEqual([IDS.contacts.gavin]);
    const asked = await acme.post(
      '/data/search/',
      leadWhere(leadById(IDS.leads.hooli), {
        lead: ['id', 'name', 'contacts'],
        contact: ['name', 'emails'],
      }),
    );
    expect(asked.body.data[0].contacts).toEqual([
      {
        id: IDS.contacts.gavin,
        name: 'Gavin Belson',
        emails: [expect.objectContaining({ email: 'gavin@hooli.xyz' })],
      },
    ]);
  });

  it('has no domain rule: a lead url typed with www. is found by www.domain, not by the domain', async () => {
    // Hooli's url is https://www.hooli.xyz/
    const byDomain = await acme.post('/data/search/', leadWhere(urlCondition('hooli.xyz')));
    expect(byDomain.body.data).toEqual([]);
    const byWww = await acme.post('/data/search/', leadWhere(urlCondition('www.hooli.xyz')));
    expect(byWww.body.data.map((l: AnyJson) => l.id)).toEqual([IDS.leads.hooli]);
    const exact = await acme.post(
      '/data/search/',
      leadWhere(urlCondition('https://www.hooli.xyz/', 'exact_value')),
    );
    expect(exact.body.data.map((l: AnyJson) => l.id)).toEqual([IDS.leads.hooli]);
  });

  it('refuses a _limit above 100, on lists and on search', async () => {
    expect((await acme.get('/lead/?_limit=101')).status).toBe(400);
    const search = await acme.post('/data/search/', {
      ...leadWhere(leadById(IDS.leads.hooli)),
      _limit: 101,
    });
    expect(search.status).toBe(400);
    expect(search.body.error).toMatch(/max_limit = 100/);
    expect((await acme.get('/lead/?_limit=100')).status).toBe(200);
  });

  it('refuses unknown fields in writes and in a search body', async () => {
    const lead = await acme.post('/lead/', { name: 'Strict Ltd', colour: 'blue' });
    expect(lead.status).toBe(400);
    expect(lead.body['field-errors']).toEqual({ colour: 'Unknown field.' });
    const search = await acme.post('/data/search/', {
      ...leadWhere(leadById(IDS.leads.hooli)),
      limit: 5,
    });
    expect(search.status).toBe(400);
  });

  it('ignores value_currency on an opportunity write and keeps the organization’s currency', async () => {
    const created = await acme.post('/opportunity/', {
      lead_id: IDS.leads.hooli,
      value: 1000,
      value_currency: 'EUR',
    });
    expect(created.status).toBe(200);
    expect(created.body.value_currency).toBe('USD');
  });

  it('shows a new note in the plain list only after a delay', async () => {
    fake.setMode({ mode: 'strict', listDelayMs: 300 });
    const note = await acme.post('/activity/note/', { lead_id: IDS.leads.hooli, note: 'Fresh' });
    expect(note.status).toBe(200);
    const listed = async () =>
      (await acme.get(`/activity/note/?lead_id=${IDS.leads.hooli}`)).body.data.map(
        (n: AnyJson) => n.id,
      );
    expect(await listed()).not.toContain(note.body.id);
    expect((await acme.get(`/activity/note/${note.body.id}/`)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 350));
    expect(await listed()).toContain(note.body.id);
  });

  it('reads undocumented legacy keywords as plain text and ignores GET /contact/?query=', async () => {
    const byDomain = await acme.get(
      `/lead/?query=${encodeURIComponent('email_domain:"hooli.xyz"')}`,
    );
    expect(byDomain.body.data).toEqual([]);
    const byAddress = await acme.get(
      `/lead/?query=${encodeURIComponent('email_address:"gavin@hooli.xyz"')}`,
    );
    expect(byAddress.body.data.map((l: AnyJson) => l.id)).toEqual([IDS.leads.hooli]);
    const all = await acme.get('/contact/?_limit=100');
    const queried = await acme.get('/contact/?_limit=100&query=gavin');
    expect(queried.body.data.length).toBe(all.body.data.length);
  });
});

describe('lenient mode', () => {
  it('keeps the friendly reading of the same points', async () => {
    fake.setMode('lenient');
    const bare = await acme.post('/data/search/', leadWhere(leadById(IDS.leads.hooli)));
    expect(bare.body.data[0].contacts[0]).toMatchObject({
      id: IDS.contacts.gavin,
      name: 'Gavin Belson',
    });
    const byDomain = await acme.post('/data/search/', leadWhere(urlCondition('hooli.xyz')));
    expect(byDomain.body.data.map((l: AnyJson) => l.id)).toEqual([IDS.leads.hooli]);
    expect((await acme.get('/lead/?_limit=200')).status).toBe(200);
    const created = await acme.post('/opportunity/', {
      lead_id: IDS.leads.hooli,
      value: 1000,
      value_currency: 'EUR',
    });
    expect(created.body.value_currency).toBe('EUR');
  });

  it('goes back to the start mode on reset', () => {
    fake.setMode('lenient');
    fake.reset();
    expect(fake.behaviour.mode).toBe('strict');
  });
});
