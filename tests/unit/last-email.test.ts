// "Last email N days ago": which email counts, and how long ago reads.
import { describe, expect, it } from 'vitest';
import type { Activity } from '@/utils/close/types';
import { formatDaysAgo, lastEmailDate } from '@/utils/last-email';

function email(date: string, emailStatus?: string, type: Activity['type'] = 'Email'): Activity {
  return {
    id: `acti_${date}`,
    type,
    rawType: type,
    leadId: 'lead_1',
    date,
    userName: null,
    contactId: null,
    summary: 'Hello',
    ...(emailStatus ? { emailStatus } : {}),
  };
}

describe('lastEmailDate', () => {
  it('takes the newest email that was sent or received, whatever the order', () => {
    expect(
      lastEmailDate([
        email('2024-05-10T08:15:00Z', 'inbox'),
        email('2024-05-12T16:40:00Z', 'sent'),
        email('2024-05-11T09:00:00Z', 'inbox'),
      ]),
    ).toBe('2024-05-12T16:40:00Z');
  });

  it('skips drafts, scheduled, outgoing-not-yet-sent and failed emails, and other activities', () => {
    expect(
      lastEmailDate([
        email('2024-05-19T10:00:00Z', 'draft'),
        email('2024-05-19T11:00:00Z', 'scheduled'),
        email('2024-05-19T12:00:00Z', 'outbox'),
        email('2024-05-19T13:00:00Z', 'error'),
        email('2024-05-19T14:00:00Z', 'sent', 'Note'),
        email('2024-05-01T09:00:00Z', 'sent'),
      ]),
    ).toBe('2024-05-01T09:00:00Z');
  });

  it('knows nothing when no email with a known status is loaded', () => {
    expect(lastEmailDate([])).toBeNull();
    expect(lastEmailDate([email('2024-05-19T10:00:00Z')])).toBeNull();
    expect(lastEmailDate([email('not a date', 'sent')])).toBeNull();
  });
});

describe('formatDaysAgo', () => {
  const now = new Date(2024, 4, 20, 15, 0).getTime();
  const at = (month: number, day: number, hour = 9) =>
    new Date(2024, month, day, hour).toISOString();

  it('counts calendar days in the user’s time zone', () => {
    expect(formatDaysAgo(at(4, 20, 1), now, 'en-US')).toBe('today');
    expect(formatDaysAgo(at(4, 19, 23), now, 'en-US')).toBe('yesterday');
    expect(formatDaysAgo(at(4, 17), now, 'en-US')).toBe('3 days ago');
  });

  it('reads weeks, months and years for older mail', () => {
    expect(formatDaysAgo(at(4, 1), now, 'en-US')).toBe('3 weeks ago');
    expect(formatDaysAgo(at(1, 20), now, 'en-US')).toBe('3 months ago');
    expect(formatDaysAgo(new Date(2022, 4, 1).toISOString(), now, 'en-US')).toBe('2 years ago');
  });

  it('speaks the user’s language', () => {
    expect(formatDaysAgo(at(4, 17), now, 'de-DE')).toBe('vor 3 Tagen');
  });

  it('reads a date after now (clocks differ) as today, and nothing for an unreadable one', () => {
    expect(formatDaysAgo(at(4, 20, 23), now, 'en-US')).toBe('today');
    expect(formatDaysAgo('soon', now, 'en-US')).toBe('');
  });
});
