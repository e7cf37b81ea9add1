// Test data and a PanelModel whose actions are vi.fn()s, for the component tests.
import { vi } from 'vitest';
import type { ContactInput, PanelActions, PanelModel } from '@/components/panel-model';
import type { Activity, Contact, Lead, Note, Opportunity, Task } from '@/utils/close/types';
import type { ConnectionState } from '@/utils/connection-state';
import type { LeadMatch, LookupResult } from '@/utils/lookup/types';
import type { PageSnapshot } from '@/utils/page-snapshot';

export const NOW = Date.parse('2024-05-20T12:00:00Z');

export const account = {
  organizationId: 'orga_1',
  organizationName: 'Acme Sales',
  userName: 'Ada Lovelace',
  userEmail: 'ada@acme.test',
};
export const connected: ConnectionState = {
  status: 'connected',
  active: account,
  accounts: [account],
};

export const contact: Contact = {
  id: 'cont_1',
  leadId: 'lead_1',
  name: 'Jo Lindqvist',
  title: 'Head of Ops',
  emails: [{ email: 'jo@northwind.example', type: 'office' }],
  phones: [{ phone: '+4940123456', phoneFormatted: '+49 40 123456', type: 'office' }],
};

export const lead: Lead = {
  id: 'lead_1',
  name: 'Northwind Robotics',
  description: 'Inbound from webinar',
  url: 'https://northwind.example',
  statusId: 'stat_potential',
  statusLabel: 'Potential',
  htmlUrl: 'https://app.close.com/lead/lead_1/',
  custom: {},
  dateCreated: '2024-05-14T08:31:02Z',
  dateUpdated: '2024-05-20T13:05:47Z',
  contacts: [contact],
};

export const opportunity: Opportunity = {
  id: 'oppo_1',
  leadId: 'lead_1',
  leadName: 'Northwind Robotics',
  statusId: 'stat_demo',
  statusLabel: 'Demo scheduled',
  statusType: 'active',
  pipelineId: 'pipe_sales',
  pipelineName: 'Sales',
  value: 4_800_000,
  valueCurrency: 'USD',
  valuePeriod: 'annual',
  confidence: 40,
  expectedValue: 1_920_000,
  contactId: 'cont_1',
  note: 'Pilot for two warehouses',
  dateWon: null,
  dateLost: null,
  dateCreated: '2024-05-15T10:00:00Z',
  dateUpdated: '2024-05-15T10:00:00Z',
};

export const match: LeadMatch = {
  lead,
  matchedBy: [{ kind: 'email', value: 'jo@northwind.example' }],
  contacts: [contact],
  opportunities: [opportunity],
};

export function result(leads: LeadMatch[] = [match]): LookupResult {
  return {
    organizationId: 'orga_1',
    query: { emails: ['jo@northwind.example'] },
    leads,
    unmatchedEmails: [],
    fetchedAt: NOW - 3 * 3600 * 1000,
    stale: false,
  };
}

export const gmailPage: PageSnapshot = {
  source: 'gmail',
  url: 'https://mail.google.com/mail/u/0/#inbox/abc',
  title: 'Pilot next steps',
  people: [
    { email: 'jo@northwind.example', name: 'Jo Lindqvist', role: 'from' },
    { email: 'sam@northwind.example', name: 'Sam Berg', role: 'cc' },
  ],
};

export const websitePage: PageSnapshot = {
  source: 'website',
  url: 'https://initech.example/about',
  title: 'About Initech',
  people: [{ email: 'bill@initech.example', name: 'Bill Lumbergh', role: 'page' }],
  company: {
    name: 'Initech',
    description: 'Software for banks.',
    website: 'https://initech.example',
  },
};

export function note(text: string, id = 'acti_new'): Note {
  return {
    id,
    leadId: 'lead_1',
    note: text,
    noteHtml: '',
    dateCreated: '2024-05-20T11:59:00Z',
    dateUpdated: '2024-05-20T11:59:00Z',
    userName: 'Ada Lovelace',
  };
}

export function task(text: string, due: string | null, id = 'task_new'): Task {
  return {
    id,
    leadId: 'lead_1',
    text,
    due,
    isComplete: false,
    assignedTo: 'user_1',
    assignedToName: 'Ada Lovelace',
    dateCreated: '2024-05-18T09:00:00Z',
    dateUpdated: '2024-05-18T09:00:00Z',
  };
}

export const activities: Activity[] = [
  {
    id: 'acti_call',
    type: 'Call',
    rawType: 'Call',
    leadId: 'lead_1',
    date: '2024-05-17T12:00:00Z',
    userName: 'Ada Lovelace',
    contactId: 'cont_1',
    summary: 'Discussed pricing',
    durationSeconds: 95,
  },
  {
    id: 'acti_email',
    type: 'Email',
    rawType: 'Email',
    leadId: 'lead_1',
    date: '2024-05-19T12:00:00Z',
    userName: null,
    contactId: 'cont_1',
    summary: 'Pilot next steps',
    subject: 'Pilot next steps',
    direction: 'incoming',
  },
];

export function makeActions(overrides: Partial<PanelActions> = {}): PanelActions {
  return {
    addNote: vi.fn(async ({ text }) => note(text)),
    updateNote: vi.fn(async ({ noteId, text }) => note(text, noteId)),
    loadTasks: vi.fn(async () => [task('Send the proposal', '2024-05-22', 'task_1')]),
    createTask: vi.fn(async ({ text, due }) => task(text, due)),
    updateTask: vi.fn(async ({ taskId, patch }) => ({
      ...task(patch.text ?? 'Send the proposal', patch.due ?? '2024-05-22', taskId),
      isComplete: patch.isComplete ?? false,
    })),
    updateLead: vi.fn(async ({ patch }) => ({ ...lead, ...patch }) as Lead),
    createContact: vi.fn(
      async ({
        leadId,
        input,
      }: {
        leadId: string | null;
        input: ContactInput;
      }): Promise<Contact> => ({
        ...input,
        emails: input.emails.map((e) => ({ email: e.email, type: e.type ?? 'office' })),
        phones: input.phones.map((p) => ({ phone: p.phone, type: p.type ?? 'office' })),
        id: 'cont_new',
        leadId: leadId ?? 'lead_new',
      }),
    ),
    updateContact: vi.fn(
      async ({ contactId, patch }) => ({ ...contact, ...patch, id: contactId }) as Contact,
    ),
    createOpportunity: vi.fn(
      async ({ input }) => ({ ...opportunity, ...input, id: 'oppo_new' }) as Opportunity,
    ),
    updateOpportunity: vi.fn(
      async ({ opportunityId, patch }) =>
        ({ ...opportunity, ...patch, id: opportunityId }) as Opportunity,
    ),
    createLead: vi.fn(async (input) => ({
      lead: {
        ...lead,
        id: 'lead_new',
        name: input.name,
        url: input.url,
        description: input.description,
      },
      matchedBy: [],
      contacts: [],
      opportunities: [],
    })),
    findDuplicates: vi.fn(async () => []),
    search: vi.fn(async () => ({ items: [], cursor: null })),
    loadActivities: vi.fn(async () => ({ items: activities, cursor: null })),
    getEmail: vi.fn(async ({ emailId }) => ({
      id: emailId,
      leadId: 'lead_1',
      subject: 'Pilot next steps',
      bodyText: 'Hi',
      bodyHtml: '<p>Hi</p>',
      sender: 'jo@northwind.example',
      to: ['ada@acme.test'],
      cc: [],
      status: 'inbox',
      direction: 'incoming' as const,
      date: '2024-05-19T12:00:00Z',
    })),
    loadLead: vi.fn(async () => match),
    loadLeadStatuses: vi.fn(async () => [
      { id: 'stat_potential', label: 'Potential' },
      { id: 'stat_qualified', label: 'Qualified' },
    ]),
    loadPipelines: vi.fn(async () => [
      {
        id: 'pipe_sales',
        name: 'Sales',
        statuses: [
          {
            id: 'stat_demo',
            label: 'Demo scheduled',
            type: 'active' as const,
            pipelineId: 'pipe_sales',
            pipelineName: 'Sales',
          },
          {
            id: 'stat_won',
            label: 'Won',
            type: 'won' as const,
            pipelineId: 'pipe_sales',
            pipelineName: 'Sales',
          },
        ],
      },
      {
        id: 'pipe_partners',
        name: 'Partners',
        statuses: [
          {
            id: 'stat_talks',
            label: 'In talks',
            type: 'active' as const,
            pipelineId: 'pipe_partners',
            pipelineName: 'Partners',
          },
        ],
      },
    ]),
    loadLeadCustomFields: vi.fn(async () => []),
    retryLookup: vi.fn(),
    openOptions: vi.fn(),
    ...overrides,
  };
}

export function makeModel(overrides: Partial<PanelModel> = {}): PanelModel {
  return {
    connection: connected,
    page: gmailPage,
    lookup: { status: 'ready', result: result() },
    actions: makeActions(),
    now: () => NOW,
    ...overrides,
  };
}
