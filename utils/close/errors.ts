// Typed errors for everything that can go wrong talking to Close, each with a message a salesperson can act on.
import type { AppError, AppErrorKind } from '@/utils/app-error';
import { t } from '@/utils/i18n';

/** Base class: every error the Close client throws carries a kind the UI understands. */
export abstract class CloseError extends Error {
  abstract readonly kind: AppErrorKind;
  /** HTTP status Close answered with, when there was an answer. */
  readonly status: number | undefined;

  /**
   * True for a write that may have reached Close and that Close Look could not check: the user
   * must look in Close before saving again (no blind retry).
   */
  readonly outcomeUnknown: boolean;

  constructor(
    message: string,
    status?: number,
    options: { cause?: unknown; outcomeUnknown?: boolean } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.status = status;
    this.outcomeUnknown = options.outcomeUnknown ?? false;
  }

  /** The plain shape that crosses the message boundary to the UI. */
  toAppError(): AppError {
    return {
      kind: this.kind,
      message: this.message,
      ...(this.outcomeUnknown ? { outcomeUnknown: true } : {}),
    };
  }
}

/** No API key is stored: the user has not connected Close yet (or disconnected). */
export class NotConnectedError extends CloseError {
  readonly kind = 'not_connected' as const;
  constructor(message = t('closeErrorNotConnected')) {
    super(message);
  }
}

// The errors below carry the sentence and status `errorForResponse` (response.ts) gives them: the
// status → sentence rule lives there, once.

/** 401: the key is wrong, revoked or belongs to nobody. */
export class CloseAuthError extends CloseError {
  readonly kind = 'auth' as const;
}

/** 402/403: the key works but this user or plan may not do this. */
export class CloseForbiddenError extends CloseError {
  readonly kind = 'forbidden' as const;
}

/** 404: the record was deleted or merged, or never existed. */
export class CloseNotFoundError extends CloseError {
  readonly kind = 'not_found' as const;
}

/** 400 with Close's `field-errors` map (and/or its `errors` list): something in the form needs fixing. */
export class CloseValidationError extends CloseError {
  readonly kind = 'validation' as const;
  /** Field name → message, flattened (nested fields joined with dots). */
  readonly fieldErrors: Record<string, string>;
  /** Errors that are not about one field. */
  readonly errors: string[];

  constructor(fieldErrors: Record<string, string>, errors: string[] = [], status = 400) {
    const fields = Object.keys(fieldErrors);
    const message =
      fields.length > 0
        ? t('closeErrorValidationField', [
            fields.join(', '),
            fieldErrors[fields[0] as string] ?? '',
          ])
        : errors.length > 0
          ? t('closeErrorValidationList', errors.join(' '))
          : t('closeErrorValidation');
    super(message, status);
    this.fieldErrors = fieldErrors;
    this.errors = errors;
  }

  override toAppError(): AppError {
    return { kind: this.kind, message: this.message, fieldErrors: this.fieldErrors };
  }
}

/** 400 without field errors (bad parameter, limit too large) and other requests Close refused as malformed. */
export class CloseBadRequestError extends CloseError {
  readonly kind = 'bad_request' as const;
  /** Close's own explanation, for logs. */
  readonly detail: string | undefined;
  constructor(detail?: string, status = 400) {
    super(detail ? t('closeErrorBadRequestDetail', detail) : t('closeErrorBadRequest'), status);
    this.detail = detail;
  }
}

/**
 * 400 on `/data/search/`: Close refused our query. Never a reason to search another way (the same
 * wrong assumption would fail silently there); `details` keeps the request and Close's answer
 * for a bug report.
 */
export class CloseSearchRefusedError extends CloseError {
  readonly kind = 'bad_request' as const;
  /** Close's own explanation. */
  readonly detail: string;
  /** What was sent and what Close answered, for a bug report (no key, no personal data beyond the query). */
  readonly details: string;
  constructor(refusal: CloseError, request: string) {
    const detail =
      refusal instanceof CloseBadRequestError
        ? (refusal.detail ?? 'no reason given')
        : refusal instanceof CloseValidationError
          ? [
              ...Object.entries(refusal.fieldErrors).map(([k, m]) => `${k}: ${m}`),
              ...refusal.errors,
            ].join('; ') || 'no reason given'
          : refusal.message;
    super(t('closeErrorSearchRefused', detail), refusal.status, { cause: refusal });
    this.detail = detail;
    this.details = `POST /data/search/ → ${refusal.status ?? '?'} ${detail}\nrequest: ${request}`;
  }

  override toAppError(): AppError {
    return { kind: this.kind, message: this.message, details: this.details };
  }
}

/** 429 that we could not wait out within the time we have. */
export class CloseRateLimitError extends CloseError {
  readonly kind = 'rate_limited' as const;
  readonly retryAfterMs: number;
  constructor(retryAfterMs: number) {
    const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    super(
      seconds === 1 ? t('closeErrorRateLimitOne') : t('closeErrorRateLimit', String(seconds)),
      429,
    );
    this.retryAfterMs = retryAfterMs;
  }

  override toAppError(): AppError {
    return { kind: this.kind, message: this.message, retryAfterMs: this.retryAfterMs };
  }
}

/** 5xx (after retries for reads), or an answer we could not understand. */
export class CloseServerError extends CloseError {
  readonly kind = 'server' as const;
  constructor(
    status: number | undefined,
    message?: string,
    options: { cause?: unknown; outcomeUnknown?: boolean } = {},
  ) {
    super(
      message ?? (options.outcomeUnknown ? t('closeErrorServerMaybeSaved') : t('closeErrorServer')),
      status,
      options,
    );
  }
}

/** Close answered 2xx with a body that does not have the shape we rely on. */
export class CloseUnexpectedResponseError extends CloseServerError {
  constructor(what: string, options?: { cause?: unknown }) {
    super(undefined, t('closeErrorUnexpected', what), options);
  }
}

/** The request never got an answer: offline, DNS, connection dropped. */
export class NetworkError extends CloseError {
  readonly kind = 'network' as const;
  /** `outcomeUnknown`: a write whose request may have reached Close before the connection dropped. */
  constructor(options: { outcomeUnknown?: boolean; cause?: unknown } = {}) {
    super(
      options.outcomeUnknown ? t('closeErrorNetworkMaybeSaved') : t('closeErrorNetwork'),
      undefined,
      options,
    );
  }
}

/** Close did not answer in time. */
export class TimeoutError extends CloseError {
  readonly kind = 'timeout' as const;
  readonly timeoutMs: number;
  /** `outcomeUnknown`: a write that may have reached Close before the answer was late. */
  constructor(timeoutMs: number, options: { outcomeUnknown?: boolean } = {}) {
    const seconds = Math.round(timeoutMs / 1000);
    super(
      options.outcomeUnknown
        ? t('closeErrorTimeoutMaybeSaved', String(seconds))
        : t('closeErrorTimeout', String(seconds)),
      undefined,
      options,
    );
    this.timeoutMs = timeoutMs;
  }
}

export function isCloseError(error: unknown): error is CloseError {
  return error instanceof CloseError;
}

/** Flattens Close's `field-errors` (string values, or nested objects for nested documents). */
export function flattenFieldErrors(raw: unknown, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  if (raw === null || typeof raw !== 'object') return out;
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out[name] = value;
    else if (Array.isArray(value)) {
      const strings = value.filter((item): item is string => typeof item === 'string');
      if (strings.length > 0) out[name] = strings.join(' ');
      value.forEach((item, index) => {
        if (item !== null && typeof item === 'object') {
          Object.assign(out, flattenFieldErrors(item, `${name}.${index}`));
        }
      });
    } else if (value !== null && typeof value === 'object') {
      Object.assign(out, flattenFieldErrors(value, name));
    } else if (value !== null && value !== undefined) {
      out[name] = String(value);
    }
  }
  return out;
}
