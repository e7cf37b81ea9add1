// How a match reason ("by email a@b.co", "same domain b.co") reads, for each place that shows one.
import { type MessageKey, t } from '@/utils/i18n';
import type { MatchReason } from '@/utils/lookup/types';

const reasonKeys = {
  /** Why a lead matched the page (the lead card). */
  matched: {
    email: 'leadCardReasonEmail',
    domain: 'leadCardReasonDomain',
    name: 'leadCardReasonName',
  },
  /** Why an existing lead may be the one being created (the create-lead form). */
  duplicate: {
    email: 'createLeadFormReasonEmail',
    domain: 'createLeadFormReasonDomain',
    name: 'createLeadFormReasonName',
  },
} as const satisfies Record<string, Record<MatchReason['kind'], MessageKey>>;

export function matchReasonText(reason: MatchReason, why: keyof typeof reasonKeys): string {
  return t(reasonKeys[why][reason.kind], reason.value);
}
