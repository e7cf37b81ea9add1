import { describe, expect, it } from 'vitest';
import { classifySender } from '@/utils/sender';

const origin = 'chrome-extension://abc/';

describe('classifySender', () => {
  it('knows our pages, also when opened in a tab', () => {
    expect(
      classifySender({ id: 'abc', url: 'chrome-extension://abc/popup.html' }, 'abc', origin),
    ).toEqual({ kind: 'extension-page' });
    expect(
      classifySender(
        { id: 'abc', url: 'chrome-extension://abc/sidepanel.html?tabId=4', tab: { id: 3 } },
        'abc',
        origin,
      ),
    ).toEqual({ kind: 'extension-page' });
  });

  it('knows our content scripts by their tab and web URL', () => {
    expect(
      classifySender(
        { id: 'abc', url: 'https://mail.google.com/mail/u/0/', tab: { id: 9 }, frameId: 0 },
        'abc',
        origin,
      ),
    ).toEqual({
      kind: 'content-script',
      tabId: 9,
      frameId: 0,
      url: 'https://mail.google.com/mail/u/0/',
    });
  });

  it('treats anything else as foreign', () => {
    expect(
      classifySender({ id: 'zzz', url: 'chrome-extension://zzz/x.html' }, 'abc', origin).kind,
    ).toBe('foreign');
    expect(
      classifySender({ id: 'abc', url: 'chrome-extension://abcd/x.html' }, 'abc', origin).kind,
    ).toBe('foreign');
    expect(
      classifySender({ id: 'abc', url: 'file:///etc/passwd', tab: { id: 1 } }, 'abc', origin).kind,
    ).toBe('foreign');
    expect(classifySender({ id: 'abc' }, 'abc', origin).kind).toBe('foreign');
  });
});
