// Edits a lead: name, URL, description, status (from the organization's lead statuses) and custom fields.

import { formFields } from '@/components/form-field';
import type { LeadPatch } from '@/components/panel-model';
import { SelectField } from '@/components/SelectField';
import { TextField } from '@/components/TextField';
import { fieldError, useAction } from '@/components/use-action';
import { useDraft } from '@/components/use-draft';
import { useReference } from '@/components/use-reference';
import { useWrite } from '@/components/use-write';
import { sendDraft, WriteForm } from '@/components/WriteForm';
import type { Lead, LeadCustomField, LeadStatus } from '@/utils/close/types';
import { draftKey as makeDraftKey } from '@/utils/drafts';
import { t } from '@/utils/i18n';
import type { WriteMeta } from '@/utils/write-journal';

const strings = {
  legend: t('commonEditLead'),
  name: t('commonName'),
  url: t('commonUrl'),
  description: t('commonDescription'),
  status: t('commonStatus'),
  custom: t('leadEditFormCustom'),
  loadingStatuses: t('commonLoadingStatuses'),
  save: t('leadEditFormSave'),
  saving: t('commonSaving'),
  cancel: t('commonCancel'),
  none: t('leadEditFormNone'),
  nameRequired: t('commonLeadNameRequired'),
} as const;

interface LeadFormValue {
  name: string;
  url: string;
  description: string;
  statusId: string;
  /** Custom field values as the inputs hold them (multi-value fields joined by "\n"). */
  custom: Record<string, string>;
}

export interface LeadEditFormProps {
  lead: Lead;
  loadStatuses: () => Promise<LeadStatus[]>;
  loadCustomFields: () => Promise<LeadCustomField[]>;
  save: (patch: LeadPatch, write: WriteMeta) => Promise<Lead>;
  onSaved?: (lead: Lead) => void;
  onCancel?: () => void;
}

function customToInput(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(String).join('\n');
  return String(value);
}

function inputToCustom(field: LeadCustomField, text: string): unknown {
  if (text.trim() === '') return null;
  if (field.acceptsMultipleValues) return text.split('\n').filter(Boolean);
  if (field.type === 'number') {
    const n = Number(text);
    return Number.isFinite(n) ? n : text;
  }
  return text;
}

function initialValue(lead: Lead): LeadFormValue {
  const custom: Record<string, string> = {};
  for (const [id, value] of Object.entries(lead.custom)) custom[id] = customToInput(value);
  return {
    name: lead.name,
    url: lead.url ?? '',
    description: lead.description,
    statusId: lead.statusId ?? '',
    custom,
  };
}

export function LeadEditForm({
  lead,
  loadStatuses,
  loadCustomFields,
  save,
  onSaved,
  onCancel,
}: LeadEditFormProps) {
  const draft = useDraft<LeadFormValue>(makeDraftKey('lead', lead.id), initialValue(lead));
  const statuses = useReference(loadStatuses);
  const fields = useReference(loadCustomFields);
  const write = useWrite(draft.key);
  const action = useAction((patch: LeadPatch, meta: WriteMeta) =>
    write.guard(meta, save(patch, meta)),
  );
  const value = draft.value;
  const set = (patch: Partial<LeadFormValue>) => draft.setValue({ ...value, ...patch });
  const customFields = fields.status === 'ready' ? fields.data : [];
  const flush = () => void draft.flush();

  async function submit(event?: Event) {
    event?.preventDefault();
    const submitted = value;
    // Compared with the lead as the panel has it now: a draft from an older version was moved
    // onto it (useDraft), so only what the user changed differs.
    const base = initialValue(lead);
    const patch: LeadPatch = {};
    if (value.name !== base.name) patch.name = value.name.trim();
    if (value.url !== base.url) patch.url = value.url.trim() || null;
    if (value.description !== base.description) patch.description = value.description;
    if (value.statusId && value.statusId !== base.statusId) patch.statusId = value.statusId;
    const custom: Record<string, unknown> = {};
    for (const field of customFields) {
      const now = value.custom[field.id] ?? '';
      if (now !== (base.custom[field.id] ?? '')) custom[field.id] = inputToCustom(field, now);
    }
    if (Object.keys(custom).length > 0) patch.custom = custom;
    const unchanged = Object.keys(patch).length === 0;
    if (!unchanged && write.blocked) return;
    const saved = await sendDraft(draft, submitted, async () =>
      unchanged ? lead : action.run(patch, write.begin(submitted, lead.id)),
    );
    if (saved) onSaved?.(saved);
  }

  const e = action.error;
  const busy = action.busy;
  const field = formFields({ value, set, error: e, busy, flush });
  const claimed = [
    'name',
    'url',
    'description',
    'status',
    'status_id',
    'statusId',
    ...customFields.flatMap((f) => [`custom.${f.id}`, f.id]),
  ];
  return (
    <WriteForm
      label={strings.legend}
      onSubmit={submit}
      recordChanged={draft.recordChanged}
      error={e}
      claimed={claimed}
      write={write}
      busy={busy}
      submitLabel={busy ? strings.saving : strings.save}
      cancelLabel={strings.cancel}
      onCancel={onCancel}
      flush={draft.flush}
    >
      <TextField label={strings.name} {...field('name')} />
      <TextField label={strings.url} {...field('url')} type="url" />
      <TextField label={strings.description} {...field('description')} rows={3} />
      <SelectField
        label={strings.status}
        {...field('statusId', 'status_id', 'status', 'statusId')}
        hint={statuses.status === 'loading' ? strings.loadingStatuses : undefined}
      >
        {statuses.status !== 'ready' || !statuses.data.some((s) => s.id === value.statusId) ? (
          <option value={value.statusId}>{lead.statusLabel || strings.none}</option>
        ) : null}
        {statuses.status === 'ready'
          ? statuses.data.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))
          : null}
      </SelectField>
      {customFields.length > 0 ? (
        <fieldset class="cl-fieldset">
          <legend>{strings.custom}</legend>
          {customFields.map((field) => {
            const common = {
              label: field.name,
              error: fieldError(e, `custom.${field.id}`, field.id),
              readOnly: busy,
              value: value.custom[field.id] ?? '',
              onValue: (text: string) => set({ custom: { ...value.custom, [field.id]: text } }),
            };
            return field.choices.length > 0 && !field.acceptsMultipleValues ? (
              <SelectField key={field.id} {...common}>
                <option value="">{strings.none}</option>
                {field.choices.map((choice) => (
                  <option key={choice} value={choice}>
                    {choice}
                  </option>
                ))}
              </SelectField>
            ) : field.acceptsMultipleValues ? (
              <TextField key={field.id} {...common} rows={2} />
            ) : (
              <TextField
                key={field.id}
                {...common}
                type="text"
                inputMode={field.type === 'number' ? 'decimal' : undefined}
                onBlur={flush}
              />
            );
          })}
        </fieldset>
      ) : null}
    </WriteForm>
  );
}
