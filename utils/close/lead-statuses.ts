// Lead statuses of the organization, in Close's order.
import * as v from 'valibot';
import type { CloseHttp } from '@/utils/close/http';
import { mapLeadStatus, parseWith, RawLeadStatusSchema } from '@/utils/close/schemas';
import type { LeadStatus } from '@/utils/close/types';
import { t } from '@/utils/i18n';

const LeadStatusListSchema = v.looseObject({ data: v.array(RawLeadStatusSchema) });

export async function listLeadStatuses(http: CloseHttp): Promise<LeadStatus[]> {
  const raw = await http.get('status/lead/');
  return parseWith(LeadStatusListSchema, raw, t('closeWhatLeadStatuses')).data.map(mapLeadStatus);
}
