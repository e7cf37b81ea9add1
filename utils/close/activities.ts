// Activities of a lead, all types (notes, emails, calls, SMS, status changes…), page by page.
import type { CloseHttp } from '@/utils/close/http';
import {
  mapActivity,
  mapPage,
  pageSchema,
  parseWith,
  RawActivitySchema,
} from '@/utils/close/schemas';
import type { Activity, Page } from '@/utils/close/types';
import { t } from '@/utils/i18n';

const ActivityPageSchema = pageSchema(RawActivitySchema);

export interface ListActivitiesInput {
  leadId: string;
  /** Only these `_type`s (e.g. ['Note', 'Call']); all when omitted. */
  types?: string[];
  limit?: number;
  skip?: number;
}

export async function listActivities(
  http: CloseHttp,
  input: ListActivitiesInput,
): Promise<Page<Activity>> {
  const raw = await http.get('activity/', {
    query: {
      lead_id: input.leadId,
      _type__in: input.types && input.types.length > 0 ? input.types.join(',') : undefined,
      _limit: Math.min(100, Math.max(1, input.limit ?? 50)),
      _skip: input.skip ?? 0,
    },
  });
  return mapPage(parseWith(ActivityPageSchema, raw, t('closeWhatActivity')), mapActivity);
}

/** Every activity of a lead, following pages up to `max` items. */
export async function listAllActivities(
  http: CloseHttp,
  input: Omit<ListActivitiesInput, 'skip'> & { max?: number },
): Promise<Activity[]> {
  const max = input.max ?? 500;
  const limit = Math.min(100, input.limit ?? 100);
  const all: Activity[] = [];
  for (let skip = 0; all.length < max; skip += limit) {
    const page = await listActivities(http, { ...input, limit, skip });
    all.push(...page.data);
    if (!page.hasMore || page.data.length === 0) break;
  }
  return all.slice(0, max);
}
