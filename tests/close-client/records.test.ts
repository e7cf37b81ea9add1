// Leads, contacts and opportunities against the fake: every operation with typed input and output.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type CloseFake,
  HOOLI,
  httpFor,
  INITECH,
  seen,
  startCloseFake,
} from '@/tests/close-client/support';
import {
  createContact,
  getContact,
  listContacts,
  searchContacts,
  updateContact,
} from '@/utils/close/contacts';
import {
  CloseNotFoundError,
  CloseSearchRefusedError,
  CloseValidationError,
} from '@/utils/close/errors';
import { createLead, getLead, listLeads, searchLeads, updateLead } from '@/utils/close/leads';
import {
  createOpportunity,
  getOpportunity,
  listOpportunities,
  searchOpportunities,
  updateOpportunity,
} from '@/utils/close/opportunities';

let fake: CloseFake;
beforeAll(async () => {
  fake = await startCloseFake();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const QUALIFIED = 'stat_acmeLeadQualified00000000000000000000000000';
const INDUSTRY = 'cf_acmeIndustry0000000000000000000000000000000';

describe('leads', () => {
  it('lists a page with has_more, honouring _limit and _skip', async () => {
    const http = httpFor(fake);
    const first = await listLeads(http, { limit: 5 });
    expect(first.data).toHaveLength(5);
    expect(first.hasMore).toBe(true);
    const rest = await listLeads(http, { limit: 5, skip: 5 });
    expect(rest.data).toHaveLength(4);
    expect(rest.hasMore).toBe(false);
    expect(new Set([...first.data, ...rest.data].map((l) => l.id)).size).toBe(9);
  });

  it('never asks for more than 100 leads a page', async () => {
    await listLeads(httpFor(fake), { limit: 5_000 });
    expect(fake.requests[0]?.query._limit).toBe('100');
    expect(fake.requests[0]?.status).toBe(200);
  });

  it('filters with the legacy query', async () => {
    const page = await listLeads(httpFor(fake), { query: 'email_address:"gavin@hooli.xyz"' });
    expect(page.data.map((l) => l.id)).toEqual([HOOLI]);
    expect(page.totalResults).toBe(1);
  });

  it('gets a lead with contacts, custom fields and opportunities', async () => {
    const lead = await getLead(httpFor(fake), INITECH);
    expect(lead).toMatchObject({
      name: 'Initech',
      url: 'https://initech.com',
      statusLabel: 'Qualified',
    });
    expect(lead.contacts.map((c) => c.name)).toContain('Peter Gibbons');
    expect(lead.custom[INDUSTRY]).toBe('Software');
    expect(lead.opportunities?.length).toBe(2);
  });

  it('answers not found for an unknown lead', async () => {
    await expect(getLead(httpFor(fake), 'lead_nope')).rejects.toBeInstanceOf(CloseNotFoundError);
  });

  it('searches with /data/search/ by name, address and domain', async () => {
    const http = httpFor(fake);
    expect((await searchLeads(http, { text: 'Initech' })).data.map((l) => l.name)).toEqual([
      'Initech',
    ]);
    expect((await searchLeads(http, { text: 'art@vandelay.com' })).data.map((l) => l.name)).toEqual(
      ['Vandelay Industries'],
    );
    expect((await searchLeads(http, { text: 'hooli.xyz' })).data.map((l) => l.name)).toEqual([
      'Hooli',
    ]);
    expect(seen(fake).every((r) => r === 'POST /data/search/')).toBe(true);
  });

  it('falls back to the legacy query only when /data/search/ is unavailable (403, 404)', async () => {
    for (const status of [403, 404]) {
      fake.clearRequests();
      fake.failNext({ path: '/data/search/', status });
      const page = await searchLeads(httpFor(fake), { text: 'art@vandelay.com' });
      expect(page.data.map((l) => l.name)).toEqual(['Vandelay Industries']);
      expect(seen(fake)).toEqual(['POST /data/search/', 'GET /lead/']);
      expect(fake.requests[1]?.query.query).toBe('email_address:"art@vandelay.com" sort:created');
    }
  });

  it('says Close refused the search on a 400, keeps the details, and asks no other way', async () => {
    fake.failNext({ path: '/data/search/', status: 400 });
    const error = await searchLeads(httpFor(fake), { text: 'art@vandelay.com' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CloseSearchRefusedError);
    const app = (error as CloseSearchRefusedError).toAppError();
    expect(app.message).toMatch(/^Close refused the search: /);
    expect(app.details).toContain('"object_type":"lead"');
    expect(seen(fake)).toEqual(['POST /data/search/']);
  });

  it('finds a lead whose url was typed as http://www.<domain>/ by its domain', async () => {
    const http = httpFor(fake);
    const created = await createLead(http, { name: 'Typed Url', url: 'http://www.typed.example/' });
    const found = await searchLeads(http, { text: 'typed.example' });
    expect(found.data.map((l) => l.id)).toEqual([created.id]);
  });

  it('creates a lead with nested contacts and custom fields', async () => {
    const http = httpFor(fake);
    const lead = await createLead(http, {
      name: 'Stark Industries',
      url: 'https://stark.example',
      description: 'Found on their site',
      statusId: QUALIFIED,
      custom: { [INDUSTRY]: 'Manufacturing' },
      contacts: [
        {
          name: 'Pepper Potts',
          title: 'CEO',
          emails: [{ email: 'pepper@stark.example' }],
          phones: [{ phone: '+12125550100', type: 'mobile' }],
        },
      ],
    });
    expect(lead).toMatchObject({
      name: 'Stark Industries',
      statusId: QUALIFIED,
      statusLabel: 'Qualified',
    });
    expect(lead.custom[INDUSTRY]).toBe('Manufacturing');
    expect(lead.contacts[0]).toMatchObject({
      name: 'Pepper Potts',
      emails: [{ email: 'pepper@stark.example', type: 'office' }],
      phones: [{ phone: '+12125550100', type: 'mobile' }],
    });
    expect((await getLead(http, lead.id)).contacts).toHaveLength(1);
  });

  it('reports Close’s field errors for an invalid lead', async () => {
    const error = await createLead(httpFor(fake), { name: 'X', statusId: 'stat_nope' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CloseValidationError);
    const app = (error as CloseValidationError).toAppError();
    expect(app.kind).toBe('validation');
    expect(Object.keys(app.fieldErrors ?? {})).not.toHaveLength(0);
  });

  it('updates name, url, description, status and custom fields', async () => {
    const updated = await updateLead(httpFor(fake), HOOLI, {
      name: 'Hooli XYZ',
      url: 'https://hooli.example',
      description: 'Renamed',
      statusId: QUALIFIED,
      custom: { [INDUSTRY]: 'Finance' },
    });
    expect(updated).toMatchObject({
      name: 'Hooli XYZ',
      url: 'https://hooli.example',
      description: 'Renamed',
      statusLabel: 'Qualified',
    });
    expect(updated.custom[INDUSTRY]).toBe('Finance');
  });
});

describe('contacts', () => {
  it('lists the contacts of a lead', async () => {
    const page = await listContacts(httpFor(fake), { leadId: INITECH });
    expect(page.data.map((c) => c.name).sort()).toEqual([
      'Bill Lumbergh',
      'Michael Bolton',
      'Milton Waddams',
      'Peter Gibbons',
    ]);
    expect(page.data.every((c) => c.leadId === INITECH)).toBe(true);
  });

  it('lists by query through search', async () => {
    const page = await listContacts(httpFor(fake), { query: 'Wesker' });
    expect(page.data.map((c) => c.name)).toEqual(['Albert Wesker']);
  });

  it('gets one contact', async () => {
    const [first] = (await listContacts(httpFor(fake), { leadId: HOOLI })).data;
    const contact = await getContact(httpFor(fake), first?.id ?? '');
    expect(contact).toMatchObject({ name: 'Gavin Belson', leadId: HOOLI });
  });

  it('searches by exact address (any case) and by name', async () => {
    const http = httpFor(fake);
    const byEmail = await searchContacts(http, { text: 'michael.bolton@initech.com' });
    expect(byEmail.data.map((c) => c.name)).toEqual(['Michael Bolton']);
    const byName = await searchContacts(http, { text: 'Nina Sharp' });
    expect(byName.data.map((c) => c.emails[0]?.email)).toEqual(['nina@massivedynamic.com']);
  });

  it('creates a contact on an existing lead', async () => {
    const http = httpFor(fake);
    const contact = await createContact(http, {
      leadId: HOOLI,
      name: 'Richard Hendricks',
      title: 'Engineer',
      emails: [{ email: 'richard@hooli.xyz' }],
      phones: [{ phone: '+14155550123' }],
    });
    expect(contact).toMatchObject({ leadId: HOOLI, name: 'Richard Hendricks', title: 'Engineer' });
    expect((await listContacts(http, { leadId: HOOLI })).data).toHaveLength(2);
  });

  it('creates a contact as a new lead named after it', async () => {
    const http = httpFor(fake);
    const contact = await createContact(http, {
      name: 'Dana Scully',
      emails: [{ email: 'dana@fbi.example' }],
    });
    const lead = await getLead(http, contact.leadId);
    expect(lead.name).toBe('Dana Scully');
    expect(lead.contacts.map((c) => c.id)).toEqual([contact.id]);
  });

  it('updates name, title, emails and phones', async () => {
    const http = httpFor(fake);
    const [gavin] = (await listContacts(http, { leadId: HOOLI })).data;
    const updated = await updateContact(http, gavin?.id ?? '', {
      name: 'Gavin B.',
      title: 'Former CEO',
      emails: [{ email: 'gavin@belson.example', type: 'home' }],
      phones: [{ phone: '+14155550199', type: 'mobile' }],
    });
    expect(updated).toMatchObject({
      name: 'Gavin B.',
      title: 'Former CEO',
      emails: [{ email: 'gavin@belson.example', type: 'home' }],
      phones: [{ phone: '+14155550199', type: 'mobile' }],
    });
  });
});

describe('opportunities', () => {
  const WON = 'stat_acmeOppWon000000000000000000000000000000000';
  const PROPOSAL = 'stat_acmeOppProposalSent000000000000000000000000';

  it('lists a lead’s opportunities with total_results and pipeline names', async () => {
    const page = await listOpportunities(httpFor(fake), { leadId: INITECH });
    expect(page.totalResults).toBe(2);
    expect(page.data.map((o) => o.pipelineName).sort()).toEqual(['Renewals', 'Sales']);
    const all = await listOpportunities(httpFor(fake), { limit: 2 });
    expect(all.data).toHaveLength(2);
    expect(all.hasMore).toBe(true);
    expect(all.totalResults).toBeGreaterThan(2);
  });

  it('gets one opportunity in cents with its expected value', async () => {
    const opp = await getOpportunity(
      httpFor(fake),
      'oppo_initechPlatform0000000000000000000000000000',
    );
    expect(opp).toMatchObject({
      value: 1200000,
      confidence: 60,
      expectedValue: 720000,
      statusLabel: 'Proposal Sent',
    });
  });

  it('searches opportunities', async () => {
    const page = await searchOpportunities(httpFor(fake), { text: 'TPS' });
    expect(page.data.map((o) => o.id)).toContain(
      'oppo_initechPlatform0000000000000000000000000000',
    );
  });

  it('takes an empty opportunity search as the answer; a refused one is an error, not re-tried', async () => {
    const http = httpFor(fake);
    expect((await searchOpportunities(http, { text: 'no such words' })).data).toEqual([]);
    expect(seen(fake)).toEqual(['GET /opportunity/']);
    fake.clearRequests();
    fake.failNext({ method: 'GET', path: '/opportunity/', status: 400 });
    await expect(searchOpportunities(http, { text: 'Initech' })).rejects.toThrow();
    expect(fake.requests.map((r) => r.query.query)).toEqual(['Initech']);
  });

  it('never sends value_currency (not a documented input) and shows the currency Close returns', async () => {
    const http = httpFor(fake);
    const created = await createOpportunity(http, {
      leadId: HOOLI,
      value: 5000,
      note: 'no currency',
    });
    await updateOpportunity(http, created.id, { value: 6000 });
    const bodies = fake.requests
      .filter((r) => r.method !== 'GET')
      .map((r) => r.body as Record<string, unknown>);
    expect(bodies).toHaveLength(2);
    for (const body of bodies) expect(body).not.toHaveProperty('value_currency');
    // Close's organization currency (the fake: Acme is USD).
    expect(created.valueCurrency).toBe('USD');
  });

  it('creates and updates status, confidence, value, currency, period, note and contact', async () => {
    const http = httpFor(fake);
    const [gavin] = (await listContacts(http, { leadId: HOOLI })).data;
    const created = await createOpportunity(http, {
      leadId: HOOLI,
      statusId: PROPOSAL,
      value: 990000,
      valuePeriod: 'annual',
      confidence: 40,
      note: 'Box 3 upgrade',
    });
    expect(created).toMatchObject({
      leadId: HOOLI,
      value: 990000,
      valuePeriod: 'annual',
      confidence: 40,
    });
    const updated = await updateOpportunity(http, created.id, {
      statusId: WON,
      confidence: 100,
      value: 1_000_000,
      valuePeriod: 'monthly',
      note: 'Signed',
      contactId: gavin?.id ?? null,
    });
    expect(updated).toMatchObject({
      statusType: 'won',
      confidence: 100,
      value: 1_000_000,
      valuePeriod: 'monthly',
      note: 'Signed',
      contactId: gavin?.id,
    });
    expect(updated.dateWon).not.toBeNull();
  });
});
