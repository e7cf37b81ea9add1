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

describe('/contact/', () => {
  it("lists a lead's contacts with ?lead_id=", async () => {
    const { body } = await acme.get(`/contact/?lead_id=${IDS.leads.initech}`);
    expect(body.has_more).toBe(false);
    expect(body.data).toHaveLength(4);
    for (const c of body.data) expect(c.lead_id).toBe(IDS.leads.initech);
  });

  it('returns normalised phones and email objects with is_unsubscribed', async () => {
    const peter = (await acme.get(`/contact/${IDS.contacts.peter}/`)).body;
    expect(peter.phones).toEqual([
      { phone: '+15125550142', phone_formatted: '+1 512-555-0142', country: 'US', type: 'office' },
    ]);
    expect(peter.display_name).toBe('Peter Gibbons');
    const milton = (await acme.get(`/contact/${IDS.contacts.milton}/`)).body;
    expect(milton.emails).toEqual([
      { email: 'milton@initech.com', type: 'office', is_unsubscribed: true },
    ]);
    const bill = (await acme.get(`/contact/${IDS.contacts.bill}/`)).body;
    expect(bill.phones[0].phone).toBe('+15125550199');
  });

  it("creates a contact on a lead and normalises its phone for the organization's country", async () => {
    const res = await acme.post('/contact/', {
      lead_id: IDS.leads.umbrella,
      name: 'Jill Valentine',
      emails: [{ email: 'jill@umbrella-corp.com', type: 'office' }],
      phones: [{ phone: '9045551234', type: 'office' }],
    });
    expect(res.status).toBe(200);
    expect(res.body.phones[0]).toEqual({
      phone: '+19045551234',
      phone_formatted: '+1 904-555-1234',
      country: 'US',
      type: 'office',
    });
    const gb = await api(fake, KEYS.globex).post('/contact/', {
      lead_id: IDS.leads.globexTyrell,
      name: 'Rachael',
      phones: [{ phone: '020 7946 0000', type: 'office' }],
    });
    expect(gb.body.phones[0]).toMatchObject({
      phone: '+442079460000',
      phone_formatted: '+44 20 7946 0000',
      country: 'GB',
    });
  });

  it('creates a lead named after the contact when lead_id is omitted', async () => {
    const res = await acme.post('/contact/', {
      name: 'Solo Person',
      emails: [{ email: 'solo@person.example' }],
    });
    expect(res.status).toBe(200);
    const lead = (await acme.get(`/lead/${res.body.lead_id}/`)).body;
    expect(lead.name).toBe('Solo Person');
    expect(lead.contacts.map((c: AnyJson) => c.id)).toEqual([res.body.id]);
  });

  it('rejects an unknown lead_id with the recorded field error', async () => {
    const res = await acme.post('/contact/', { lead_id: 'wibble', name: 'x' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ errors: [], 'field-errors': { lead: 'Object does not exist.' } });
  });

  it('rejects emails without an address', async () => {
    const res = await acme.post('/contact/', {
      lead_id: IDS.leads.initech,
      emails: [{ type: 'office' }],
    });
    expect(res.status).toBe(400);
    expect(res.body['field-errors'].emails).toEqual({ 0: { email: 'This field is required.' } });
  });

  it('patches with PUT and keeps fields not sent', async () => {
    const res = await acme.put(`/contact/${IDS.contacts.peter}/`, { title: 'Team Lead' });
    expect(res.body.title).toBe('Team Lead');
    expect(res.body.emails[0].email).toBe('peter@initech.com');
  });

  it("deletes with {} and then 404s with Close's text", async () => {
    expect((await acme.del(`/contact/${IDS.contacts.peter}/`)).body).toEqual({});
    const gone = await acme.get(`/contact/${IDS.contacts.peter}/`);
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({ error: 'Empty query: Contact matching query does not exist.' });
  });
});
