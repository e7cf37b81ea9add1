// Valibot schemas and mappers for Close's configuration: lead and opportunity statuses, pipelines,
// lead custom fields and the user (/me/).
import * as v from 'valibot';
import { id, optionalText, statusType, text } from '@/utils/close/schema-primitives';
import type {
  LeadCustomField,
  LeadStatus,
  Me,
  OpportunityStatus,
  Pipeline,
} from '@/utils/close/types';

export const RawLeadStatusSchema = v.looseObject({ id, label: text });
export function mapLeadStatus(raw: v.InferOutput<typeof RawLeadStatusSchema>): LeadStatus {
  return { id: raw.id, label: raw.label };
}

export const RawOpportunityStatusSchema = v.looseObject({
  id,
  label: text,
  type: statusType,
  pipeline_id: optionalText,
  pipeline_name: optionalText,
});
export type RawOpportunityStatus = v.InferOutput<typeof RawOpportunityStatusSchema>;

export function mapOpportunityStatus(
  raw: RawOpportunityStatus,
  pipeline?: { id: string; name: string },
): OpportunityStatus {
  return {
    id: raw.id,
    label: raw.label,
    type: raw.type,
    pipelineId: raw.pipeline_id ?? pipeline?.id ?? null,
    pipelineName: raw.pipeline_name ?? pipeline?.name ?? null,
  };
}

export const RawPipelineSchema = v.looseObject({
  id,
  name: text,
  statuses: v.nullish(v.array(RawOpportunityStatusSchema), []),
});
export function mapPipeline(raw: v.InferOutput<typeof RawPipelineSchema>): Pipeline {
  return {
    id: raw.id,
    name: raw.name,
    statuses: raw.statuses.map((s) => mapOpportunityStatus(s, { id: raw.id, name: raw.name })),
  };
}

export const RawLeadCustomFieldSchema = v.looseObject({
  id,
  name: text,
  type: text,
  choices: v.nullish(v.array(v.string()), []),
  accepts_multiple_values: v.nullish(v.boolean(), false),
});
export function mapLeadCustomField(
  raw: v.InferOutput<typeof RawLeadCustomFieldSchema>,
): LeadCustomField {
  return {
    id: raw.id,
    name: raw.name,
    type: raw.type,
    choices: raw.choices,
    acceptsMultipleValues: raw.accepts_multiple_values,
  };
}

export const RawMeSchema = v.looseObject({
  id,
  first_name: text,
  last_name: text,
  email: text,
  // `/me/` embeds full organization objects; `/user/` lists ids. Accept both.
  organizations: v.nullish(
    v.array(
      v.union([
        v.pipe(
          id,
          v.transform((orgId) => ({ id: orgId, name: '' })),
        ),
        v.looseObject({ id, name: text }),
      ]),
    ),
    [],
  ),
  memberships: v.nullish(
    v.array(v.looseObject({ organization_id: id, role_id: optionalText })),
    [],
  ),
});

export function mapMe(raw: v.InferOutput<typeof RawMeSchema>): Me {
  return {
    userId: raw.id,
    firstName: raw.first_name,
    lastName: raw.last_name,
    email: raw.email,
    organizations: raw.organizations.map((o) => ({ id: o.id, name: o.name })),
    memberships: raw.memberships.map((m) => ({
      organizationId: m.organization_id,
      roleId: m.role_id ?? null,
    })),
  };
}
