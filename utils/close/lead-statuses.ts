// Lead statuses of the organization, in Close's order.
import * as v from 'valibot';
import type { CloseHttp } from './http';
import { mapLeadStatus, parseWith, RawLeadStatusSchema } from './schemas';
import type { LeadStatus } from './types';

const LeadStatusListSchema = v.looseObject({ data: v.array(RawLeadStatusSchema) });

export async function listLeadStatuses(http: CloseHttp): Promise<LeadStatus[]> {
  const raw = await http.get('status/lead/');
  return parseWith(LeadStatusListSchema, raw, 'the lead statuses').data.map(mapLeadStatus);
}
