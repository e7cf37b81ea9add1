// Searches Close for leads, contacts and opportunities by name, email, domain or text, with "Load more".
import { useId, useState } from 'preact/hooks';
import { errorText } from '@/components/error-text';
import type { Paged, SearchHit } from '@/components/panel-model';
import { usePagedList } from '@/components/use-paged-list';
import { formatValueWithPeriod } from '@/utils/format';
import { t } from '@/utils/i18n';

const strings = {
  label: t('searchBoxLabel'),
  placeholder: t('searchBoxPlaceholder'),
  submit: t('searchBoxSubmit'),
  searching: t('searchBoxSearching'),
  more: t('commonLoadMore'),
  none: (q: string) => t('searchBoxNone', q),
  count: (n: number, more: boolean) =>
    t(
      more
        ? n === 1
          ? 'searchBoxCountOneMore'
          : 'searchBoxCountMore'
        : n === 1
          ? 'searchBoxCountOne'
          : 'searchBoxCountMany',
      String(n),
    ),
  show: t('searchBoxShow'),
  showLabel: (name: string) => t('searchBoxShowLabel', name),
  tryAgain: t('commonTryAgain'),
  kinds: {
    lead: t('searchBoxKindsLead'),
    contact: t('commonContact'),
    opportunity: t('searchBoxKindsOpportunity'),
  },
} as const;

export interface SearchBoxProps {
  search: (query: string, cursor: string | null) => Promise<Paged<SearchHit>>;
  /** Shows a lead (with its contacts and opportunities) in the panel. */
  onOpenLead: (leadId: string) => void;
}

function hitKey(hit: SearchHit): string {
  return hit.kind === 'lead'
    ? hit.lead.id
    : hit.kind === 'contact'
      ? hit.contact.id
      : hit.opportunity.id;
}

function hitView(hit: SearchHit): { title: string; detail: string; leadId: string } {
  switch (hit.kind) {
    case 'lead':
      return { title: hit.lead.name, detail: hit.lead.statusLabel, leadId: hit.lead.id };
    case 'contact':
      return {
        title: hit.contact.name || hit.contact.emails[0]?.email || '',
        detail: [hit.contact.title, hit.leadName].filter(Boolean).join(' · '),
        leadId: hit.contact.leadId,
      };
    case 'opportunity': {
      const o = hit.opportunity;
      return {
        title: o.leadName,
        detail: [formatValueWithPeriod(o.value, o.valueCurrency, o.valuePeriod), o.statusLabel]
          .filter(Boolean)
          .join(' · '),
        leadId: o.leadId,
      };
    }
  }
}

export function SearchBox({ search, onOpenLead }: SearchBoxProps) {
  const inputId = `${useId()}-search`;
  const [query, setQuery] = useState('');
  const [ran, setRan] = useState<string | null>(null);
  const list = usePagedList<SearchHit>();
  const { items: hits, cursor, error } = list;
  const busy = list.status !== 'idle';

  function run(q: string, from: string | null) {
    return list.fetchPage(
      from,
      (at) => search(q, at),
      () => setRan(q),
    );
  }

  return (
    <div class="cl-section cl-search">
      <search>
        <form
          class="cl-search__form"
          onSubmit={(ev) => {
            ev.preventDefault();
            const q = query.trim();
            if (q) void run(q, null);
          }}
        >
          <label for={inputId} class="cl-label">
            {strings.label}
          </label>
          <div class="cl-search__row">
            <input
              id={inputId}
              type="search"
              class="cl-input"
              placeholder={strings.placeholder}
              autoComplete="off"
              value={query}
              onInput={(ev) => setQuery(ev.currentTarget.value)}
            />
            <button type="submit" class="cl-button" disabled={busy}>
              {strings.submit}
            </button>
          </div>
        </form>
      </search>
      <div role="status" aria-live="polite" class="cl-form__status">
        {busy
          ? strings.searching
          : ran !== null && !error
            ? hits.length === 0
              ? strings.none(ran)
              : strings.count(hits.length, cursor !== null)
            : ''}
      </div>
      {error ? (
        <div role="alert" class="cl-form-error">
          <p>{errorText(error)}</p>
          <button type="button" class="cl-button cl-button--small" onClick={list.retry}>
            {strings.tryAgain}
          </button>
        </div>
      ) : null}
      {hits.length > 0 ? (
        <ul class="cl-list cl-search__results">
          {hits.map((hit) => {
            const view = hitView(hit);
            return (
              <li key={`${hit.kind}-${hitKey(hit)}`} class="cl-search__hit">
                <span class="cl-badge cl-badge--muted">{strings.kinds[hit.kind]}</span>{' '}
                <span class="cl-search__title">{view.title}</span>
                {view.detail ? <span class="cl-muted"> · {view.detail}</span> : null}{' '}
                <button
                  type="button"
                  class="cl-button cl-button--small cl-button--quiet"
                  aria-label={strings.showLabel(view.title)}
                  onClick={() => onOpenLead(view.leadId)}
                >
                  {strings.show}
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
      {cursor && ran !== null ? (
        <button
          type="button"
          class="cl-button"
          disabled={busy}
          onClick={() => void run(ran, cursor)}
        >
          {strings.more}
        </button>
      ) : null}
    </div>
  );
}
