// The profile's HTTP proxy (network.proxy.*): Firefox sends every request through it, and it
// tunnels `CONNECT api.close.com:443` to the Close API fake and any other host to the local sites
// server the test
// serves, so the machine's DNS is never touched. Other hosts and plain-HTTP requests are refused.

import type { AddressInfo } from 'node:net';
import { createServer, Socket as NetSocket, type Server, type Socket } from 'node:net';

export interface RoutingProxy {
  port: number;
  /** Hosts Firefox asked for, in order (to check nothing escaped the map). */
  seen: string[];
  close(): Promise<void>;
}

export async function startRoutingProxy(
  route: (host: string) => number | null,
): Promise<RoutingProxy> {
  const seen: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => {});
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      client.off('data', onData);
      const [requestLine = ''] = head.subarray(0, end).toString('latin1').split('\r\n');
      const [method, target = ''] = requestLine.split(' ');
      if (method !== 'CONNECT') {
        client.end('HTTP/1.1 501 Not Implemented\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      const host = target.replace(/:\d+$/, '');
      seen.push(host);
      const port = route(host);
      if (port === null) {
        // Not a host the test serves (Firefox's own update and telemetry hosts): no connection.
        client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      const upstream = new NetSocket();
      sockets.add(upstream);
      upstream.on('close', () => sockets.delete(upstream));
      upstream.on('error', () => client.destroy());
      upstream.connect(port, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        const rest = head.subarray(end + 4);
        if (rest.length > 0) upstream.write(rest);
        client.pipe(upstream);
        upstream.pipe(client);
      });
      client.on('close', () => upstream.destroy());
    };
    client.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    seen,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
