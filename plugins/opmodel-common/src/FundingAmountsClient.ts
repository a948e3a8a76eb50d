import { ResponseError } from '@backstage/errors';
import {
  FUNDING_AMOUNTS_BY_REFS_PATH,
  FUNDING_AMOUNTS_PATH,
  type FundingAmounts,
  type FundingAmountsApi,
  type FundingAmountsBatch,
} from './fundingAmounts';

/**
 * A client of the opmodel backend on Backstage's discovery and fetch APIs; the fetch API adds the
 * user's token, so the backend checks the user's own permissions. Errors arrive as
 * `ResponseError`, with the backend's message.
 *
 * @public
 */
export class FundingAmountsClient implements FundingAmountsApi {
  constructor(
    private readonly options: {
      discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
      fetchApi: { fetch: typeof fetch };
    },
  ) {}

  getFundingAmounts(request: { entityRef: string }): Promise<FundingAmounts> {
    const query = new URLSearchParams({ entityRef: request.entityRef });
    return this.request(`${FUNDING_AMOUNTS_PATH}?${query}`, {});
  }

  getFundingAmountsByRefs(request: {
    entityRefs: string[];
  }): Promise<FundingAmountsBatch> {
    return this.request(FUNDING_AMOUNTS_BY_REFS_PATH, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ entityRefs: request.entityRefs }),
    });
  }

  private async request<T>(path: string, init: RequestInit): Promise<T> {
    const base = await this.options.discoveryApi.getBaseUrl('opmodel');
    const res = await this.options.fetchApi.fetch(`${base}${path}`, init);
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return (await res.json()) as T;
  }
}
