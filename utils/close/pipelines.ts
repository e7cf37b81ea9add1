// Pipelines and opportunity statuses (each status with its pipeline's name).
import * as v from 'valibot';
import type { CloseHttp } from '@/utils/close/http';
import {
  mapOpportunityStatus,
  mapPipeline,
  parseWith,
  RawOpportunityStatusSchema,
  RawPipelineSchema,
} from '@/utils/close/schemas';
import type { OpportunityStatus, Pipeline } from '@/utils/close/types';
import { t } from '@/utils/i18n';

const PipelineListSchema = v.looseObject({ data: v.array(RawPipelineSchema) });
const StatusListSchema = v.looseObject({ data: v.array(RawOpportunityStatusSchema) });

export async function listPipelines(http: CloseHttp): Promise<Pipeline[]> {
  const raw = await http.get('pipeline/');
  return parseWith(PipelineListSchema, raw, t('closeWhatPipelines')).data.map(mapPipeline);
}

/**
 * All opportunity statuses with pipeline names. `/status/opportunity/` has the complete list
 * (including statuses of orgs from before pipelines); `/pipeline/` has the names. Both in parallel.
 */
export async function listOpportunityStatuses(http: CloseHttp): Promise<OpportunityStatus[]> {
  const [rawStatuses, pipelines] = await Promise.all([
    http.get('status/opportunity/'),
    listPipelines(http),
  ]);
  const pipelineOfStatus = new Map<string, Pipeline>();
  for (const pipeline of pipelines) {
    for (const status of pipeline.statuses) pipelineOfStatus.set(status.id, pipeline);
  }
  const byId = new Map(pipelines.map((p) => [p.id, p]));
  return parseWith(StatusListSchema, rawStatuses, t('closeWhatOpportunityStatuses')).data.map(
    (raw) => {
      const pipeline =
        (raw.pipeline_id ? byId.get(raw.pipeline_id) : undefined) ?? pipelineOfStatus.get(raw.id);
      return mapOpportunityStatus(raw, pipeline);
    },
  );
}
