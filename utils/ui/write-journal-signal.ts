// The write journal as extension pages see it: a signal of its entries, followed in storage.local
// (only the background writes it), and the "resolve what is unsettled" call a page makes on opening.
import { signal } from '@preact/signals';
import { sendMessage } from '@/utils/messaging';
import { writeJournalItem } from '@/utils/storage';
import { type JournalEntry, parseJournal } from '@/utils/write-journal';

export const journalEntries = signal<JournalEntry[]>([]);

/**
 * Follows the journal, and asks the background to resolve what is unsettled (a save whose answer
 * was lost while the page was closed is checked with Close now). Returns an unwatch.
 */
export function watchWriteJournal(): () => void {
  void writeJournalItem
    .getValue()
    .then((raw) => {
      journalEntries.value = parseJournal(raw);
    })
    .catch(() => {});
  const unwatch = writeJournalItem.watch((raw) => {
    journalEntries.value = parseJournal(raw);
  });
  void sendMessage('ui:resolveWrites', {}).catch(() => {});
  return unwatch;
}
