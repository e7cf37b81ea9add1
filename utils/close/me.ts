// `GET /me/`: who the API key belongs to and which organizations it can see (used to connect).
import type { CloseHttp } from '@/utils/close/http';
import { mapMe, parseWith, RawMeSchema } from '@/utils/close/schemas';
import type { Me } from '@/utils/close/types';
import { t } from '@/utils/i18n';

/** Verifies the key and returns the user with their organizations (the first is the key's org). */
export async function getMe(http: CloseHttp, options: { signal?: AbortSignal } = {}): Promise<Me> {
  const raw = await http.get('me/', options.signal ? { signal: options.signal } : {});
  return mapMe(parseWith(RawMeSchema, raw, t('closeWhatUserProfile')));
}
