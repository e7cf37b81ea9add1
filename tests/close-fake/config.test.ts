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

describe('/status/lead/', () => {
  it("lists the organization's lead statuses in order, without a type", async () => {
    const { body } = await acme.get('/status/lead/');
    expect(body.has_more).toBe(false);
    expect(body.data.map((s: AnyJson) => s.label)).toEqual([
      'Potential',
      'Qualified',
      'Customer',
      'Bad Fit',
    ]);
    expect(body.data[0]).toEqual({
      id: IDS.leadStatuses.potential,
      label: 'Potential',
      organization_id: IDS.orgs.acme,
    });
    const globex = await api(fake, KEYS.globex).get('/status/lead/');
    expect(globex.body.data.map((s: AnyJson) => s.label)).toEqual(['New', 'Contacted', 'Partner']);
  });

  it('creates, renames and deletes a status', async () => {
    const created = await acme.post('/status/lead/', { label: 'Nurture' });
    expect(created.body.label).toBe('Nurture');
    const renamed = await acme.put(`/status/lead/${created.body.id}/`, { label: 'Nurturing' });
    expect(renamed.body.label).toBe('Nurturing');
    const lead = await acme.post('/lead/', { name: 'N', status: 'Nurturing' });
    expect(lead.body.status_label).toBe('Nurturing');
    expect((await acme.del(`/status/lead/${created.body.id}/`)).status).toBe(400);
    await acme.del(`/lead/${lead.body.id}/`);
    expect((await acme.del(`/status/lead/${created.body.id}/`)).body).toEqual({});
    expect((await acme.get(`/status/lead/${created.body.id}/`)).status).toBe(404);
  });

  it('renaming a status changes the status_label of its leads', async () => {
    await acme.put(`/status/lead/${IDS.leadStatuses.qualified}/`, { label: 'Sales Qualified' });
    expect((await acme.get(`/lead/${IDS.leads.initech}/`)).body.status_label).toBe(
      'Sales Qualified',
    );
  });
});

describe('/status/opportunity/', () => {
  it('lists statuses with type and pipeline_id', async () => {
    const { body } = await acme.get('/status/opportunity/');
    expect(body.data).toHaveLength(8);
    const pipelines = (await acme.get('/pipeline/')).body.data.map((p: AnyJson) => p.id);
    for (const s of body.data) {
      expect(['active', 'won', 'lost']).toContain(s.type);
      expect(pipelines).toContain(s.pipeline_id);
      expect(s.organization_id).toBe(IDS.orgs.acme);
    }
    expect(body.data.find((s: AnyJson) => s.id === IDS.opportunityStatuses.won)).toMatchObject({
      label: 'Won',
      type: 'won',
      pipeline_id: IDS.pipelines.sales,
    });
  });

  it('validates type and pipeline on create', async () => {
    const bad = await acme.post('/status/opportunity/', {
      label: 'X',
      type: 'maybe',
      pipeline_id: 'pipe_x',
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body['field-errors']).sort()).toEqual(['pipeline', 'type']);
    const ok = await acme.post('/status/opportunity/', {
      label: 'Negotiation',
      type: 'active',
      pipeline_id: IDS.pipelines.sales,
    });
    expect(ok.body).toMatchObject({
      label: 'Negotiation',
      type: 'active',
      pipeline_id: IDS.pipelines.sales,
    });
    const pipeline = (await acme.get(`/pipeline/${IDS.pipelines.sales}/`)).body;
    expect(pipeline.statuses.map((s: AnyJson) => s.label)).toContain('Negotiation');
  });
});

describe('/pipeline/', () => {
  it('lists pipelines with nested statuses (no pipeline_id inside)', async () => {
    const { body } = await acme.get('/pipeline/');
    expect(body.data.map((p: AnyJson) => p.name)).toEqual(['Sales', 'Renewals']);
    expect(body.data[0].statuses.map((s: AnyJson) => s.label)).toEqual([
      'Discovery',
      'Demo Scheduled',
      'Proposal Sent',
      'Won',
      'Lost',
    ]);
    expect(Object.keys(body.data[0].statuses[0]).sort()).toEqual(['id', 'label', 'type']);
  });

  it('creates with 201 and deletes an empty pipeline with 204', async () => {
    const created = await acme.post('/pipeline/', { name: 'Partners' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Partners',
      statuses: [],
      organization_id: IDS.orgs.acme,
    });
    expect(created.body.id).toMatch(/^pipe_[A-Za-z0-9]{22}$/);
    const deleted = await acme.del(`/pipeline/${created.body.id}/`);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect((await acme.get(`/pipeline/${created.body.id}/`)).status).toBe(404);
  });

  it('refuses to delete a pipeline that has statuses', async () => {
    const res = await acme.del(`/pipeline/${IDS.pipelines.renewals}/`);
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveLength(1);
  });

  it('renames and reorders statuses with PUT', async () => {
    const S = IDS.opportunityStatuses;
    const res = await acme.put(`/pipeline/${IDS.pipelines.renewals}/`, {
      name: 'Renewals 2025',
      statuses: [{ id: S.churned }, { id: S.renewed }, { id: S.renewalDue }],
    });
    expect(res.body.name).toBe('Renewals 2025');
    expect(res.body.statuses.map((s: AnyJson) => s.id)).toEqual([
      S.churned,
      S.renewed,
      S.renewalDue,
    ]);
  });
});

describe('/custom_field/lead/', () => {
  it("lists the organization's lead custom fields", async () => {
    const { body } = await acme.get('/custom_field/lead/');
    expect(body.data.map((f: AnyJson) => f.name)).toEqual(['Industry', 'Regions', 'Employees']);
    expect(body.data[1]).toMatchObject({
      type: 'choices',
      accepts_multiple_values: true,
      choices: ['NA', 'EMEA', 'APAC', 'LATAM'],
    });
    const globex = await api(fake, KEYS.globex).get('/custom_field/lead/');
    expect(globex.body.data.map((f: AnyJson) => f.id)).toEqual([
      IDS.customFields.globexTier,
      IDS.customFields.globexManager,
    ]);
  });

  it('gets one and 404s with the recorded text', async () => {
    expect((await acme.get(`/custom_field/lead/${IDS.customFields.industry}/`)).body.name).toBe(
      'Industry',
    );
    const res = await acme.get('/custom_field/lead/quux/');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      error: 'Empty query: LeadCustomField matching query does not exist.',
    });
  });

  it('creates a field that leads can then use', async () => {
    const f = await acme.post('/custom_field/lead/', { name: 'Source', type: 'text' });
    expect(f.body.id).toMatch(/^cf_/);
    const lead = await acme.post('/lead/', {
      name: 'With source',
      [`custom.${f.body.id}`]: 'Webinar',
    });
    expect(lead.body[`custom.${f.body.id}`]).toBe('Webinar');
    const bad = await acme.post('/custom_field/lead/', { name: 'X' });
    expect(bad.body['field-errors']).toEqual({ type: 'This field is required.' });
  });
});
