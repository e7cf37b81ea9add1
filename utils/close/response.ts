// Reading Close's answers: body parsing, mapping a non-2xx answer to a typed error, write read-back.

import {
  CloseAuthError,
  CloseBadRequestError,
  type CloseError,
  CloseForbiddenError,
  CloseNotFoundError,
  CloseRateLimitError,
  CloseServerError,
  CloseValidationError,
  flattenFieldErrors,
} from '@/utils/close/errors';
import type { JsonBody } from '@/utils/close/http-types';
import { t } from '@/utils/i18n';

export function parseBody(text: unknown): unknown {
  if (typeof text !== 'string') return text ?? null;
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function errorText(data: unknown): string | undefined {
  if (data && typeof data === 'object') {
    const record = data as Record<string, unknown>;
    if (typeof record.error === 'string') return record.error;
    if (typeof record.message === 'string') return record.message;
    if (Array.isArray(record.errors)) {
      const strings = record.errors.filter((e): e is string => typeof e === 'string');
      if (strings.length > 0) return strings.join(' ');
    }
  }
  return undefined;
}

/** Maps a non-2xx answer (other than the ones we retry) to a typed error. */
export function errorForResponse(status: number, data: unknown, retryAfterMs = 0): CloseError {
  const record = data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  if (status === 401) return new CloseAuthError(t('closeErrorAuth'), 401);
  if (status === 402) return new CloseForbiddenError(t('closeErrorPlan'), 402);
  if (status === 403) return new CloseForbiddenError(t('closeErrorForbidden'), 403);
  if (status === 404) return new CloseNotFoundError(t('closeErrorNotFound'), 404);
  if (status === 429) return new CloseRateLimitError(retryAfterMs);
  if (status >= 500) return new CloseServerError(status);
  const fieldErrors = flattenFieldErrors(record['field-errors']);
  const errors = Array.isArray(record.errors)
    ? record.errors.filter((e): e is string => typeof e === 'string')
    : [];
  if (status === 400 && (Object.keys(fieldErrors).length > 0 || errors.length > 0)) {
    return new CloseValidationError(fieldErrors, errors, status);
  }
  return new CloseBadRequestError(errorText(data), status);
}

/** Does Close's object carry every plain value we sent? (PUT is a PATCH in Close.) */
export function carriesValues(body: JsonBody, response: unknown): boolean {
  if (!response || typeof response !== 'object') return false;
  const record = response as Record<string, unknown>;
  let compared = 0;
  for (const [key, value] of Object.entries(body)) {
    if (!(key in record)) continue;
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) {
      if (record[key] !== value) return false;
      compared++;
    }
  }
  return compared > 0;
}
