import { ResponseError } from '@backstage/errors';
import type {
  Coverage,
  FrozenPeriod,
  IngestRequest,
  IngestResponse,
  MetricId,
  Portfolio,
  Scorecard,
  Trend,
  Trends,
} from './types';
import type { MetricDefinition } from './definitions';
import type { BenchmarkProfile } from './profiles';

export type WindowQuery = { from?: string; to?: string };

export type ScorecardEvent = Record<string, unknown> & {
  id: string;
  entityRef: string;
};

/** The scorecard's HTTP API, typed; what the frontend plugins call. */
export interface ScorecardApi {
  getScorecard(
    query: { entityRef: string; period?: string } & WindowQuery,
  ): Promise<Scorecard>;
  getTrend(
    query: { entityRef: string; metric: MetricId } & WindowQuery,
  ): Promise<Trend>;
  /** Several metrics' trends (every metric when none are named) in one request. */
  getTrends(
    query: { entityRef: string; metrics?: MetricId[] } & WindowQuery,
  ): Promise<Trends>;
  getPortfolio(query?: WindowQuery): Promise<Portfolio>;
  getDefinitions(): Promise<{
    metrics: MetricDefinition[];
    profiles: BenchmarkProfile[];
    profile: string;
  }>;
  listEvents(
    query: {
      entityRef: string;
      type: 'deployment' | 'incident';
      limit?: number;
    } & WindowQuery,
  ): Promise<{ entityRef: string; type: string; events: ScorecardEvent[] }>;
  listPeriods(): Promise<{ periods: FrozenPeriod[] }>;
  postEvents(batch: IngestRequest): Promise<IngestResponse>;
  /** Which collectors read the entity's data (and its members'), and how their last runs went. */
  getCoverage(query: { entityRef: string }): Promise<Coverage>;
}

/**
 * A client of the scorecard backend on Backstage's discovery and fetch APIs (the fetch API adds
 * the user's token). Errors arrive as `ResponseError`, with the backend's message.
 */
export class ScorecardClient implements ScorecardApi {
  constructor(
    private readonly options: {
      discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
      fetchApi?: { fetch: typeof fetch };
    },
  ) {}

  getScorecard(query: { entityRef: string; period?: string } & WindowQuery) {
    return this.get<Scorecard>('/scorecard', query);
  }

  getTrend(query: { entityRef: string; metric: MetricId } & WindowQuery) {
    return this.get<Trend>('/trend', query);
  }

  getTrends(query: { entityRef: string; metrics?: MetricId[] } & WindowQuery) {
    const { metrics, ...rest } = query;
    return this.get<Trends>('/trends', {
      ...rest,
      ...(metrics ? { metrics: metrics.join(',') } : {}),
    });
  }

  getPortfolio(query: WindowQuery = {}) {
    return this.get<Portfolio>('/portfolio', query);
  }

  getDefinitions() {
    return this.get<{
      metrics: MetricDefinition[];
      profiles: BenchmarkProfile[];
      profile: string;
    }>('/definitions', {});
  }

  listEvents(
    query: {
      entityRef: string;
      type: 'deployment' | 'incident';
      limit?: number;
    } & WindowQuery,
  ) {
    return this.get<{
      entityRef: string;
      type: string;
      events: ScorecardEvent[];
    }>('/events', {
      ...query,
      limit: query.limit === undefined ? undefined : String(query.limit),
    });
  }

  listPeriods() {
    return this.get<{ periods: FrozenPeriod[] }>('/periods', {});
  }

  getCoverage(query: { entityRef: string }) {
    return this.get<Coverage>('/coverage', query);
  }

  async postEvents(batch: IngestRequest): Promise<IngestResponse> {
    return this.request<IngestResponse>('/events', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(batch),
    });
  }

  private get<T>(path: string, query: Record<string, string | undefined>) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query))
      if (v !== undefined) params.set(k, v);
    const qs = params.toString();
    return this.request<T>(qs ? `${path}?${qs}` : path, {});
  }

  private async request<T>(path: string, init: RequestInit): Promise<T> {
    const base = await this.options.discoveryApi.getBaseUrl('scorecard');
    const fetchFn = this.options.fetchApi?.fetch ?? fetch;
    const res = await fetchFn(`${base}${path}`, init);
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return (await res.json()) as T;
  }
}
