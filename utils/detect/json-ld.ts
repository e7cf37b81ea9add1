// Defensive JSON-LD reading: every ld+json script parsed on its own (malformed ones skipped, never
// thrown), @graph and top-level arrays flattened, {"@id"} references resolved, sizes capped.

/** A JSON-LD node: a plain object from the page, not trusted beyond "it parsed". */
export type LdNode = Record<string, unknown>;

const MAX_SCRIPTS = 20;
const MAX_SCRIPT_CHARS = 300_000;
const MAX_NODES = 500;
const MAX_DEPTH = 6;

const isNode = (value: unknown): value is LdNode =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Parses one script's text; tolerates HTML comment / CDATA wrappers and trailing commas. */
export function parseJsonLd(text: string): unknown {
  if (text.length > MAX_SCRIPT_CHARS) return undefined;
  const trimmed = text
    .trim()
    .replace(/^(?:<!--|\/\/\s*<!\[CDATA\[|<!\[CDATA\[)/, '')
    .replace(/(?:-->|\/\/\s*\]\]>|\]\]>)$/, '')
    .trim();
  if (!trimmed) return undefined;
  try {
    return JSON.parse(trimmed);
  } catch {
    try {
      return JSON.parse(trimmed.replace(/,\s*([}\]])/g, '$1'));
    } catch {
      return undefined;
    }
  }
}

/** All JSON-LD nodes on the page, flattened (nested objects included up to a depth), capped. */
export function readJsonLdNodes(root: ParentNode): LdNode[] {
  const scripts = root.querySelectorAll('script[type="application/ld+json" i]');
  const nodes: LdNode[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (nodes.length >= MAX_NODES || depth > MAX_DEPTH) return;
    if (Array.isArray(value)) {
      for (const item of value.slice(0, MAX_NODES)) visit(item, depth + 1);
      return;
    }
    if (!isNode(value)) return;
    nodes.push(value);
    for (const key of Object.keys(value).slice(0, 100)) {
      const child = value[key];
      if (typeof child === 'object' && child !== null) visit(child, depth + 1);
    }
  };
  for (let i = 0; i < scripts.length && i < MAX_SCRIPTS; i++) {
    visit(parseJsonLd(scripts[i]?.textContent ?? ''), 0);
  }
  return nodes;
}

/** `@type` as a list of strings (it may be a string, an array, or junk). */
export function ldTypes(node: LdNode): string[] {
  const type = node['@type'];
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === 'string');
  return [];
}

const ORGANIZATION_TYPE =
  /(?:^|[:/])(?:\w*Organization|Corporation|LocalBusiness|\w*Business|NGO|Store|OnlineStore|ProfessionalService)$/;

export const isOrganization = (node: LdNode): boolean =>
  ldTypes(node).some((type) => ORGANIZATION_TYPE.test(type));

/** Resolves `{"@id": "…"}` references against the nodes that define that id. */
export function resolveRef(value: unknown, nodes: readonly LdNode[]): unknown {
  if (!isNode(value)) return value;
  const id = value['@id'];
  if (typeof id !== 'string' || Object.keys(value).length > 1) return value;
  return nodes.find((node) => node['@id'] === id && Object.keys(node).length > 1) ?? value;
}

/** A string property (first string of an array, `@value`, or a `url`/`name` of an object). */
export function ldString(value: unknown, nodes: readonly LdNode[] = []): string | undefined {
  const resolved = resolveRef(value, nodes);
  if (typeof resolved === 'string') return resolved;
  if (Array.isArray(resolved)) {
    for (const item of resolved) {
      const text = ldString(item, nodes);
      if (text) return text;
    }
    return undefined;
  }
  if (isNode(resolved)) {
    for (const key of ['@value', 'url', 'name']) {
      const inner = resolved[key];
      if (typeof inner === 'string') return inner;
    }
  }
  return undefined;
}

/** Every string of a property that may be a string, an object or an array of them. */
export function ldStrings(value: unknown, nodes: readonly LdNode[] = [], max = 50): string[] {
  const out: string[] = [];
  const list = Array.isArray(value) ? value.slice(0, max) : [value];
  for (const item of list) {
    const text = ldString(item, nodes);
    if (text) out.push(text);
  }
  return out;
}
