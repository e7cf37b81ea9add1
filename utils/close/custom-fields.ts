// Lead custom field definitions (id, name, type, choices), following pages.
import type { CloseHttp } from '@/utils/close/http';
import {
  mapLeadCustomField,
  pageSchema,
  parseWith,
  RawLeadCustomFieldSchema,
} from '@/utils/close/schemas';
import type { LeadCustomField } from '@/utils/close/types';
import { t } from '@/utils/i18n';

const CustomFieldPageSchema = pageSchema(RawLeadCustomFieldSchema);

export async function listLeadCustomFields(http: CloseHttp): Promise<LeadCustomField[]> {
  const fields: LeadCustomField[] = [];
  // Orgs rarely have more than a page; the cap stops a misbehaving `has_more` from looping.
  for (let skip = 0; skip < 1_000; skip += 100) {
    const raw = await http.get('custom_field/lead/', { query: { _limit: 100, _skip: skip } });
    const page = parseWith(CustomFieldPageSchema, raw, t('closeWhatLeadCustomFields'));
    fields.push(...page.data.map(mapLeadCustomField));
    if (!page.has_more || page.data.length === 0) break;
  }
  return fields;
}
