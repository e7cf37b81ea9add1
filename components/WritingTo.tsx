// "Writing to": the recipients of the email the user is writing in Gmail (To, Cc, Bcc of the open
// compose windows), each with what Close knows of them: their title and phone, and their lead.
import type { Contact, Lead } from '@/utils/close/types';
import { t } from '@/utils/i18n';
import type { PagePerson } from '@/utils/page-snapshot';

const strings = {
  heading: t('writingToHeading'),
  // The same word as the email view's Cc label (one key per English word).
  field: { cc: t('emailViewCc'), bcc: t('writingToBcc') },
  inClose: t('panelViewInClose'),
  lead: (name: string, status: string) =>
    status ? t('writingToLeadWithStatus', [name, status]) : t('writingToLead', name),
  notInClose: t('writingToNotInClose'),
  addAsContact: t('panelViewAddAsContact'),
  addAsContactLabel: (who: string) => t('panelViewAddAsContactLabel', who),
} as const;

export interface CloseKnowledge {
  contact: Contact;
  lead?: Lead;
}

export interface WritingToProps {
  /** People with `writing` set, in page order. */
  recipients: PagePerson[];
  /** What Close knows of an address (lower-cased), from the matching leads. */
  known: (email: string) => CloseKnowledge | undefined;
  /** The look-up has answered: a recipient Close does not know is really unknown. */
  settled: boolean;
  /** "Software Engineer · +1 555 0100", from what Close knows of the person. */
  details: (contact: Contact | undefined) => string;
  /** Offered for recipients Close does not know (absent: no button). */
  onAddAsContact?: (person: PagePerson) => void;
}

function label(p: PagePerson): string {
  return p.name && p.email ? `${p.name} <${p.email}>` : (p.name ?? p.email ?? '');
}

export function WritingTo({ recipients, known, settled, details, onAddAsContact }: WritingToProps) {
  if (recipients.length === 0) return null;
  return (
    <div class="cl-writing-to">
      <h3 id="cl-writing-to" class="cl-section__heading">
        {strings.heading}
      </h3>
      <ul class="cl-list cl-people" aria-labelledby="cl-writing-to">
        {recipients.slice(0, 20).map((p) => {
          const knowledge = p.email ? known(p.email.toLowerCase()) : undefined;
          const more = details(knowledge?.contact);
          const field = p.writing === 'cc' || p.writing === 'bcc' ? strings.field[p.writing] : '';
          return (
            <li key={p.email ?? p.name} class="cl-person">
              <span class="cl-person__who">
                <span>
                  {field ? <span class="cl-badge cl-badge--muted">{field}</span> : null}
                  {field ? ' ' : null}
                  {label(p)}
                </span>
                {more ? <span class="cl-person__details">{more}</span> : null}
                {knowledge?.lead ? (
                  <span class="cl-person__details">
                    {strings.lead(knowledge.lead.name, knowledge.lead.statusLabel)}
                  </span>
                ) : null}
              </span>
              {knowledge ? (
                <span class="cl-badge cl-badge--accent">{strings.inClose}</span>
              ) : settled && onAddAsContact ? (
                <button
                  type="button"
                  class="cl-button cl-button--small"
                  aria-label={strings.addAsContactLabel(p.name ?? p.email ?? '')}
                  onClick={() => onAddAsContact(p)}
                >
                  {strings.addAsContact}
                </button>
              ) : settled ? (
                <span class="cl-muted">{strings.notInClose}</span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
