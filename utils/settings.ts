// What the user's settings mean: parsing a stored value, the never-look-up entries, the admin's
// managed policy merged over the user's choices (the policy wins) and which fields it locks.
import * as v from 'valibot';

import { DEFAULT_FRESH_MINUTES } from '@/utils/lookup/fresh-time';
import type { SiteName } from '@/utils/sites';

// The supported sites live in sites.ts; re-exported here for the settings' users.
export { OUTLOOK_HOSTS, SITE_NAMES, SITE_ORIGINS, type SiteName, siteForUrl } from '@/utils/sites';

export interface SiteSwitches {
  gmail: boolean;
  outlook: boolean;
  linkedin: boolean;
  /** Any other website, read on demand. */
  anySite: boolean;
}

export interface Settings {
  /** Addresses and domains never sent to Close (normalized: see normalizeNeverEntry). */
  neverLookUp: string[];
  sites: SiteSwitches;
  /** How long a look-up is served from the cache without asking Close again. */
  cacheMinutes: number;
}

export const CACHE_MINUTES_MIN = 0;
export const CACHE_MINUTES_MAX = 1440;
const MAX_ENTRIES = 1000;

export const DEFAULT_SETTINGS: Settings = {
  neverLookUp: [],
  sites: { gmail: true, outlook: true, linkedin: true, anySite: true },
  cacheMinutes: DEFAULT_FRESH_MINUTES,
};

const EMAIL = /^[^\s@<>()[\],;:"]+@([a-z0-9-]+\.)+[a-z]{2,63}$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * One never-look-up entry as the user typed or pasted it ("Acme.com", "@acme.com",
 * "mailto:Peter@Initech.com", "https://www.acme.com/about") → "acme.com" / "peter@initech.com";
 * null when it is neither an address nor a domain.
 */
export function normalizeNeverEntry(raw: string): string | null {
  let value = raw.trim().toLowerCase();
  if (!value || value.length > 300) return null;
  value = value.replace(/^mailto:/, '').split('?', 1)[0] ?? '';
  if (value.includes('://')) {
    try {
      value = new URL(value).hostname;
    } catch {
      return null;
    }
  }
  value = value.replace(/^\*\./, '').replace(/^@/, '').replace(/\/.*$/, '').replace(/\.$/, '');
  if (EMAIL.test(value)) return value;
  value = value.replace(/^www\./, '');
  return DOMAIN.test(value) ? value : null;
}

/** Normalizes a list, dropping invalid entries and duplicates (order kept). */
export function normalizeNeverList(entries: readonly string[]): string[] {
  const out: string[] = [];
  for (const entry of entries) {
    const normalized = normalizeNeverEntry(entry);
    if (normalized && !out.includes(normalized) && out.length < MAX_ENTRIES) out.push(normalized);
  }
  return out;
}

/** Splits what the user typed (one per line, or separated by commas or spaces) into valid and invalid entries. */
export function parseNeverInput(text: string): { entries: string[]; invalid: string[] } {
  const parts = text
    .split(/[\s,;]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  const invalid = parts.filter((p) => normalizeNeverEntry(p) === null);
  return { entries: normalizeNeverList(parts), invalid };
}

/**
 * True when an address or domain is covered by the list: the same address, the same domain, or a
 * subdomain of a listed domain (acme.com covers peter@eu.acme.com and eu.acme.com).
 */
export function isNeverLookUp(addressOrDomain: string, never: readonly string[]): boolean {
  const value = addressOrDomain.trim().toLowerCase();
  if (!value) return false;
  const host = value.slice(value.lastIndexOf('@') + 1);
  return never.some(
    (entry) =>
      entry === value || (!entry.includes('@') && (host === entry || host.endsWith(`.${entry}`))),
  );
}

const Bool = (fallback: boolean) => v.fallback(v.boolean(), fallback);
const CacheMinutesSchema = v.pipe(
  v.number(),
  v.integer(),
  v.minValue(CACHE_MINUTES_MIN),
  v.maxValue(CACHE_MINUTES_MAX),
);

/** A stored settings value: every field checked on its own, a bad field falls back to its default. */
export const SettingsSchema = v.object({
  neverLookUp: v.fallback(
    v.pipe(
      v.array(v.string()),
      v.transform((list) => normalizeNeverList(list)),
    ),
    [],
  ),
  sites: v.fallback(
    v.object({
      gmail: Bool(DEFAULT_SETTINGS.sites.gmail),
      outlook: Bool(DEFAULT_SETTINGS.sites.outlook),
      linkedin: Bool(DEFAULT_SETTINGS.sites.linkedin),
      anySite: Bool(DEFAULT_SETTINGS.sites.anySite),
    }),
    { ...DEFAULT_SETTINGS.sites },
  ),
  cacheMinutes: v.fallback(CacheMinutesSchema, DEFAULT_SETTINGS.cacheMinutes),
});

/** Parses a stored value; anything that is not an object gives the defaults. */
export function parseSettings(value: unknown): Settings {
  const parsed = v.safeParse(SettingsSchema, value);
  return parsed.success ? parsed.output : structuredClone(DEFAULT_SETTINGS);
}

/**
 * What an admin may preset through browser policy (public/managed_schema.json): every field
 * optional, unknown or malformed ones ignored.
 */
export interface ManagedPolicy {
  neverLookUp?: string[];
  sites?: Partial<SiteSwitches>;
  cacheMinutes?: number;
}

const ManagedSchema = v.object({
  neverLookUp: v.fallback(v.optional(v.array(v.string())), undefined),
  sites: v.fallback(
    v.optional(
      v.object({
        gmail: v.fallback(v.optional(v.boolean()), undefined),
        outlook: v.fallback(v.optional(v.boolean()), undefined),
        linkedin: v.fallback(v.optional(v.boolean()), undefined),
        anySite: v.fallback(v.optional(v.boolean()), undefined),
      }),
    ),
    undefined,
  ),
  cacheMinutes: v.fallback(v.optional(CacheMinutesSchema), undefined),
});

export function parseManagedPolicy(value: unknown): ManagedPolicy {
  const parsed = v.safeParse(ManagedSchema, value ?? {});
  if (!parsed.success) return {};
  const { neverLookUp, sites, cacheMinutes } = parsed.output;
  const policy: ManagedPolicy = {};
  if (neverLookUp) policy.neverLookUp = normalizeNeverList(neverLookUp);
  if (sites) {
    const set = Object.fromEntries(
      Object.entries(sites).filter(([, on]) => typeof on === 'boolean'),
    ) as Partial<SiteSwitches>;
    if (Object.keys(set).length > 0) policy.sites = set;
  }
  if (cacheMinutes !== undefined) policy.cacheMinutes = cacheMinutes;
  return policy;
}

/** Which settings the policy fixes: shown disabled with a note on the settings page. */
export interface SettingsLocks {
  /** Entries the admin added: always in the list, cannot be removed. */
  neverLookUp: string[];
  sites: Record<SiteName, boolean>;
  cacheMinutes: boolean;
}

export interface EffectiveSettings {
  settings: Settings;
  locks: SettingsLocks;
}

/** The settings in force: the policy's entries added to the user's, its switches over the user's. */
export function mergeManaged(user: Settings, policy: ManagedPolicy): EffectiveSettings {
  const managedEntries = policy.neverLookUp ?? [];
  const sites = { ...user.sites, ...policy.sites };
  return {
    settings: {
      neverLookUp: normalizeNeverList([...managedEntries, ...user.neverLookUp]),
      sites,
      cacheMinutes: policy.cacheMinutes ?? user.cacheMinutes,
    },
    locks: {
      neverLookUp: managedEntries,
      sites: {
        gmail: policy.sites?.gmail !== undefined,
        outlook: policy.sites?.outlook !== undefined,
        linkedin: policy.sites?.linkedin !== undefined,
        anySite: policy.sites?.anySite !== undefined,
      },
      cacheMinutes: policy.cacheMinutes !== undefined,
    },
  };
}
