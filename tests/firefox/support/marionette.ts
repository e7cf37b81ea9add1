// A minimal Marionette client (Firefox's own remote protocol, the one geckodriver speaks): Debian
// ships firefox-esr without geckodriver, and Marionette can open moz-extension:// pages, install a
// temporary add-on and run privileged code, which WebDriver BiDi in Firefox ESR does not allow.
// Wire format: "<length>:<json>", commands [0, id, name, params], replies [1, id, error, result].
import net from 'node:net';

export interface MarionetteError extends Error {
  error?: string;
}

/** A WebDriver element reference as Marionette returns it. */
export type ElementRef = Record<string, string>;

export class Marionette {
  private buffer = '';
  private lastId = 0;
  private readonly pending = new Map<number, (reply: unknown[]) => void>();
  private helloWaiter: ((hello: unknown) => void) | undefined;
  private context: 'content' | 'chrome' = 'content';

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (data: Buffer) => this.receive(data));
  }

  static async connect(port: number, timeoutMs = 30_000): Promise<Marionette> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const socket = await new Promise<net.Socket | null>((resolve) => {
        const s = net.connect(port, '127.0.0.1');
        s.once('connect', () => resolve(s));
        s.once('error', () => resolve(null));
      });
      if (socket) {
        const client = new Marionette(socket);
        await new Promise((resolve) => {
          client.helloWaiter = resolve;
        });
        return client;
      }
      if (Date.now() > deadline) throw new Error('Firefox did not start Marionette.');
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  private receive(data: Buffer) {
    this.buffer += data.toString('utf8');
    for (;;) {
      const colon = this.buffer.indexOf(':');
      if (colon < 0) return;
      const length = Number(this.buffer.slice(0, colon));
      // Lengths count bytes; compare on bytes so non-ASCII replies are framed right.
      const rest = Buffer.from(this.buffer.slice(colon + 1), 'utf8');
      if (rest.length < length) return;
      const message = JSON.parse(rest.subarray(0, length).toString('utf8'));
      this.buffer = rest.subarray(length).toString('utf8');
      if (!Array.isArray(message)) {
        this.helloWaiter?.(message);
        this.helloWaiter = undefined;
        continue;
      }
      this.pending.get(message[1])?.(message);
      this.pending.delete(message[1]);
    }
  }

  async command<T = unknown>(name: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = ++this.lastId;
    const body = JSON.stringify([0, id, name, params]);
    const reply = new Promise<unknown[]>((resolve) => this.pending.set(id, resolve));
    this.socket.write(`${Buffer.byteLength(body)}:${body}`);
    const [, , error, result] = await reply;
    if (error) {
      const e = error as { error?: string; message?: string };
      const failure: MarionetteError = new Error(`${name}: ${e.error ?? ''} ${e.message ?? ''}`);
      failure.error = e.error;
      throw failure;
    }
    return result as T;
  }

  async setContext(context: 'content' | 'chrome') {
    if (this.context === context) return;
    await this.command('Marionette:SetContext', { value: context });
    this.context = context;
  }

  /** Runs a function body in the current page (content) and returns its value. */
  async execute<T = unknown>(script: string, args: unknown[] = []): Promise<T> {
    await this.setContext('content');
    return (await this.command<{ value: T }>('WebDriver:ExecuteScript', { script, args })).value;
  }

  /** Runs an async function body (may await) in the current page. */
  async executeAsync<T = unknown>(script: string, args: unknown[] = []): Promise<T> {
    await this.setContext('content');
    const wrapped = `const done = arguments[arguments.length - 1];
      (async (...args) => { ${script} })(...Array.from(arguments).slice(0, -1))
        .then((value) => done({ value }), (e) => done({ error: String(e && e.message || e) }));`;
    const { value } = await this.command<{ value: { value?: T; error?: string } }>(
      'WebDriver:ExecuteAsyncScript',
      { script: wrapped, args, scriptTimeout: 30_000 },
    );
    if (value.error !== undefined) throw new Error(value.error);
    return value.value as T;
  }

  /** Runs an async function body with chrome privileges (the browser's own code). */
  async chrome<T = unknown>(script: string, args: unknown[] = []): Promise<T> {
    await this.setContext('chrome');
    const wrapped = `const done = arguments[arguments.length - 1];
      (async (...args) => { ${script} })(...Array.from(arguments).slice(0, -1))
        .then((value) => done({ value }), (e) => done({ error: String(e && e.message || e) }));`;
    try {
      const { value } = await this.command<{ value: { value?: T; error?: string } }>(
        'WebDriver:ExecuteAsyncScript',
        { script: wrapped, args, scriptTimeout: 30_000 },
      );
      if (value.error !== undefined) throw new Error(value.error);
      return value.value as T;
    } finally {
      await this.setContext('content');
    }
  }

  close() {
    this.socket.destroy();
  }
}
