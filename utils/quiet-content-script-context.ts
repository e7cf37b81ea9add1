// A drop-in for WXT's ContentScriptContext that the page can neither see nor stop. WXT 0.21's own
// context announces each start to the page (window.postMessage and a document CustomEvent whose
// name carries the extension id) and aborts when the page dispatches a matching event: any page
// could learn the id and switch the reader off. wxt.config.ts aliases `wxt/utils/content-script-
// context` to this module in content-script builds. Same public surface, no DOM traffic: an older
// copy of the same script in this isolated world is stopped through a Symbol-keyed global, which no
// page script or element id can reach; a reloaded or removed extension is noticed through
// `runtime.id`, as WXT does.

type RuntimeHolder = { runtime?: { id?: string } };

function extensionAlive(): boolean {
  const globals = globalThis as { browser?: RuntimeHolder; chrome?: RuntimeHolder };
  return Boolean(globals.browser?.runtime?.id ?? globals.chrome?.runtime?.id);
}

type Registry = Record<string, AbortController | undefined>;
// Symbol.for lives in this realm's registry: the page's realm has its own, so it cannot name it.
const RUNNING = Symbol.for('close-look.content-script-context');

function registry(): Registry {
  const holder = globalThis as unknown as Record<symbol, Registry | undefined>;
  let found = holder[RUNNING];
  if (!found) {
    found = Object.create(null) as Registry;
    holder[RUNNING] = found;
  }
  return found;
}

export class ContentScriptContext implements AbortController {
  readonly #abortController = new AbortController();

  constructor(
    readonly contentScriptName: string,
    readonly options?: unknown,
  ) {
    const running = registry();
    running[contentScriptName]?.abort('A newer copy of this content script started');
    running[contentScriptName] = this.#abortController;
  }

  get signal(): AbortSignal {
    return this.#abortController.signal;
  }

  abort(reason?: unknown): void {
    this.#abortController.abort(reason);
  }

  get isInvalid(): boolean {
    if (!extensionAlive()) this.notifyInvalidated();
    return this.signal.aborted;
  }

  get isValid(): boolean {
    return !this.isInvalid;
  }

  onInvalidated(cb: () => void): () => void {
    this.signal.addEventListener('abort', cb);
    return () => this.signal.removeEventListener('abort', cb);
  }

  block<T>(): Promise<T> {
    return new Promise(() => {});
  }

  setInterval(handler: () => void, timeout?: number): number {
    const id = setInterval(() => {
      if (this.isValid) handler();
    }, timeout) as unknown as number;
    this.onInvalidated(() => clearInterval(id));
    return id;
  }

  setTimeout(handler: () => void, timeout?: number): number {
    const id = setTimeout(() => {
      if (this.isValid) handler();
    }, timeout) as unknown as number;
    this.onInvalidated(() => clearTimeout(id));
    return id;
  }

  requestAnimationFrame(callback: FrameRequestCallback): number {
    const id = requestAnimationFrame((time) => {
      if (this.isValid) callback(time);
    });
    this.onInvalidated(() => cancelAnimationFrame(id));
    return id;
  }

  requestIdleCallback(callback: IdleRequestCallback, options?: IdleRequestOptions): number {
    const id = requestIdleCallback((deadline) => {
      if (!this.signal.aborted) callback(deadline);
    }, options);
    this.onInvalidated(() => cancelIdleCallback(id));
    return id;
  }

  /** Plain listeners removed on invalidation. WXT's page-visible `wxt:locationchange` is not offered. */
  addEventListener(
    target: EventTarget,
    type: string,
    handler: EventListenerOrEventListenerObject,
    options?: AddEventListenerOptions,
  ): void {
    if (type.startsWith('wxt:')) {
      throw new Error(`${type} is not available: it would announce the extension id to the page`);
    }
    target.addEventListener(type, handler, { ...options, signal: this.signal });
  }

  notifyInvalidated(): void {
    this.abort('Content script context invalidated');
  }
}
