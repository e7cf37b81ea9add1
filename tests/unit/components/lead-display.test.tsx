// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ActivityTimeline } from '@/components/ActivityTimeline';
import { forgetAllActivities } from '@/components/activity-cache';
import { ContactList } from '@/components/ContactList';
import { EmailView } from '@/components/EmailView';
import { LeadCard } from '@/components/LeadCard';
import { OpportunityList } from '@/components/OpportunityList';
import { PanelView } from '@/components/PanelView';
import {
  activities,
  contact,
  lead,
  makeActions,
  makeModel,
  NOW,
  opportunity,
} from '@/tests/unit/components/fixtures';
import type { Activity, EmailMessage } from '@/utils/close/types';

/** The journal details every form write carries (components/use-write.ts). */
const WRITE = expect.objectContaining({ clientId: expect.any(String) });

beforeEach(() => {
  fakeBrowser.reset();
  forgetAllActivities();
});
afterEach(cleanup);

describe('LeadCard', () => {
  it('shows the name, status, the address that matched and an Open in Close link', () => {
    render(<LeadCard lead={lead} matchedBy={[{ kind: 'email', value: 'jo@northwind.example' }]} />);
    expect(screen.getByRole('heading', { name: 'Northwind Robotics' })).toBeTruthy();
    expect(screen.getByText('Potential')).toBeTruthy();
    expect(screen.getByText(/by email jo@northwind\.example/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'northwind.example' }).getAttribute('href')).toBe(
      'https://northwind.example/',
    );
    const open = screen.getByRole('link', { name: /Open in Close/ });
    expect(open.getAttribute('href')).toBe('https://app.close.com/lead/lead_1/');
    expect(open.getAttribute('target')).toBe('_blank');
    expect(open.getAttribute('rel')).toContain('noopener');
  });

  it('shows which domain matched', () => {
    render(<LeadCard lead={lead} matchedBy={[{ kind: 'domain', value: 'northwind.example' }]} />);
    expect(screen.getByText(/by domain northwind\.example/)).toBeTruthy();
  });

  it('does not link a lead URL that is not http(s)', () => {
    render(<LeadCard lead={{ ...lead, url: 'javascript:alert(1)' }} />);
    expect(screen.queryByRole('link', { name: /javascript/ })).toBeNull();
  });
});

describe('ContactList', () => {
  it('lists name, title, emails as mailto: and phones as tel:', () => {
    render(<ContactList contacts={[contact]} />);
    expect(screen.getByText('Jo Lindqvist')).toBeTruthy();
    expect(screen.getByText('Head of Ops')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'jo@northwind.example' }).getAttribute('href')).toBe(
      'mailto:jo@northwind.example',
    );
    expect(screen.getByRole('link', { name: '+49 40 123456' }).getAttribute('href')).toBe(
      'tel:+4940123456',
    );
  });
});

describe('OpportunityList', () => {
  it('shows value with currency and period, status, pipeline, confidence and expected value', () => {
    render(<OpportunityList opportunities={[opportunity]} />);
    expect(screen.getByText('$48,000 annual')).toBeTruthy();
    expect(screen.getByText('Demo scheduled')).toBeTruthy();
    expect(screen.getByText('Sales')).toBeTruthy();
    expect(screen.getByText('40%')).toBeTruthy();
    expect(screen.getByText('$19,200')).toBeTruthy();
  });

  it('shows when an opportunity was won', () => {
    render(
      <OpportunityList
        opportunities={[
          { ...opportunity, statusType: 'won', statusLabel: 'Won', dateWon: '2024-02-20' },
        ]}
      />,
    );
    expect(screen.getByText('Won Feb 20, 2024')).toBeTruthy();
  });
});

const hostile: EmailMessage = {
  id: 'acti_email',
  leadId: 'lead_1',
  subject: 'Totally normal',
  bodyText: '',
  bodyHtml: `<p onclick="alert(1)">Hello <b>there</b></p>
    <script>window.hacked = true</script>
    <img src=x onerror="window.hacked = true">
    <a href="javascript:alert(1)">click</a>
    <a href="https://ok.example/">fine</a>
    <iframe src="https://evil.example"></iframe>
    <form action="https://evil.example"><input name="password"></form>
    <svg><script>alert(1)</script></svg>
    <div style="position:fixed;inset:0">overlay</div>
    <object data="x"></object><embed src="x">`,
  sender: 'mallory@evil.example',
  to: ['ada@acme.test'],
  cc: [],
  status: 'inbox',
  direction: 'incoming',
  date: '2024-05-19T12:00:00Z',
};

describe('EmailView', () => {
  it('renders hostile HTML inert', () => {
    const { container } = render(<EmailView email={hostile} />);
    expect(screen.getByRole('heading', { name: 'Totally normal' })).toBeTruthy();
    expect(screen.getByText('there')).toBeTruthy();
    expect(
      container.querySelectorAll('script, iframe, form, input, object, embed, svg').length,
    ).toBe(0);
    for (const el of container.querySelectorAll('*')) {
      for (const attr of el.getAttributeNames()) expect(attr.startsWith('on')).toBe(false);
      expect(el.getAttribute('style')).toBeNull();
    }
    for (const a of container.querySelectorAll('a')) {
      expect(a.getAttribute('href') ?? '').not.toMatch(/^\s*javascript:/i);
      expect(a.getAttribute('target')).toBe('_blank');
      expect(a.getAttribute('rel')).toBe('noopener noreferrer');
    }
    expect((window as unknown as { hacked?: boolean }).hacked).toBeUndefined();
  });

  it('shows the plain text body when there is no HTML', () => {
    render(<EmailView email={{ ...hostile, bodyHtml: '', bodyText: '<b>not bold</b>' }} />);
    expect(screen.getByText('<b>not bold</b>')).toBeTruthy();
  });

  // "Show images" needs DOMPurify to keep <img>, which it does in Chromium and not in happy-dom:
  // tested in tests/e2e/hostile-email.test.ts.
});

describe('ActivityTimeline', () => {
  it('lists activity newest first, loads more, and opens an email', async () => {
    const older: Activity = {
      id: 'acti_status',
      type: 'LeadStatusChange',
      rawType: 'LeadStatusChange',
      leadId: 'lead_1',
      date: '2024-05-01T12:00:00Z',
      userName: null,
      contactId: null,
      summary: 'Potential → Qualified',
    };
    const load = vi
      .fn()
      .mockResolvedValueOnce({ items: activities, cursor: 'c2' })
      .mockResolvedValueOnce({ items: [older], cursor: null });
    const actions = makeActions();
    render(
      <ActivityTimeline
        leadId="lead_1"
        load={load}
        getEmail={(emailId) => actions.getEmail({ emailId })}
        updateNote={(noteId, text, write) => actions.updateNote({ noteId, text, write })}
        now={() => NOW}
      />,
    );
    const list = await screen.findByRole('list', { hidden: false });
    await waitFor(() => expect(within(list).getAllByRole('listitem').length).toBe(2));
    const items = within(list).getAllByRole('listitem');
    expect(items[0]?.textContent).toContain('Pilot next steps');
    expect(items[1]?.textContent).toContain('Discussed pricing');
    expect(items[1]?.textContent).toContain('3 days ago');

    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await screen.findByText('Potential → Qualified');
    expect(load).toHaveBeenLastCalledWith('c2');
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Open email: Pilot next steps' }));
    expect(await screen.findByRole('article', { name: 'Pilot next steps' })).toBeTruthy();
    expect(actions.getEmail).toHaveBeenCalledWith({ emailId: 'acti_email' });
  });

  it('renders note HTML sanitized and lets a plain note be edited in place', async () => {
    const noteActivity: Activity = {
      id: 'acti_note',
      type: 'Note',
      rawType: 'Note',
      leadId: 'lead_1',
      date: '2024-05-18T12:00:00Z',
      userName: 'Ada',
      contactId: null,
      summary: 'Old text',
      note: 'Old text',
      noteHtml: '<body><p onclick="window.hacked=1">Old text</p></body>',
    };
    const actions = makeActions();
    const { container } = render(
      <ActivityTimeline
        leadId="lead_1"
        load={async () => ({ items: [noteActivity], cursor: null })}
        getEmail={(emailId) => actions.getEmail({ emailId })}
        updateNote={(noteId, text, write) => actions.updateNote({ noteId, text, write })}
        now={() => NOW}
      />,
    );
    await screen.findByText(/Old/);
    expect(container.querySelector('[onclick]')).toBeNull();
    fireEvent.click(await screen.findByRole('button', { name: 'Edit note' }));
    const box = (await screen.findByLabelText('Note')) as HTMLTextAreaElement;
    await waitFor(() => expect(box.value).toBe('Old text'));
    fireEvent.input(box, { target: { value: 'New text' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save note' }));
    await screen.findByText('New text');
    expect(actions.updateNote).toHaveBeenCalledWith({
      write: WRITE,
      noteId: 'acti_note',
      text: 'New text',
    });
  });

  it('shows a formatted note read-only, pointing to Close, so its formatting is never erased', async () => {
    const rich: Activity = {
      id: 'acti_rich',
      type: 'Note',
      rawType: 'Note',
      leadId: 'lead_1',
      date: '2024-05-18T12:00:00Z',
      userName: 'Ada',
      contactId: null,
      summary: 'Decision by end of June.',
      note: 'Decision by end of June.\nBudget approved',
      noteHtml:
        '<body><p>Decision by <b>end of June</b>.</p><ul><li>Budget approved</li></ul><img src=x onerror="window.hacked=1"></body>',
    };
    const actions = makeActions();
    const { container } = render(
      <ActivityTimeline
        leadId="lead_1"
        leadUrl="https://app.close.com/lead/lead_1/"
        load={async () => ({ items: [rich], cursor: null })}
        getEmail={(emailId) => actions.getEmail({ emailId })}
        updateNote={(noteId, text, write) => actions.updateNote({ noteId, text, write })}
        now={() => NOW}
      />,
    );
    await screen.findByText('end of June');
    expect(container.querySelector('b')?.textContent).toBe('end of June');
    expect(container.querySelector('[onerror]')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Edit note' })).toBeNull();
    expect(screen.getByText(/Edit formatted notes in Close/)).toBeTruthy();
    const link = screen.getByRole('link', { name: /Open lead in Close/ });
    expect(link.getAttribute('href')).toBe('https://app.close.com/lead/lead_1/');
    expect(link.getAttribute('target')).toBe('_blank');
  });

  it('offers no link for a formatted note when the lead address is not http(s)', async () => {
    const rich: Activity = {
      id: 'acti_rich2',
      type: 'Note',
      rawType: 'Note',
      leadId: 'lead_1',
      date: '2024-05-18T12:00:00Z',
      userName: null,
      contactId: null,
      summary: 'x',
      noteHtml: '<p><a href="https://x.test">x</a></p>',
    };
    render(
      <ActivityTimeline
        leadId="lead_1"
        leadUrl="javascript:alert(1)"
        load={async () => ({ items: [rich], cursor: null })}
        getEmail={vi.fn()}
        updateNote={vi.fn()}
        now={() => NOW}
      />,
    );
    await screen.findByText(/Edit formatted notes in Close/);
    expect(screen.queryByRole('link', { name: /Open lead in Close/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Edit note' })).toBeNull();
  });
});

describe('the lead card’s last email', () => {
  const sent = (id: string, date: string, emailStatus: string): Activity => ({
    id,
    type: 'Email',
    rawType: 'Email',
    leadId: 'lead_1',
    date,
    userName: null,
    contactId: 'cont_1',
    summary: 'Pilot next steps',
    subject: 'Pilot next steps',
    emailStatus,
  });

  it('says how long ago the newest sent or received email was, from the timeline it already loaded', async () => {
    const actions = makeActions({
      loadActivities: vi.fn(async () => ({
        items: [
          sent('acti_draft', '2024-05-20T09:00:00Z', 'draft'),
          sent('acti_in', '2024-05-17T12:00:00Z', 'inbox'),
          sent('acti_out', '2024-05-02T10:00:00Z', 'sent'),
        ],
        cursor: null,
      })),
    });
    render(<PanelView model={makeModel({ actions })} />);
    const article = screen.getByRole('article', { name: 'Northwind Robotics' });
    await waitFor(() =>
      expect(within(article).getByText('Last email').nextElementSibling?.textContent).toBe(
        '3 days ago',
      ),
    );
    expect(actions.loadActivities).toHaveBeenCalledTimes(1);
  });

  it('shows nothing when no sent or received email is loaded', async () => {
    const actions = makeActions({
      loadActivities: vi.fn(async () => ({
        items: [sent('acti_draft', '2024-05-19T09:00:00Z', 'draft')],
        cursor: null,
      })),
    });
    render(<PanelView model={makeModel({ actions })} />);
    await waitFor(() => expect(actions.loadActivities).toHaveBeenCalled());
    // The timeline shows the draft: the card had its chance to read it.
    await screen.findAllByText(/Pilot next steps/);
    expect(screen.queryByText('Last email')).toBeNull();
  });
});
