import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { clearDraft, DRAFT_MAX_AGE_MS, draftKey, loadDraft, saveDraft } from '../../utils/drafts';

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
});
