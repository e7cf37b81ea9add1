// `npm run fake-close [-- --port 8787] [--dataset path] [--host 127.0.0.1]`: the fake over HTTP with the demo dataset.

import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEMO_DATASET, startCloseFake } from '@/tests/close-fake/server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    dataset: { type: 'string' },
  },
});

const fake = await startCloseFake({
  port: Number(values.port),
  host: values.host,
  dataset: values.dataset ?? fileURLToPath(DEMO_DATASET),
});

const keys = [...fake.store.apiKeys.values()].map((k) => {
  const org = fake.store.organizations.get(k.organization_id)?.name ?? k.organization_id;
  return `  ${k.key}  (${fake.store.userName(k.user_id)} @ ${org})`;
});
console.log(`Close API fake listening on ${fake.url}/api/v1/`);
console.log(`API keys:\n${keys.join('\n')}`);
console.log(
  `Try: curl -u ${[...fake.store.apiKeys.keys()][0] ?? 'api_demo_key'}: ${fake.url}/api/v1/me/`,
);
console.log('Press Ctrl-C to stop.');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    fake.close().then(() => process.exit(0));
  });
}
