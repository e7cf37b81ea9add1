// The send-only half of utils/messaging.ts for content scripts: same envelope, no valibot and no
// webextension-polyfill (the background validates every message anyway), so readers stay a few KB.
import type { MessageInput } from '@/utils/messaging';

/** The only messages a content script sends (see CONTENT_SCRIPT_MESSAGES in utils/messaging.ts). */
export type ContentScriptMessage = 'cs:reportPage' | 'cs:clearPage';

interface RuntimeLike {
  id?: string;
  sendMessage(message: unknown): Promise<unknown>;
}

type ExtensionGlobals = { browser?: { runtime?: RuntimeLike }; chrome?: { runtime?: RuntimeLike } };

/**
 * The extension runtime, chosen the way WXT's own `@wxt-dev/browser` does (Firefox `browser`, else
 * Chrome's promise-returning MV3 `chrome`). Importing `wxt/browser` here would pull the
 * webextension-polyfill (3 KB gzipped) into every reader; undefined once the extension is gone.
 */
export function extensionRuntime(): RuntimeLike | undefined {
  const globals = globalThis as ExtensionGlobals;
  const runtime = globals.browser?.runtime?.id ? globals.browser.runtime : globals.chrome?.runtime;
  return runtime?.id ? runtime : undefined;
}

/** Sends a content-script message to the background; resolves with its raw reply envelope. */
export function sendFromContentScript<N extends ContentScriptMessage>(
  name: N,
  ...args: MessageInput<N> extends null | undefined
    ? [data?: MessageInput<N>]
    : [data: MessageInput<N>]
): Promise<unknown> {
  const runtime = extensionRuntime();
  if (!runtime) return Promise.reject(new Error('Extension context invalidated.'));
  return runtime.sendMessage({ closeLook: 1, name, data: args[0] ?? null });
}

/** True once the extension was reloaded or removed under this content script. */
export function isContextInvalidated(error: unknown): boolean {
  return error instanceof Error && /context invalidated/i.test(error.message);
}

/**
 * True when the background answered a report with "this site is switched off in settings"
 * (`{ ok: true, value: { siteEnabled: false } }`): the script should stop watching the page.
 */
export function siteSwitchedOff(reply: unknown): boolean {
  const value = (reply as { ok?: unknown; value?: { siteEnabled?: unknown } } | null)?.value;
  return (reply as { ok?: unknown } | null)?.ok === true && value?.siteEnabled === false;
}
