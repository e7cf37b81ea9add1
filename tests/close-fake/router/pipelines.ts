// /pipeline/ — nested statuses; 201 on create, 204 on delete (docs/close-api.md).

import {
  bodyObject,
  HttpError,
  isRecord,
  json,
  notFound,
  parseFieldList,
  project,
  validationError,
} from '@/tests/close-fake/http.ts';
import { type RequestContext, type Route, route } from '@/tests/close-fake/router/types.ts';
import { serializePipeline } from '@/tests/close-fake/serialize.ts';
import type { PipelineRec } from '@/tests/close-fake/types.ts';
import { DOES_NOT_EXIST, type FieldErrors, REQUIRED } from '@/tests/close-fake/validate.ts';

function pipelineOr404(ctx: RequestContext, id: string): PipelineRec {
  const p = ctx.store.pipelinesOf(ctx.auth.organization.id).find((x) => x.id === id);
  if (!p) throw notFound('Pipeline');
  return p;
}

function listPipelines(ctx: RequestContext) {
  const fields = parseFieldList(ctx.query._fields);
  const data = ctx.store
    .pipelinesOf(ctx.auth.organization.id)
    .map((p) => project(serializePipeline(ctx.store, p), fields));
  // Close's example has no has_more here.
  return json({ data });
}

function createPipeline(ctx: RequestContext) {
  const body = bodyObject(ctx.body);
  if (typeof body.name !== 'string' || body.name.trim() === '')
    throw validationError({ name: REQUIRED });
  const now = ctx.store.pipelineNow();
  const p: PipelineRec = {
    id: ctx.store.newId('pipe'),
    organization_id: ctx.auth.organization.id,
    name: body.name.trim(),
    created_by: ctx.auth.user.id,
    updated_by: ctx.auth.user.id,
    date_created: now,
    date_updated: now,
  };
  ctx.store.pipelines.push(p);
  return json(serializePipeline(ctx.store, p), 201);
}

/** PUT renames, and `statuses: [{id}, ...]` reorders this pipeline's statuses or moves others into it. */
function updatePipeline(ctx: RequestContext, [id = '']: string[]) {
  const p = pipelineOr404(ctx, id);
  const body = bodyObject(ctx.body);
  const errors: FieldErrors = {};
  if (body.name !== undefined && (typeof body.name !== 'string' || body.name.trim() === ''))
    errors.name = REQUIRED;
  let order: string[] | undefined;
  if (body.statuses !== undefined) {
    if (!Array.isArray(body.statuses)) errors.statuses = 'Not a valid list.';
    else {
      order = body.statuses.map((s) => (isRecord(s) ? String(s.id) : String(s)));
      const known = ctx.store.opportunityStatusesOf(ctx.auth.organization.id).map((s) => s.id);
      if (order.some((sid) => !known.includes(sid))) errors.statuses = DOES_NOT_EXIST;
    }
  }
  if (Object.keys(errors).length) throw validationError(errors);
  if (typeof body.name === 'string') p.name = body.name.trim();
  if (order) {
    const wanted = order;
    const moved = wanted
      .map((sid) => ctx.store.opportunityStatuses.find((s) => s.id === sid))
      .filter((s) => s !== undefined);
    for (const s of moved) s.pipeline_id = p.id;
    const rest = ctx.store.opportunityStatuses.filter((s) => !wanted.includes(s.id));
    ctx.store.opportunityStatuses = [...rest, ...moved];
  }
  p.updated_by = ctx.auth.user.id;
  p.date_updated = ctx.store.pipelineNow();
  return json(serializePipeline(ctx.store, p));
}

function deletePipeline(ctx: RequestContext, [id = '']: string[]) {
  const p = pipelineOr404(ctx, id);
  if (ctx.store.opportunityStatuses.some((s) => s.pipeline_id === p.id)) {
    throw new HttpError(400, {
      errors: ['Only pipelines without statuses can be deleted.'],
      'field-errors': {},
    });
  }
  ctx.store.pipelines = ctx.store.pipelines.filter((x) => x !== p);
  return { status: 204 };
}

export const pipelineRoutes: Route[] = [
  route('GET', '/pipeline/', 'pipeline', listPipelines),
  route('POST', '/pipeline/', 'pipeline', createPipeline),
  route('GET', '/pipeline/:id/', 'pipeline', (ctx, [id = '']) =>
    json(
      project(
        serializePipeline(ctx.store, pipelineOr404(ctx, id)),
        parseFieldList(ctx.query._fields),
      ),
    ),
  ),
  route('PUT', '/pipeline/:id/', 'pipeline', updatePipeline),
  route('DELETE', '/pipeline/:id/', 'pipeline', deletePipeline),
];
