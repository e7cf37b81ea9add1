// What the write journal knows about a form's save: saving, saved, not saved (Retry), queued until
// Close is reachable (Cancel), or "Close may already have this" with a link to look before saving again.

import { errorText, isRetryable } from '@/components/error-text';
import type { WriteHandle } from '@/components/use-write';
import type { AppError } from '@/utils/app-error';
import { t } from '@/utils/i18n';
import { closeLeadUrl } from '@/utils/write-journal';

const strings = {
  saving: t('commonSaving'),
  checking: t('writeStatusChecking'),
  saved: t('writeStatusSaved'),
  notSaved: t('commonNotSaved'),
  maybe: t('writeStatusMaybe'),
  queued: t('writeStatusQueued'),
  cancel: t('writeStatusCancel'),
  retry: t('commonRetry'),
  checkAgain: t('writeStatusCheckAgain'),
  lookInClose: t('writeStatusLookInClose'),
  keepEditing: t('writeStatusKeepEditing'),
} as const;

export interface WriteStatusProps {
  write: WriteHandle;
  /** The error this form got for its own save, shown by its FormError (with field errors). */
  ownError: AppError | null;
  /** Sends the form again: offered only when Close is known not to have the save. */
  onRetry: () => void;
  busy: boolean;
  /** What "Not saved" says when there is no text to keep (a ticked checkbox). */
  notSaved?: string;
}

export function WriteStatus({ write, ownError, onRetry, busy, notSaved }: WriteStatusProps) {
  const { entry } = write;
  const notSavedText = notSaved ?? strings.notSaved;
  if (write.notRecorded) {
    return (
      <div class="cl-form-error" role="alert">
        <p>{notSavedText}</p>
        <button type="button" class="cl-button cl-button--small" onClick={onRetry} disabled={busy}>
          {strings.retry}
        </button>
      </div>
    );
  }
  if (write.forgotten) return null;
  if (!entry || (write.currentId !== null && entry.id !== write.currentId)) {
    // The answer to this form's own save was lost and the journal has not said more yet.
    if (ownError?.outcomeUnknown) {
      return (
        <div class="cl-form-error" role="alert">
          <p>
            {strings.maybe} {errorText(ownError)}
          </p>
          {write.looking ? (
            <p class="cl-hint">{strings.checking}</p>
          ) : (
            <button
              type="button"
              class="cl-button cl-button--small"
              onClick={() => void write.check()}
            >
              {strings.checkAgain}
            </button>
          )}
        </div>
      );
    }
    return null;
  }
  switch (entry.state) {
    case 'sending':
      return (
        <p class="cl-hint" role="status">
          {strings.saving}
        </p>
      );
    case 'checking':
      return (
        <p class="cl-hint" role="status">
          {strings.checking}
        </p>
      );
    case 'saved':
      // The form already said so when Close answered it directly.
      return write.confirmedId === entry.id ? null : (
        <p class="cl-hint" role="status">
          {strings.saved}
        </p>
      );
    case 'queued':
      return (
        <div class="cl-banner" role="status">
          <p>{strings.queued}</p>
          <button
            type="button"
            class="cl-button cl-button--small"
            onClick={() => void write.cancel()}
          >
            {strings.cancel}
          </button>
        </div>
      );
    case 'unknown':
      return (
        <div class="cl-form-error" role="alert">
          <p>{strings.maybe}</p>
          {entry.leadId ? (
            <a href={closeLeadUrl(entry.leadId)} target="_blank" rel="noopener noreferrer">
              {strings.lookInClose}
            </a>
          ) : null}
          <button
            type="button"
            class="cl-button cl-button--small"
            disabled={write.looking}
            onClick={() => void write.check()}
          >
            {strings.checkAgain}
          </button>
          <button
            type="button"
            class="cl-button cl-button--small"
            onClick={() => void write.dismiss()}
          >
            {strings.keepEditing}
          </button>
        </div>
      );
    case 'failed': {
      // A failure the form saw itself is shown by its FormError, next to the fields it names.
      if (ownError && !ownError.outcomeUnknown) return null;
      const error = entry.error;
      const retry = !error || isRetryable(error) || !error.fieldErrors;
      return (
        <div class="cl-form-error" role="alert">
          <p>
            {notSavedText}
            {error ? ` ${errorText(error)}` : ''}
          </p>
          {retry ? (
            <button
              type="button"
              class="cl-button cl-button--small"
              onClick={onRetry}
              disabled={busy}
            >
              {strings.retry}
            </button>
          ) : null}
        </div>
      );
    }
  }
}
