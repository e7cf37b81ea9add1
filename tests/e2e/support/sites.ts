// One local HTTPS server standing in for every website a test names (Gmail, LinkedIn, company
// sites): it answers by Host header from a map of host → page.
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TestCertificate } from '@/tests/e2e/support/certs';

export interface SitePage {
  status?: number;
  headers?: Record<string, string>;
  body: string;
}
/** host → (path → page) or a function. */
export type SiteHandler = (path: string) => SitePage | undefined;
export type SiteMap = Record<string, SiteHandler | SitePage>;

export interface SitesServer {
  port: number;
  hosts: string[];
  /** Replace or add what a host serves while the browser runs. */
  set(host: string, handler: SiteHandler | SitePage): void;
  close(): Promise<void>;
}

export async function startSites(
  sites: SiteMap,
  certificate: TestCertificate,
): Promise<SitesServer> {
  const map = new Map(Object.entries(sites));
  const server: Server = createServer(
    { cert: certificate.cert, key: certificate.key },
    (req, res) => {
      const host = (req.headers.host ?? '').replace(/:\d+$/, '');
      const entry = map.get(host);
      const page = typeof entry === 'function' ? entry(req.url ?? '/') : entry;
      if (!page) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end(`No test page for ${host}${req.url ?? ''}`);
        return;
      }
      res.writeHead(page.status ?? 200, {
        'content-type': 'text/html; charset=utf-8',
        ...page.headers,
      });
      res.end(page.body);
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    get hosts() {
      return [...map.keys()];
    },
    set(host, handler) {
      map.set(host, handler);
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
