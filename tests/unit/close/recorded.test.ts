// The client's schemas accept what Close really sent (recorded 2017–2020 responses), and map it right.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  CloseAuthError,
  CloseNotFoundError,
  CloseServerError,
  CloseValidationError,
} from '../../../utils/close/errors';
import { parseRateLimit } from '../../../utils/close/rate-limit';
import { errorForResponse } from '../../../utils/close/response';
import {
  mapActivity,
  mapContact,
  mapEmailMessage,
  mapLead,
  mapLeadCustomField,
  mapLeadStatus,
  mapMe,
  mapNote,
  mapOpportunity,
  mapOpportunityStatus,
  mapPage,
  pageSchema,
  parseWith,
  RawActivitySchema,
  RawContactSchema,
  RawEmailMessageSchema,
  RawLeadCustomFieldSchema,
  RawLeadSchema,
  RawLeadStatusSchema,
  RawMeSchema,
  RawNoteSchema,
  RawOpportunitySchema,
  RawOpportunityStatusSchema,
} from '../../../utils/close/schemas';

// The shared docs sit beside the repository (../shared); vitest runs from the repository root.
const DIR = `${join(process.cwd(), '..', 'shared', 'close-recorded')}/`;

interface Exchange {
  request: { method: string; url: string };
  response: { status: number | null; headers: Record<string, string>; body: unknown };
}

function recorded(name: string, index = 0): Exchange {
  const list = JSON.parse(readFileSync(`${DIR}${name}.json`, 'utf8')) as Exchange[];
  const exchange = list[index];
  if (!exchange) throw new Error(`${name}[${index}] missing`);
  return exchange;
}
const body = (name: string, index = 0) => recorded(name, index).response.body;

describe.skipIf(!existsSync(DIR))('parsing recorded Close responses', () => {
  it('maps a real lead with contacts, opportunities, legacy custom fields and extra keys', () => {
    const lead = mapLead(parseWith(RawLeadSchema, body('get_lead'), 'lead'));
    expect(lead.id).toBe('lead_ibiNeZe7yE0ZoJZQUKm0Eymg0nxDH2xb5fHg8IzBsAm');
    expect(lead.name).toBe('Luke Skywalker');
    expect(lead.htmlUrl).toContain(lead.id);
    expect(lead.contacts[0]).toMatchObject({
      name: 'Gob',
      leadId: lead.id,
      phones: [{ phone: '+448004445555', phoneFormatted: '+44 800 444 5555', type: 'office' }],
      emails: [{ email: 'gob@example.com', type: 'office' }],
    });
    expect(lead.opportunities?.[0]).toMatchObject({
      value: 500,
      valuePeriod: 'monthly',
      confidence: 90,
    });
    // `custom.lcf_…` keys become id-keyed values; the name-keyed legacy dict is not exposed.
    expect(Object.keys(lead.custom).every((k) => k.startsWith('lcf_'))).toBe(true);
    expect(Object.keys(lead.custom).length).toBeGreaterThan(0);
  });

  it('maps created and updated leads', () => {
    for (const [name, index] of [
      ['create_lead', 0],
      ['update_lead', 1],
    ] as const) {
      const lead = mapLead(parseWith(RawLeadSchema, body(name, index), name));
      expect(lead.id).toMatch(/^lead_/);
      expect(lead.dateCreated).toMatch(/^20\d\d-/);
    }
  });

  it('reads lead search pages with total_results, empty pages included', () => {
    const LeadPage = pageSchema(RawLeadSchema);
    const page = mapPage(parseWith(LeadPage, body('find_leads'), 'leads'), mapLead);
    expect(page.data.length).toBeGreaterThan(0);
    expect(page.totalResults).toBe(page.data.length);
    const empty = mapPage(parseWith(LeadPage, body('find_leads_empty'), 'leads'), mapLead);
    expect(empty).toEqual({ data: [], hasMore: false, totalResults: 0 });
    const afterLimit = mapPage(
      parseWith(LeadPage, body('find_leads_rate_limit', 1), 'leads'),
      mapLead,
    );
    expect(afterLimit.data[0]?.opportunities?.[0]).toMatchObject({
      statusType: 'won',
      value: 100000000,
      dateWon: '2017-09-18',
    });
  });

  it('maps contacts (get, create, update)', () => {
    for (const name of ['get_contact', 'create_contact', 'update_contact']) {
      const contact = mapContact(parseWith(RawContactSchema, body(name), name));
      expect(contact.id).toMatch(/^cont_/);
      expect(contact.leadId).toMatch(/^lead_/);
      expect(Array.isArray(contact.emails)).toBe(true);
    }
  });

  it('maps opportunities, computing expected value when Close leaves it out', () => {
    const single = ['get_opportunity', 'create_opportunity'].map((n) =>
      mapOpportunity(parseWith(RawOpportunitySchema, body(n), n)),
    );
    const updated = mapOpportunity(
      parseWith(RawOpportunitySchema, body('update_opportunity', 1), 'u'),
    );
    for (const o of [...single, updated]) {
      expect(o.id).toMatch(/^oppo_/);
      expect(['active', 'won', 'lost']).toContain(o.statusType);
      if (o.value !== null)
        expect(o.expectedValue).toBe(Math.round((o.value * o.confidence) / 100));
    }
    const OppPage = pageSchema(RawOpportunitySchema);
    for (const name of [
      'find_opportunities',
      'find_all_opportunities',
      'get_opportunities_for_lead',
    ]) {
      const page = mapPage(parseWith(OppPage, body(name), name), mapOpportunity);
      expect(page.data.length).toBeGreaterThan(0);
      expect(typeof page.totalResults).toBe('number');
    }
    const empty = mapPage(
      parseWith(OppPage, body('find_opportunities_empty'), 'o'),
      mapOpportunity,
    );
    expect(empty.data).toEqual([]);
  });

  it('maps mixed activities and call activities with a readable summary', () => {
    const ActivityPage = pageSchema(RawActivitySchema);
    const all = mapPage(parseWith(ActivityPage, body('find_activities'), 'a'), mapActivity);
    expect(all.data.length).toBeGreaterThan(0);
    for (const a of all.data) {
      expect(a.rawType).toBeTruthy();
      expect(typeof a.summary).toBe('string');
      expect(a.date).toMatch(/^20\d\d-/);
    }
    const calls = mapPage(parseWith(ActivityPage, body('find_call_activities'), 'c'), mapActivity);
    expect(calls.data.every((c) => c.type === 'Call')).toBe(true);
    const sms = mapActivity(parseWith(RawActivitySchema, body('create_sms_activity'), 'sms'));
    expect(sms.type).toBe('SMS');
  });

  it('maps a 2013-style note without note_html', () => {
    const note = mapNote(parseWith(RawNoteSchema, body('create_note'), 'note'));
    expect(note.id).toMatch(/^acti_/);
    expect(note.noteHtml).toBe('');
    expect(note.note.length).toBeGreaterThan(0);
  });

  it('maps email activities with direction and recipients', () => {
    for (const name of ['create_email_activity', 'send_email']) {
      const email = mapEmailMessage(parseWith(RawEmailMessageSchema, body(name), name));
      expect(email.id).toMatch(/^acti_/);
      expect(['incoming', 'outgoing']).toContain(email.direction);
      expect(Array.isArray(email.to)).toBe(true);
    }
  });

  it('maps lead statuses, opportunity statuses and custom fields', () => {
    const statuses = parseWith(
      v.looseObject({ data: v.array(RawLeadStatusSchema) }),
      body('get_lead_statuses'),
      's',
    ).data.map(mapLeadStatus);
    expect(statuses.length).toBeGreaterThan(0);
    const oppStatuses = parseWith(
      v.looseObject({ data: v.array(RawOpportunityStatusSchema) }),
      body('get_opportunity_statuses'),
      's',
    ).data.map((s) => mapOpportunityStatus(s));
    // 2017 statuses predate pipelines.
    expect(oppStatuses[0]).toMatchObject({ pipelineId: null, pipelineName: null });
    const field = mapLeadCustomField(
      parseWith(RawLeadCustomFieldSchema, body('get_custom_field'), 'f'),
    );
    expect(field.id).toMatch(/^lcf_/);
    expect(field.choices.length).toBeGreaterThan(0);
  });

  it('reads users whose organizations are plain ids', () => {
    const users = (body('get_users') as { data: unknown[] }).data;
    const me = mapMe(parseWith(RawMeSchema, users[0], 'user'));
    expect(me.userId).toMatch(/^user_/);
    expect(me.organizations[0]?.id).toMatch(/^orga_/);
  });

  it('turns recorded error answers into the right typed errors', () => {
    const invalid = errorForResponse(400, body('create_lead_error'));
    expect(invalid).toBeInstanceOf(CloseValidationError);
    expect((invalid as CloseValidationError).fieldErrors.status).toContain('Not a valid choice');
    expect(invalid.toAppError()).toMatchObject({
      kind: 'validation',
      fieldErrors: { status: expect.any(String) },
    });
    expect(errorForResponse(400, body('create_opportunity_no_lead')).kind).toBe('validation');
    expect(errorForResponse(401, body('get_lead_invalid_key'))).toBeInstanceOf(CloseAuthError);
    expect(errorForResponse(404, body('get_lead_unknown'))).toBeInstanceOf(CloseNotFoundError);
    expect(errorForResponse(404, body('merge_leads_not_found')).kind).toBe('not_found');
    // An empty 504 body is still a server error.
    expect(errorForResponse(504, null)).toBeInstanceOf(CloseServerError);
  });

  it('reads legacy decimal rate-limit headers', () => {
    const limited = recorded('find_leads_rate_limit');
    const info = parseRateLimit(new Headers(limited.response.headers));
    expect(info).toEqual({ limit: 320, remaining: 0, resetMs: 596 });
  });
});
