// Turns an AppError into a sentence a salesperson can act on, and tells whether retrying may help.
import type { AppError } from '../utils/app-error';

const strings = {
  auth: 'Close did not accept the API key. Check it in Close under Settings → API Keys, then connect again.',
  notConnected: 'Close Look is not connected to your Close account.',
  network: 'Could not reach Close. Check your internet connection, then try again.',
  timeout: 'Close took too long to answer. Try again.',
  server: 'Close is having trouble right now (server error). Try again in a minute.',
  rateLimited: 'Close asked us to slow down. Waiting before trying again…',
  forbidden: 'Your Close account is not allowed to do this. Ask an admin of your organization.',
  notFound: 'This record no longer exists in Close. It may have been deleted or merged.',
  validation: 'Close could not save this. Check the highlighted fields.',
  fallback: 'Something went wrong. Try again.',
} as const;

/** The message to show for an error: ours for well-known kinds, Close's own otherwise. */
export function errorText(error: AppError): string {
  switch (error.kind) {
    case 'auth':
      return strings.auth;
    case 'not_connected':
      return strings.notConnected;
    case 'network':
      return strings.network;
    case 'timeout':
      return strings.timeout;
    case 'server':
      return strings.server;
    case 'rate_limited':
      return strings.rateLimited;
    case 'forbidden':
      return strings.forbidden;
    case 'not_found':
      return strings.notFound;
    case 'validation':
      return error.message || strings.validation;
    default:
      return error.message || strings.fallback;
  }
}

/** Whether the same action may succeed if the user simply tries again. */
export function isRetryable(error: AppError): boolean {
  return (
    error.kind === 'network' ||
    error.kind === 'timeout' ||
    error.kind === 'server' ||
    error.kind === 'rate_limited' ||
    error.kind === 'unknown'
  );
}
