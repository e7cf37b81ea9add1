// `/me/` and the organization's configuration: statuses, pipelines, custom fields.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ACME_ORG,
  type CloseFake,
  GLOBEX_KEY,
  GLOBEX_ORG,
  httpFor,
  startCloseFake,
} from '@/tests/close-client/support';
import { listLeadCustomFields } from '@/utils/close/custom-fields';
import { CloseAuthError, NetworkError, NotConnectedError } from '@/utils/close/errors';
import { createCloseHttp } from '@/utils/close/http';
import { listLeadStatuses } from '@/utils/close/lead-statuses';
import { getMe } from '@/utils/close/me';
import { listOpportunityStatuses, listPipelines } from '@/utils/close/pipelines';

let fake: CloseFake;
beforeAll(async () => {
  fake = await startCloseFake();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

describe('getMe', () => {
  it('returns the user and the organizations the key can see', async () => {
    const me = await getMe(httpFor(fake));
    expect(me).toMatchObject({
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@acme-sales.example',
    });
    expect(me.organizations.map((o) => o.name)).toContain('Acme Sales');
    expect(me.organizations[0]?.id).toBe(ACME_ORG);
  });

  it('answers for the key it is given (Globex key → Globex first)', async () => {
    const me = await getMe(httpFor(fake, { getApiKey: async () => GLOBEX_KEY }));
    expect(me.organizations[0]?.id).toBe(GLOBEX_ORG);
  });

  it('sends the key as Basic auth with an empty password', async () => {
    await getMe(httpFor(fake));
    expect(fake.requests[0]?.headers.authorization).toBe(`Basic ${btoa('api_test_acme:')}`);
  });

  it('fails with an auth error for a wrong key', async () => {
    const error = await getMe(httpFor(fake, { getApiKey: async () => 'api_wrong' })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CloseAuthError);
    expect((error as CloseAuthError).toAppError()).toMatchObject({ kind: 'auth' });
  });

  it('fails with not_connected and sends nothing when there is no key', async () => {
    await expect(getMe(httpFor(fake, { getApiKey: async () => null }))).rejects.toBeInstanceOf(
      NotConnectedError,
    );
    expect(fake.requests).toHaveLength(0);
  });

  it('fails with a network error when Close cannot be reached', async () => {
    const http = createCloseHttp({
      baseURL: 'http://127.0.0.1:9/api/v1/',
      getApiKey: async () => 'k',
      sleep: async () => undefined,
      maxRetries: 1,
    });
    const error = await getMe(http).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).toAppError().kind).toBe('network');
  });
});

describe('configuration', () => {
  it('lists lead statuses in order', async () => {
    const statuses = await listLeadStatuses(httpFor(fake));
    expect(statuses.map((s) => s.label)).toEqual(['Potential', 'Qualified', 'Customer', 'Bad Fit']);
  });

  it('lists pipelines with their statuses', async () => {
    const pipelines = await listPipelines(httpFor(fake));
    expect(pipelines.map((p) => p.name)).toEqual(['Sales', 'Renewals']);
    expect(pipelines[0]?.statuses[0]).toMatchObject({
      label: 'Discovery',
      type: 'active',
      pipelineName: 'Sales',
    });
  });

  it('lists opportunity statuses with their pipeline names', async () => {
    const statuses = await listOpportunityStatuses(httpFor(fake));
    expect(statuses).toHaveLength(8);
    expect(statuses.find((s) => s.label === 'Renewed')).toMatchObject({
      type: 'won',
      pipelineName: 'Renewals',
    });
    expect(statuses.every((s) => s.pipelineName !== null)).toBe(true);
  });

  it('lists lead custom fields with choices and multi-value flags', async () => {
    const fields = await listLeadCustomFields(httpFor(fake));
    expect(fields.map((f) => f.name)).toEqual(['Industry', 'Regions', 'Employees']);
    expect(fields.find((f) => f.name === 'Regions')).toMatchObject({
      acceptsMultipleValues: true,
      choices: ['NA', 'EMEA', 'APAC', 'LATAM'],
    });
  });
});
