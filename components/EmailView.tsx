// One email from Close: subject, who, when, and its body sanitized (or as plain text).
import { useMemo, useState } from 'preact/hooks';
import type { EmailMessage } from '@/utils/close/types';
import { formatDateTime } from '@/utils/format';
import { t } from '@/utils/i18n';
import { FORMATTED_BODY_LIMIT, htmlToText, sanitizeEmailBody } from '@/utils/sanitize-html';

const strings = {
  from: t('emailViewFrom'),
  to: t('emailViewTo'),
  cc: t('emailViewCc'),
  noSubject: t('emailViewNoSubject'),
  showImages: t('emailViewShowImages'),
  imagesHidden: t('emailViewImagesHidden'),
  close: t('commonCloseEmail'),
  date: t('emailViewDate'),
  largeAsText: t('emailViewLargeAsText'),
  showFormatted: t('emailViewShowFormatted'),
} as const;

export interface EmailViewProps {
  email: EmailMessage;
  onClose?: () => void;
}

export function EmailView({ email, onClose }: EmailViewProps) {
  const [showImages, setShowImages] = useState(false);
  const [formatLarge, setFormatLarge] = useState(false);
  // A huge body (a newsletter, or bait built to stall a parser) starts as text; formatted on request.
  const large = email.bodyHtml.length > FORMATTED_BODY_LIMIT && !formatLarge;
  const body = useMemo(
    () =>
      email.bodyHtml && !large
        ? sanitizeEmailBody(email.bodyHtml, { allowRemoteImages: showImages })
        : { html: '', hasRemoteImages: false },
    [email.bodyHtml, showImages, large],
  );
  const largeText = useMemo(
    () => (large ? email.bodyText || htmlToText(email.bodyHtml) : ''),
    [large, email.bodyText, email.bodyHtml],
  );
  const html = body.html;
  const remote = !showImages && body.hasRemoteImages;
  return (
    <article class="cl-email" aria-label={email.subject || strings.noSubject}>
      <h4 class="cl-email__subject">{email.subject || strings.noSubject}</h4>
      <dl class="cl-facts cl-facts--inline">
        <div>
          <dt>{strings.from}</dt>
          <dd>{email.sender}</dd>
        </div>
        {email.to.length > 0 ? (
          <div>
            <dt>{strings.to}</dt>
            <dd>{email.to.join(', ')}</dd>
          </div>
        ) : null}
        {email.cc.length > 0 ? (
          <div>
            <dt>{strings.cc}</dt>
            <dd>{email.cc.join(', ')}</dd>
          </div>
        ) : null}
        <div>
          <dt class="cl-visually-hidden">{strings.date}</dt>
          <dd>
            <time dateTime={email.date}>{formatDateTime(email.date)}</time>
          </dd>
        </div>
      </dl>
      {remote ? (
        <p class="cl-hint">
          {strings.imagesHidden}{' '}
          <button
            type="button"
            class="cl-button cl-button--small"
            onClick={() => setShowImages(true)}
          >
            {strings.showImages}
          </button>
        </p>
      ) : null}
      {large ? (
        <p class="cl-hint">
          {strings.largeAsText}{' '}
          <button
            type="button"
            class="cl-button cl-button--small"
            onClick={() => setFormatLarge(true)}
          >
            {strings.showFormatted}
          </button>
        </p>
      ) : null}
      {large ? (
        <div class="cl-email__body cl-email__body--text">{largeText}</div>
      ) : html ? (
        <div class="cl-email__body cl-rich" dangerouslySetInnerHTML={{ __html: html }} />
      ) : (
        <div class="cl-email__body cl-email__body--text">{email.bodyText}</div>
      )}
      {onClose ? (
        <button type="button" class="cl-button cl-button--small" onClick={onClose}>
          {strings.close}
        </button>
      ) : null}
    </article>
  );
}
