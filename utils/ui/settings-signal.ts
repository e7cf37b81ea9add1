// The settings page's data as a signal: the user's settings, the ones in force (admin policy over
// them), and which optional site access is granted; refreshed when any of them changes.
import { signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import { type EffectiveSettings, type Settings, SITE_ORIGINS } from '@/utils/settings';
import { readEffectiveSettings, readSettings, watchSettings, writeSettings } from '@/utils/storage';

export interface SettingsView {
  user: Settings;
  effective: EffectiveSettings;
  access: { outlook: boolean; linkedin: boolean };
}

export const settingsView = signal<SettingsView | null>(null);

async function granted(origins: string[]): Promise<boolean> {
  return browser.permissions.contains({ origins }).catch(() => false);
}

export async function refreshSettings(): Promise<void> {
  const [user, effective, outlook, linkedin] = await Promise.all([
    readSettings(),
    readEffectiveSettings(),
    granted(SITE_ORIGINS.outlook),
    granted(SITE_ORIGINS.linkedin),
  ]);
  settingsView.value = { user, effective, access: { outlook, linkedin } };
}

/** Loads the settings and follows changes from other pages, the policy and permission changes. */
export function watchSettingsView(): () => void {
  void refreshSettings();
  const refresh = () => void refreshSettings();
  const unwatch = watchSettings(refresh);
  browser.permissions.onAdded.addListener(refresh);
  browser.permissions.onRemoved.addListener(refresh);
  return () => {
    unwatch();
    browser.permissions.onAdded.removeListener(refresh);
    browser.permissions.onRemoved.removeListener(refresh);
  };
}

export async function saveSettings(next: Settings): Promise<void> {
  await writeSettings(next);
  await refreshSettings();
}

/** Asks for a site's optional access. Call it synchronously inside the click (user gesture). */
export function requestSiteAccess(site: 'outlook' | 'linkedin'): Promise<boolean> {
  return browser.permissions.request({ origins: SITE_ORIGINS[site] });
}

export function removeSiteAccess(site: 'outlook' | 'linkedin'): Promise<boolean> {
  return browser.permissions.remove({ origins: SITE_ORIGINS[site] });
}
