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

const CF = IDS.customFields;
const q = (query: string, extra = '') => `/lead/?query=${encodeURIComponent(query)}${extra}`;
const names = (body: AnyJson) => body.data.map((l: AnyJson) => l.display_name);

describe('GET /lead/{id}/', () => {
  it('returns the lead with derived labels, embedded contacts, opportunities and tasks', async () => {
    const { status, body } = await acme.get(`/lead/${IDS.leads.initech}/`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: IDS.leads.initech,
      name: 'Initech',
      display_name: 'Initech',
      url: 'https://initech.com',
      status_id: IDS.leadStatuses.qualified,
      status_label: 'Qualified',
      html_url: `https://app.close.com/lead/${IDS.leads.initech}/`,
      organization_id: IDS.orgs.acme,
      created_by_name: 'Ada Lovelace',
      [`custom.${CF.industry}`]: 'Software',
      [`custom.${CF.regions}`]: ['NA'],
      [`custom.${CF.employees}`]: 250,
    });
    expect(body.contacts.map((c: AnyJson) => c.name)).toEqual([
      'Peter Gibbons',
      'Bill Lumbergh',
      'Michael Bolton',
      'Milton Waddams',
    ]);
    for (const c of body.contacts) expect(c.lead_id).toBe(IDS.leads.initech);
    expect(body.contact_ids).toEqual(body.contacts.map((c: AnyJson) => c.id));
    expect(body.opportunities.map((o: AnyJson) => o.id).sort()).toEqual(
      [IDS.opportunities.initechPlatform, IDS.opportunities.initechSupport].sort(),
    );
    expect(body.tasks).toHaveLength(1);
    expect(body.tasks[0].text).toMatch(/revised proposal/);
    expect(body).not.toHaveProperty('activities');
    expect(body.date_created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+00:00$/);
  });

  it('returns only the requested _fields, with custom selecting every custom.* key', async () => {
    const { body } = await acme.get(`/lead/${IDS.leads.initech}/?_fields=id,display_name,custom`);
    expect(Object.keys(body).sort()).toEqual(
      [
        'id',
        'display_name',
        `custom.${CF.industry}`,
        `custom.${CF.regions}`,
        `custom.${CF.employees}`,
      ].sort(),
    );
    const one = await acme.get(`/lead/${IDS.leads.initech}/?_fields=id,custom.${CF.industry}`);
    expect(one.body).toEqual({ id: IDS.leads.initech, [`custom.${CF.industry}`]: 'Software' });
  });

  it("answers 404 with Close's text for unknown ids and for leads of another organization", async () => {
    const unknown = await acme.get('/lead/wibble/');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ error: 'Empty query: Lead matching query does not exist.' });
    const foreign = await api(fake, KEYS.globex).get(`/lead/${IDS.leads.initech}/`);
    expect(foreign.status).toBe(404);
  });

  it('falls back to the first contact name, then "Untitled", for nameless leads', async () => {
    const { body } = await acme.get(`/lead/${IDS.leads.nameless}/`);
    expect(body.name).toBeNull();
    expect(body.display_name).toBe('Kim Nobody');
    const created = await acme.post('/lead/', {});
    expect(created.body.display_name).toBe('Untitled');
  });
});

describe('POST /lead/', () => {
  it('creates a lead with nested contacts, a status label and custom fields', async () => {
    const res = await acme.post('/lead/', {
      name: 'Pied Piper',
      url: 'https://piedpiper.com',
      status: 'customer',
      [`custom.${CF.industry}`]: 'Software',
      [`custom.${CF.regions}`]: ['NA', 'EMEA'],
      contacts: [
        {
          name: 'Richard Hendricks',
          title: 'CEO',
          emails: [{ email: 'richard@piedpiper.com', type: 'office' }],
          phones: [{ phone: '9045551234', type: 'mobile' }],
        },
      ],
    });
    expect(res.status).toBe(200);
    const lead = res.body;
    expect(lead.id).toMatch(/^lead_[A-Za-z0-9]{43}$/);
    expect(lead.status_label).toBe('Customer');
    expect(lead[`custom.${CF.regions}`]).toEqual(['NA', 'EMEA']);
    expect(lead.contacts[0]).toMatchObject({
      name: 'Richard Hendricks',
      lead_id: lead.id,
      emails: [{ email: 'richard@piedpiper.com', type: 'office', is_unsubscribed: false }],
      phones: [
        {
          phone: '+19045551234',
          phone_formatted: '+1 904-555-1234',
          type: 'mobile',
          country: 'US',
        },
      ],
    });
    const again = await acme.get(`/lead/${lead.id}/`);
    expect(again.body).toEqual(lead);
    expect(fake.store.leads.get(lead.id)?.name).toBe('Pied Piper');
  });

  it('records a Created activity for the new lead', async () => {
    const { body } = await acme.post('/lead/', { name: 'Activity Co' });
    const acts = await acme.get(`/activity/?lead_id=${body.id}`);
    expect(acts.body.data.map((a: AnyJson) => a._type)).toEqual(['Created']);
  });

  it('rejects an unknown status with the recorded field error', async () => {
    const res = await acme.post('/lead/', { status_id: 'foo' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      errors: [],
      'field-errors': {
        status:
          'Not a valid choice. Please go to Customizations in your organization settings and add "foo" to the list of lead statuses.',
      },
    });
  });

  it('rejects invalid custom values and nested contact emails as field errors', async () => {
    const res = await acme.post('/lead/', {
      name: 'Bad',
      [`custom.${CF.industry}`]: 'Bakery',
      'custom.cf_doesnotexist': 'x',
      contacts: [{ name: 'No Email', emails: [{ type: 'office' }] }],
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([]);
    expect(Object.keys(res.body['field-errors']).sort()).toEqual(
      ['contacts', `custom.${CF.industry}`, 'custom.cf_doesnotexist'].sort(),
    );
    expect(fake.store.leadsOf(IDS.orgs.acme).some((l) => l.name === 'Bad')).toBe(false);
  });
});

describe('PUT /lead/{id}/ (PUT is PATCH)', () => {
  it('changes only the fields sent', async () => {
    const res = await acme.put(`/lead/${IDS.leads.initech}/`, { description: 'Updated' });
    expect(res.status).toBe(200);
    expect(res.body.description).toBe('Updated');
    expect(res.body.name).toBe('Initech');
    expect(res.body.url).toBe('https://initech.com');
    expect(res.body.date_updated > '2024-06-10').toBe(true);
  });

  it('records a LeadStatusChange activity when the status changes', async () => {
    await acme.put(`/lead/${IDS.leads.umbrella}/`, { status_id: IDS.leadStatuses.qualified });
    const { body } = await acme.get(`/activity/status_change/lead/?lead_id=${IDS.leads.umbrella}`);
    expect(body.data).toHaveLength(1);
    expect(body.data[0]).toMatchObject({
      old_status_label: 'Potential',
      new_status_label: 'Qualified',
    });
  });

  it('unsets custom fields with null and edits multi-value fields with .add/.remove', async () => {
    const res = await acme.put(`/lead/${IDS.leads.umbrella}/`, {
      [`custom.${CF.industry}`]: null,
      [`custom.${CF.regions}.add`]: 'APAC',
      [`custom.${CF.regions}.remove`]: 'NA',
    });
    expect(res.status).toBe(200);
    expect(res.body).not.toHaveProperty(`custom.${CF.industry}`);
    expect(res.body[`custom.${CF.regions}`]).toEqual(['EMEA', 'APAC']);
  });

  it('404s for an unknown lead', async () => {
    const res = await acme.put('/lead/lead_nope/', { name: 'x' });
    expect(res.status).toBe(404);
    expect(res.body.error).toBe('Empty query: Lead matching query does not exist.');
  });
});

describe('DELETE /lead/{id}/', () => {
  it('answers {} and removes the lead with its contacts and opportunities', async () => {
    const res = await acme.del(`/lead/${IDS.leads.initech}/`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({});
    expect((await acme.get(`/lead/${IDS.leads.initech}/`)).status).toBe(404);
    expect((await acme.get(`/contact/${IDS.contacts.peter}/`)).status).toBe(404);
    expect((await acme.get(`/opportunity/${IDS.opportunities.initechPlatform}/`)).status).toBe(404);
  });
});

describe('POST /lead/merge/', () => {
  it('moves contacts into the destination and deletes the source', async () => {
    const res = await acme.post('/lead/merge/', {
      source: IDS.leads.vandelay,
      destination: IDS.leads.initech,
    });
    expect(res.body).toEqual({ status: 'ok' });
    const dest = await acme.get(`/lead/${IDS.leads.initech}/`);
    expect(dest.body.contacts.map((c: AnyJson) => c.name)).toContain('Art Vandelay');
    expect((await acme.get(`/lead/${IDS.leads.vandelay}/`)).status).toBe(404);
  });

  it('404s with the recorded errors list for an unknown source', async () => {
    const res = await acme.post('/lead/merge/', {
      source: 'lead_x',
      destination: IDS.leads.initech,
    });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ errors: ['Source lead does not exist.'] });
  });
});

describe('GET /lead/ (list and legacy query)', () => {
  it('pages with _limit/_skip, has_more and total_results', async () => {
    const all = await acme.get('/lead/');
    const total = all.body.total_results;
    expect(total).toBe(fake.store.leadsOf(IDS.orgs.acme).length);
    const seen: string[] = [];
    for (let skip = 0; skip < total; skip += 4) {
      const page = await acme.get(`/lead/?_limit=4&_skip=${skip}&_fields=id`);
      expect(page.body.has_more).toBe(skip + 4 < total);
      expect(page.body.total_results).toBe(total);
      seen.push(...page.body.data.map((l: AnyJson) => l.id));
    }
    expect(seen).toEqual(all.body.data.map((l: AnyJson) => l.id));
    expect(new Set(seen).size).toBe(total);
  });

  it('finds a lead by exact contact email, case-insensitively', async () => {
    const res = await acme.get(q('email_address:"PETER@initech.com" sort:-contacts,-created'));
    expect(names(res.body)).toEqual(['Initech']);
    expect(res.body.total_results).toBe(1);
    const mixed = await acme.get(q('email_address:"michael.bolton@initech.com"'));
    expect(names(mixed.body)).toEqual(['Initech']);
  });

  it('answers the recorded empty shape when nothing matches', async () => {
    const res = await acme.get(q('email_address:"nobody@nowhere.example"'));
    expect(res.body).toEqual({ has_more: false, total_results: 0, data: [] });
  });

  it('matches plain words and OR', async () => {
    expect(names((await acme.get(q('umbrella'))).body)).toEqual(['Umbrella Corp']);
    const either = await acme.get(q('Hooli OR Vandelay'));
    expect(names(either.body).sort()).toEqual(['Hooli', 'Vandelay Industries']);
  });

  it('lenient: matches a domain with url: (host or subdomain) and email_address: without a local part', async () => {
    fake.setMode('lenient');
    expect(names((await acme.get(q('url:hooli.xyz'))).body)).toEqual(['Hooli']);
    expect(names((await acme.get(q('email_address:massivedynamic.com'))).body)).toEqual([
      'Massive Dynamic',
    ]);
  });

  it('sorts by sort: keys', async () => {
    const res = await acme.get(q('sort:-contacts', '&_limit=1'));
    expect(names(res.body)).toEqual(['Initech']);
    const byName = await acme.get(q('sort:name', '&_fields=name'));
    const list = byName.body.data.map((l: AnyJson) => l.name ?? '');
    expect(list).toEqual(
      [...list].sort((a: string, b: string) => a.toLowerCase().localeCompare(b.toLowerCase())),
    );
  });

  it('only searches the organization of the key', async () => {
    const globex = await api(fake, KEYS.globex).get(q('email_address:"peter@initech.com"'));
    expect(names(globex.body)).toEqual(['Initech UK']);
  });
});
