// The error shape that crosses the message boundary: a kind the UI can act on and a readable message.
import * as v from 'valibot';
import { t } from '@/utils/i18n';

export const APP_ERROR_KINDS = [
  'auth',
  'not_found',
  'validation',
  'rate_limited',
  'server',
  'network',
  'timeout',
  'not_connected',
  'forbidden',
  'bad_request',
  'unknown',
] as const;
export type AppErrorKind = (typeof APP_ERROR_KINDS)[number];

export const AppErrorSchema = v.object({
  kind: v.picklist(APP_ERROR_KINDS),
  message: v.string(),
  /** Close's `field-errors`: field name → message. */
  fieldErrors: v.optional(v.record(v.string(), v.string())),
  /** For rate limits: how long until Close accepts requests again. */
  retryAfterMs: v.optional(v.number()),
  /**
   * A write whose answer was lost (dropped connection, gateway error): Close may or may not have
   * saved it. The UI must not offer a blind retry; the user checks Close first.
   */
  outcomeUnknown: v.optional(v.boolean()),
  /** Technical details for a bug report (e.g. the search Close refused and its answer). */
  details: v.optional(v.string()),
});
export type AppError = v.InferOutput<typeof AppErrorSchema>;

/** An Error that carries an AppError across `await` boundaries in the UI. */
export class AppFailure extends Error {
  readonly kind: AppErrorKind;
  readonly fieldErrors: Record<string, string> | undefined;
  readonly retryAfterMs: number | undefined;
  readonly outcomeUnknown: boolean;
  constructor(error: AppError) {
    super(error.message);
    this.name = 'AppFailure';
    this.kind = error.kind;
    this.fieldErrors = error.fieldErrors;
    this.retryAfterMs = error.retryAfterMs;
    this.outcomeUnknown = error.outcomeUnknown ?? false;
  }
}

/** Turns anything thrown into an AppError. Errors that already carry a kind keep it. */
export function toAppError(error: unknown): AppError {
  if (error && typeof error === 'object' && 'toAppError' in error) {
    const candidate = (error as { toAppError: unknown }).toAppError;
    if (typeof candidate === 'function') return candidate.call(error) as AppError;
  }
  if (error instanceof AppFailure) {
    return {
      kind: error.kind,
      message: error.message,
      ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}),
      ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
      ...(error.outcomeUnknown ? { outcomeUnknown: true } : {}),
    };
  }
  if (error instanceof v.ValiError) {
    return { kind: 'bad_request', message: t('appErrorNotUnderstood') };
  }
  return {
    kind: 'unknown',
    message: error instanceof Error && error.message ? error.message : t('errorTextFallback'),
  };
}
