// Creates a lead from the page (Name, URL, Description prefilled; page people offered as contacts),
// showing possible duplicates first with "Use this lead instead". The create goes through the
// write journal: a lost answer is looked up with Close, never sent again blindly.
import { useEffect, useRef, useState } from 'preact/hooks';
import { closeOnEscape } from '@/components/close-on-escape';
import { formFields } from '@/components/form-field';
import { matchReasonText } from '@/components/match-reason';
import type {
  ContactInput,
  CreateLeadInput,
  DuplicateCandidate,
  DuplicateQuery,
} from '@/components/panel-model';
import { safeHttpUrl } from '@/components/safe-url';
import { TextField } from '@/components/TextField';
import { fieldError, unclaimedFieldErrors, useAction } from '@/components/use-action';
import { useDraft } from '@/components/use-draft';
import { useWrite } from '@/components/use-write';
import { WriteFormFooter } from '@/components/WriteFormFooter';
import { type AppError, toAppError } from '@/utils/app-error';
import type { Lead } from '@/utils/close/types';
import { draftKey } from '@/utils/drafts';
import { t } from '@/utils/i18n';
import type { LeadMatch, MatchReason } from '@/utils/lookup/types';
import type { PagePerson, PageSnapshot } from '@/utils/page-snapshot';
import type { WriteMeta } from '@/utils/write-journal';

const strings = {
  legend: t('commonCreateLead'),
  name: t('commonName'),
  url: t('commonUrl'),
  description: t('commonDescription'),
  people: t('createLeadFormPeople'),
  create: t('commonCreateLead'),
  createAnyway: t('createLeadFormCreateAnyway'),
  creating: t('createLeadFormCreating'),
  checking: t('createLeadFormChecking'),
  cancel: t('commonCancel'),
  nameRequired: t('commonLeadNameRequired'),
  duplicatesHeading: t('createLeadFormDuplicatesHeading'),
  duplicatesIntro: t('createLeadFormDuplicatesIntro'),
  useInstead: t('createLeadFormUseInstead'),
  useInsteadLabel: (name: string) => t('createLeadFormUseInsteadLabel', name),
  reason: (r: MatchReason) => matchReasonText(r, 'duplicate'),
  duplicateCheckFailed: t('createLeadFormDuplicateCheckFailed'),
  open: t('commonOpenInClose'),
} as const;

interface CreateLeadValue {
  name: string;
  url: string;
  description: string;
  /** Emails (or names, for people without one) of the page people to add. */
  people: string[];
}

export interface CreateLeadFormProps {
  page: PageSnapshot;
  /** The company's registrable domain the look-up used ("acme.co.uk"), when there was one. */
  domain?: string | undefined;
  findDuplicates: (query: DuplicateQuery) => Promise<DuplicateCandidate[]>;
  /** `input.write`: the journal details (useWrite) sent with the lead. */
  createLead: (input: CreateLeadInput & { write: WriteMeta }) => Promise<LeadMatch>;
  /** Reads a lead Close made though this form lost its answer (a check found it). */
  loadLead: (leadId: string) => Promise<LeadMatch>;
  onCreated: (match: LeadMatch) => void;
  /** The user picked an existing lead; the chosen page people should go onto it. */
  onUseLead: (lead: Lead, contacts: ContactInput[]) => void;
  onCancel?: () => void;
}

function personKey(p: PagePerson): string {
  return p.email ?? `name:${p.name ?? ''}`;
}

function candidatePeople(page: PageSnapshot): PagePerson[] {
  const own = new Set(page.ownEmails ?? []);
  const seen = new Set<string>();
  const out: PagePerson[] = [];
  for (const p of page.people) {
    if (!p.email && !p.name) continue;
    if (p.email && own.has(p.email)) continue;
    const key = personKey(p);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out.slice(0, 20);
}

/**
 * The company's URL: https:// and the host its site is served on, never a deep page (a blog post's
 * canonical URL is not the company). www.acme.com stays as the site serves it; another subdomain
 * (blog.acme.com) becomes the registrable domain.
 */
export function companyUrl(address: string | undefined, domain?: string): string {
  if (!address) return '';
  let host: string;
  try {
    host = new URL(address.includes('://') ? address : `https://${address}`).hostname.toLowerCase();
  } catch {
    return '';
  }
  if (!host) return '';
  const registrable = domain?.toLowerCase();
  if (registrable && host !== `www.${registrable}` && host.endsWith(`.${registrable}`)) {
    return `https://${registrable}`;
  }
  return `https://${host}`;
}

function prefill(page: PageSnapshot, domain: string | undefined): CreateLeadValue {
  const company = page.company;
  // On a website, the site itself; elsewhere the website the page names (LinkedIn's "Website").
  const address = page.source === 'website' ? page.url : company?.website;
  return {
    name: company?.name || (page.source === 'website' ? (page.title ?? '') : ''),
    url: companyUrl(address, domain),
    description: company?.description ?? '',
    people: candidatePeople(page).map(personKey),
  };
}

function pageDraftId(page: PageSnapshot): string {
  try {
    return new URL(page.company?.website || page.url).hostname;
  } catch {
    return 'page';
  }
}

export function CreateLeadForm({
  page,
  domain,
  findDuplicates,
  createLead,
  loadLead,
  onCreated,
  onUseLead,
  onCancel,
}: CreateLeadFormProps) {
  const people = candidatePeople(page);
  const draft = useDraft<CreateLeadValue>(
    draftKey('create-lead', pageDraftId(page)),
    prefill(page, domain),
  );
  const value = draft.value;
  const set = (patch: Partial<CreateLeadValue>) => draft.setValue({ ...value, ...patch });
  const flush = () => void draft.flush();
  // The journal found the lead in Close after this form lost the answer: shown as if created here.
  const savedId = useRef<string | undefined>(undefined);
  const write = useWrite(draft.key, () => {
    if (savedId.current) void loadLead(savedId.current).then(onCreated, () => {});
  });
  savedId.current = write.entry?.resultId;
  const action = useAction((input: CreateLeadInput, meta: WriteMeta) =>
    write.guard(meta, createLead({ ...input, write: meta })),
  );
  const [nameError, setNameError] = useState<string | undefined>();
  // From the click until Close answers (the duplicate check included), the fields take no typing:
  // what is typed after that would belong to a lead that already exists.
  const [submitting, setSubmitting] = useState(false);
  const [dupes, setDupes] = useState<{
    for: string;
    status: 'checking' | 'done' | 'failed';
    list: DuplicateCandidate[];
    error?: AppError;
  } | null>(null);

  const query: DuplicateQuery = {
    name: value.name.trim(),
    url: value.url.trim() || null,
    emails: people
      .filter((p) => p.email && value.people.includes(personKey(p)))
      .map((p) => p.email as string),
  };
  const queryKey = JSON.stringify(query);

  async function checkDuplicates(): Promise<DuplicateCandidate[]> {
    setDupes({ for: queryKey, status: 'checking', list: [] });
    try {
      const list = await findDuplicates(query);
      setDupes({ for: queryKey, status: 'done', list });
      return list;
    } catch (caught) {
      setDupes({ for: queryKey, status: 'failed', list: [], error: toAppError(caught) });
      return [];
    }
  }

  // Look for duplicates as soon as the prefilled form is ready.
  useEffect(() => {
    if (draft.ready && (query.name || query.url || query.emails.length)) void checkDuplicates();
  }, [draft.ready]);

  function chosenContacts(): ContactInput[] {
    return people
      .filter((p) => value.people.includes(personKey(p)))
      .map((p) => ({
        name: p.name ?? '',
        title: '',
        emails: p.email ? [{ email: p.email, type: 'office' }] : [],
        phones: [],
      }));
  }

  async function submit(event?: Event, force = false) {
    event?.preventDefault();
    if (!value.name.trim()) {
      setNameError(strings.nameRequired);
      return;
    }
    if (write.blocked) return;
    setNameError(undefined);
    const submitted = value;
    setSubmitting(true);
    try {
      if (!force) {
        const list =
          dupes?.for === queryKey && dupes.status === 'done' ? dupes.list : await checkDuplicates();
        if (list.length > 0) return;
      }
      // In storage before it leaves: whatever dies next, the form is there until Close has it.
      await draft.flush();
      const created = await action.run(
        {
          name: value.name.trim(),
          url: value.url.trim() || null,
          description: value.description.trim(),
          contacts: chosenContacts(),
        },
        write.begin(submitted),
      );
      if (!created) {
        // The request may have created the lead anyway: the next submit looks for it again.
        setDupes(null);
        return;
      }
      await draft.settle(submitted);
      onCreated(created);
    } finally {
      setSubmitting(false);
    }
  }

  const e = action.error;
  const field = formFields({ value, set, error: e, busy: submitting, flush });
  const visibleDupes = dupes?.status === 'done' ? dupes.list : [];
  return (
    <form
      class="cl-form cl-create-lead"
      onSubmit={(ev) => void submit(ev)}
      onKeyDown={closeOnEscape(draft.flush, onCancel)}
      noValidate
      aria-label={strings.legend}
    >
      <TextField
        label={strings.name}
        error={nameError ?? fieldError(e, 'name')}
        autoComplete="off"
        readOnly={submitting}
        value={value.name}
        onValue={(name) => set({ name })}
        onBlur={flush}
      />
      <TextField label={strings.url} {...field('url')} inputMode="url" autoComplete="off" />
      <TextField label={strings.description} {...field('description')} rows={3} />
      {people.length > 0 ? (
        <fieldset class="cl-fieldset">
          <legend>{strings.people}</legend>
          {people.map((p) => {
            const key = personKey(p);
            const label = p.name && p.email ? `${p.name} <${p.email}>` : (p.name ?? p.email ?? '');
            return (
              <label key={key} class="cl-check">
                <input
                  type="checkbox"
                  checked={value.people.includes(key)}
                  aria-readonly={submitting ? 'true' : undefined}
                  onClick={(ev) => {
                    // A checkbox has no read-only state: undo the tick while saving.
                    if (submitting) ev.preventDefault();
                  }}
                  onChange={(ev) =>
                    set({
                      people: ev.currentTarget.checked
                        ? [...value.people, key]
                        : value.people.filter((k) => k !== key),
                    })
                  }
                />{' '}
                {label}
              </label>
            );
          })}
        </fieldset>
      ) : null}
      <div role="status" aria-live="polite" class="cl-form__status">
        {dupes?.status === 'checking' ? strings.checking : ''}
      </div>
      {dupes?.status === 'failed' && dupes.error ? (
        <p class="cl-hint">{strings.duplicateCheckFailed}</p>
      ) : null}
      {visibleDupes.length > 0 ? (
        <section class="cl-duplicates" aria-label={strings.duplicatesHeading}>
          <h3 class="cl-section__heading">{strings.duplicatesHeading}</h3>
          <p class="cl-hint">{strings.duplicatesIntro}</p>
          <ul class="cl-list">
            {visibleDupes.map((d) => {
              const closeHref = safeHttpUrl(d.lead.htmlUrl);
              return (
                <li key={d.lead.id} class="cl-duplicate">
                  <div>
                    <strong>{d.lead.name}</strong>{' '}
                    <span class="cl-muted">
                      {d.lead.statusLabel}
                      {d.matchedBy.length ? ` · ${d.matchedBy.map(strings.reason).join(', ')}` : ''}
                    </span>
                  </div>
                  <div class="cl-form__actions">
                    <button
                      type="button"
                      class="cl-button cl-button--small cl-button--primary"
                      aria-label={strings.useInsteadLabel(d.lead.name)}
                      onClick={() => {
                        void draft.clear();
                        onUseLead(d.lead, chosenContacts());
                      }}
                    >
                      {strings.useInstead}
                    </button>
                    {closeHref ? (
                      <a
                        class="cl-button cl-button--small cl-button--link"
                        href={closeHref}
                        target="_blank"
                        rel="noopener"
                      >
                        {strings.open}
                      </a>
                    ) : null}
                  </div>
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      <WriteFormFooter
        error={e}
        details={unclaimedFieldErrors(e, ['name', 'url', 'description'])}
        write={write}
        busy={action.busy}
        onRetry={() => void submit(undefined, true)}
        submitLabel={action.busy ? strings.creating : strings.create}
        disabled={dupes?.status === 'checking'}
        cancelLabel={strings.cancel}
        onCancel={onCancel}
        primary={
          visibleDupes.length > 0 ? (
            <button
              type="button"
              class="cl-button"
              disabled={action.busy || write.blocked}
              onClick={() => void submit(undefined, true)}
            >
              {action.busy ? strings.creating : strings.createAnyway}
            </button>
          ) : undefined
        }
      />
    </form>
  );
}
