// What each page last showed (the look-up engine's seen-here rule), in storage.session: kept across
// worker restarts, bounded per organization, parsed before it is trusted, and cleared with the
// look-ups.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  clearPageMarks,
  createPageMarks,
  PAGE_MARKS_PER_ORGANIZATION,
} from '@/utils/lookup/page-marks';

const page = (n: number) => `https://mail.google.com/mail/u/0/#inbox/thread${n}`;
const mark = (shownAt: number) => ({ key: 'lookup:v1:orga_1:q', storedAt: 1, shownAt });

describe('page marks', () => {
  beforeEach(() => fakeBrowser.reset());

  it('remembers what a page showed, for a new worker too, per organization', async () => {
    await createPageMarks('orga_1').set(page(1), mark(10));
    expect(await createPageMarks('orga_1').get(page(1))).toEqual(mark(10));
    expect(await createPageMarks('orga_2').get(page(1))).toBeUndefined();
  });

  it('keeps the pages shown last when there are too many, and every mark of quick successive calls', async () => {
    const marks = createPageMarks('orga_1');
    await Promise.all(
      Array.from({ length: PAGE_MARKS_PER_ORGANIZATION + 5 }, (_, i) =>
        marks.set(page(i), mark(i)),
      ),
    );
    expect(await marks.get(page(0))).toBeUndefined();
    expect(await marks.get(page(4))).toBeUndefined();
    expect(await marks.get(page(5))).toEqual(mark(5));
    expect(await marks.get(page(PAGE_MARKS_PER_ORGANIZATION + 4))).toEqual(
      mark(PAGE_MARKS_PER_ORGANIZATION + 4),
    );
  });

  it('reads an odd stored value as no marks, and writes over it', async () => {
    await fakeBrowser.storage.session.set({
      'closeLookupShown:orga_1': { [page(1)]: { key: 7, storedAt: 'yesterday' } },
    });
    const marks = createPageMarks('orga_1');
    expect(await marks.get(page(1))).toBeUndefined();
    await marks.set(page(2), mark(3));
    expect(await marks.get(page(2))).toEqual(mark(3));
  });

  it('forgets one organization’s pages, or everyone’s', async () => {
    await createPageMarks('orga_1').set(page(1), mark(1));
    await createPageMarks('orga_2').set(page(1), mark(1));
    await clearPageMarks('orga_1');
    expect(await createPageMarks('orga_1').get(page(1))).toBeUndefined();
    expect(await createPageMarks('orga_2').get(page(1))).toEqual(mark(1));
    await clearPageMarks();
    expect(await createPageMarks('orga_2').get(page(1))).toBeUndefined();
  });
});
