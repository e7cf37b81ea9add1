// The Close API origin. Production builds always use https://api.close.com; only a development
// build (npm run demo / npm run dev with CLOSE_LOOK_API_ORIGIN) may replace it at build time.
declare const __CLOSE_API_ORIGIN__: string | undefined;

export const CLOSE_API_ORIGIN: string =
  typeof __CLOSE_API_ORIGIN__ === 'string' ? __CLOSE_API_ORIGIN__ : 'https://api.close.com';

export const CLOSE_API_BASE_URL = `${CLOSE_API_ORIGIN}/api/v1/`;
