// The client's schemas accept what Close sends, and map it right: on our own Close-shaped fixtures
// always, and on the real recorded responses (2017–2020) too when CLOSE_RECORDED_DIR names them.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { exchange, SOURCES } from '@/tests/support/close-responses';
import {
  CloseAuthError,
  CloseNotFoundError,
  CloseServerError,
  CloseValidationError,
} from '@/utils/close/errors';
import { parseRateLimit } from '@/utils/close/rate-limit';
import { errorForResponse } from '@/utils/close/response';
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
} from '@/utils/close/schemas';

/** A value inside a raw response, by path (`at(body, 'contacts', 0, 'name')`). */
function at(value: unknown, ...path: (string | number)[]): unknown {
  let here = value;
  for (const step of path) {
    here = here && typeof here === 'object' ? (here as Record<string, unknown>)[step] : undefined;
  }
  return here;
}

for (const source of SOURCES) {
  const recorded = (name: string, index = 0) => exchange(source, name, index);
  const body = (name: string, index = 0) => recorded(name, index).response.body;

  describe(`parsing Close responses (${source.label})`, () => {
    it('maps a real lead with contacts, opportunities, legacy custom fields and extra keys', () => {
      const sent = body('get_lead');
      const lead = mapLead(parseWith(RawLeadSchema, sent, 'lead'));
      expect(lead.id).toBe(at(sent, 'id'));
      expect(lead.id).toMatch(/^lead_/);
      expect(lead.name).toBe(at(sent, 'display_name'));
      expect(lead.htmlUrl).toContain(lead.id);
      const contact = at(sent, 'contacts', 0);
      expect(lead.contacts[0]).toMatchObject({
        name: at(contact, 'name'),
        leadId: lead.id,
        phones: [
          {
            phone: at(contact, 'phones', 0, 'phone'),
            phoneFormatted: at(contact, 'phones', 0, 'phone_formatted'),
            type: 'office',
          },
        ],
        emails: [{ email: at(contact, 'emails', 0, 'email'), type: 'office' }],
      });
      const opportunity = at(sent, 'opportunities', 0);
      expect(lead.opportunities?.[0]).toMatchObject({
        value: at(opportunity, 'value'),
        valuePeriod: 'monthly',
        confidence: at(opportunity, 'confidence'),
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
      const won = at(body('find_leads_rate_limit', 1), 'data', 0, 'opportunities', 0);
      expect(afterLimit.data[0]?.opportunities?.[0]).toMatchObject({
        statusType: 'won',
        value: at(won, 'value'),
        dateWon: at(won, 'date_won'),
      });
      expect(at(won, 'date_won')).toMatch(/^\d{4}-\d\d-\d\d$/);
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
      const calls = mapPage(
        parseWith(ActivityPage, body('find_call_activities'), 'c'),
        mapActivity,
      );
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
      expect((invalid as CloseValidationError).fieldErrors.status).toContain(
        at(body('create_lead_error'), 'field-errors', 'status') as string,
      );
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
      const reset = limited.response.headers['X-Rate-Limit-Reset'] ?? '';
      expect(reset).toMatch(/^\d+\.\d+$/);
      expect(info).toEqual({
        limit: Number(limited.response.headers['X-Rate-Limit-Limit']),
        remaining: 0,
        resetMs: Math.ceil(Number(reset) * 1000),
      });
    });
  });
}
