import { ConfigReader } from '@backstage/config';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { accountOf } from './collector';
import { readPagerDutyAccounts } from './config';
import { PagerDutyClient } from './PagerDutyClient';

/*
 * Several PagerDuty accounts, as PagerDuty's own Backstage plugin configures them: one with a REST
 * API token, one (in the EU service region) with a scoped OAuth app. The identity endpoint and the
 * REST API answer in their documented shapes: "Obtaining an App Access Token" (POST
 * https://identity.pagerduty.com/oauth/token, client credentials, `as_account-<region>.<subdomain>`
 * scope) and REST API v2 `GET /services/{id}`.
 */

const US_TOKEN = 'pd-us-token';
const EU_API = 'https://api.eu.pagerduty.com';
const IDENTITY = 'https://identity.pagerduty.com/oauth/token';

const config = new ConfigReader({
  pagerDuty: {
    accounts: [
      { id: 'us-account', isDefault: true, apiToken: US_TOKEN },
      {
        id: 'eu-account',
        apiBaseUrl: EU_API,
        oauth: {
          clientId: 'client-1',
          clientSecret: 'secret-1',
          subDomain: 'acme-eu',
          region: 'eu',
        },
      },
    ],
  },
});

const service = (id: string) => ({
  service: { id, type: 'service', summary: id, name: id, status: 'active' },
});

const tokenRequests: URLSearchParams[] = [];
let accessToken = 'eu-access-1';
const server = setupServer(
  http.post(IDENTITY, async ({ request }) => {
    const form = new URLSearchParams(await request.text());
    tokenRequests.push(form);
    if (form.get('client_secret') !== 'secret-1')
      return HttpResponse.json({ error: 'invalid_client' }, { status: 401 });
    return HttpResponse.json({
      access_token: accessToken,
      token_type: 'bearer',
      expires_in: 86400,
      scope: form.get('scope'),
    });
  }),
  http.get('https://api.pagerduty.com/services/:id', ({ request, params }) =>
    request.headers.get('authorization') === `Token token=${US_TOKEN}`
      ? HttpResponse.json(service(String(params.id)))
      : HttpResponse.json(
          { error: { message: 'Unauthorized', code: 2006 } },
          { status: 401 },
        ),
  ),
  http.get(`${EU_API}/services/:id`, ({ request, params }) =>
    request.headers.get('authorization') === `Bearer ${accessToken}`
      ? HttpResponse.json(service(String(params.id)))
      : HttpResponse.json(
          { error: { message: 'Unauthorized', code: 2006 } },
          { status: 401 },
        ),
  ),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  tokenRequests.length = 0;
  accessToken = 'eu-access-1';
});
afterAll(() => server.close());

const clientOf = (accountId?: string) => {
  const account = accountOf(readPagerDutyAccounts(config), {
    entityRef: 'component:default/checkout',
    serviceId: 'PX',
    accountId,
  });
  if (typeof account === 'string') throw new Error(account);
  return new PagerDutyClient(account, { maxRateLimitWaitMs: 1000 });
};

describe('PagerDuty accounts', () => {
  it('reads an entity without pagerduty.com/account with the default account’s token', async () => {
    const client = clientOf();
    await expect(client.get('/services/PUS0001')).resolves.toEqual(
      service('PUS0001'),
    );
    expect(tokenRequests).toHaveLength(0);
  });

  it('reads an entity of the EU account with a scoped OAuth token, asked for once', async () => {
    const client = clientOf('eu-account');
    await client.get('/services/PEU0001');
    await client.get('/services/PEU0002');
    expect(tokenRequests).toHaveLength(1);
    expect(Object.fromEntries(tokenRequests[0])).toEqual({
      grant_type: 'client_credentials',
      client_id: 'client-1',
      client_secret: 'secret-1',
      scope: 'as_account-eu.acme-eu incidents.read services.read',
    });
  });

  it('names the account whose credentials PagerDuty refuses', async () => {
    const eu = readPagerDutyAccounts(config).byId.get('eu-account')!;
    const refused = new PagerDutyClient(
      { ...eu, oauth: { ...eu.oauth!, clientSecret: 'wrong' } },
      { maxRateLimitWaitMs: 1000 },
    );
    await expect(refused.get('/services/PEU0001')).rejects.toThrow(
      'PagerDuty refused the OAuth client credentials of account eu-account (HTTP 401)',
    );
    const wrongToken = new PagerDutyClient(
      {
        id: 'us-account',
        apiBaseUrl: 'https://api.pagerduty.com',
        apiToken: 'x',
      },
      { maxRateLimitWaitMs: 1000 },
    );
    await expect(wrongToken.get('/services/PUS0001')).rejects.toThrow(
      'PagerDuty answered 401 to GET /services/PUS0001 with the credentials of account us-account',
    );
  });

  it('says which annotation names an account that is not configured', () => {
    expect(
      accountOf(readPagerDutyAccounts(config), {
        entityRef: 'component:default/checkout',
        serviceId: 'PX',
        accountId: 'apac-account',
      }),
    ).toBe(
      'PagerDuty account apac-account (annotation pagerduty.com/account) is not among pagerDuty.accounts',
    );
  });
});
