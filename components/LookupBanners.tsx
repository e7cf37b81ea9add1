// What is wrong with the look-up, and what to do about it: rate limit (with a countdown), offline
// (with the age of what is shown), an error (with "Connect" or "Try again"), or a stale answer.
// A ready answer may be up to the cache time old (10 minutes by default): "Refresh" asks Close now.
import { useEffect, useState } from 'preact/hooks';
import { errorText } from '@/components/error-text';
import { formatRelativeDate } from '@/utils/format';
import { t } from '@/utils/i18n';
import type { LookupState } from '@/utils/lookup/types';

const strings = {
  tryAgain: t('commonTryAgain'),
  connect: t('commonConnectAccount'),
  offline: (when: string) => (when ? t('panelViewOfflineFrom', when) : t('panelViewOffline')),
  offlineNoCache: t('panelViewOfflineNoCache'),
  rateLimited: (seconds: number) =>
    seconds > 0 ? t('panelViewRateLimited', String(seconds)) : t('panelViewRateLimitedNow'),
  stale: t('panelViewStale'),
  refresh: t('panelViewRefresh'),
} as const;

/** Counts down to `until`, re-rendering each second. */
function useSecondsUntil(until: number | null, now: () => number): number {
  const [, tick] = useState(0);
  useEffect(() => {
    if (until === null) return;
    const timer = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, [until]);
  return until === null ? 0 : Math.max(0, Math.ceil((until - now()) / 1000));
}

export interface LookupBannersProps {
  lookup: LookupState;
  /** The answer shown is older than Close's current data (shown only once the look-up is ready). */
  stale: boolean;
  now: () => number;
  onRetry: () => void;
  onOpenOptions: () => void;
}

export function LookupBanners({ lookup, stale, now, onRetry, onOpenOptions }: LookupBannersProps) {
  const seconds = useSecondsUntil(lookup.status === 'rate-limited' ? lookup.retryAt : null, now);
  return (
    <>
      {lookup.status === 'rate-limited' ? (
        <div class="cl-banner cl-banner--wait" role="status" aria-live="polite">
          {strings.rateLimited(seconds)}
        </div>
      ) : null}
      {lookup.status === 'offline' ? (
        <div class="cl-banner cl-banner--offline" role="alert">
          <p>
            {lookup.cached
              ? strings.offline(formatRelativeDate(lookup.cached.fetchedAt, now()))
              : strings.offlineNoCache}
          </p>
          <button type="button" class="cl-button cl-button--small" onClick={onRetry}>
            {strings.tryAgain}
          </button>
        </div>
      ) : null}
      {lookup.status === 'error' ? (
        <div class="cl-banner cl-banner--error" role="alert">
          <p>{errorText(lookup.error)}</p>
          {lookup.error.kind === 'auth' || lookup.error.kind === 'not_connected' ? (
            <button
              type="button"
              class="cl-button cl-button--small cl-button--primary"
              onClick={onOpenOptions}
            >
              {strings.connect}
            </button>
          ) : (
            <button type="button" class="cl-button cl-button--small" onClick={onRetry}>
              {strings.tryAgain}
            </button>
          )}
        </div>
      ) : null}
      {lookup.status === 'ready' ? (
        stale ? (
          <p class="cl-hint">{strings.stale}</p>
        ) : (
          <p class="cl-hint cl-refresh">
            <button type="button" class="cl-link-button" onClick={onRetry}>
              {strings.refresh}
            </button>
          </p>
        )
      ) : null}
    </>
  );
}
