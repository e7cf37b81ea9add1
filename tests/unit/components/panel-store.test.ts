// The panel store decides what a lead section shows after a write and a look-up: newer wins.
import { describe, expect, it } from 'vitest';
import { createPanelStore } from '@/components/panel-store';
import { contact, lead, match, NOW, opportunity, result } from '@/tests/unit/components/fixtures';
import type { LeadMatch } from '@/utils/lookup/types';

const ORG = 'orga_1';
const OTHER_ORG = 'orga_2';

function storeAt(start = NOW) {
  let clock = start;
  const store = createPanelStore(() => clock);
  return { store, advance: (ms: number) => (clock += ms) };
}

describe('panel store: what a lead section shows', () => {
  it('shows a status saved here over a look-up answered from older data', () => {
    const { store } = storeAt();
    store.save(ORG, 'lead', {
      ...lead,
      statusLabel: 'Qualified',
      dateUpdated: '2024-05-20T13:06:00Z',
    });
    const view = store.leadView(ORG, match, NOW + 60_000);
    expect(view.lead.statusLabel).toBe('Qualified');
  });

  it("shows a colleague's later change over what was saved here", () => {
    const { store } = storeAt();
    store.save(ORG, 'lead', { ...lead, statusLabel: 'Qualified' });
    const theirs = { ...lead, statusLabel: 'Won', dateUpdated: '2024-05-20T14:00:00Z' };
    const view = store.leadView(ORG, { ...match, lead: theirs }, NOW + 60_000);
    expect(view.lead.statusLabel).toBe('Won');
  });

  it('without dates, a save wins over look-ups answered before it, not after', () => {
    const { store } = storeAt();
    store.save(ORG, 'contact', { ...contact, title: 'COO' });
    expect(store.leadView(ORG, match, NOW - 1000).contacts[0]?.title).toBe('COO');
    expect(store.leadView(ORG, match, NOW + 1000).contacts[0]?.title).toBe('Head of Ops');
  });

  it('keeps a saved record in its own lead and organization', () => {
    const { store } = storeAt();
    const added = { ...contact, id: 'cont_new', name: 'Sam Newcomer' };
    store.save(ORG, 'contact', added);
    const otherLead: LeadMatch = {
      ...match,
      lead: { ...lead, id: 'lead_2', name: 'Globex' },
      contacts: [],
      opportunities: [],
    };
    expect(store.leadView(ORG, match, NOW - 1000).contacts.map((c) => c.name)).toEqual([
      'Jo Lindqvist',
      'Sam Newcomer',
    ]);
    expect(store.leadView(ORG, otherLead, NOW - 1000).contacts).toEqual([]);
    expect(store.leadView(OTHER_ORG, match, NOW - 1000).contacts.map((c) => c.name)).toEqual([
      'Jo Lindqvist',
    ]);
  });

  it('drops an added deal once the lead changed after it was created (deleted in Close)', () => {
    const { store, advance } = storeAt();
    const deal = { ...opportunity, id: 'oppo_new', dateCreated: '2024-05-20T13:10:00Z' };
    store.save(ORG, 'opportunity', deal);
    advance(60_000);
    // Answered after the save; the lead has not changed since the deal was created: still pending.
    expect(store.leadView(ORG, match, NOW + 30_000).opportunities.map((o) => o.id)).toEqual([
      'oppo_1',
      'oppo_new',
    ]);
    const later = { ...match, lead: { ...lead, dateUpdated: '2024-05-20T15:00:00Z' } };
    expect(store.leadView(ORG, later, NOW + 30_000).opportunities.map((o) => o.id)).toEqual([
      'oppo_1',
    ]);
  });

  it('puts the first open deal on the card', () => {
    const { store } = storeAt();
    store.save(ORG, 'opportunity', { ...opportunity, statusType: 'won', statusLabel: 'Won' });
    expect(store.leadView(ORG, match, NOW - 1000).openDeal).toBeUndefined();
  });
});

describe('panel store: pinned leads and the answer on screen', () => {
  const globex: LeadMatch = { ...match, lead: { ...lead, id: 'lead_2', name: 'Globex' } };

  it('pins to the page shown, never to the next page', () => {
    const { store } = storeAt();
    store.showView('orga_1\u0000https://a.example/');
    store.pin('orga_1\u0000https://a.example/', globex);
    store.pin('orga_1\u0000https://a.example/', globex);
    expect(store.pinnedFor('orga_1\u0000https://a.example/').map((m) => m.lead.name)).toEqual([
      'Globex',
    ]);
    store.showView('orga_1\u0000https://b.example/');
    expect(store.pinnedFor('orga_1\u0000https://b.example/')).toEqual([]);
    // A lead the first page was still loading arrives after the user moved on: not pinned here.
    store.pin('orga_1\u0000https://a.example/', match);
    expect(store.pinnedFor('orga_1\u0000https://b.example/')).toEqual([]);
  });

  it('keeps the last answer on screen while the same page is looked up again', () => {
    const { store } = storeAt();
    const answer = result();
    expect(store.answerFor('orga_1\u0000p', answer, false)).toBe(answer);
    expect(store.answerFor('orga_1\u0000p', null, true)).toBe(answer);
    expect(store.answerFor('orga_1\u0000other', null, true)).toBeNull();
    expect(store.answerFor('orga_1\u0000p', null, false)).toBeNull();
  });
});
