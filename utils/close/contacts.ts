// Contacts: list (by lead or query), get, search by name or address, create (on a lead or as a new lead), update.
import * as v from 'valibot';
import type { CloseHttp, JsonBody } from '@/utils/close/http';
import { contactBody, leadsFromSearch, type NewContact } from '@/utils/close/leads';
import {
  mapContact,
  mapPage,
  pageSchema,
  parseWith,
  RawContactSchema,
  RawLeadSchema,
} from '@/utils/close/schemas';
import {
  and,
  CONTACT_FIELDS,
  contactHasEmail,
  MAX_PAGE,
  objectType,
  quote,
  search,
  textField,
  withLegacyFallback,
} from '@/utils/close/search';
import type { Contact, Page } from '@/utils/close/types';
import { createdSince, hasAllEmails, newest, sameText } from '@/utils/close/verify';
import { t } from '@/utils/i18n';

const ContactPageSchema = pageSchema(RawContactSchema);
const ContactListSchema = v.array(RawContactSchema);
const LeadPageSchema = pageSchema(RawLeadSchema);
type RawContactRecord = v.InferOutput<typeof RawContactSchema>;

/** Lower-cased words of a name (letters and digits). */
function nameWords(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Whether a contact answers the text: an address exactly (any case), or a name whose words each
 * start with one of the text's words. Applied to every answer that may hold more than matched.
 */
export function contactMatchesText(contact: RawContactRecord, text: string): boolean {
  const value = text.trim().toLowerCase();
  if (value.includes('@'))
    return contact.emails.some((e) => e.email.trim().toLowerCase() === value);
  const wanted = nameWords(value);
  const have = nameWords(contact.name ?? contact.display_name ?? '');
  return wanted.length > 0 && wanted.every((w) => have.some((h) => h.startsWith(w)));
}

/**
 * Contacts through the legacy lead query (only when Advanced Filtering is unavailable):
 * `GET /contact/` has no documented search, so the leads found by `email_address:` (an address)
 * or by their text are read and their contacts kept only where they match.
 */
async function legacyContacts(
  http: CloseHttp,
  text: string,
  limit: number,
): Promise<RawContactRecord[]> {
  const value = text.trim();
  const query = value.includes('@') ? `email_address:${quote(value.toLowerCase())}` : quote(value);
  const raw = await http.get('lead/', { query: { query, _limit: Math.min(MAX_PAGE, limit) } });
  parseWith(LeadPageSchema, raw, t('closeWhatFoundLeads'));
  const data = (raw as { data: Array<Record<string, unknown> & { id: string }> }).data;
  const leads = await leadsFromSearch(http, data);
  return leads
    .flatMap((lead) =>
      lead.contacts.map(
        (c): RawContactRecord => ({
          id: c.id,
          lead_id: lead.id,
          name: c.name,
          display_name: c.name,
          title: c.title,
          emails: c.emails.map((e) => ({ ...e })),
          phones: c.phones.map((p) => ({
            phone: p.phone,
            phone_formatted: p.phoneFormatted,
            type: p.type,
          })),
          date_created: '',
          date_updated: '',
        }),
      ),
    )
    .filter((c) => contactMatchesText(c, value));
}

export interface ListContactsInput {
  leadId?: string;
  /** Free text (name or address); uses search. */
  query?: string;
  limit?: number;
  skip?: number;
}

export async function listContacts(
  http: CloseHttp,
  input: ListContactsInput = {},
): Promise<Page<Contact>> {
  if (input.query?.trim()) {
    return searchContacts(http, { text: input.query, limit: input.limit, leadId: input.leadId });
  }
  const raw = await http.get('contact/', {
    query: {
      lead_id: input.leadId,
      _limit: Math.min(100, Math.max(1, input.limit ?? 100)),
      _skip: input.skip ?? 0,
    },
  });
  return mapPage(parseWith(ContactPageSchema, raw, t('closeWhatListOfContacts')), (c) =>
    mapContact(c),
  );
}

export async function getContact(http: CloseHttp, id: string): Promise<Contact> {
  const raw = await http.get(`contact/${encodeURIComponent(id)}/`);
  return mapContact(parseWith(RawContactSchema, raw, t('closeWhatContact')));
}

export interface SearchContactsInput {
  /** A name, or an email address (matched exactly). */
  text: string;
  limit?: number | undefined;
  /** Keep only this lead's contacts. */
  leadId?: string | undefined;
}

export async function searchContacts(
  http: CloseHttp,
  input: SearchContactsInput,
): Promise<Page<Contact>> {
  const value = input.text.trim();
  const limit = Math.min(100, Math.max(1, input.limit ?? 25));
  const isEmail = value.includes('@');
  const raws = await withLegacyFallback(
    async () => {
      const response = await search(http, {
        query: and(
          objectType('contact'),
          isEmail
            ? contactHasEmail([value.toLowerCase()])
            : textField('contact', 'name', 'beginning_of_words', value),
        ),
        _fields: { contact: CONTACT_FIELDS },
        _limit: limit,
      });
      const found = parseWith(ContactListSchema, response.data, t('closeWhatFoundContacts'));
      // The address is also sent as a phrase, which may match more than the address itself.
      return isEmail ? found.filter((c) => contactMatchesText(c, value)) : found;
    },
    () => legacyContacts(http, value, limit),
  );
  const data = raws
    .filter((r) => !input.leadId || r.lead_id === input.leadId)
    .map((r) => mapContact(r));
  return { data, hasMore: data.length >= limit };
}

export interface CreateContactInput extends NewContact {
  /** The lead to add the contact to; without it Close creates a new lead named after the contact. */
  leadId?: string;
}

/**
 * After a create whose answer was lost: the lead's contact list when we know the lead (a plain
 * list, so nothing found means not created), else a search by address or name (search-backed:
 * nothing found proves nothing, see `absenceIsCertain` in createContact).
 */
async function findCreatedContact(
  http: CloseHttp,
  input: CreateContactInput,
  sentAt: number,
): Promise<unknown> {
  let raws: v.InferOutput<typeof ContactListSchema>;
  let seenAll = true;
  if (input.leadId) {
    const raw = await http.get('contact/', {
      query: { lead_id: input.leadId, _limit: 100 },
    });
    const page = parseWith(ContactPageSchema, raw, t('closeWhatLeadsContacts'));
    raws = page.data;
    seenAll = !page.has_more;
  } else {
    const first = input.emails?.[0]?.email ?? input.name ?? '';
    if (!first) return undefined;
    raws = (await searchContactsRaw(http, first)).filter((r) =>
      createdSince(r.date_created, sentAt),
    );
  }
  const candidates = raws.filter(
    (r) =>
      createdSince(r.date_created, sentAt) &&
      (input.name === undefined || sameText(r.name ?? r.display_name, input.name)) &&
      hasAllEmails(input.emails, r.emails),
  );
  const found = newest(candidates);
  // A lead with more than a page of contacts: ours may be on a page we did not read.
  if (found === undefined && !seenAll) throw new Error('Not every contact of the lead was read.');
  return found;
}

async function searchContactsRaw(http: CloseHttp, text: string) {
  const isEmail = text.includes('@');
  return withLegacyFallback(
    async () => {
      const response = await search(http, {
        query: and(
          objectType('contact'),
          isEmail
            ? contactHasEmail([text.toLowerCase()])
            : textField('contact', 'name', 'exact_value', text),
        ),
        _fields: { contact: CONTACT_FIELDS },
        _limit: 50,
      });
      return parseWith(ContactListSchema, response.data, t('closeWhatFoundContacts'));
    },
    // The legacy path has no creation date: the check below then finds nothing and the
    // outcome stays unknown (absence is never certain here).
    () => legacyContacts(http, text, 50),
  );
}

/**
 * For the write journal: the contact a lost create made, or undefined when none was found (which
 * proves nothing without a lead: see `createdContactAbsenceIsCertain`).
 */
export async function findCreatedContactFor(
  http: CloseHttp,
  input: CreateContactInput,
  sentAt: number,
): Promise<Contact | undefined> {
  const raw = await findCreatedContact(http, input, sentAt);
  return raw === undefined
    ? undefined
    : mapContact(parseWith(RawContactSchema, raw, t('closeWhatContact')));
}

/** A contact created on a known lead is checked on the lead's list; without one, through search. */
export function createdContactAbsenceIsCertain(input: CreateContactInput): boolean {
  return Boolean(input.leadId);
}

export async function createContact(http: CloseHttp, input: CreateContactInput): Promise<Contact> {
  const body: JsonBody = contactBody(input);
  if (input.leadId) body.lead_id = input.leadId;
  const raw = await http.post('contact/', body, {
    verify: ({ sentAt }) => findCreatedContact(http, input, sentAt),
    absenceIsCertain: createdContactAbsenceIsCertain(input),
  });
  return mapContact(parseWith(RawContactSchema, raw, t('closeWhatNewContact')));
}

export interface UpdateContactInput {
  name?: string;
  title?: string;
  /** Replaces the contact's addresses. */
  emails?: Array<{ email: string; type?: string }>;
  /** Replaces the contact's phone numbers. */
  phones?: Array<{ phone: string; type?: string }>;
}

export async function updateContact(
  http: CloseHttp,
  id: string,
  input: UpdateContactInput,
): Promise<Contact> {
  const raw = await http.put(`contact/${encodeURIComponent(id)}/`, contactBody(input));
  return mapContact(parseWith(RawContactSchema, raw, t('closeWhatUpdatedContact')));
}

export async function deleteContact(http: CloseHttp, id: string): Promise<void> {
  await http.delete(`contact/${encodeURIComponent(id)}/`);
}
