import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { todayIn } from '@/tests/close-fake/ids.ts';
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

const O = IDS.opportunities;
const S = IDS.opportunityStatuses;
const ids = (body: AnyJson) => body.data.map((o: AnyJson) => o.id).sort();

describe('GET /opportunity/{id}/', () => {
  it('derives expected, annualized and formatted values from cents', async () => {
    const { body } = await acme.get(`/opportunity/${O.initechSupport}/`);
    expect(body).toMatchObject({
      value: 50000,
      value_period: 'monthly',
      value_currency: 'USD',
      value_formatted: '$500 monthly',
      confidence: 80,
      expected_value: 40000,
      annualized_value: 600000,
      annualized_expected_value: 480000,
      status_type: 'active',
      status_label: 'Renewal Due',
      pipeline_id: IDS.pipelines.renewals,
      pipeline_name: 'Renewals',
      lead_name: 'Initech',
      contact_name: 'Peter Gibbons',
      user_name: 'Grace Hopper',
      date_won: null,
    });
  });

  it('formats other currencies and one-time values', async () => {
    const eur = (await acme.get(`/opportunity/${O.umbrellaResearch}/`)).body;
    expect(eur.value_currency).toBe('EUR');
    expect(eur.value_formatted).toBe('€45,000 annually');
    const won = (await acme.get(`/opportunity/${O.hooliWon}/`)).body;
    expect(won.value_formatted).toBe('$250,000');
    expect(won.date_won).toBe('2024-03-15');
    expect(won.status_type).toBe('won');
  });

  it("404s with Close's text", async () => {
    const res = await acme.get('/opportunity/wobble/');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'Empty query: Opportunity matching query does not exist.' });
  });
});

describe('GET /opportunity/ filters and aggregates', () => {
  it('filters by lead_id', async () => {
    const { body } = await acme.get(`/opportunity/?lead_id=${IDS.leads.initech}`);
    expect(ids(body)).toEqual([O.initechPlatform, O.initechSupport].sort());
    expect(body.total_results).toBe(2);
  });

  it('filters by status_type and status_type__in', async () => {
    expect(ids((await acme.get('/opportunity/?status_type=won')).body)).toEqual(
      [O.hooliWon, O.soylentRenewed].sort(),
    );
    expect(ids((await acme.get('/opportunity/?status_type__in=won,lost')).body)).toEqual(
      [O.hooliWon, O.hooliLost, O.soylentRenewed].sort(),
    );
  });

  it('filters by status_id, user_id and date ranges', async () => {
    expect(ids((await acme.get(`/opportunity/?status_id=${S.proposalSent}`)).body)).toEqual([
      O.initechPlatform,
    ]);
    const grace = (await acme.get(`/opportunity/?user_id=${IDS.users.grace}`)).body;
    expect(grace.data.every((o: AnyJson) => o.user_id === IDS.users.grace)).toBe(true);
    expect(grace.data.length).toBeGreaterThan(0);
    const won = (await acme.get('/opportunity/?date_won__gte=2024-03-01&date_won__lt=2024-04-01'))
      .body;
    expect(ids(won)).toEqual([O.hooliWon]);
    const recent = (await acme.get('/opportunity/?date_created__gte=2024-05-01')).body;
    for (const o of recent.data) expect(o.date_created >= '2024-05-01').toBe(true);
    expect(recent.data.length).toBe(3);
  });

  it('aggregates over all matches, independent of paging', async () => {
    const { body } = await acme.get('/opportunity/?_limit=1');
    const all = (await acme.get('/opportunity/')).body.data as AnyJson[];
    expect(body.data).toHaveLength(1);
    expect(body.has_more).toBe(true);
    expect(body.total_results).toBe(all.length);
    const oneTime = all.filter((o) => o.value_period === 'one_time');
    expect(body.count_by_value_period.one_time).toBe(oneTime.length);
    expect(body.total_value_one_time).toBe(oneTime.reduce((s, o) => s + o.value, 0));
    expect(body.expected_value_annualized).toBe(
      all.reduce((s, o) => s + o.annualized_expected_value, 0),
    );
    expect(body.total_value_one_time_formatted).toMatch(/^\$[\d,]+(\.\d\d)?$/);
  });

  it('orders with _order_by', async () => {
    const { body } = await acme.get('/opportunity/?_order_by=-value');
    const values = body.data.map((o: AnyJson) => o.value);
    expect(values).toEqual([...values].sort((a: number, b: number) => b - a));
  });
});

describe('POST/PUT/DELETE /opportunity/', () => {
  it("creates in the pipeline's first status and reports cents", async () => {
    const res = await acme.post('/opportunity/', {
      lead_id: IDS.leads.cyberdyne,
      pipeline_id: IDS.pipelines.renewals,
      value: 123456,
      value_period: 'annual',
      confidence: 50,
      note: 'Renewal',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status_id: S.renewalDue,
      value_formatted: '$1,234.56 annually',
      expected_value: 61728,
      lead_name: 'Cyberdyne Systems',
      user_id: IDS.users.ada,
    });
  });

  it('creates an "Untitled" lead when lead_id is omitted', async () => {
    const res = await acme.post('/opportunity/', { value: 100 });
    expect(res.status).toBe(200);
    const lead = (await acme.get(`/lead/${res.body.lead_id}/`)).body;
    expect(lead.display_name).toBe('Untitled');
    expect(lead.opportunities.map((o: AnyJson) => o.id)).toEqual([res.body.id]);
  });

  it('rejects unknown leads, statuses outside the pipeline and bad values', async () => {
    const lead = await acme.post('/opportunity/', { lead_id: 'wibble' });
    expect(lead.body).toEqual({ errors: [], 'field-errors': { lead: 'Object does not exist.' } });
    const mismatch = await acme.post('/opportunity/', {
      lead_id: IDS.leads.initech,
      pipeline_id: IDS.pipelines.sales,
      status_id: S.renewed,
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body['field-errors']).toHaveProperty('status');
    const bad = await acme.post('/opportunity/', {
      lead_id: IDS.leads.initech,
      value: '12.5',
      confidence: 150,
    });
    expect(Object.keys(bad.body['field-errors']).sort()).toEqual(['confidence', 'value']);
    const foreign = await acme.post('/opportunity/', {
      lead_id: IDS.leads.initech,
      status_id: S.globexSigned,
    });
    expect(foreign.status).toBe(400);
  });

  it('sets date_won to today (x-tz-offset) when moved to a won status, and keeps it when moved back', async () => {
    const won = await acme.call(
      'PUT',
      `/opportunity/${O.initechPlatform}/`,
      { status_id: S.won },
      { 'x-tz-offset': '-11' },
    );
    expect(won.body.status_type).toBe('won');
    expect(won.body.date_won).toBe(todayIn(-11));
    const back = await acme.put(`/opportunity/${O.initechPlatform}/`, {
      status_id: S.proposalSent,
    });
    expect(back.body.date_won).toBe(todayIn(-11));
    const changes = await acme.get(
      `/activity/status_change/opportunity/?lead_id=${IDS.leads.initech}`,
    );
    expect(changes.body.data.map((a: AnyJson) => a.new_status_label)).toEqual([
      'Proposal Sent',
      'Won',
    ]);
  });

  it('patches only the fields sent and keeps note/note_html in sync', async () => {
    const res = await acme.put(`/opportunity/${O.cyberdyneDemo}/`, {
      note_html: '<p>Big <b>deal</b></p>',
    });
    expect(res.body.note_html).toBe('<body><p>Big <b>deal</b></p></body>');
    expect(res.body.note).toBe('Big deal');
    expect(res.body.value).toBe(7500000);
  });

  it('deletes with {}', async () => {
    expect((await acme.del(`/opportunity/${O.hooliLost}/`)).body).toEqual({});
    expect((await acme.get(`/opportunity/${O.hooliLost}/`)).status).toBe(404);
  });
});
