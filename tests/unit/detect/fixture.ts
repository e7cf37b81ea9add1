// Test helper: loads a saved page from tests/fixtures as a Document, with the URL it was saved from.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function fixtureHtml(name: string): string {
  // import.meta.url is not a file: URL under happy-dom; vitest runs from the repository root.
  return readFileSync(join(process.cwd(), 'tests', 'fixtures', name), 'utf8');
}

export function parseHtml(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

/** The fixture as a Document and the page URL recorded in its header comment ("URL: …"). */
export function loadFixture(name: string): { doc: Document; url: URL } {
  const html = fixtureHtml(name);
  const match = /URL:\s*(\S+)/.exec(html);
  if (!match?.[1]) throw new Error(`${name} has no "URL:" line in its header comment`);
  return { doc: parseHtml(html), url: new URL(match[1]) };
}
