// A lead's opportunities: value with currency and period, status, pipeline, confidence, expected value, won/lost date.
import type { Opportunity } from '@/utils/close/types';
import { formatDate, formatMoney, formatPercent, formatValueWithPeriod } from '@/utils/format';
import { t } from '@/utils/i18n';

const strings = {
  heading: t('commonOpportunities'),
  none: t('opportunityListNone'),
  noValue: t('opportunityListNoValue'),
  pipeline: t('commonPipeline'),
  confidence: t('opportunityListConfidence'),
  expected: t('opportunityListExpected'),
  won: t('opportunityListWon'),
  lost: t('opportunityListLost'),
  edit: t('commonEdit'),
  editLabel: (what: string) => t('opportunityListEditLabel', what),
} as const;

export interface OpportunityListProps {
  opportunities: Opportunity[];
  onEdit?: (opportunity: Opportunity, event: Event) => void;
}

export function OpportunityList({ opportunities, onEdit }: OpportunityListProps) {
  return (
    <section class="cl-section" aria-label={strings.heading}>
      <h3 class="cl-section__heading">{strings.heading}</h3>
      {opportunities.length === 0 ? (
        <p class="cl-muted">{strings.none}</p>
      ) : (
        <ul class="cl-list cl-opportunities">
          {opportunities.map((o) => {
            const value =
              formatValueWithPeriod(o.value, o.valueCurrency, o.valuePeriod) || strings.noValue;
            const expected = formatMoney(o.expectedValue, o.valueCurrency);
            const closedOn =
              o.statusType === 'won' && o.dateWon
                ? `${strings.won} ${formatDate(o.dateWon)}`
                : o.statusType === 'lost' && o.dateLost
                  ? `${strings.lost} ${formatDate(o.dateLost)}`
                  : '';
            return (
              <li key={o.id} class={`cl-opportunity cl-opportunity--${o.statusType}`}>
                <div class="cl-opportunity__head">
                  <span class="cl-opportunity__value">{value}</span>
                  <span class={`cl-badge cl-badge--${o.statusType}`}>{o.statusLabel}</span>
                  {onEdit ? (
                    <button
                      type="button"
                      class="cl-button cl-button--small cl-button--quiet"
                      aria-label={strings.editLabel(`${value} ${o.statusLabel}`)}
                      onClick={(event) => onEdit(o, event)}
                    >
                      {strings.edit}
                    </button>
                  ) : null}
                </div>
                <dl class="cl-facts cl-facts--inline">
                  {o.pipelineName ? (
                    <div>
                      <dt>{strings.pipeline}</dt>
                      <dd>{o.pipelineName}</dd>
                    </div>
                  ) : null}
                  <div>
                    <dt>{strings.confidence}</dt>
                    <dd>{formatPercent(o.confidence)}</dd>
                  </div>
                  {expected ? (
                    <div>
                      <dt>{strings.expected}</dt>
                      <dd>{expected}</dd>
                    </div>
                  ) : null}
                  {closedOn ? (
                    <div>
                      <dt class="cl-visually-hidden">{strings.won}</dt>
                      <dd>{closedOn}</dd>
                    </div>
                  ) : null}
                </dl>
                {o.note ? <p class="cl-opportunity__note">{o.note}</p> : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
