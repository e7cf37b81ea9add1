// Activities Close records by itself: lead created, lead/opportunity status changes.

import { formatValue } from '@/tests/close-fake/money.ts';
import type { RequestContext } from '@/tests/close-fake/router/types.ts';
import type { ActivityRec, LeadRec, OpportunityRec } from '@/tests/close-fake/types.ts';

function base(ctx: RequestContext, type: string, leadId: string): ActivityRec {
  const now = ctx.store.now();
  const user = ctx.auth.user.id;
  return {
    id: ctx.store.newId('acti'),
    _type: type,
    organization_id: ctx.auth.organization.id,
    lead_id: leadId,
    contact_id: null,
    user_id: user,
    created_by: user,
    updated_by: user,
    activity_at: now,
    date_created: now,
    date_updated: now,
    users: [],
  };
}

export function recordLeadCreated(ctx: RequestContext, lead: LeadRec): void {
  const rec = { ...base(ctx, 'Created', lead.id), source: 'api', import_id: null };
  ctx.store.activities.set(rec.id, rec);
}

export function recordLeadStatusChange(
  ctx: RequestContext,
  lead: LeadRec,
  oldStatusId: string,
): void {
  const label = (id: string) => ctx.store.leadStatuses.find((s) => s.id === id)?.label ?? null;
  const rec: ActivityRec = {
    ...base(ctx, 'LeadStatusChange', lead.id),
    old_status_id: oldStatusId,
    old_status_label: label(oldStatusId),
    new_status_id: lead.status_id,
    new_status_label: label(lead.status_id),
  };
  ctx.store.activities.set(rec.id, rec);
}

export function recordOpportunityStatusChange(
  ctx: RequestContext,
  opp: OpportunityRec,
  oldStatusId: string,
): void {
  const status = (id: string) => ctx.store.opportunityStatuses.find((s) => s.id === id);
  const rec: ActivityRec = {
    ...base(ctx, 'OpportunityStatusChange', opp.lead_id),
    opportunity_id: opp.id,
    old_status_id: oldStatusId,
    old_status_label: status(oldStatusId)?.label ?? null,
    old_status_type: status(oldStatusId)?.type ?? null,
    new_status_id: opp.status_id,
    new_status_label: status(opp.status_id)?.label ?? null,
    new_status_type: status(opp.status_id)?.type ?? null,
    opportunity_value: opp.value,
    opportunity_value_currency: opp.value_currency,
    opportunity_value_formatted: formatValue(opp.value, opp.value_period, opp.value_currency),
    opportunity_value_period: opp.value_period,
    opportunity_confidence: opp.confidence,
  };
  ctx.store.activities.set(rec.id, rec);
}
