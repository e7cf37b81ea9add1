// Creates or edits an opportunity: pipeline then status, value (in the currency Close reports), period, confidence, contact, note.

import { formFields } from '@/components/form-field';
import type { OpportunityInput, OpportunityPatch } from '@/components/panel-model';
import { SelectField } from '@/components/SelectField';
import { TextField } from '@/components/TextField';
import { fieldError, submitOnModEnter, useAction } from '@/components/use-action';
import { useDraft } from '@/components/use-draft';
import { useReference } from '@/components/use-reference';
import { useWrite } from '@/components/use-write';
import { sendDraft, WriteForm } from '@/components/WriteForm';
import type { Contact, Opportunity, Pipeline, ValuePeriod } from '@/utils/close/types';
import { draftKey } from '@/utils/drafts';
import { t } from '@/utils/i18n';
import type { WriteMeta } from '@/utils/write-journal';

const strings = {
  legendNew: t('opportunityFormLegendNew'),
  legendEdit: t('opportunityFormLegendEdit'),
  pipeline: t('commonPipeline'),
  status: t('commonStatus'),
  value: t('opportunityFormValue'),
  valueHint: t('opportunityFormValueHint'),
  currency: t('opportunityFormCurrency'),
  currencyHint: t('opportunityFormCurrencyHint'),
  period: t('opportunityFormPeriod'),
  periods: {
    one_time: t('opportunityFormPeriodsOneTime'),
    monthly: t('opportunityFormPeriodsMonthly'),
    annual: t('opportunityFormPeriodsAnnual'),
  } satisfies Record<ValuePeriod, string>,
  confidence: t('opportunityFormConfidence'),
  contact: t('commonContact'),
  noContact: t('opportunityFormNoContact'),
  note: t('commonNote'),
  loading: t('opportunityFormLoading'),
  create: t('commonAddOpportunity'),
  save: t('opportunityFormSave'),
  saving: t('commonSaving'),
  cancel: t('commonCancel'),
  badValue: t('opportunityFormBadValue'),
  badConfidence: t('opportunityFormBadConfidence'),
  pickStatus: t('opportunityFormPickStatus'),
} as const;

interface OpportunityFormValue {
  pipelineId: string;
  statusId: string;
  value: string;
  currency: string;
  period: string;
  confidence: string;
  contactId: string;
  note: string;
}

export interface OpportunityFormProps {
  leadId: string;
  opportunity?: Opportunity;
  contacts: Contact[];
  loadPipelines: () => Promise<Pipeline[]>;
  defaultCurrency?: string;
  create: (input: OpportunityInput, write: WriteMeta) => Promise<Opportunity>;
  update: (id: string, patch: OpportunityPatch, write: WriteMeta) => Promise<Opportunity>;
  onSaved?: (opportunity: Opportunity) => void;
  onCancel?: () => void;
}

function centsToInput(cents: number | null): string {
  if (cents === null) return '';
  const units = cents / 100;
  return Number.isInteger(units) ? String(units) : units.toFixed(2);
}

/** "48,000.50" → 4800050; "" → null; garbage → undefined. */
export function parseMoneyInput(text: string): number | null | undefined {
  const cleaned = text.replace(/[\s,]/g, '');
  if (cleaned === '') return null;
  if (!/^\d+(\.\d{0,2})?$/.test(cleaned)) return undefined;
  return Math.round(Number(cleaned) * 100);
}

/** The form's fields for an opportunity, or for a new one. */
function formValue(o: Opportunity | undefined, defaultCurrency: string | undefined) {
  return {
    pipelineId: o?.pipelineId ?? '',
    statusId: o?.statusId ?? '',
    value: o ? centsToInput(o.value) : '',
    currency: o?.valueCurrency || defaultCurrency || 'USD',
    period: o?.valuePeriod ?? 'one_time',
    confidence: o ? String(o.confidence) : '50',
    contactId: o?.contactId ?? '',
    note: o?.note ?? '',
  } satisfies OpportunityFormValue;
}

export function OpportunityForm(props: OpportunityFormProps) {
  const { leadId, opportunity: o, contacts, create, update, onSaved, onCancel } = props;
  const pipelines = useReference(props.loadPipelines);
  const initial = formValue(o, props.defaultCurrency);
  const draft = useDraft<OpportunityFormValue>(
    o ? draftKey('opportunity-edit', o.id) : draftKey('opportunity', leadId),
    initial,
  );
  const write = useWrite(draft.key);
  const action = useAction((input: OpportunityInput | OpportunityPatch, meta: WriteMeta) =>
    write.guard(meta, o ? update(o.id, input, meta) : create(input as OpportunityInput, meta)),
  );
  const value = draft.value;
  const set = (patch: Partial<OpportunityFormValue>) => draft.setValue({ ...value, ...patch });
  const flush = () => void draft.flush();

  const list = pipelines.status === 'ready' ? pipelines.data : [];
  const pipelineId = value.pipelineId || list[0]?.id || '';
  const pipeline = list.find((p) => p.id === pipelineId);
  const statuses = pipeline?.statuses ?? [];
  const statusId = statuses.some((s) => s.id === value.statusId)
    ? value.statusId
    : (statuses[0]?.id ?? value.statusId);

  const cents = parseMoneyInput(value.value);
  const confidence = Number(value.confidence);
  const localErrors = {
    value: cents === undefined ? strings.badValue : undefined,
    confidence:
      value.confidence.trim() === '' ||
      !Number.isInteger(confidence) ||
      confidence < 0 ||
      confidence > 100
        ? strings.badConfidence
        : undefined,
    status: statusId ? undefined : strings.pickStatus,
  };
  // Local validation shows once the user has a value in the field, never on an untouched form.
  const touched = draft.ready;

  async function submit(event?: Event) {
    event?.preventDefault();
    if (localErrors.value || localErrors.confidence || localErrors.status) return;
    const submitted = value;
    // No currency is sent: `value_currency` is not in Close's create schema; the currency shown
    // is the one Close reports (docs/close-api.md, "Opportunities").
    let payload: OpportunityInput | OpportunityPatch;
    if (!o) {
      payload = {
        leadId,
        pipelineId: pipelineId || null,
        statusId,
        value: cents ?? null,
        valuePeriod: value.period as ValuePeriod,
        confidence,
        contactId: value.contactId || null,
        note: value.note,
      } satisfies OpportunityInput;
    } else {
      // Only what the user changed; each field is compared with what the form started from.
      const patch: OpportunityPatch = {};
      if (value.pipelineId !== initial.pipelineId) patch.pipelineId = pipelineId || null;
      if (statusId !== initial.statusId) patch.statusId = statusId;
      if ((cents ?? null) !== parseMoneyInput(initial.value)) patch.value = cents ?? null;
      if (value.period !== initial.period) patch.valuePeriod = value.period as ValuePeriod;
      if (confidence !== Number(initial.confidence)) patch.confidence = confidence;
      if (value.contactId !== initial.contactId) patch.contactId = value.contactId || null;
      if (value.note !== initial.note) patch.note = value.note;
      if (Object.keys(patch).length === 0) {
        await draft.clear();
        onSaved?.(o);
        return;
      }
      payload = patch;
    }
    if (write.blocked) return;
    const saved = await sendDraft(draft, submitted, () =>
      action.run(payload, write.begin(submitted, leadId)),
    );
    if (saved) onSaved?.(saved);
  }

  const e = action.error;
  const busy = action.busy;
  const field = formFields({
    value,
    set,
    error: e,
    busy,
    flush,
    local: {
      value: touched && value.value !== '' ? localErrors.value : undefined,
      confidence: touched ? localErrors.confidence : undefined,
    },
  });
  const claimed = [
    'pipeline',
    'pipeline_id',
    'status',
    'status_id',
    'value',
    'value_currency',
    'value_period',
    'confidence',
    'contact',
    'contact_id',
    'note',
  ];
  return (
    <WriteForm
      label={o ? strings.legendEdit : strings.legendNew}
      onSubmit={submit}
      recordChanged={!!o && draft.recordChanged}
      error={e}
      claimed={claimed}
      write={write}
      busy={busy}
      submitLabel={busy ? strings.saving : o ? strings.save : strings.create}
      cancelLabel={strings.cancel}
      onCancel={onCancel}
      flush={draft.flush}
    >
      <SelectField
        label={strings.pipeline}
        readOnly={busy}
        error={fieldError(e, 'pipeline_id', 'pipeline', 'pipelineId')}
        hint={pipelines.status === 'loading' ? strings.loading : undefined}
        value={pipelineId}
        onValue={(id) => set({ pipelineId: id, statusId: '' })}
      >
        {list.length === 0 && o?.pipelineName ? (
          <option value={o.pipelineId ?? ''}>{o.pipelineName}</option>
        ) : null}
        {list.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={strings.status}
        readOnly={busy}
        error={
          fieldError(e, 'status_id', 'status', 'statusId') ??
          (list.length ? localErrors.status : undefined)
        }
        value={statusId}
        onValue={(id) => set({ statusId: id })}
      >
        {statuses.length === 0 && o ? <option value={o.statusId}>{o.statusLabel}</option> : null}
        {statuses.map((s) => (
          <option key={s.id} value={s.id}>
            {s.label}
          </option>
        ))}
      </SelectField>
      <div class="cl-field-row">
        <TextField
          label={strings.value}
          hint={strings.valueHint}
          {...field('value')}
          inputMode="decimal"
          autoComplete="off"
        />
        <TextField
          label={strings.currency}
          hint={strings.currencyHint}
          readOnly
          value={initial.currency}
          onValue={() => undefined}
        />
      </div>
      <div class="cl-field-row">
        <SelectField label={strings.period} {...field('period', 'value_period', 'valuePeriod')}>
          {(Object.keys(strings.periods) as ValuePeriod[]).map((p) => (
            <option key={p} value={p}>
              {strings.periods[p]}
            </option>
          ))}
        </SelectField>
        <TextField
          label={strings.confidence}
          {...field('confidence')}
          inputMode="numeric"
          autoComplete="off"
        />
      </div>
      <SelectField
        label={strings.contact}
        {...field('contactId', 'contact_id', 'contact', 'contactId')}
      >
        <option value="">{strings.noContact}</option>
        {contacts.map((contact) => (
          <option key={contact.id} value={contact.id}>
            {contact.name || contact.emails[0]?.email || contact.id}
          </option>
        ))}
      </SelectField>
      <TextField
        label={strings.note}
        error={fieldError(e, 'note', 'note_html')}
        rows={2}
        readOnly={busy}
        value={value.note}
        onValue={(note) => set({ note })}
        onBlur={flush}
        onKeyDown={submitOnModEnter}
      />
    </WriteForm>
  );
}
