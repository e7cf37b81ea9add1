import { describe, expect, it } from 'vitest';
import { gmailUrlShowsThread } from '@/utils/detect/gmail-url';

const at = (hash: string) => new URL(`https://mail.google.com/mail/u/0/${hash}`);

describe('gmailUrlShowsThread', () => {
  it('recognises thread URLs in every list Gmail opens them from', () => {
    expect(gmailUrlShowsThread(at('#inbox/FMfcgzQZTMxkKdvQcxCtJrNlQwdlKPfL'))).toBe(true);
    expect(gmailUrlShowsThread(at('#label/Work/FMfcgzQZTMxkKdvQcxCtJrNlQwdlKPfL'))).toBe(true);
    expect(gmailUrlShowsThread(at('#search/renewal/16a2b3c4d5e6f708'))).toBe(true);
  });

  it('does not take list views for threads', () => {
    expect(gmailUrlShowsThread(at('#inbox'))).toBe(false);
    expect(gmailUrlShowsThread(at('#label/Work'))).toBe(false);
    expect(gmailUrlShowsThread(at('#search/renewal'))).toBe(false);
    expect(gmailUrlShowsThread(at(''))).toBe(false);
  });
});
