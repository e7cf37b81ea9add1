// UI words from public/_locales/<lang>/messages.json through the browser's i18n API. Unit tests run
// without that API (fakeBrowser does not implement i18n), so there the bundled English file answers.
import { browser } from 'wxt/browser';
import english from '@/public/_locales/en/messages.json';

interface MessageEntry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

// Only tests and Node scripts (tsx, where there is no import.meta.env) read the file directly;
// production builds drop it (Vite replaces import.meta.env with constants).
const mode: string = import.meta.env ? import.meta.env.MODE : 'node-script';
const fallbackMessages: Record<string, MessageEntry> =
  mode === 'test' || mode === 'node-script' ? (english as Record<string, MessageEntry>) : {};

export type MessageKey = keyof typeof english;

/** Fills a messages.json entry the way browsers do: named placeholders, then $1…$9, then $$. */
export function formatMessage(entry: MessageEntry, substitutions: readonly string[]): string {
  const named = (text: string) =>
    text.replace(/\$([a-z0-9_@]+)\$/gi, (whole, name: string) => {
      const placeholder = entry.placeholders?.[name.toLowerCase()];
      return placeholder ? placeholder.content : whole;
    });
  return named(entry.message).replace(/\$(\$|\d)/g, (_, what: string) =>
    what === '$' ? '$' : (substitutions[Number(what) - 1] ?? ''),
  );
}

/** The text of a message; `substitutions` fill its $1, $2… placeholders. */
export function t(key: MessageKey, substitutions?: string | readonly string[]): string {
  const subs = substitutions === undefined ? [] : [substitutions].flat();
  try {
    const i18n = browser.i18n as { getMessage(name: string, subs?: string[]): string } | undefined;
    const text = i18n?.getMessage(key, [...subs]);
    if (text) return text;
  } catch {
    // No i18n API here (unit tests): use the bundled English below.
  }
  const entry = fallbackMessages[key];
  return entry ? formatMessage(entry, subs) : key;
}
