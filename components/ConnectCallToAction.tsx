import { t } from '@/utils/i18n';

// The "Connect your Close account" call to action shown wherever Close Look is not connected yet.
const strings = {
  heading: t('connectCallToActionHeading'),
  body: t('connectCallToActionBody'),
  button: t('commonConnectAccount'),
} as const;

export interface ConnectCallToActionProps {
  /** Opens the options page (or wherever the key is entered). */
  onOpenOptions: () => void;
}

export function ConnectCallToAction({ onOpenOptions }: ConnectCallToActionProps) {
  return (
    <section class="cl-cta" aria-labelledby="cl-cta-heading">
      <h2 id="cl-cta-heading" class="cl-cta__heading">
        {strings.heading}
      </h2>
      <p class="cl-cta__body">{strings.body}</p>
      <button type="button" class="cl-button cl-button--primary" onClick={() => onOpenOptions()}>
        {strings.button}
      </button>
    </section>
  );
}
