// The settings page's choices: which sites Close Look reads (with Outlook's and LinkedIn's optional
// access), what it never looks up, how long look-ups are cached, and clearing the cache. Anything
// an administrator set through browser policy is shown locked.
import { useEffect, useId, useState } from 'preact/hooks';
import { toAppError } from '@/utils/app-error';
import { t } from '@/utils/i18n';
import {
  CACHE_MINUTES_MAX,
  CACHE_MINUTES_MIN,
  type EffectiveSettings,
  parseNeverInput,
  type Settings,
  type SiteName,
} from '@/utils/settings';

/** Sites whose access is an optional host permission (Gmail's is granted at install). */
export type OptionalSite = 'outlook' | 'linkedin';

export interface SettingsFormProps {
  /** The user's own settings (what this form edits). */
  user: Settings;
  /** The settings in force and what the admin's policy locks. */
  effective: EffectiveSettings;
  /** Whether the optional host permission of each site is granted now. */
  access: Record<OptionalSite, boolean>;
  onSave: (next: Settings) => Promise<void>;
  /**
   * Asks the browser for a site's access. Must call the browser synchronously: it runs inside the
   * click (permissions.request needs the user gesture). Resolves with the grant.
   */
  onRequestAccess: (site: OptionalSite) => Promise<boolean>;
  onRemoveAccess: (site: OptionalSite) => Promise<boolean>;
  onClearCache: () => Promise<{ lookups: number; tabs: number }>;
}

const SITES: Array<{ site: SiteName; label: () => string; hint: () => string }> = [
  { site: 'gmail', label: () => t('siteGmail'), hint: () => t('settingsSiteGmailHint') },
  {
    site: 'outlook',
    label: () => t('siteOutlook'),
    hint: () => t('settingsSiteOutlookHint'),
  },
  {
    site: 'linkedin',
    label: () => t('settingsSiteLinkedIn'),
    hint: () => t('settingsSiteLinkedInHint'),
  },
  {
    site: 'anySite',
    label: () => t('settingsSiteAnySite'),
    hint: () => t('settingsSiteAnySiteHint'),
  },
];

const isOptional = (site: SiteName): site is OptionalSite =>
  site === 'outlook' || site === 'linkedin';

export function SettingsForm(props: SettingsFormProps) {
  const { user, effective, access } = props;
  const { locks } = effective;
  const id = useId();
  const [neverText, setNeverText] = useState(user.neverLookUp.join('\n'));
  const [cacheText, setCacheText] = useState(String(effective.settings.cacheMinutes));
  const [neverError, setNeverError] = useState<string | null>(null);
  const [cacheError, setCacheError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The switches as the user just set them, until the stored settings catch up.
  const [sites, setSites] = useState(user.sites);
  const storedSites = JSON.stringify(user.sites);
  useEffect(() => setSites(JSON.parse(storedSites)), [storedSites]);

  // Another page (or the policy) changed the stored values: show them.
  const storedNever = user.neverLookUp.join('\n');
  useEffect(() => setNeverText(storedNever), [storedNever]);
  useEffect(
    () => setCacheText(String(effective.settings.cacheMinutes)),
    [effective.settings.cacheMinutes],
  );

  async function run(work: () => Promise<string>) {
    setBusy(true);
    setError(null);
    setStatus('');
    try {
      setStatus(await work());
    } catch (caught) {
      setError(toAppError(caught).message);
    } finally {
      setBusy(false);
    }
  }

  function setSite(site: SiteName, on: boolean) {
    // Asked first and synchronously: the permission prompt needs this click's user gesture.
    const granted =
      on && isOptional(site) && !access[site] ? props.onRequestAccess(site) : Promise.resolve(true);
    setSites({ ...sites, [site]: on });
    void run(async () => {
      if (!(await granted)) {
        setSites(user.sites);
        return t('settingsAccessDenied', siteLabel(site));
      }
      await props.onSave({ ...user, sites: { ...user.sites, [site]: on } }).catch((error) => {
        setSites(user.sites);
        throw error;
      });
      return on ? t('settingsSiteOn', siteLabel(site)) : t('settingsSiteOff', siteLabel(site));
    });
  }

  function changeAccess(site: OptionalSite, grant: boolean) {
    const change = grant ? props.onRequestAccess(site) : props.onRemoveAccess(site);
    void run(async () => {
      const done = await change;
      if (grant)
        return done
          ? t('settingsAccessGranted', siteLabel(site))
          : t('settingsAccessDenied', siteLabel(site));
      return t('settingsAccessRemoved', siteLabel(site));
    });
  }

  function save(event: Event) {
    event.preventDefault();
    const { entries, invalid } = parseNeverInput(neverText);
    const minutes = Number(cacheText);
    const badMinutes =
      !locks.cacheMinutes &&
      (cacheText.trim() === '' ||
        !Number.isInteger(minutes) ||
        minutes < CACHE_MINUTES_MIN ||
        minutes > CACHE_MINUTES_MAX);
    setNeverError(invalid.length > 0 ? t('settingsNeverInvalid', invalid.join(', ')) : null);
    setCacheError(
      badMinutes
        ? t('settingsCacheInvalid', [String(CACHE_MINUTES_MIN), String(CACHE_MINUTES_MAX)])
        : null,
    );
    if (invalid.length > 0 || badMinutes) return;
    void run(async () => {
      await props.onSave({
        ...user,
        neverLookUp: entries,
        cacheMinutes: locks.cacheMinutes ? user.cacheMinutes : minutes,
      });
      setNeverText(entries.join('\n'));
      return t('settingsSaved');
    });
  }

  function clearCache() {
    void run(async () => {
      const cleared = await props.onClearCache();
      return t('settingsCacheCleared', String(cleared.lookups));
    });
  }

  const neverId = `${id}-never`;
  const neverHintId = `${id}-never-hint`;
  const neverErrorId = `${id}-never-error`;
  const cacheId = `${id}-cache`;
  const cacheErrorId = `${id}-cache-error`;
  const cacheHintId = `${id}-cache-hint`;

  return (
    <section class="cl-settings" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('settingsHeading')}</h2>

      <fieldset class="cl-fieldset">
        <legend class="cl-label">{t('settingsSitesLegend')}</legend>
        {SITES.map(({ site, label, hint }) => {
          const locked = locks.sites[site];
          const checked = locked ? effective.settings.sites[site] : sites[site];
          const hintId = `${id}-${site}-hint`;
          return (
            <div class="cl-setting" key={site}>
              <label class="cl-check">
                <input
                  type="checkbox"
                  checked={checked}
                  disabled={locked || busy}
                  aria-describedby={hintId}
                  onChange={(ev) => setSite(site, ev.currentTarget.checked)}
                />
                <span>{label()}</span>
              </label>
              <p id={hintId} class="cl-hint">
                {hint()}
                {locked ? ` ${t('settingsLocked')}` : ''}
              </p>
              {isOptional(site) ? (
                <p class="cl-hint">
                  {access[site] ? t('settingsAccessYes') : t('settingsAccessNo')}{' '}
                  <button
                    type="button"
                    class="cl-button cl-button--small"
                    disabled={busy}
                    onClick={() => changeAccess(site, !access[site])}
                  >
                    {access[site]
                      ? t('settingsRemoveAccess', label())
                      : t('settingsAllowAccess', label())}
                  </button>
                </p>
              ) : null}
            </div>
          );
        })}
      </fieldset>

      <form class="cl-form" onSubmit={save} noValidate>
        <div class={`cl-field${neverError ? ' cl-field--invalid' : ''}`}>
          <label for={neverId} class="cl-label">
            {t('settingsNeverLabel')}
          </label>
          <textarea
            id={neverId}
            class="cl-input cl-textarea"
            rows={5}
            spellcheck={false}
            value={neverText}
            aria-invalid={neverError ? 'true' : undefined}
            aria-describedby={neverError ? `${neverErrorId} ${neverHintId}` : neverHintId}
            onInput={(ev) => setNeverText(ev.currentTarget.value)}
          />
          <p id={neverHintId} class="cl-hint">
            {t('settingsNeverHint')}
          </p>
          {neverError ? (
            <p id={neverErrorId} class="cl-field-error" role="alert">
              {neverError}
            </p>
          ) : null}
          {locks.neverLookUp.length > 0 ? (
            <div class="cl-hint">
              <p>{t('settingsNeverManaged')}</p>
              <ul class="cl-list" aria-label={t('settingsNeverManagedList')}>
                {locks.neverLookUp.map((entry) => (
                  <li key={entry}>{entry}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>

        <div class={`cl-field${cacheError ? ' cl-field--invalid' : ''}`}>
          <label for={cacheId} class="cl-label">
            {t('settingsCacheLabel')}
          </label>
          <input
            id={cacheId}
            type="number"
            class="cl-input"
            inputMode="numeric"
            min={CACHE_MINUTES_MIN}
            max={CACHE_MINUTES_MAX}
            step={1}
            value={cacheText}
            disabled={locks.cacheMinutes}
            aria-invalid={cacheError ? 'true' : undefined}
            aria-describedby={cacheError ? `${cacheErrorId} ${cacheHintId}` : cacheHintId}
            onInput={(ev) => setCacheText(ev.currentTarget.value)}
          />
          <p id={cacheHintId} class="cl-hint">
            {t('settingsCacheHint')}
            {locks.cacheMinutes ? ` ${t('settingsLocked')}` : ''}
          </p>
          {cacheError ? (
            <p id={cacheErrorId} class="cl-field-error" role="alert">
              {cacheError}
            </p>
          ) : null}
        </div>
        <button type="submit" class="cl-button cl-button--primary" disabled={busy}>
          {t('settingsSave')}
        </button>
      </form>

      <div class="cl-setting">
        <button type="button" class="cl-button" disabled={busy} onClick={clearCache}>
          {t('settingsClearCache')}
        </button>
        <p class="cl-hint">{t('settingsClearCacheHint')}</p>
      </div>

      <div role="status" aria-live="polite" class="cl-form__status">
        {status}
      </div>
      {error ? (
        <p role="alert" class="cl-form-error">
          {error}
        </p>
      ) : null}
    </section>
  );
}

function siteLabel(site: SiteName): string {
  return SITES.find((s) => s.site === site)?.label() ?? site;
}
