import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  clearDraft,
  countDrafts,
  DRAFT_MAX_AGE_MS,
  draftKey,
  loadDraft,
  loadDraftEntry,
  rebaseDraft,
  removeOrganizationDrafts,
  sameValue,
  saveDraft,
  scopedDraftKey,
  sweepDrafts,
} from '@/utils/drafts';

beforeEach(() => {
  fakeBrowser.reset();
});

describe('drafts', () => {
  it('names drafts per form and record', () => {
    expect(draftKey('note', 'lead_123')).toBe('note:lead_123');
    expect(draftKey('create-lead', null)).toBe('create-lead:new');
  });

  it('saves, loads and clears a draft in storage.local', async () => {
    await saveDraft('note:lead_1', 'half a thought');
    expect(await fakeBrowser.storage.local.get('draft:note:lead_1')).toMatchObject({
      'draft:note:lead_1': { v: 1, value: 'half a thought' },
    });
    expect(await loadDraft('note:lead_1', '')).toBe('half a thought');
    await clearDraft('note:lead_1');
    expect(await loadDraft('note:lead_1', '')).toBeNull();
  });

  it('ignores drafts that are too old or no longer fit the form', async () => {
    await saveDraft('note:lead_1', 'old', Date.now() - DRAFT_MAX_AGE_MS - 1);
    expect(await loadDraft('note:lead_1', '')).toBeNull();
    await saveDraft('lead:lead_1', { name: 42, url: 'https://x.test', extra: true });
    expect(await loadDraft('lead:lead_1', { name: '', url: '' })).toEqual({
      name: '',
      url: 'https://x.test',
    });
    await fakeBrowser.storage.local.set({ 'draft:note:lead_2': 'not an envelope' });
    expect(await loadDraft('note:lead_2', '')).toBeNull();
  });

  it('keeps the base a draft began on, and reads older drafts without one', async () => {
    const base = { name: 'Initech', title: 'CTO' };
    await saveDraft('contact-edit:c1', { name: 'Initech AG', title: 'CTO' }, Date.now(), base);
    expect(await loadDraftEntry('contact-edit:c1', { name: '', title: '' })).toEqual({
      value: { name: 'Initech AG', title: 'CTO' },
      base,
    });
    await saveDraft('contact-edit:c2', { name: 'Old style', title: '' });
    expect(await loadDraftEntry('contact-edit:c2', { name: '', title: '' })).toEqual({
      value: { name: 'Old style', title: '' },
      base: null,
    });
  });

  it("moves a draft onto the record's current values, keeping only what the user changed", () => {
    const base = {
      name: 'A',
      title: 'CTO',
      emails: ['a@x.test'],
      custom: { cf_1: 'x', cf_2: 'y' },
    };
    const draft = { ...base, name: 'A2', custom: { cf_1: 'x', cf_2: 'mine' } };
    const current = {
      name: 'A',
      title: 'CEO',
      emails: ['a@x.test', 'b@x.test'],
      custom: { cf_1: 'theirs', cf_2: 'y' },
    };
    expect(rebaseDraft(draft, base, current)).toEqual({
      name: 'A2',
      title: 'CEO',
      emails: ['a@x.test', 'b@x.test'],
      custom: { cf_1: 'theirs', cf_2: 'mine' },
    });
    expect(rebaseDraft('typed', 'old', 'new')).toBe('typed');
    expect(rebaseDraft('old', 'old', 'new')).toBe('new');
  });

  it('compares draft values deeply, whatever the key order', () => {
    expect(sameValue({ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 })).toBe(true);
    expect(sameValue({ a: 1 }, { a: 1, b: undefined })).toBe(true);
    expect(sameValue(['a'], ['a', 'b'])).toBe(false);
  });
});

describe('drafts per organization', () => {
  it("keeps each organization's drafts apart and removes them with its Disconnect", async () => {
    const acme = scopedDraftKey('orga_acme', draftKey('note', 'lead_1'));
    const globex = scopedDraftKey('orga_globex', draftKey('note', 'lead_1'));
    expect(acme).toBe('orga_acme/note:lead_1');
    await saveDraft(acme, 'For Acme');
    await saveDraft(globex, 'For Globex');
    expect(await loadDraft(acme, '')).toBe('For Acme');
    expect(await countDrafts('orga_acme')).toBe(1);
    expect(await removeOrganizationDrafts('orga_acme')).toBe(1);
    expect(await loadDraft(acme, '')).toBeNull();
    expect(await loadDraft(globex, '')).toBe('For Globex');
  });

  it('sweeps drafts older than 30 days and moves unscoped ones into the active organization', async () => {
    const now = Date.now();
    await saveDraft('orga_acme/note:lead_old', 'Old', now - DRAFT_MAX_AGE_MS - 1);
    await saveDraft('orga_acme/note:lead_new', 'New', now - 1000);
    await saveDraft('note:lead_legacy', 'From before scoping', now - 1000);
    expect(await sweepDrafts('orga_acme', now)).toBe(1);
    expect(await loadDraft('orga_acme/note:lead_old', '', now)).toBeNull();
    expect(await loadDraft('orga_acme/note:lead_new', '', now)).toBe('New');
    expect(await loadDraft('note:lead_legacy', '', now)).toBeNull();
    expect(await loadDraft('orga_acme/note:lead_legacy', '', now)).toBe('From before scoping');
  });
});
