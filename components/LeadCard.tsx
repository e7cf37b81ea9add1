// The head of a matching lead: name, status, URL, why it matched, and "Open in Close".
import type { ComponentChildren } from 'preact';
import { matchReasonText } from '@/components/match-reason';
import { linkText, safeHttpUrl } from '@/components/safe-url';
import type { Lead, Opportunity } from '@/utils/close/types';
import { formatDateTime, formatPercent, formatValueWithPeriod } from '@/utils/format';
import { t } from '@/utils/i18n';
import { formatDaysAgo } from '@/utils/last-email';
import type { MatchReason } from '@/utils/lookup/types';

const strings = {
  open: t('commonOpenInClose'),
  opensInNewTab: t('commonOpensInNewTab'),
  status: t('commonStatus'),
  noStatus: t('leadCardNoStatus'),
  matchedBy: t('leadCardMatchedBy'),
  reason: (r: MatchReason) => matchReasonText(r, 'matched'),
  untitled: t('leadCardUntitled'),
  cached: t('leadCardCached'),
  deal: t('leadCardDeal'),
  confidence: (percent: string) => t('leadCardConfidence', percent),
  lastEmail: t('leadCardLastEmail'),
} as const;

export interface LeadCardProps {
  lead: Lead;
  matchedBy?: MatchReason[];
  /** The data came from the cache while Close was unreachable. */
  cached?: boolean;
  /** Buttons (Edit, ...) shown under the head. */
  children?: ComponentChildren;
  headingLevel?: 2 | 3;
  /** Stands in for the status badge, e.g. a menu to change it. */
  status?: ComponentChildren;
  /** The open opportunity to show on the card (value, period, status, confidence). */
  deal?: Opportunity | undefined;
  /** When the lead last sent or received an email (ISO); nothing is shown when unknown. */
  lastEmail?: string | null | undefined;
  now?: (() => number) | undefined;
}

export function LeadCard({
  lead,
  matchedBy = [],
  cached,
  children,
  headingLevel = 2,
  status,
  deal,
  lastEmail,
  now = Date.now,
}: LeadCardProps) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const href = safeHttpUrl(lead.url);
  const closeHref = safeHttpUrl(lead.htmlUrl);
  const lastEmailAgo = lastEmail ? formatDaysAgo(lastEmail, now()) : '';
  return (
    <div class="cl-lead-card">
      <div class="cl-lead-card__head">
        <Heading class="cl-lead-card__name">{lead.name || strings.untitled}</Heading>
        {cached ? <span class="cl-badge cl-badge--muted">{strings.cached}</span> : null}
      </div>
      <dl class="cl-facts">
        <div>
          <dt>{strings.status}</dt>
          <dd>{status ?? <span class="cl-badge">{lead.statusLabel || strings.noStatus}</span>}</dd>
        </div>
        {deal ? (
          <div class="cl-lead-card__deal">
            <dt>{strings.deal}</dt>
            <dd>
              <span class="cl-opportunity__value">
                {formatValueWithPeriod(deal.value, deal.valueCurrency, deal.valuePeriod)}
              </span>{' '}
              <span class={`cl-badge cl-badge--${deal.statusType}`}>{deal.statusLabel}</span>{' '}
              <span class="cl-muted">{strings.confidence(formatPercent(deal.confidence))}</span>
            </dd>
          </div>
        ) : null}
        {lastEmailAgo ? (
          <div class="cl-lead-card__last-email">
            <dt>{strings.lastEmail}</dt>
            <dd>
              <time dateTime={lastEmail ?? ''} title={formatDateTime(lastEmail ?? '')}>
                {lastEmailAgo}
              </time>
            </dd>
          </div>
        ) : null}
        {matchedBy.length > 0 ? (
          <div>
            <dt>{strings.matchedBy}</dt>
            <dd>{matchedBy.map(strings.reason).join(', ')}</dd>
          </div>
        ) : null}
      </dl>
      {href ? (
        <p class="cl-lead-card__url">
          <a href={href} target="_blank" rel="noopener noreferrer">
            {linkText(href)}
          </a>
        </p>
      ) : null}
      {lead.description ? <p class="cl-lead-card__description">{lead.description}</p> : null}
      <div class="cl-lead-card__actions">
        {closeHref ? (
          <a class="cl-button cl-button--link" href={closeHref} target="_blank" rel="noopener">
            {strings.open}
            <span class="cl-visually-hidden"> {strings.opensInNewTab}</span>
          </a>
        ) : null}
        {children}
      </div>
    </div>
  );
}
