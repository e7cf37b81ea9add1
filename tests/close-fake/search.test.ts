import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IDS, KEYS } from '@/tests/close-fake/known-ids.ts';
import { type CloseFake, startCloseFake } from '@/tests/close-fake/server.ts';
import { type AnyJson, api } from '@/tests/close-fake/test-support.ts';

let fake: CloseFake;
let acme: ReturnType<typeof api>;
beforeAll(async () => {
  fake = await startCloseFake();
  acme = api(fake, KEYS.acme);
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const emailCondition = (value: string, mode = 'exact_value') => ({
  type: 'has_related',
  this_object_type: 'contact',
  related_object_type: 'contact_email',
  related_query: {
    type: 'field_condition',
    field: { type: 'regular_field', object_type: 'contact_email', field_name: 'email' },
    condition: { type: 'text', mode, value },
  },
});

const contactByEmail = (value: string, mode = 'exact_value') => ({
  query: {
    type: 'and',
    queries: [{ type: 'object_type', object_type: 'contact' }, emailCondition(value, mode)],
  },
  _fields: { contact: ['id', 'lead_id', 'name', 'emails'] },
  results_limit: 10,
});

const leadByEmail = (value: string, mode = 'full_words') => ({
  query: {
    type: 'and',
    queries: [
      { type: 'object_type', object_type: 'lead' },
      {
        type: 'has_related',
        this_object_type: 'lead',
        related_object_type: 'contact',
        related_query: emailCondition(value, mode),
      },
    ],
  },
  _fields: { lead: ['id', 'display_name', 'status_label'] },
});

const leadByField = (field: string, value: string, mode = 'full_words') => ({
  query: {
    type: 'and',
    queries: [
      { type: 'object_type', object_type: 'lead' },
      {
        type: 'field_condition',
        field: { type: 'regular_field', object_type: 'lead', field_name: field },
        condition: { type: 'text', mode, value },
      },
    ],
  },
  _fields: { lead: ['id', 'display_name'] },
});

const names = (body: AnyJson) => body.data.map((o: AnyJson) => o.display_name ?? o.name);

describe('POST /data/search/: contacts and leads by email', () => {
  it('lenient: finds a contact by exact email, case-insensitively, with the requested fields', async () => {
    fake.setMode('lenient');
    const { status, body } = await acme.post('/data/search/', contactByEmail('PETER@INITECH.COM'));
    expect(status).toBe(200);
    expect(body.cursor).toBeNull();
    expect(body.data).toEqual([
      {
        __object_type: 'contact',
        id: IDS.contacts.peter,
        lead_id: IDS.leads.initech,
        name: 'Peter Gibbons',
        emails: [{ email: 'peter@initech.com', type: 'office', is_unsubscribed: false }],
      },
    ]);
  });

  it('lenient: matches mixed-case stored addresses', async () => {
    fake.setMode('lenient');
    const { body } = await acme.post('/data/search/', contactByEmail('michael.bolton@initech.com'));
    expect(body.data.map((c: AnyJson) => c.id)).toEqual([IDS.contacts.michael]);
  });

  it('finds the lead through lead → contact → contact_email in every text mode', async () => {
    for (const mode of ['exact_value', 'phrase', 'full_words']) {
      const { body } = await acme.post('/data/search/', leadByEmail('bill@initech.com', mode));
      expect(body.data).toEqual([
        {
          __object_type: 'lead',
          id: IDS.leads.initech,
          display_name: 'Initech',
          status_label: 'Qualified',
        },
      ]);
    }
  });

  it('does not match a different address that shares words in exact_value mode', async () => {
    const { body } = await acme.post('/data/search/', contactByEmail('initech.com'));
    expect(body.data).toEqual([]);
  });

  it('returns only __object_type and id without _fields', async () => {
    const req = contactByEmail('peter@initech.com');
    const { body } = await acme.post('/data/search/', { query: req.query });
    expect(body.data).toEqual([{ __object_type: 'contact', id: IDS.contacts.peter }]);
  });

  it('is scoped to the organization of the key', async () => {
    const { body } = await api(fake, KEYS.globex).post(
      '/data/search/',
      contactByEmail('peter@initech.com'),
    );
    expect(body.data.map((c: AnyJson) => c.id)).toEqual([IDS.contacts.globexPeter]);
  });
});

describe('POST /data/search/: domains', () => {
  it('lenient: matches a lead url by host, including www. and subdomains', async () => {
    fake.setMode('lenient');
    expect(
      names((await acme.post('/data/search/', leadByField('url', 'initech.com'))).body),
    ).toEqual(['Initech']);
    expect(names((await acme.post('/data/search/', leadByField('url', 'hooli.xyz'))).body)).toEqual(
      ['Hooli'],
    );
    const none = await acme.post('/data/search/', leadByField('url', 'tech.com'));
    expect(none.body.data).toEqual([]);
  });

  it('matches leads whose contacts have @domain addresses (even without a lead url)', async () => {
    const { body } = await acme.post('/data/search/', leadByEmail('massivedynamic.com'));
    expect(names(body)).toEqual(['Massive Dynamic']);
    const initech = await acme.post('/data/search/', leadByEmail('initech.com', 'phrase'));
    expect(names(initech.body)).toEqual(['Initech']);
  });

  it('combines url and email conditions with or', async () => {
    const body = {
      query: {
        type: 'and',
        queries: [
          { type: 'object_type', object_type: 'lead' },
          {
            type: 'or',
            queries: [
              leadByField('url', 'umbrella-corp.com').query.queries[1],
              leadByEmail('massivedynamic.com').query.queries[1],
            ],
          },
        ],
      },
      _fields: { lead: ['display_name'] },
    };
    const res = await acme.post('/data/search/', body);
    expect(names(res.body).sort()).toEqual(['Massive Dynamic', 'Umbrella Corp']);
  });
});

describe('POST /data/search/: names, negation, paging, counts', () => {
  it('matches lead names with phrase and beginning_of_words', async () => {
    expect(
      names(
        (await acme.post('/data/search/', leadByField('name', 'umbrella corp', 'phrase'))).body,
      ),
    ).toEqual(['Umbrella Corp']);
    expect(
      names(
        (await acme.post('/data/search/', leadByField('name', 'cyber', 'beginning_of_words'))).body,
      ),
    ).toEqual(['Cyberdyne Systems']);
    expect(
      (await acme.post('/data/search/', leadByField('name', 'cyber', 'full_words'))).body.data,
    ).toEqual([]);
  });

  it('negates a node', async () => {
    const req = leadByField('name', 'initech');
    (req.query.queries[1] as AnyJson).negate = true;
    const { body } = await acme.post('/data/search/', { ...req, include_counts: true });
    expect(names(body)).not.toContain('Initech');
    expect(body.count.total).toBe(fake.store.leadsOf(IDS.orgs.acme).length - 1);
  });

  it('pages with a cursor that is null on the last page', async () => {
    const base = {
      query: { type: 'object_type', object_type: 'lead' },
      _limit: 4,
      include_counts: true,
    };
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: AnyJson = await acme.post('/data/search/', { ...base, cursor });
      expect(res.status).toBe(200);
      ids.push(...res.body.data.map((l: AnyJson) => l.id));
      expect(res.body.count.total).toBe(fake.store.leadsOf(IDS.orgs.acme).length);
      cursor = res.body.cursor;
      pages += 1;
    } while (cursor);
    expect(ids).toHaveLength(fake.store.leadsOf(IDS.orgs.acme).length);
    expect(new Set(ids).size).toBe(ids.length);
    expect(pages).toBe(Math.ceil(ids.length / 4));
  });

  it('caps results with results_limit, and counts only with results_limit 0', async () => {
    const capped = await acme.post('/data/search/', {
      query: { type: 'object_type', object_type: 'contact' },
      results_limit: 3,
      _limit: 2,
    });
    expect(capped.body.data).toHaveLength(2);
    const second = await acme.post('/data/search/', {
      query: { type: 'object_type', object_type: 'contact' },
      results_limit: 3,
      _limit: 2,
      cursor: capped.body.cursor,
    });
    expect(second.body.data).toHaveLength(1);
    expect(second.body.cursor).toBeNull();
    const countOnly = await acme.post('/data/search/', {
      ...leadByEmail('initech.com'),
      results_limit: 0,
      include_counts: true,
    });
    expect(countOnly.body).toEqual({ data: [], cursor: null, count: { total: 1 } });
  });

  it('sorts by a field', async () => {
    const { body } = await acme.post('/data/search/', {
      query: { type: 'object_type', object_type: 'lead' },
      sort: [
        {
          direction: 'asc',
          field: { type: 'regular_field', object_type: 'lead', field_name: 'date_created' },
        },
      ],
      _fields: { lead: ['date_created'] },
    });
    const dates = body.data.map((l: AnyJson) => l.date_created);
    expect(dates).toEqual([...dates].sort());
  });

  it('rejects malformed queries, unknown modes and bad cursors with 400', async () => {
    expect((await acme.post('/data/search/', { query: { type: 'and', queries: [] } })).status).toBe(
      400,
    );
    expect((await acme.post('/data/search/', leadByField('name', 'x', 'sounds_like'))).status).toBe(
      400,
    );
    const bad = await acme.post('/data/search/', {
      query: { type: 'object_type', object_type: 'lead' },
      cursor: 'nope',
    });
    expect(bad.status).toBe(400);
    expect(typeof bad.body.error).toBe('string');
    const big = await acme.post('/data/search/', {
      query: { type: 'object_type', object_type: 'lead' },
      _limit: 1000,
    });
    expect(big.body.error).toMatch(/max_limit = \d+/);
  });
});
