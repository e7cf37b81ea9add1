// How the fake reads Close's documentation where it is silent: `strict` (the default) does the least
// helpful thing the docs allow for every point docs/close-api.md marks *assumed*; `lenient` keeps
// the friendliest reading, for comparison.
//
// To cover a new assumption (e.g. /task/ lists): add one field to `FakeBehaviour`, give it a value
// in both presets, use it through `ctx.behaviour`, and add its row to docs/close-api.md. A new
// write endpoint adds its accepted keys to `WRITE_FIELDS`; a list Close may fill late adds its path
// to `DELAYED_LISTS`.

export type FakeModeName = 'strict' | 'lenient';

export interface FakeBehaviour {
  mode: FakeModeName;
  /**
   * `/data/search/`: a lead's nested `contacts` as full objects (`objects`), as ids unless
   * `_fields.contact` names the contact fields (`ids-unless-asked`), or always as ids (`ids`).
   */
  nestedContacts: 'objects' | 'ids-unless-asked' | 'ids';
  /**
   * Text conditions. `standard`: a standard (UAX #29-like) tokenizer, `www.acme.com` one token,
   * `jo@acme.com` = `jo` + `acme.com`, no special rule for domains. `lenient`: every non-alphanumeric
   * character splits words, and a lead url / an address also matches its host's domain.
   */
  tokenizer: 'standard' | 'lenient';
  /** `exact_value` compares case-sensitively. */
  exactValueCaseSensitive: boolean;
  /**
   * Largest `_limit` of any list and of `/data/search/`; above it Close answers 400. Lenient:
   * unbounded here, each route keeps its own maximum (leads and search 200, others 100).
   */
  maxLimit: number;
  /** Unknown top-level keys in a write body (`WRITE_FIELDS`) or a search body answer 400. */
  rejectUnknownFields: boolean;
  /** `value_currency` in an opportunity write is stored (lenient) or silently ignored (strict). */
  acceptValueCurrency: boolean;
  /** New records of `DELAYED_LISTS` appear in those plain lists only this long after creation. */
  listDelayMs: number;
  /**
   * Legacy query keywords without a public source (`email_domain:`, `url:`, `contact_name:` …) and
   * `GET /contact/?query=` work. When false the keywords are plain text and the contact list
   * ignores `query` (it lists every contact).
   */
  undocumentedQueries: boolean;
}

export const STRICT: FakeBehaviour = {
  mode: 'strict',
  nestedContacts: 'ids-unless-asked',
  tokenizer: 'standard',
  exactValueCaseSensitive: true,
  maxLimit: 100,
  rejectUnknownFields: true,
  acceptValueCurrency: false,
  listDelayMs: 1500,
  undocumentedQueries: false,
};

export const LENIENT: FakeBehaviour = {
  mode: 'lenient',
  nestedContacts: 'objects',
  tokenizer: 'lenient',
  exactValueCaseSensitive: false,
  maxLimit: Number.POSITIVE_INFINITY,
  rejectUnknownFields: false,
  acceptValueCurrency: true,
  listDelayMs: 0,
  undocumentedQueries: true,
};

export const FAKE_MODES: Record<FakeModeName, FakeBehaviour> = { strict: STRICT, lenient: LENIENT };

/** A preset by name, with overrides (`{ mode: 'strict', listDelayMs: 0 }`). */
export type FakeModeOption = FakeModeName | (Partial<FakeBehaviour> & { mode?: FakeModeName });

export function resolveMode(option: FakeModeOption | undefined): FakeBehaviour {
  const fromEnv = process.env.CLOSE_FAKE_MODE;
  const fallback: FakeModeName = fromEnv === 'lenient' ? 'lenient' : 'strict';
  if (option === undefined) return { ...FAKE_MODES[fallback] };
  if (typeof option === 'string') return { ...FAKE_MODES[option] };
  return { ...FAKE_MODES[option.mode ?? fallback], ...option };
}

const CUSTOM = /^custom\.[A-Za-z0-9_]+(?:\.(?:add|remove))?$/;

/** Top-level keys each write accepts (POST to the list path, PUT to one record below it). */
export const WRITE_FIELDS: Array<{ path: RegExp; keys: readonly string[] }> = [
  {
    path: /^\/lead\/(?:[^/]+\/)?$/,
    keys: ['name', 'url', 'description', 'status_id', 'status', 'contacts', 'addresses', 'custom'],
  },
  {
    path: /^\/contact\/(?:[^/]+\/)?$/,
    keys: ['lead_id', 'name', 'title', 'emails', 'phones', 'urls', 'custom'],
  },
  {
    path: /^\/opportunity\/(?:[^/]+\/)?$/,
    keys: [
      'lead_id',
      'status_id',
      'status',
      'pipeline_id',
      'confidence',
      'value',
      'value_period',
      'value_currency',
      'note',
      'note_html',
      'contact_id',
      'user_id',
      'date_won',
      'custom',
    ],
  },
  {
    path: /^\/activity\/note\/(?:[^/]+\/)?$/,
    keys: ['lead_id', 'contact_id', 'note', 'note_html', 'user_id', 'activity_at', 'pinned'],
  },
  {
    path: /^\/task\/(?:[^/]+\/)?$/,
    keys: ['_type', 'lead_id', 'contact_id', 'text', 'date', 'assigned_to', 'is_complete'],
  },
  {
    path: /^\/data\/search\/$/,
    keys: ['query', '_fields', '_limit', 'results_limit', 'cursor', 'include_counts', 'sort'],
  },
];

/**
 * Plain lists Close may fill late (a search-backed or eventually consistent read), and which of
 * their items the delay applies to: new notes, opportunities and tasks (`GET /task/{id}/` finds a
 * new task at once).
 */
export const DELAYED_LISTS: Record<string, (item: Record<string, unknown>) => boolean> = {
  '/activity/note/': () => true,
  '/activity/': (item) => item._type === 'Note',
  '/opportunity/': () => true,
  '/task/': () => true,
};

/** Keys of `body` that `path` does not accept (empty when the path is not checked). */
export function unknownWriteFields(path: string, body: Record<string, unknown>): string[] {
  const entry = WRITE_FIELDS.find((w) => w.path.test(path));
  if (!entry || path === '/lead/merge/') return [];
  return Object.keys(body).filter((key) => !entry.keys.includes(key) && !CUSTOM.test(key));
}

export interface Refusal {
  status: number;
  body: unknown;
}

/**
 * What the mode refuses before any route runs: a `_limit` above `maxLimit` (query string or search
 * body), unknown write keys. Also drops what the mode ignores (`value_currency`). Null: go on.
 */
export function screenRequest(
  behaviour: FakeBehaviour,
  method: string,
  apiPath: string,
  query: Record<string, string>,
  body: unknown,
): Refusal | null {
  const limits = [query._limit, isObject(body) ? body._limit : undefined];
  for (const raw of limits) {
    const limit =
      typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw) : Number.NaN;
    if (Number.isFinite(limit) && limit > behaviour.maxLimit) {
      return {
        status: 400,
        body: {
          error: `The limit you set is larger than the maximum limit for this resource (max_limit = ${behaviour.maxLimit}).`,
        },
      };
    }
  }
  if ((method === 'POST' || method === 'PUT') && isObject(body)) {
    if (behaviour.rejectUnknownFields) {
      const unknown = unknownWriteFields(apiPath, body);
      if (unknown.length > 0) {
        return {
          status: 400,
          body: {
            errors: [],
            'field-errors': Object.fromEntries(unknown.map((k) => [k, 'Unknown field.'])),
          },
        };
      }
    }
    if (!behaviour.acceptValueCurrency && /^\/opportunity\//.test(apiPath)) {
      delete body.value_currency;
    }
  }
  return null;
}

/** Hides records created less than `listDelayMs` ago from the plain lists of `DELAYED_LISTS`. */
export function delayListAnswer(
  behaviour: FakeBehaviour,
  method: string,
  apiPath: string,
  body: unknown,
  now: number,
): unknown {
  const delayed = DELAYED_LISTS[apiPath];
  if (behaviour.listDelayMs <= 0 || method !== 'GET' || !delayed) return body;
  if (!isObject(body) || !Array.isArray(body.data)) return body;
  const visible = body.data.filter((item: unknown) => {
    if (!isObject(item) || !delayed(item)) return true;
    const created = Date.parse(String(item.date_created ?? ''));
    return !(Number.isFinite(created) && created > now - behaviour.listDelayMs);
  });
  return { ...body, data: visible };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
