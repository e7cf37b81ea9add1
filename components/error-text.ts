// Turns an AppError into a sentence a salesperson can act on, and tells whether retrying may help.
import type { AppError } from '@/utils/app-error';
import { t } from '@/utils/i18n';

/** The message to show for an error: ours for well-known kinds, Close's own otherwise. */
export function errorText(error: AppError): string {
  // A save whose answer was lost: only the error's own words say to look in Close before saving
  // again; a generic "try again" here would invite a duplicate.
  if (error.outcomeUnknown) return error.message || t('errorTextOutcomeUnknown');
  switch (error.kind) {
    case 'auth':
      return t('errorTextAuth');
    case 'not_connected':
      return t('errorTextNotConnected');
    case 'network':
      return t('commonNetworkError');
    case 'timeout':
      return t('errorTextTimeout');
    case 'server':
      return t('errorTextServer');
    case 'rate_limited':
      return t('errorTextRateLimited');
    case 'forbidden':
      return t('errorTextForbidden');
    case 'not_found':
      return t('errorTextNotFound');
    case 'validation':
      return error.message || t('errorTextValidation');
    default:
      return error.message || t('errorTextFallback');
  }
}

/**
 * Whether the same action may succeed if the user simply tries again. Never for a save whose
 * outcome is unknown: Close may already have it, and a second save would duplicate it.
 */
export function isRetryable(error: AppError): boolean {
  if (error.outcomeUnknown) return false;
  return (
    error.kind === 'network' ||
    error.kind === 'timeout' ||
    error.kind === 'server' ||
    error.kind === 'rate_limited' ||
    error.kind === 'unknown'
  );
}
