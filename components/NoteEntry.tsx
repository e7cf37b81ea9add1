// A note in a lead's timeline: its formatting kept (sanitized), and "Edit" only where plain-text
// editing would not erase that formatting.
import { useMemo } from 'preact/hooks';
import { lazyModule, useLazyModule } from '@/components/lazy';
import type { Activity } from '@/utils/close/types';
import { t } from '@/utils/i18n';

const strings = {
  edit: t('commonEdit'),
  editNote: t('activityTimelineEditNote'),
  richNoteHint: t('activityTimelineRichNoteHint'),
  openLead: t('activityTimelineOpenLead'),
  opensInNewTab: t('commonOpensInNewTab'),
} as const;

// DOMPurify loads with the first formatted note.
const sanitizerModule = lazyModule(() => import('@/utils/sanitize-html'));
/** For plain notes: never loads anything. */
const noSanitizer = { get: () => null, load: () => new Promise<never>(() => {}) };

/** Formatting plain-text editing would erase; unknown (sanitizer not in yet) counts as formatted. */
export function richNote(html: string | null | undefined): boolean {
  if (!html) return false;
  return sanitizerModule.get()?.hasRichFormatting(html) ?? true;
}

export interface NoteEntryProps {
  note: Activity;
  /** Where to edit a formatted note; null when the lead's address is unknown or unsafe. */
  leadHref: string | null;
  /** Offered only for notes that plain-text editing would not damage. */
  onEdit?: (() => void) | undefined;
}

/**
 * A note in the timeline. Its HTML is sanitized once per note and version, not on every render.
 * A note with formatting is read-only here: saving it as plain text would erase the formatting
 * (Close Look cannot yet send note HTML), so it points to Close instead.
 */
export function NoteEntry({ note, leadHref, onEdit }: NoteEntryProps) {
  const html = note.noteHtml ?? '';
  // Until the sanitizer is in (the first formatted note loads it), the note shows as plain text.
  const sanitizer = useLazyModule(html ? sanitizerModule : noSanitizer);
  const view = useMemo(
    () =>
      html && sanitizer
        ? { safe: sanitizer.sanitizeHtml(html), rich: sanitizer.hasRichFormatting(html) }
        : null,
    [note.id, html, sanitizer],
  );
  return (
    <>
      {view ? (
        <div class="cl-activity__body cl-rich" dangerouslySetInnerHTML={{ __html: view.safe }} />
      ) : (
        <p class="cl-activity__body cl-pre">{note.note ?? note.summary}</p>
      )}
      {view?.rich ? (
        <p class="cl-hint">
          {strings.richNoteHint}{' '}
          {leadHref ? (
            <a href={leadHref} target="_blank" rel="noopener noreferrer">
              {strings.openLead}
              <span class="cl-visually-hidden"> {strings.opensInNewTab}</span>
            </a>
          ) : null}
        </p>
      ) : onEdit && (!html || sanitizer) ? (
        <button
          type="button"
          class="cl-button cl-button--small cl-button--quiet"
          aria-label={strings.editNote}
          onClick={onEdit}
        >
          {strings.edit}
        </button>
      ) : null}
    </>
  );
}
