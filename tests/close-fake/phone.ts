// Phone normalisation on write: E.164 `phone`, human `phone_formatted`, `country` (docs/close-api.md).

const CALLING_CODES: Record<string, string> = {
  US: '1',
  CA: '1',
  GB: '44',
  DE: '49',
  FR: '33',
  ES: '34',
  IT: '39',
  NL: '31',
  AU: '61',
  IN: '91',
  BR: '55',
  JP: '81',
  IE: '353',
  CH: '41',
  AT: '43',
  SE: '46',
  PL: '48',
};

/** Calling code → country guessed from it (longest prefix first; +1 is reported as US). */
const COUNTRY_BY_CODE: [string, string][] = [
  ['353', 'IE'],
  ['44', 'GB'],
  ['49', 'DE'],
  ['33', 'FR'],
  ['34', 'ES'],
  ['39', 'IT'],
  ['31', 'NL'],
  ['61', 'AU'],
  ['91', 'IN'],
  ['55', 'BR'],
  ['81', 'JP'],
  ['41', 'CH'],
  ['43', 'AT'],
  ['46', 'SE'],
  ['48', 'PL'],
  ['1', 'US'],
];

export interface NormalisedPhone {
  phone: string;
  phone_formatted: string;
  country: string | null;
}

/** `"9045551234"` in a US org → `+19045551234` / `+1 904-555-1234` / `US`; `"1234"` in a GB org → `+441234`. */
export function normalisePhone(raw: string, defaultCountry: string): NormalisedPhone {
  const trimmed = raw.trim();
  let digits = trimmed.replace(/\D/g, '');
  let international = trimmed.startsWith('+');
  if (!international && digits.startsWith('00')) {
    digits = digits.slice(2);
    international = true;
  }
  if (!international) {
    const code = CALLING_CODES[defaultCountry.toUpperCase()] ?? '1';
    if (code === '1' && digits.length === 11 && digits.startsWith('1')) {
      digits = digits.slice(1);
    } else if (code !== '1' && digits.startsWith('0')) {
      digits = digits.replace(/^0+/, '');
    }
    digits = code + digits;
  }
  const phone = `+${digits}`;
  const match = COUNTRY_BY_CODE.find(([code]) => digits.startsWith(code));
  const country = match ? match[1] : null;
  return { phone, phone_formatted: formatPhone(digits, match?.[0] ?? ''), country };
}

function formatPhone(digits: string, code: string): string {
  if (!code) return `+${digits}`;
  const national = digits.slice(code.length);
  if (code === '1' && national.length === 10) {
    return `+1 ${national.slice(0, 3)}-${national.slice(3, 6)}-${national.slice(6)}`;
  }
  if (code === '44' && national.length === 10) {
    if (national.startsWith('20')) {
      return `+44 ${national.slice(0, 2)} ${national.slice(2, 6)} ${national.slice(6)}`;
    }
    if (national.startsWith('7')) return `+44 ${national.slice(0, 4)} ${national.slice(4)}`;
    return `+44 ${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6)}`;
  }
  if (national.length <= 4) return `+${code} ${national}`;
  // Generic: area code of 2-3 digits, then the rest.
  const area = national.length > 8 ? 3 : 2;
  return `+${code} ${national.slice(0, area)} ${national.slice(area)}`;
}
