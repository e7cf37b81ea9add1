// Creates or edits a contact: name, title, emails, phones; also "Add as contact" for a person seen on the page.

import { formFields } from '@/components/form-field';
import type { ContactInput, ContactPatch } from '@/components/panel-model';
import { SelectField } from '@/components/SelectField';
import { TextField } from '@/components/TextField';
import { fieldError, useAction } from '@/components/use-action';
import { useDraft } from '@/components/use-draft';
import { useWrite } from '@/components/use-write';
import { sendDraft, WriteForm } from '@/components/WriteForm';
import type { Contact } from '@/utils/close/types';
import { sameValue } from '@/utils/drafts';
import { t } from '@/utils/i18n';
import type { WriteMeta } from '@/utils/write-journal';

const strings = {
  legendNew: t('contactFormLegendNew'),
  legendEdit: t('contactFormLegendEdit'),
  name: t('commonName'),
  title: t('contactFormTitle'),
  email: (n: number) => (n === 0 ? t('commonEmail') : t('contactFormEmailN', String(n + 1))),
  phone: (n: number) => (n === 0 ? t('contactFormPhone') : t('contactFormPhoneN', String(n + 1))),
  addEmail: t('contactFormAddEmail'),
  addPhone: t('contactFormAddPhone'),
  remove: (what: string) => t('contactFormRemove', what),
  target: t('contactFormTarget'),
  newLead: t('contactFormNewLead'),
  add: t('commonAddContact'),
  save: t('contactFormSave'),
  saving: t('commonSaving'),
  cancel: t('commonCancel'),
  nameOrEmail: t('contactFormNameOrEmail'),
} as const;

interface ContactFormValue {
  name: string;
  title: string;
  emails: string[];
  phones: string[];
  /** The lead to add to ("" = a new lead), when targets are offered. */
  target: string;
}

export interface ContactTarget {
  /** null = create a new lead for the contact. */
  leadId: string | null;
  label: string;
}

interface ContactFormCommon {
  draftKey: string;
  /** Prefill for a new contact (a person found on the page). */
  prefill?: Partial<Pick<ContactInput, 'name' | 'title'>> & { email?: string };
  /** Leads the new contact can go onto; without it the contact goes to `save`'s caller's lead. */
  targets?: ContactTarget[];
  /** The lead the contact belongs to, for the "look in Close" link. */
  leadId?: string;
  onSaved?: (contact: Contact) => void;
  onCancel?: () => void;
}

/** A new contact gets every field; an edited one only the fields the user changed. */
export type ContactFormProps = ContactFormCommon &
  (
    | {
        contact?: undefined;
        save: (input: ContactInput, leadId: string | null, write: WriteMeta) => Promise<Contact>;
      }
    | {
        /** The contact being edited. */
        contact: Contact;
        update: (patch: ContactPatch, write: WriteMeta) => Promise<Contact>;
      }
  );

function initialValue(props: ContactFormProps): ContactFormValue {
  const c = props.contact;
  const firstTarget = props.targets?.[0]?.leadId ?? '';
  if (c) {
    return {
      name: c.name,
      title: c.title,
      emails: c.emails.length ? c.emails.map((e) => e.email) : [''],
      phones: c.phones.length ? c.phones.map((p) => p.phone) : [''],
      target: firstTarget,
    };
  }
  return {
    name: props.prefill?.name ?? '',
    title: props.prefill?.title ?? '',
    emails: [props.prefill?.email ?? ''],
    phones: [''],
    target: firstTarget,
  };
}

/** Close may key errors as "emails", "emails.0" or "emails.0.email". */
function listError(
  error: Parameters<typeof fieldError>[0],
  list: 'emails' | 'phones',
  index: number,
) {
  const key = list === 'emails' ? 'email' : 'phone';
  return fieldError(
    error,
    `${list}.${index}.${key}`,
    `${list}.${index}`,
    ...(index === 0 ? [list] : []),
  );
}

/** Only what differs from `base` (what Close has): a list that changed goes whole. */
function contactPatch(input: ContactInput, value: ContactFormValue, base: ContactFormValue) {
  const patch: ContactPatch = {};
  if (value.name !== base.name) patch.name = input.name;
  if (value.title !== base.title) patch.title = input.title;
  if (!sameValue(value.emails, base.emails)) patch.emails = input.emails;
  if (!sameValue(value.phones, base.phones)) patch.phones = input.phones;
  return patch;
}

export function ContactForm(props: ContactFormProps) {
  const { contact, targets, onSaved, onCancel } = props;
  const initial = initialValue(props);
  const draft = useDraft<ContactFormValue>(props.draftKey, initial);
  const write = useWrite(draft.key);
  const action = useAction(
    (input: ContactInput | ContactPatch, leadId: string | null, meta: WriteMeta) =>
      write.guard(
        meta,
        props.contact ? props.update(input, meta) : props.save(input as ContactInput, leadId, meta),
      ),
  );
  const value = draft.value;
  const set = (patch: Partial<ContactFormValue>) => draft.setValue({ ...value, ...patch });
  const missing = !value.name.trim() && !value.emails.some((e) => e.trim());

  async function submit(event?: Event) {
    event?.preventDefault();
    if (missing) return;
    const typeOf = (email: string) =>
      contact?.emails.find((e) => e.email === email)?.type ?? 'office';
    const phoneType = (phone: string) =>
      contact?.phones.find((p) => p.phone === phone)?.type ?? 'office';
    const input: ContactInput = {
      name: value.name.trim(),
      title: value.title.trim(),
      emails: value.emails
        .map((e) => e.trim())
        .filter(Boolean)
        .map((email) => ({ email, type: typeOf(email) })),
      phones: value.phones
        .map((p) => p.trim())
        .filter(Boolean)
        .map((phone) => ({ phone, type: phoneType(phone) })),
    };
    const submitted = value;
    const leadId = targets ? value.target || null : (contact?.leadId ?? null);
    // An edit sends only what the user changed, so it cannot put back what a colleague changed
    // since (a draft from an older version was moved onto the current contact by useDraft).
    const payload = contact ? contactPatch(input, value, initial) : input;
    if (contact && Object.keys(payload).length === 0) {
      await draft.clear();
      onSaved?.(contact);
      return;
    }
    if (write.blocked) return;
    const meta = write.begin(submitted, leadId ?? props.leadId ?? null);
    const saved = await sendDraft(draft, submitted, () => action.run(payload, leadId, meta));
    if (saved) onSaved?.(saved);
  }

  const e = action.error;
  const busy = action.busy;
  const claimed = Object.keys(e?.fieldErrors ?? {}).filter(
    (k) => k === 'name' || k === 'title' || k.startsWith('emails') || k.startsWith('phones'),
  );
  const flush = () => void draft.flush();
  const field = formFields({ value, set, error: e, busy, flush });
  const setAt = (list: 'emails' | 'phones', index: number, text: string) =>
    set({ [list]: value[list].map((v, i) => (i === index ? text : v)) });

  return (
    <WriteForm
      label={contact ? strings.legendEdit : strings.legendNew}
      onSubmit={submit}
      recordChanged={!!contact && draft.recordChanged}
      error={e}
      claimed={claimed}
      write={write}
      busy={busy}
      submitLabel={busy ? strings.saving : contact ? strings.save : strings.add}
      disabled={missing}
      cancelLabel={strings.cancel}
      onCancel={onCancel}
      flush={draft.flush}
    >
      {targets && targets.length > 0 ? (
        <SelectField label={strings.target} {...field('target', 'lead', 'lead_id')}>
          {targets.map((t) => (
            <option key={t.leadId ?? ''} value={t.leadId ?? ''}>
              {t.leadId ? t.label : strings.newLead}
            </option>
          ))}
        </SelectField>
      ) : null}
      <TextField label={strings.name} {...field('name')} autoComplete="off" />
      <TextField label={strings.title} {...field('title')} autoComplete="off" />
      {(['emails', 'phones'] as const).map((list) => (
        <div key={list} class="cl-field-group">
          {value[list].map((item, index) => {
            const label = list === 'emails' ? strings.email(index) : strings.phone(index);
            return (
              <div key={index} class="cl-field-row">
                <TextField
                  label={label}
                  error={listError(e, list, index)}
                  inputMode={list === 'emails' ? 'email' : 'tel'}
                  autoComplete="off"
                  readOnly={busy}
                  value={item}
                  onValue={(text) => setAt(list, index, text)}
                  onBlur={flush}
                />
                {value[list].length > 1 ? (
                  <button
                    type="button"
                    class="cl-button cl-button--small cl-button--quiet"
                    aria-disabled={busy ? 'true' : undefined}
                    onClick={() => {
                      if (!busy) set({ [list]: value[list].filter((_, i) => i !== index) });
                    }}
                  >
                    {strings.remove(label)}
                  </button>
                ) : null}
              </div>
            );
          })}
          <button
            type="button"
            class="cl-button cl-button--small"
            aria-disabled={busy ? 'true' : undefined}
            onClick={() => {
              if (!busy) set({ [list]: [...value[list], ''] });
            }}
          >
            {list === 'emails' ? strings.addEmail : strings.addPhone}
          </button>
        </div>
      ))}
      {missing ? <p class="cl-hint">{strings.nameOrEmail}</p> : null}
    </WriteForm>
  );
}
