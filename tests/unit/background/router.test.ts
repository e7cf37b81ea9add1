import { describe, expect, it, vi } from 'vitest';
import { answerRequest, type Handlers } from '@/entrypoints/background/router';

const identity = { runtimeId: 'ext-id', extensionOrigin: 'chrome-extension://ext-id/' };
const page = { id: 'ext-id', url: 'chrome-extension://ext-id/sidepanel.html' };
const contentScript = {
  id: 'ext-id',
  url: 'https://mail.google.com/mail/u/0/#inbox/abc',
  tab: { id: 7 },
  frameId: 0,
};

function handlers(): Handlers {
  // Only the messages these tests send; the rest are never called.
  return {
    'cs:reportPage': vi.fn(async () => ({ siteEnabled: true })),
    'cs:clearPage': vi.fn(async () => null),
    'ui:getConnection': vi.fn(async () => ({ status: 'disconnected' as const })),
    'ui:connect': vi.fn(async () => ({ status: 'disconnected' as const })),
    'ui:disconnect': vi.fn(async () => ({ status: 'disconnected' as const })),
  } as Partial<Handlers> as Handlers;
}

const request = (name: string, data: unknown = null) => ({ closeLook: 1, name, data });

describe('the background message door', () => {
  it('lets an extension page connect, with the key trimmed', async () => {
    const h = handlers();
    const reply = await answerRequest(
      request('ui:connect', { apiKey: '  api_x  ' }),
      page,
      h,
      identity,
    );
    expect(reply).toEqual({ ok: true, value: { status: 'disconnected' } });
    expect(h['ui:connect']).toHaveBeenCalledWith({ apiKey: 'api_x' }, { kind: 'extension-page' });
  });

  it('refuses a content script asking to connect, disconnect or read the connection', async () => {
    for (const name of ['ui:connect', 'ui:disconnect', 'ui:getConnection']) {
      const h = handlers();
      const reply = await answerRequest(request(name, { apiKey: 'k' }), contentScript, h, identity);
      expect(reply).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
      expect(h[name as keyof Handlers]).not.toHaveBeenCalled();
    }
  });

  it('accepts a page report from a content script and tells the handler which tab', async () => {
    const h = handlers();
    const snapshot = {
      source: 'gmail',
      url: contentScript.url,
      people: [{ email: 'Peter@Initech.com' }],
    };
    const reply = await answerRequest(
      request('cs:reportPage', snapshot),
      contentScript,
      h,
      identity,
    );
    expect(reply).toEqual({ ok: true, value: { siteEnabled: true } });
    expect(h['cs:reportPage']).toHaveBeenCalledWith(
      expect.objectContaining({ people: [{ email: 'peter@initech.com' }] }),
      expect.objectContaining({ kind: 'content-script', tabId: 7 }),
    );
  });

  it('refuses a content-script report of another site, another source or a selection', async () => {
    const reports = [
      // A Gmail page claiming to be on another origin.
      { source: 'gmail', url: 'https://mail.google.com.evil.example/mail/u/0/', people: [] },
      { source: 'gmail', url: 'https://outlook.office.com/mail/', people: [] },
      // Sources only the background itself creates (on-demand readings, the context menu).
      { source: 'website', url: contentScript.url, people: [] },
      { source: 'selection', url: contentScript.url, people: [], company: { name: 'Initech' } },
      { source: 'linkedin-company', url: contentScript.url, people: [] },
      // The Outlook source from Gmail's page.
      { source: 'outlook', url: contentScript.url, people: [] },
    ];
    for (const snapshot of reports) {
      const h = handlers();
      const reply = await answerRequest(
        request('cs:reportPage', snapshot),
        contentScript,
        h,
        identity,
      );
      expect(reply, JSON.stringify(snapshot)).toMatchObject({
        ok: false,
        error: { kind: 'forbidden' },
      });
      expect(h['cs:reportPage']).not.toHaveBeenCalled();
    }
  });

  it("accepts Outlook's report from an Outlook page", async () => {
    const h = handlers();
    const outlook = { ...contentScript, url: 'https://outlook.office.com/mail/inbox/id/AAQ' };
    const reply = await answerRequest(
      request('cs:reportPage', { source: 'outlook', url: outlook.url, people: [] }),
      outlook,
      h,
      identity,
    );
    expect(reply).toEqual({ ok: true, value: { siteEnabled: true } });
  });

  it('refuses messages from other extensions and from pages pretending to be ours', async () => {
    const h = handlers();
    const foreign = { id: 'other', url: 'chrome-extension://other/x.html' };
    expect(await answerRequest(request('ui:getConnection'), foreign, h, identity)).toMatchObject({
      ok: false,
      error: { kind: 'forbidden' },
    });
    const spoofed = { ...page, origin: 'https://evil.example' };
    expect(await answerRequest(request('ui:getConnection'), spoofed, h, identity)).toMatchObject({
      ok: false,
      error: { kind: 'forbidden' },
    });
  });

  it('answers a malformed payload with a clear error instead of running the handler', async () => {
    const h = handlers();
    const reply = await answerRequest(request('ui:connect', { apiKey: '' }), page, h, identity);
    expect(reply).toMatchObject({
      ok: false,
      error: { kind: 'bad_request', message: 'Enter your Close API key.' },
    });
    const bad = await answerRequest(
      request('cs:reportPage', { source: 'gmail', url: 'javascript:alert(1)', people: [] }),
      contentScript,
      h,
      identity,
    );
    expect(bad).toMatchObject({ ok: false, error: { kind: 'bad_request' } });
    expect(h['cs:reportPage']).not.toHaveBeenCalled();
  });

  it('ignores messages that are not Close Look requests', async () => {
    expect(await answerRequest({ hello: 1 }, page, handlers(), identity)).toBeUndefined();
    expect(await answerRequest(request('ui:unknown'), page, handlers(), identity)).toBeUndefined();
  });

  it('turns a thrown typed error into its kind and message', async () => {
    const h = handlers();
    h['ui:connect'] = vi.fn(async () => {
      throw Object.assign(new Error('x'), {
        toAppError: () => ({ kind: 'auth', message: 'Close did not accept your API key.' }),
      });
    });
    const reply = await answerRequest(request('ui:connect', { apiKey: 'k' }), page, h, identity);
    expect(reply).toEqual({
      ok: false,
      error: { kind: 'auth', message: 'Close did not accept your API key.' },
    });
  });
});
