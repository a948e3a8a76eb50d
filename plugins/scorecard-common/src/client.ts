/* eslint-disable new-cap -- openapi-fetch names its methods after the HTTP verbs */
import createClient from 'openapi-fetch';
import { ResponseError } from '@backstage/errors';
import type { paths } from './generated/openapi';
import type { IngestRequest, MetricId } from './types';

/** The query an operation takes, as the OpenAPI document declares it. */
export type ScorecardApiQuery<Path extends keyof paths> =
  paths[Path]['get'] extends {
    parameters: { query?: infer Query };
  }
    ? NonNullable<Query>
    : never;

/** The JSON an operation answers with on success, as the OpenAPI document declares it. */
export type ScorecardApiResult<
  Path extends keyof paths,
  Method extends 'get' | 'post' = 'get',
> = paths[Path][Method] extends {
  responses: { 200: { content: { 'application/json': infer Result } } };
}
  ? Result
  : never;

/** `GET /trend`'s query, the metric typed. */
export type ScorecardTrendQuery = Omit<
  ScorecardApiQuery<'/trend'>,
  'metric'
> & {
  metric: MetricId;
};
/** `GET /trends`' query, the metrics a list (the wire joins them with commas). */
export type ScorecardTrendsQuery = Omit<
  ScorecardApiQuery<'/trends'>,
  'metrics'
> & {
  metrics?: MetricId[];
};
/** `GET /events`' query, the limit a number. */
export type ScorecardEventsQuery = Omit<
  ScorecardApiQuery<'/events'>,
  'limit'
> & {
  limit?: number;
};

/**
 * The scorecard's HTTP API, typed from its OpenAPI document; what the frontend plugins call.
 * Queries take typed values where the wire carries text (a list of metrics, a limit).
 */
export interface ScorecardApi {
  getScorecard(
    query: ScorecardApiQuery<'/scorecard'>,
  ): Promise<ScorecardApiResult<'/scorecard'>>;
  getTrend(query: ScorecardTrendQuery): Promise<ScorecardApiResult<'/trend'>>;
  /** Several metrics' trends (every metric when none are named) in one request. */
  getTrends(
    query: ScorecardTrendsQuery,
  ): Promise<ScorecardApiResult<'/trends'>>;
  getPortfolio(
    query?: ScorecardApiQuery<'/portfolio'>,
  ): Promise<ScorecardApiResult<'/portfolio'>>;
  getDefinitions(): Promise<ScorecardApiResult<'/definitions'>>;
  listEvents(
    query: ScorecardEventsQuery,
  ): Promise<ScorecardApiResult<'/events'>>;
  listPeriods(): Promise<ScorecardApiResult<'/periods'>>;
  postEvents(
    batch: IngestRequest,
  ): Promise<ScorecardApiResult<'/events', 'post'>>;
  /** Which collectors read the entity's data (and its members'), and how their last runs went. */
  getCoverage(
    query: ScorecardApiQuery<'/coverage'>,
  ): Promise<ScorecardApiResult<'/coverage'>>;
  /** A Platform's consumer teams, declared and observed in the catalog, with their history. */
  getAdoption(
    query: ScorecardApiQuery<'/adoption'>,
  ): Promise<ScorecardApiResult<'/adoption'>>;
  /** Every Platform's adoption in figures, as of the last look. */
  getAdoptions(): Promise<ScorecardApiResult<'/adoptions'>>;
}

/**
 * A client of the scorecard backend on Backstage's discovery and fetch APIs (the fetch API adds
 * the user's token), typed by the OpenAPI document through openapi-fetch. Errors arrive as
 * `ResponseError`, with the backend's message.
 */
export class ScorecardClient implements ScorecardApi {
  private readonly client: ReturnType<typeof createClient<paths>>;

  constructor(
    private readonly options: {
      discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
      fetchApi?: { fetch: typeof fetch };
    },
  ) {
    const fetchFn = options.fetchApi?.fetch;
    this.client = createClient<paths>({
      // openapi-fetch hands over a Request; Backstage's fetch API takes one as it is
      fetch: fetchFn ? (request: Request) => fetchFn(request) : undefined,
      // the document's `metrics` parameter is a comma-separated list (style form, explode false)
      querySerializer: { array: { style: 'form', explode: false } },
    });
  }

  async getScorecard(query: ScorecardApiQuery<'/scorecard'>) {
    return this.result(
      this.client.GET('/scorecard', {
        baseUrl: await this.baseUrl(),
        params: { query },
      }),
    );
  }

  async getTrend(query: ScorecardTrendQuery) {
    return this.result(
      this.client.GET('/trend', {
        baseUrl: await this.baseUrl(),
        params: { query },
      }),
    );
  }

  async getTrends(query: ScorecardTrendsQuery) {
    return this.result(
      this.client.GET('/trends', {
        baseUrl: await this.baseUrl(),
        params: { query },
      }),
    );
  }

  async getPortfolio(query: ScorecardApiQuery<'/portfolio'> = {}) {
    return this.result(
      this.client.GET('/portfolio', {
        baseUrl: await this.baseUrl(),
        params: { query },
      }),
    );
  }

  async getAdoption(query: ScorecardApiQuery<'/adoption'>) {
    return this.result(
      this.client.GET('/adoption', {
        baseUrl: await this.baseUrl(),
        params: { query },
      }),
    );
  }

  async getAdoptions() {
    return this.result(
      this.client.GET('/adoptions', { baseUrl: await this.baseUrl() }),
    );
  }

  async getDefinitions() {
    return this.result(
      this.client.GET('/definitions', { baseUrl: await this.baseUrl() }),
    );
  }

  async listEvents(query: ScorecardEventsQuery) {
    const { limit, ...rest } = query;
    return this.result(
      this.client.GET('/events', {
        baseUrl: await this.baseUrl(),
        params: {
          query: {
            ...rest,
            ...(limit === undefined ? {} : { limit: String(limit) }),
          },
        },
      }),
    );
  }

  async listPeriods() {
    return this.result(
      this.client.GET('/periods', { baseUrl: await this.baseUrl() }),
    );
  }

  async getCoverage(query: ScorecardApiQuery<'/coverage'>) {
    return this.result(
      this.client.GET('/coverage', {
        baseUrl: await this.baseUrl(),
        params: { query },
      }),
    );
  }

  async postEvents(batch: IngestRequest) {
    return this.result(
      this.client.POST('/events', {
        baseUrl: await this.baseUrl(),
        body: batch,
      }),
    );
  }

  private baseUrl() {
    return this.options.discoveryApi.getBaseUrl('scorecard');
  }

  private async result<Data>(
    pending: Promise<{ data?: Data; error?: unknown; response: Response }>,
  ): Promise<Data> {
    const { data, error, response } = await pending;
    if (response.ok && data !== undefined) return data;
    // openapi-fetch has read the error body already; ResponseError reads it from a copy
    const body = typeof error === 'string' ? error : JSON.stringify(error);
    throw await ResponseError.fromResponse(
      new Response(body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      }),
    );
  }
}
