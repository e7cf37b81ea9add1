import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  extensionRuntime,
  isContextInvalidated,
  sendFromContentScript,
} from '@/utils/messaging-content';

type Globals = { chrome?: unknown; browser?: unknown };
const globals = globalThis as Globals;
const saved = { chrome: globals.chrome, browser: globals.browser };

afterEach(() => {
  globals.chrome = saved.chrome;
  globals.browser = saved.browser;
});

describe('sendFromContentScript', () => {
  it('sends the same envelope as utils/messaging.ts through the native runtime', async () => {
    const sendMessage = vi.fn(async () => ({ ok: true, value: null }));
    globals.browser = undefined;
    globals.chrome = { runtime: { id: 'abc', sendMessage } };
    await sendFromContentScript('cs:reportPage', {
      source: 'website',
      url: 'https://example.com/',
      people: [],
    });
    await sendFromContentScript('cs:clearPage');
    expect(sendMessage.mock.calls).toEqual([
      [
        {
          closeLook: 1,
          name: 'cs:reportPage',
          data: { source: 'website', url: 'https://example.com/', people: [] },
        },
      ],
      [{ closeLook: 1, name: 'cs:clearPage', data: null }],
    ]);
  });

  it('prefers Firefox `browser` when it has a runtime id', () => {
    const firefox = { id: 'ff', sendMessage: vi.fn() };
    globals.browser = { runtime: firefox };
    globals.chrome = { runtime: { id: 'chrome', sendMessage: vi.fn() } };
    expect(extensionRuntime()).toBe(firefox);
  });

  it('rejects with an invalidation error once the extension is gone', async () => {
    globals.browser = undefined;
    globals.chrome = { runtime: { sendMessage: vi.fn() } };
    expect(extensionRuntime()).toBeUndefined();
    const error = await sendFromContentScript('cs:clearPage').catch((e: unknown) => e);
    expect(isContextInvalidated(error)).toBe(true);
    expect(isContextInvalidated(new Error('Could not establish connection.'))).toBe(false);
  });
});
