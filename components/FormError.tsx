// A form's error banner: what went wrong, what to do, and a "Retry" button when trying again may help.

import { errorText, isRetryable } from '@/components/error-text';
import type { AppError } from '@/utils/app-error';
import { t } from '@/utils/i18n';

const strings = {
  retry: t('commonRetry'),
  kept: t('commonNotSaved'),
} as const;

export interface FormErrorProps {
  error: AppError | null;
  /** Extra lines, e.g. field errors for fields this form does not show. */
  details?: string[];
  onRetry?: () => void;
  busy?: boolean;
}

/** Retry when trying again may help, or for an error that points at no field; never when Close may already have the save. */
function canRetry(error: AppError, hasFieldErrors: boolean): boolean {
  if (error.outcomeUnknown) return false;
  return isRetryable(error) || !hasFieldErrors;
}

export function FormError({ error, details = [], onRetry, busy }: FormErrorProps) {
  if (!error) return null;
  const hasFieldErrors = !!error.fieldErrors && Object.keys(error.fieldErrors).length > 0;
  return (
    <div class="cl-form-error" role="alert">
      <p>{error.outcomeUnknown ? errorText(error) : `${strings.kept} ${errorText(error)}`}</p>
      {details.length > 0 ? (
        <ul class="cl-form-error__details">
          {details.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
      {onRetry && canRetry(error, hasFieldErrors) ? (
        <button type="button" class="cl-button cl-button--small" onClick={onRetry} disabled={busy}>
          {strings.retry}
        </button>
      ) : null}
    </div>
  );
}
