// One email from Close: subject, who, when, and its body sanitized (or as plain text).
import { useMemo, useState } from 'preact/hooks';
import type { EmailMessage } from '../utils/close/types';
import { formatDateTime } from '../utils/format';
import { t } from '../utils/i18n';
import { hasRemoteImages, sanitizeHtml } from '../utils/sanitize-html';

const strings = {
  from: t('emailViewFrom'),
  to: t('emailViewTo'),
  cc: t('emailViewCc'),
  noSubject: t('emailViewNoSubject'),
  showImages: t('emailViewShowImages'),
  imagesHidden: t('emailViewImagesHidden'),
  close: t('emailViewClose'),
  date: t('emailViewDate'),
} as const;

export interface EmailViewProps {
  email: EmailMessage;
  onClose?: () => void;
}

export function EmailView({ email, onClose }: EmailViewProps) {
  const [showImages, setShowImages] = useState(false);
  const html = useMemo(
    () => (email.bodyHtml ? sanitizeHtml(email.bodyHtml, { allowRemoteImages: showImages }) : ''),
    [email.bodyHtml, showImages],
  );
  const remote = !showImages && hasRemoteImages(email.bodyHtml);
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
      {html ? (
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
