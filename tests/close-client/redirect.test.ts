// The Close client never follows a redirect: the API key must not travel to another origin.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { fastSleep } from '@/tests/close-client/support';
import { createCloseHttp } from '@/utils/close/http';

const servers: Server[] = [];

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

describe('redirects', () => {
  it('refuses a redirect instead of sending the key to the other origin', async () => {
    const reachedElsewhere: Array<string | undefined> = [];
    const elsewhere = await listen((req, res) => {
      reachedElsewhere.push(req.headers.authorization);
      res.setHeader('content-type', 'application/json');
      res.end('{"data":[]}');
    });
    const close = await listen((_req, res) => {
      res.statusCode = 302;
      res.setHeader('location', `${elsewhere}/api/v1/me/`);
      res.end();
    });
    const http = createCloseHttp({
      baseURL: `${close}/api/v1/`,
      getApiKey: async () => 'api_test_secret',
      sleep: fastSleep,
      random: () => 0.5,
    });
    await expect(http.get('me/')).rejects.toThrow();
    expect(reachedElsewhere).toEqual([]);
  });
});
