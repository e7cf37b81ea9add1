// How long a look-up and the lead reads shown with it are served without asking Close, unless the
// user's "Keep look-ups for (minutes)" setting (or the admin's policy) says otherwise. Past it the
// cached answer still shows at once while Close is asked again (stale-while-revalidate).
export const DEFAULT_FRESH_MINUTES = 10;
export const DEFAULT_FRESH_MS = DEFAULT_FRESH_MINUTES * 60_000;

/**
 * A lead's first timeline page is kept past the fresh time while look-ups answered by Close keep
 * showing the lead's date_updated unchanged (assumed to move with new activity:
 * docs/close-api.md), but never longer than this after it was loaded.
 */
export const CONFIRMED_FOR_MS = 2 * 60 * 60_000;

/**
 * Going back to a page seen less than the fresh time ago shows the answer it showed then without
 * asking Close, while that answer is younger than this many fresh times (utils/lookup/page-marks.ts).
 */
export const SHOWN_AGAIN_MAX_FRESH_TIMES = 2;
