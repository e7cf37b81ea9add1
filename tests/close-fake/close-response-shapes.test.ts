// Compares the fake's answers with Close-shaped responses: our own fixtures (the recordings' keys,
// nesting, types and formats) always, and real recorded responses when CLOSE_RECORDED_DIR names them.
// Every key Close sent must be present with a compatible type, except what is known to have changed.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IDS, KEYS } from '@/tests/close-fake/known-ids.ts';
import { type CloseFake, startCloseFake } from '@/tests/close-fake/server.ts';
import { type AnyJson, api } from '@/tests/close-fake/test-support.ts';
import { exchange, SOURCES } from '@/tests/support/close-responses.ts';

interface Recording {
  request: { method: string; url: string; body: unknown };
  response: { status: number; headers: Record<string, string>; body: AnyJson };
}

/** Keys known to have changed since the recordings. */
const CHANGED = new Set([
  'custom', // deprecated dict keyed by field name (§3.1); the fake only emits custom.cf_* keys
]);

function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/** Lists differences: keys missing in `actual`, or present with an incompatible type (null is compatible). */
function shapeDiff(expected: AnyJson, actual: AnyJson, path = ''): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(expected as Record<string, AnyJson>)) {
    if (CHANGED.has(key)) continue;
    // Legacy custom field ids (lcf_) name fields of the recorded organization, not ours.
    if (key.startsWith('custom.')) continue;
    const here = `${path}${key}`;
    if (!(key in actual)) {
      problems.push(`missing ${here}`);
      continue;
    }
    const a = actual[key];
    if (value === null || a === null) continue;
    if (kind(value) !== kind(a)) {
      problems.push(`${here}: recorded ${kind(value)}, fake ${kind(a)}`);
      continue;
    }
    if (kind(value) === 'object') problems.push(...shapeDiff(value, a, `${here}.`));
    if (kind(value) === 'array' && value.length && a.length && kind(value[0]) === 'object') {
      problems.push(...shapeDiff(value[0], a[0], `${here}[0].`));
    }
  }
  return problems;
}

let fake: CloseFake;
let acme: ReturnType<typeof api>;
beforeAll(async () => {
  fake = await startCloseFake();
  acme = api(fake, KEYS.acme);
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

for (const source of SOURCES) {
  const recorded = (name: string) => exchange(source, name) as Recording;

  describe(`Close responses (${source.label}) vs the fake`, () => {
    it('get_lead: same keys, nested contacts and opportunities included', async () => {
      const rec = recorded('get_lead');
      const res = await acme.get(`/lead/${IDS.leads.initech}/`);
      expect(res.status).toBe(rec.response.status);
      expect(shapeDiff(rec.response.body, res.body)).toEqual([]);
    });

    it('find_leads (GET /lead/?query=a OR b): same envelope and lead shape', async () => {
      const rec = recorded('find_leads');
      const res = await acme.get(`/lead/?query=${encodeURIComponent('Hooli OR Vandelay')}`);
      expect(Object.keys(res.body).sort()).toEqual(Object.keys(rec.response.body).sort());
      expect(res.body.total_results).toBe(2);
      expect(shapeDiff(rec.response.body, res.body)).toEqual([]);
    });

    it('find_leads_empty: identical body', async () => {
      const rec = recorded('find_leads_empty');
      const res = await acme.get(`/lead/?query=${encodeURIComponent('zzzz-no-such-lead')}`);
      expect(res.body).toEqual(rec.response.body);
    });

    it('get_lead_statuses: same envelope and item keys', async () => {
      const rec = recorded('get_lead_statuses');
      const res = await acme.get('/status/lead/');
      expect(Object.keys(res.body).sort()).toEqual(Object.keys(rec.response.body).sort());
      expect(Object.keys(res.body.data[0]).sort()).toEqual(
        Object.keys(rec.response.body.data[0]).sort(),
      );
    });

    it('get_opportunity_statuses: same keys (plus pipeline_id/pipeline_name added since)', async () => {
      const rec = recorded('get_opportunity_statuses');
      const res = await acme.get('/status/opportunity/');
      expect(shapeDiff(rec.response.body, res.body)).toEqual([]);
      expect(res.body.data[0]).toHaveProperty('pipeline_id');
    });

    it('create_note: every recorded key is present', async () => {
      const rec = recorded('create_note');
      const res = await acme.post('/activity/note/', {
        ...(rec.request.body as object),
        lead_id: IDS.leads.initech,
      });
      expect(res.status).toBe(rec.response.status);
      expect(shapeDiff(rec.response.body, res.body)).toEqual([]);
      expect(res.body.note).toBe(rec.response.body.note);
    });

    it('create_lead_error: identical 400 body', async () => {
      const rec = recorded('create_lead_error');
      const res = await acme.post('/lead/', rec.request.body);
      expect(res.status).toBe(400);
      expect(res.body).toEqual(rec.response.body);
    });

    it('get_lead_unknown / get_opportunity_unknown: identical 404 bodies', async () => {
      for (const name of ['get_lead_unknown', 'get_opportunity_unknown']) {
        const rec = recorded(name);
        const path = new URL(rec.request.url).pathname.replace('/api/v1', '');
        const res = await acme.get(path);
        expect(res.status).toBe(404);
        expect(res.body).toEqual(rec.response.body);
      }
    });

    it('get_lead_custom_field_unknown: identical 404 body on the singular path', async () => {
      const rec = recorded('get_lead_custom_field_unknown');
      const res = await acme.get('/custom_field/lead/quux/');
      expect(res.body).toEqual(rec.response.body);
    });

    it('get_lead_invalid_key: identical 401 body', async () => {
      const rec = recorded('get_lead_invalid_key');
      const res = await api(fake, 'api_not_a_key').get(`/lead/${IDS.leads.initech}/`);
      expect(res.status).toBe(401);
      expect(res.body).toEqual(rec.response.body);
    });

    it('create_task_with_invalid_lead: notes answer an unknown lead with the same body', async () => {
      const rec = recorded('create_task_with_invalid_lead');
      const res = await acme.post('/activity/note/', { lead_id: 'wibble', note: 'x' });
      expect(res.body).toEqual(rec.response.body);
    });

    it('create_contact: a GB organization turns "1234" into +441234 like the recording', async () => {
      const rec = recorded('create_contact');
      const body = { ...(rec.request.body as object), lead_id: IDS.leads.globexTyrell };
      const res = await api(fake, KEYS.globex).post('/contact/', body);
      expect(shapeDiff(rec.response.body, res.body)).toEqual([]);
      expect(res.body.phones[0].phone).toBe(rec.response.body.phones[0].phone);
      expect(res.body.phones[0].phone_formatted).toBe(rec.response.body.phones[0].phone_formatted);
    });

    it('get_contact, get_opportunity, get_lead_custom_field: every recorded key is present', async () => {
      const pairs: [string, string][] = [
        ['get_contact', `/contact/${IDS.contacts.peter}/`],
        ['get_opportunity', `/opportunity/${IDS.opportunities.initechPlatform}/`],
        ['get_lead_custom_field', `/custom_field/lead/${IDS.customFields.industry}/`],
      ];
      for (const [name, path] of pairs) {
        const res = await acme.get(path);
        expect(shapeDiff(recorded(name).response.body, res.body), name).toEqual([]);
      }
    });

    it('find_opportunities: same aggregates envelope', async () => {
      const rec = recorded('find_opportunities');
      const res = await acme.get('/opportunity/');
      expect(Object.keys(res.body).sort()).toEqual(Object.keys(rec.response.body).sort());
      expect(shapeDiff(rec.response.body, res.body)).toEqual([]);
    });

    it('find_activities: Created and Call items carry the recorded keys', async () => {
      const rec = recorded('find_activities');
      const res = await acme.get(`/activity/?lead_id=${IDS.leads.initech}`);
      for (const type of ['Created', 'Call']) {
        const want = rec.response.body.data.find((a: AnyJson) => a._type === type);
        const got = res.body.data.find((a: AnyJson) => a._type === type);
        const missing = shapeDiff(want, got).filter(
          // Power-dialer internals of Close's own calling (not part of logged external calls).
          (p) =>
            !/transferred|forwarded|is_joinable|coach_legs|recording_expires_at|is_to_group_number|dialer_saved_search_id|date_answered/.test(
              p,
            ),
        );
        expect(missing, type).toEqual([]);
      }
    });

    it('create_sms_activity and create_email_activity: every recorded key is present', async () => {
      const sms = recorded('create_sms_activity');
      const smsRes = await acme.post('/activity/sms/', {
        ...(sms.request.body as object),
        lead_id: IDS.leads.initech,
        contact_id: IDS.contacts.peter,
      });
      expect(shapeDiff(sms.response.body, smsRes.body)).toEqual([]);
      expect(smsRes.body.remote_phone_formatted).toBe(sms.response.body.remote_phone_formatted);
      const email = recorded('create_email_activity');
      const emailRes = await acme.post('/activity/email/', {
        ...(email.request.body as object),
        lead_id: IDS.leads.initech,
        contact_id: IDS.contacts.peter,
      });
      expect(shapeDiff(email.response.body, emailRes.body)).toEqual([]);
    });
  });
}
