import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import english from '@/public/_locales/en/messages.json';
import { formatMessage, t } from '@/utils/i18n';

describe('UI words', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('uses the browser i18n API when there is one', () => {
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(() => 'Nachschlagen in Close');
    expect(t('menuLookUpInClose')).toBe('Nachschlagen in Close');
  });

  it('falls back to the bundled English messages without the API (unit tests)', () => {
    expect(t('menuLookUpInClose')).toBe('Look up in Close');
  });

  it('fills named placeholders and $1-style substitutions like browsers do', () => {
    expect(
      formatMessage(
        { message: 'Disconnect $ORG$ ($$5)', placeholders: { org: { content: '$1' } } },
        ['Acme Sales'],
      ),
    ).toBe('Disconnect Acme Sales ($5)');
  });

  it('has a message and a description for every key, with placeholders that exist', () => {
    for (const [key, entry] of Object.entries(english) as Array<
      [string, { message: string; description?: string; placeholders?: Record<string, unknown> }]
    >) {
      expect(entry.message, key).toBeTruthy();
      expect(entry.description, key).toBeTruthy();
      for (const name of entry.message.match(/\$([a-z0-9_]+)\$/gi) ?? []) {
        expect(Object.keys(entry.placeholders ?? {}), key).toContain(
          name.slice(1, -1).toLowerCase(),
        );
      }
    }
  });
});
