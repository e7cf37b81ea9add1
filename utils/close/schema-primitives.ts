// The small valibot pieces every Close schema is built from.
import * as v from 'valibot';
import type { OpportunityStatusType } from '@/utils/close/types';

/** A string Close may send as null or leave out: read as ''. */
export const text = v.nullish(v.string(), '');
export const optionalText = v.nullish(v.string());
export const id = v.pipe(v.string(), v.minLength(1));
const STATUS_TYPES = ['active', 'won', 'lost'] as const satisfies readonly OpportunityStatusType[];
export const statusType = v.fallback(v.nullish(v.picklist(STATUS_TYPES), 'active'), 'active');
