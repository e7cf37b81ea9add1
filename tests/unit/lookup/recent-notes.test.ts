import { describe, expect, it } from 'vitest';
import type { Activity, Note } from '@/utils/close/types';
import type { ReadsArea } from '@/utils/lookup/lead-reads-cache';
import {
  createRecentNotes,
  RECENT_NOTE_KEEP_MS,
  withRecentNotes,
} from '@/utils/lookup/recent-notes';

function memoryArea(): ReadsArea & { data: Record<string, unknown> } {
  const data: Record<string, unknown> = {};
  return {
    data,
    async get(key) {
      if (key === null) return { ...data };
      return key in data ? { [key]: data[key] } : {};
    },
    async set(items) {
      Object.assign(data, structuredClone(items));
    },
    async remove(keys) {
      for (const key of Array.isArray(keys) ? keys : [keys]) delete data[key];
    },
  };
}

const note = (id: string, dateCreated: string, text = `Text of ${id}`): Note => ({
  id,
  leadId: 'lead_1',
  note: text,
  noteHtml: '',
  dateCreated,
  dateUpdated: dateCreated,
  userName: 'Ada Lovelace',
});

const listed = (id: string, date: string): Activity => ({
  id,
  type: 'Email',
  rawType: 'Email',
  leadId: 'lead_1',
  date,
  userName: null,
  contactId: null,
  summary: `Email ${id}`,
});

describe('notes saved here but not listed by Close yet', () => {
  it('shows a saved note Close does not list yet, in date order, as a note', () => {
    const items = withRecentNotes(
      [listed('acti_old', '2026-12-01T10:00:00Z'), listed('acti_older', '2026-11-01T10:00:00Z')],
      [note('acti_new', '2026-12-03T10:00:00Z', 'Call  back\nMonday')],
    );
    expect(items.map((item) => item.id)).toEqual(['acti_new', 'acti_old', 'acti_older']);
    expect(items[0]).toMatchObject({
      type: 'Note',
      note: 'Call  back\nMonday',
      summary: 'Call back Monday',
    });
  });

  it('never shows a note twice once Close lists it', () => {
    const items = withRecentNotes(
      [{ ...listed('acti_new', '2026-12-03T10:00:00Z'), type: 'Note' }],
      [note('acti_new', '2026-12-03T10:00:00Z')],
    );
    expect(items).toHaveLength(1);
  });

  it('remembers per organization and lead, and forgets after the keep time', async () => {
    let now = 1_000_000;
    const area = memoryArea();
    const recent = createRecentNotes({ area, now: () => now });
    await recent.remember('orga_1', note('acti_a', '2026-12-03T10:00:00Z'));
    expect((await recent.forLead('orga_1', 'lead_1')).map((n) => n.id)).toEqual(['acti_a']);
    expect(await recent.forLead('orga_2', 'lead_1')).toEqual([]);
    now += RECENT_NOTE_KEEP_MS + 1;
    expect(await recent.forLead('orga_1', 'lead_1')).toEqual([]);
    expect(Object.keys(area.data)).toEqual([]);
  });

  it('ignores a stored value it cannot read and clears on request', async () => {
    const area = memoryArea();
    area.data['closeRecentNotes:orga_1:lead_1'] = [{ savedAt: 'x' }, 'junk'];
    const recent = createRecentNotes({ area });
    expect(await recent.forLead('orga_1', 'lead_1')).toEqual([]);
    await recent.remember('orga_1', note('acti_b', '2026-12-03T10:00:00Z'));
    await recent.clear();
    expect(Object.keys(area.data)).toEqual([]);
  });
});
