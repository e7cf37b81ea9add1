import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IDS, KEYS } from '@/tests/close-fake/known-ids.ts';
import { type CloseFake, startCloseFake } from '@/tests/close-fake/server.ts';
import { api, basic } from '@/tests/close-fake/test-support.ts';

let fake: CloseFake;
beforeAll(async () => {
  fake = await startCloseFake();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

describe('authentication', () => {
  it('rejects a request without Authorization with 401 and a single error string', async () => {
    const res = await api(fake, null).get('/me/');
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(Object.keys(res.body)).toEqual(['error']);
    expect(typeof res.body.error).toBe('string');
  });

  it('rejects an unknown key with the same 401 shape', async () => {
    const res = await api(fake, 'api_wrong_key').get(`/lead/${IDS.leads.initech}/`);
    expect(res.status).toBe(401);
    expect(res.body.error).toMatch(/could not verify that you are authorized/);
  });

  it('takes the key as the Basic username and ignores the password', async () => {
    const res = await api(fake, null).get('/me/', { Authorization: basic(KEYS.acme, 'X') });
    expect(res.status).toBe(200);
    expect(res.body.first_name).toBe('Ada');
  });

  it('accepts the key as an OAuth-style Bearer token', async () => {
    const res = await api(fake, null).get('/me/', { Authorization: `Bearer ${KEYS.acme}` });
    expect(res.status).toBe(200);
  });

  it('logs every request with its Authorization header', async () => {
    await api(fake).get('/me/');
    await api(fake, null).get('/me/');
    expect(fake.requests.map((r) => [r.method, r.path, r.status, r.group])).toEqual([
      ['GET', '/api/v1/me/', 200, 'me'],
      ['GET', '/api/v1/me/', 401, 'me'],
    ]);
    expect(fake.requests[0]?.headers.authorization).toBe(basic(KEYS.acme));
    fake.clearRequests();
    expect(fake.requests).toHaveLength(0);
  });
});

describe('GET /me/', () => {
  it('returns the user, full organization objects and memberships', async () => {
    const { status, body } = await api(fake).get('/me/');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: IDS.users.ada,
      first_name: 'Ada',
      last_name: 'Lovelace',
      email: 'ada@acme-sales.example',
    });
    const acme = body.organizations[0];
    expect(acme.id).toBe(IDS.orgs.acme);
    expect(acme.name).toBe('Acme Sales');
    expect(acme.lead_statuses.map((s: { label: string }) => s.label)).toEqual([
      'Potential',
      'Qualified',
      'Customer',
      'Bad Fit',
    ]);
    expect(acme.pipelines.map((p: { name: string }) => p.name)).toEqual(['Sales', 'Renewals']);
    expect(acme.pipelines[0].statuses[0]).toEqual({
      id: IDS.opportunityStatuses.discovery,
      label: 'Discovery',
      type: 'active',
    });
    const membershipOrgs = body.memberships.map(
      (m: { organization_id: string }) => m.organization_id,
    );
    expect(membershipOrgs).toContain(IDS.orgs.acme);
    for (const m of body.memberships) expect(m.user_id).toBe(IDS.users.ada);
  });

  it("puts the key's organization first, so organizations[0] is where the key works", async () => {
    const acme = await api(fake, KEYS.acme).get('/me/');
    const globex = await api(fake, KEYS.globex).get('/me/');
    expect(acme.body.id).toBe(globex.body.id);
    expect(acme.body.organizations.map((o: { name: string }) => o.name)).toEqual([
      'Acme Sales',
      'Globex Partners',
    ]);
    expect(globex.body.organizations[0].name).toBe('Globex Partners');
    expect(
      globex.body.organizations[0].lead_statuses.map((s: { label: string }) => s.label),
    ).toEqual(['New', 'Contacted', 'Partner']);
  });

  it('lists only the organizations the user belongs to', async () => {
    const { body } = await api(fake, KEYS.acmeGrace).get('/me/');
    expect(body.first_name).toBe('Grace');
    expect(body.organizations.map((o: { id: string }) => o.id)).toEqual([IDS.orgs.acme]);
  });

  it('honours _fields', async () => {
    const { body } = await api(fake).get('/me/?_fields=id,email');
    expect(body).toEqual({ id: IDS.users.ada, email: 'ada@acme-sales.example' });
  });
});

describe('/user/ and /organization/', () => {
  it("lists the organization's users with organizations as id strings", async () => {
    const { body } = await api(fake).get('/user/');
    expect(body.data.map((u: { first_name: string }) => u.first_name)).toEqual(['Ada', 'Grace']);
    expect(body.data[0].organizations).toEqual([IDS.orgs.acme, IDS.orgs.globex]);
  });

  it('returns the key organization and 404s for another one', async () => {
    const own = await api(fake).get(
      `/organization/${IDS.orgs.acme}/?_fields=id,name,lead_statuses`,
    );
    expect(own.body.name).toBe('Acme Sales');
    expect(Object.keys(own.body).sort()).toEqual(['id', 'lead_statuses', 'name']);
    const other = await api(fake).get(`/organization/${IDS.orgs.globex}/`);
    expect(other.status).toBe(404);
  });
});
