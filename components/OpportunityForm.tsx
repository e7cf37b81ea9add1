// Creates or edits an opportunity: pipeline then status, value, currency, period, confidence, contact, note.
import type { Contact, Opportunity, Pipeline, ValuePeriod } from '../utils/close/types';
import { draftKey, useDraft } from '../utils/drafts';
import { t } from '../utils/i18n';
import { Field } from './Field';
import { FormError } from './FormError';
import type { OpportunityInput, OpportunityPatch } from './panel-model';
import { fieldError, submitOnModEnter, unclaimedFieldErrors, useAction } from './use-action';
import { useReference } from './use-reference';

const strings = {
  legendNew: t('opportunityFormLegendNew'),
  legendEdit: t('opportunityFormLegendEdit'),
  pipeline: t('opportunityFormPipeline'),
  status: t('opportunityFormStatus'),
  value: t('opportunityFormValue'),
  valueHint: t('opportunityFormValueHint'),
  currency: t('opportunityFormCurrency'),
  period: t('opportunityFormPeriod'),
  periods: {
    one_time: t('opportunityFormPeriodsOneTime'),
    monthly: t('opportunityFormPeriodsMonthly'),
    annual: t('opportunityFormPeriodsAnnual'),
  } satisfies Record<ValuePeriod, string>,
  confidence: t('opportunityFormConfidence'),
  contact: t('opportunityFormContact'),
  noContact: t('opportunityFormNoContact'),
  note: t('opportunityFormNote'),
  loading: t('opportunityFormLoading'),
  create: t('opportunityFormCreate'),
  save: t('opportunityFormSave'),
  saving: t('opportunityFormSaving'),
  cancel: t('opportunityFormCancel'),
  badValue: t('opportunityFormBadValue'),
  badConfidence: t('opportunityFormBadConfidence'),
  pickStatus: t('opportunityFormPickStatus'),
} as const;

const CURRENCIES = [
  'USD',
  'EUR',
  'GBP',
  'CAD',
  'AUD',
  'CHF',
  'JPY',
  'SEK',
  'NOK',
  'DKK',
  'PLN',
  'BRL',
  'INR',
];

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
  create: (input: OpportunityInput) => Promise<Opportunity>;
  update: (id: string, patch: OpportunityPatch) => Promise<Opportunity>;
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

export function OpportunityForm(props: OpportunityFormProps) {
  const { leadId, opportunity: o, contacts, create, update, onSaved, onCancel } = props;
  const pipelines = useReference(props.loadPipelines);
  const draft = useDraft<OpportunityFormValue>(
    o ? draftKey('opportunity-edit', o.id) : draftKey('opportunity', leadId),
    {
      pipelineId: o?.pipelineId ?? '',
      statusId: o?.statusId ?? '',
      value: o ? centsToInput(o.value) : '',
      currency: o?.valueCurrency || props.defaultCurrency || 'USD',
      period: o?.valuePeriod ?? 'one_time',
      confidence: o ? String(o.confidence) : '50',
      contactId: o?.contactId ?? '',
      note: o?.note ?? '',
    },
  );
  const action = useAction((input: OpportunityInput | OpportunityPatch) =>
    o ? update(o.id, input) : create(input as OpportunityInput),
  );
  const value = draft.value;
  const set = (patch: Partial<OpportunityFormValue>) => draft.setValue({ ...value, ...patch });

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
    const input: OpportunityInput = {
      leadId,
      pipelineId: pipelineId || null,
      statusId,
      value: cents ?? null,
      valueCurrency: value.currency,
      valuePeriod: value.period as ValuePeriod,
      confidence,
      contactId: value.contactId || null,
      note: value.note,
    };
    let payload: OpportunityInput | OpportunityPatch = input;
    if (o) {
      const patch: OpportunityPatch = {};
      if (input.statusId !== o.statusId) patch.statusId = input.statusId;
      if (input.pipelineId !== o.pipelineId) patch.pipelineId = input.pipelineId;
      if (input.value !== o.value) patch.value = input.value;
      if (input.valueCurrency !== o.valueCurrency) patch.valueCurrency = input.valueCurrency;
      if (input.valuePeriod !== o.valuePeriod) patch.valuePeriod = input.valuePeriod;
      if (input.confidence !== o.confidence) patch.confidence = input.confidence;
      if (input.contactId !== o.contactId) patch.contactId = input.contactId;
      if (input.note !== o.note) patch.note = input.note;
      if (Object.keys(patch).length === 0) {
        await draft.clear();
        onSaved?.(o);
        return;
      }
      payload = patch;
    }
    const saved = await action.run(payload);
    if (!saved) return;
    await draft.clear();
    onSaved?.(saved);
  }

  const e = action.error;
  const showLocal = touched && value.value !== '';
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
  const currencies = CURRENCIES.includes(value.currency)
    ? CURRENCIES
    : [value.currency, ...CURRENCIES];
  return (
    <form
      class="cl-form"
      onSubmit={submit}
      noValidate
      aria-label={o ? strings.legendEdit : strings.legendNew}
    >
      <Field
        label={strings.pipeline}
        error={fieldError(e, 'pipeline_id', 'pipeline', 'pipelineId')}
        hint={pipelines.status === 'loading' ? strings.loading : undefined}
      >
        {(c) => (
          <select
            {...c}
            class="cl-input"
            value={pipelineId}
            onChange={(ev) => set({ pipelineId: ev.currentTarget.value, statusId: '' })}
          >
            {list.length === 0 && o?.pipelineName ? (
              <option value={o.pipelineId ?? ''}>{o.pipelineName}</option>
            ) : null}
            {list.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label={strings.status}
        error={
          fieldError(e, 'status_id', 'status', 'statusId') ??
          (list.length ? localErrors.status : undefined)
        }
      >
        {(c) => (
          <select
            {...c}
            class="cl-input"
            value={statusId}
            onChange={(ev) => set({ statusId: ev.currentTarget.value })}
          >
            {statuses.length === 0 && o ? (
              <option value={o.statusId}>{o.statusLabel}</option>
            ) : null}
            {statuses.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div class="cl-field-row">
        <Field
          label={strings.value}
          hint={strings.valueHint}
          error={fieldError(e, 'value') ?? (showLocal ? localErrors.value : undefined)}
        >
          {(c) => (
            <input
              {...c}
              class="cl-input"
              inputMode="decimal"
              autoComplete="off"
              value={value.value}
              onInput={(ev) => set({ value: ev.currentTarget.value })}
              onBlur={() => void draft.flush()}
            />
          )}
        </Field>
        <Field label={strings.currency} error={fieldError(e, 'value_currency', 'valueCurrency')}>
          {(c) => (
            <select
              {...c}
              class="cl-input"
              value={value.currency}
              onChange={(ev) => set({ currency: ev.currentTarget.value })}
            >
              {currencies.map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div class="cl-field-row">
        <Field label={strings.period} error={fieldError(e, 'value_period', 'valuePeriod')}>
          {(c) => (
            <select
              {...c}
              class="cl-input"
              value={value.period}
              onChange={(ev) => set({ period: ev.currentTarget.value })}
            >
              {(Object.keys(strings.periods) as ValuePeriod[]).map((p) => (
                <option key={p} value={p}>
                  {strings.periods[p]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label={strings.confidence}
          error={fieldError(e, 'confidence') ?? (touched ? localErrors.confidence : undefined)}
        >
          {(c) => (
            <input
              {...c}
              class="cl-input"
              inputMode="numeric"
              autoComplete="off"
              value={value.confidence}
              onInput={(ev) => set({ confidence: ev.currentTarget.value })}
              onBlur={() => void draft.flush()}
            />
          )}
        </Field>
      </div>
      <Field label={strings.contact} error={fieldError(e, 'contact_id', 'contact', 'contactId')}>
        {(c) => (
          <select
            {...c}
            class="cl-input"
            value={value.contactId}
            onChange={(ev) => set({ contactId: ev.currentTarget.value })}
          >
            <option value="">{strings.noContact}</option>
            {contacts.map((contact) => (
              <option key={contact.id} value={contact.id}>
                {contact.name || contact.emails[0]?.email || contact.id}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={strings.note} error={fieldError(e, 'note', 'note_html')}>
        {(c) => (
          <textarea
            {...c}
            class="cl-input cl-textarea"
            rows={2}
            value={value.note}
            onInput={(ev) => set({ note: ev.currentTarget.value })}
            onBlur={() => void draft.flush()}
            onKeyDown={submitOnModEnter}
          />
        )}
      </Field>
      <FormError
        error={e}
        details={unclaimedFieldErrors(e, claimed)}
        onRetry={() => void submit()}
        busy={action.busy}
      />
      <div class="cl-form__actions">
        <button type="submit" class="cl-button cl-button--primary" disabled={action.busy}>
          {action.busy ? strings.saving : o ? strings.save : strings.create}
        </button>
        {onCancel ? (
          <button type="button" class="cl-button" onClick={onCancel}>
            {strings.cancel}
          </button>
        ) : null}
      </div>
    </form>
  );
}
