// Wakes the write journal while queued writes (or checks waiting for Close's lists) wait: a short timer while this worker lives,
// and an alarm that wakes a stopped worker (the worker dies after 30 s idle; timers die with it).
import { browser } from 'wxt/browser';
import { traced } from '@/utils/diagnostics';

export const WRITE_RETRY_ALARM = 'write-journal-retry';
/** First retry after this, doubling up to RETRY_MAX_MS while the worker lives. */
const RETRY_FIRST_MS = 3_000;
const RETRY_MAX_MS = 10_000;

export function createWriteRetry(retry: () => Promise<unknown>) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let delay = RETRY_FIRST_MS;
  let waiting = false;

  function arm() {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      delay = Math.min(RETRY_MAX_MS, delay * 2);
      void retry()
        .catch(traced('retry queued writes'))
        .finally(() => {
          if (waiting) arm();
        });
    }, delay);
  }

  browser.alarms?.onAlarm.addListener((alarm) => {
    if (alarm.name === WRITE_RETRY_ALARM) void retry().catch(traced('retry queued writes'));
  });

  return {
    /** Called by the journal after each change: whether queued writes wait for Close. */
    queued(now: boolean) {
      if (now === waiting) return;
      waiting = now;
      if (now) {
        delay = RETRY_FIRST_MS;
        arm();
        void browser.alarms?.create(WRITE_RETRY_ALARM, { periodInMinutes: 1 });
      } else {
        if (timer) clearTimeout(timer);
        timer = undefined;
        void browser.alarms?.clear(WRITE_RETRY_ALARM);
      }
    },
  };
}
