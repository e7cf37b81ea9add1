// Background wiring only: the Close client, the account store and the message handlers.
import { defineBackground } from '#imports';
import { secretArea } from '@/utils/account-store';
import { CLOSE_API_BASE_URL } from '@/utils/close/api-origin';
import { createCloseHttp } from '@/utils/close/http';
import { getMe } from '@/utils/close/me';
import { createConnectionService } from './connection';
import { registerRouter } from './router';

export default defineBackground(() => {
  // Lock storage.local to extension pages before anything can be written to it.
  void secretArea();

  const connection = createConnectionService({
    verifyKey: (apiKey) =>
      getMe(createCloseHttp({ baseURL: CLOSE_API_BASE_URL, getApiKey: async () => apiKey })),
  });

  registerRouter({
    'cs:reportPage': async () => null,
    'cs:clearPage': async () => null,
    'ui:getConnection': () => connection.state(),
    'ui:connect': ({ apiKey }) => connection.connect(apiKey),
    'ui:disconnect': ({ organizationId }) => connection.disconnect(organizationId),
  });
});
