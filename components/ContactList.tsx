// A lead's contacts: name, title, emails as mailto: links and phones as tel: links.

import { mailtoHref, telHref } from '@/components/safe-url';
import type { Contact } from '@/utils/close/types';
import { t } from '@/utils/i18n';

const strings = {
  heading: t('commonContacts'),
  none: t('contactListNone'),
  edit: t('commonEdit'),
  editLabel: (name: string) => t('contactListEditLabel', name),
  unnamed: t('contactListUnnamed'),
  matched: t('contactListMatched'),
} as const;

export interface ContactListProps {
  contacts: Contact[];
  /** Lower-cased addresses seen on the page, to mark the contacts that are here. */
  pageEmails?: string[];
  onEdit?: (contact: Contact, event: Event) => void;
}

export function ContactList({ contacts, pageEmails = [], onEdit }: ContactListProps) {
  return (
    <section class="cl-section" aria-label={strings.heading}>
      <h3 class="cl-section__heading">{strings.heading}</h3>
      {contacts.length === 0 ? (
        <p class="cl-muted">{strings.none}</p>
      ) : (
        <ul class="cl-list cl-contacts">
          {contacts.map((contact) => {
            const here = contact.emails.some((e) => pageEmails.includes(e.email.toLowerCase()));
            const name = contact.name || strings.unnamed;
            return (
              <li key={contact.id} class="cl-contact">
                <div class="cl-contact__head">
                  <span class="cl-contact__name">{name}</span>
                  {here ? <span class="cl-badge cl-badge--accent">{strings.matched}</span> : null}
                  {onEdit ? (
                    <button
                      type="button"
                      class="cl-button cl-button--small cl-button--quiet"
                      aria-label={strings.editLabel(name)}
                      onClick={(event) => onEdit(contact, event)}
                    >
                      {strings.edit}
                    </button>
                  ) : null}
                </div>
                {contact.title ? <div class="cl-contact__title">{contact.title}</div> : null}
                <ul class="cl-list cl-contact__channels">
                  {contact.emails.map((e) => (
                    <li key={`e-${e.email}`}>
                      <a href={mailtoHref(e.email)}>{e.email}</a>
                      {e.type ? <span class="cl-muted"> · {e.type}</span> : null}
                    </li>
                  ))}
                  {contact.phones.map((p) => (
                    <li key={`p-${p.phone}`}>
                      <a href={telHref(p.phone)}>{p.phoneFormatted || p.phone}</a>
                      {p.type ? <span class="cl-muted"> · {p.type}</span> : null}
                    </li>
                  ))}
                </ul>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
