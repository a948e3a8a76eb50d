import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { AvailabilityBucketInput } from '@opmodel/plugin-scorecard-common';
import type {
  ScorecardCollector,
  ScorecardCollectorContext,
} from '@opmodel/plugin-scorecard-node';
import type { PrometheusCollectorConfig } from './config';
import {
  PrometheusClient,
  PrometheusQueryError,
  type RangeSeries,
} from './PrometheusClient';

/**
 * PromQL counting the good events of the hour ending at each evaluation time.
 *
 * @public
 */
export const PROMETHEUS_GOOD_ANNOTATION = 'opmodel.dev/prometheus-good';
/**
 * PromQL counting all events of the hour ending at each evaluation time.
 *
 * @public
 */
export const PROMETHEUS_TOTAL_ANNOTATION = 'opmodel.dev/prometheus-total';
/**
 * A series selector of 0/1 samples, such as blackbox_exporter's `probe_success{...}`.
 *
 * @public
 */
export const PROMETHEUS_PROBE_ANNOTATION = 'opmodel.dev/prometheus-probe';
/**
 * The configured Prometheus instance to query, by name.
 *
 * @public
 */
export const PROMETHEUS_INSTANCE_ANNOTATION = 'opmodel.dev/prometheus-instance';
/** Roadie's Prometheus plugin's instance annotation, used when ours is absent. */
export const ROADIE_SERVICE_NAME_ANNOTATION = 'prometheus.io/service-name';

const HOUR_MS = 3_600_000;
/** At most this many buckets go into one write. */
const WRITE_SLICE = 1000;

/** What an entity asks to be read: two queries, each named by the annotation it came from. */
type EntityQueries = {
  entityRef: string;
  instance: string | undefined;
  good: { what: string; query: string };
  total: { what: string; query: string };
};

/** The entity's queries, or why its annotations cannot be read. */
function queriesOf(
  entity: Entity,
): EntityQueries | { entityRef: string; error: string } {
  const entityRef = stringifyEntityRef(entity);
  const annotations = entity.metadata.annotations ?? {};
  const value = (key: string) => annotations[key]?.trim() || undefined;
  const good = value(PROMETHEUS_GOOD_ANNOTATION);
  const total = value(PROMETHEUS_TOTAL_ANNOTATION);
  const probe = value(PROMETHEUS_PROBE_ANNOTATION);
  const instance =
    value(PROMETHEUS_INSTANCE_ANNOTATION) ??
    value(ROADIE_SERVICE_NAME_ANNOTATION);
  if (probe && (good || total)) {
    return {
      entityRef,
      error: `${entityRef} has both ${PROMETHEUS_PROBE_ANNOTATION} and ${
        good ? PROMETHEUS_GOOD_ANNOTATION : PROMETHEUS_TOTAL_ANNOTATION
      }; keep either the probe selector or the good/total pair`,
    };
  }
  if (probe) {
    // sum() makes one series of a selector that matches several (several probers, say)
    return {
      entityRef,
      instance,
      good: {
        what: PROMETHEUS_PROBE_ANNOTATION,
        query: `sum(sum_over_time(${probe}[1h]))`,
      },
      total: {
        what: PROMETHEUS_PROBE_ANNOTATION,
        query: `sum(count_over_time(${probe}[1h]))`,
      },
    };
  }
  if (!good || !total) {
    const [has, lacks] = good
      ? [PROMETHEUS_GOOD_ANNOTATION, PROMETHEUS_TOTAL_ANNOTATION]
      : [PROMETHEUS_TOTAL_ANNOTATION, PROMETHEUS_GOOD_ANNOTATION];
    return {
      entityRef,
      error: `${entityRef} has ${has} but no ${lacks}; the good/total pair needs both`,
    };
  }
  return {
    entityRef,
    instance,
    good: { what: PROMETHEUS_GOOD_ANNOTATION, query: good },
    total: { what: PROMETHEUS_TOTAL_ANNOTATION, query: total },
  };
}

/** The one series of a query's answer, by evaluation time (ms); finite, non-negative values only. */
function valuesByTime(
  series: RangeSeries[],
  instance: string,
  what: string,
): Map<number, number> {
  if (series.length > 1) {
    throw new PrometheusQueryError(
      `Prometheus '${instance}' answered the query for ${what} with ${series.length} series; wrap it in sum(...) so that it gives one`,
    );
  }
  const values = new Map<number, number>();
  for (const [time, text] of series[0]?.values ?? []) {
    const value = Number(text);
    // NaN, +Inf and -Inf (e.g. a rate over no samples) and negatives say nothing about the hour
    if (Number.isFinite(value) && value >= 0) {
      values.set(Math.round(time * 1000), value);
    }
  }
  return values;
}

/**
 * The `prometheus` collector: for each entity with a good/total query pair or a probe selector,
 * hourly availability buckets from the hour after its cursor up to the last complete hour.
 */
export function createPrometheusCollector(options: {
  id?: string;
  config: PrometheusCollectorConfig;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  now?: () => number;
}): ScorecardCollector {
  const { config, catalog, auth } = options;
  const id = options.id ?? 'prometheus';
  const now = options.now ?? Date.now;
  const clients = new Map(
    config.instances.map(instance => [
      instance.name,
      new PrometheusClient(instance, {
        retries: config.requestRetries,
        retryDelayMs: config.retryDelayMs,
      }),
    ]),
  );
  const configured = () =>
    config.instances.length > 0
      ? `configured: ${config.instances.map(i => `'${i.name}'`).join(', ')}`
      : `none is configured (${config.instancesFrom})`;

  /** Reads and writes one entity's hours; returns how many buckets it wrote. */
  async function collectEntity(
    q: EntityQueries,
    client: PrometheusClient,
    { writer, cursors, signal, logger }: ScorecardCollectorContext,
  ): Promise<number> {
    const lastEnd = Math.floor((now() - config.settleMs) / HOUR_MS) * HOUR_MS;
    const earliest = lastEnd - config.backfillDays * 24 * HOUR_MS;
    const cursor = Date.parse((await cursors.get(q.entityRef)) ?? '');
    let from = Number.isNaN(cursor) ? earliest : Math.max(cursor, earliest);
    let written = 0;
    let clamped = 0;
    while (from < lastEnd) {
      const to = Math.min(lastEnd, from + config.hoursPerRequest * HOUR_MS);
      // the value at time t counts the hour ending at t: [t - 1h, t)
      const range = { start: from / 1000 + 3600, end: to / 1000, step: 3600 };
      const good = valuesByTime(
        await client.queryRange(q.good.what, q.good.query, range, signal),
        client.name,
        q.good.what,
      );
      const total = valuesByTime(
        await client.queryRange(q.total.what, q.total.query, range, signal),
        client.name,
        q.total.what,
      );
      const buckets: AvailabilityBucketInput[] = [];
      for (const [end, totalValue] of [...total].sort(([a], [b]) => a - b)) {
        const goodValue = good.get(end);
        if (goodValue === undefined || end <= from || end > to) continue;
        // increase() extrapolates, so counts come as fractions; the scorecard takes whole ones
        const t = Math.round(totalValue);
        let g = Math.round(goodValue);
        if (t === 0) continue;
        if (g > t) {
          clamped++;
          g = t;
        }
        buckets.push({
          entityRef: q.entityRef,
          start: new Date(end - HOUR_MS).toISOString(),
          lengthSeconds: 3600,
          good: g,
          total: t,
        });
      }
      for (let i = 0; i < buckets.length; i += WRITE_SLICE) {
        const { received } = await writer.write({
          source: id,
          availability: { buckets: buckets.slice(i, i + WRITE_SLICE) },
        });
        written += received.buckets;
      }
      await cursors.set(q.entityRef, new Date(to).toISOString());
      from = to;
    }
    if (clamped > 0) {
      logger.warn(
        `${q.entityRef}: in ${clamped} hour(s) ${q.good.what} counted more than ${q.total.what}; good was lowered to total`,
      );
    }
    return written;
  }

  return {
    id,
    schedule: config.schedule,
    writes: ['availability'],
    async collect(context) {
      const { coverage, logger } = context;
      const { items } = await catalog.getEntities(
        {
          filter: [
            PROMETHEUS_GOOD_ANNOTATION,
            PROMETHEUS_TOTAL_ANNOTATION,
            PROMETHEUS_PROBE_ANNOTATION,
          ].map(key => ({
            [`metadata.annotations.${key}`]: CATALOG_FILTER_EXISTS,
          })),
          fields: [
            'kind',
            'metadata.namespace',
            'metadata.name',
            'metadata.annotations',
          ],
        },
        { credentials: await auth.getOwnServiceCredentials() },
      );
      const writeFailures: string[] = [];
      for (const entity of items) {
        context.signal?.throwIfAborted();
        const q = queriesOf(entity);
        if ('error' in q) {
          await coverage.failed(q.entityRef, { source: id, error: q.error });
          continue;
        }
        const name = q.instance ?? config.defaultInstance;
        const client = name === undefined ? undefined : clients.get(name);
        if (!client) {
          await coverage.failed(q.entityRef, {
            source: id,
            error:
              name === undefined
                ? `${q.entityRef} is to be read from Prometheus, but no Prometheus instance is configured (${config.instancesFrom})`
                : `${
                    q.entityRef
                  } names Prometheus instance '${name}', which is not configured; ${configured()}`,
          });
          continue;
        }
        try {
          const written = await collectEntity(q, client, context);
          await coverage.read(q.entityRef, { source: id, written });
        } catch (error) {
          if (context.signal?.aborted) throw error;
          if (error instanceof PrometheusQueryError) {
            await coverage.failed(q.entityRef, {
              source: id,
              error: error.message,
            });
          } else {
            // a write the scorecard refused or could not store: tried again by the run's retry
            const message = `could not store the availability of ${
              q.entityRef
            }: ${(error as Error)?.message ?? error}`;
            await coverage.failed(q.entityRef, { source: id, error: message });
            writeFailures.push(message);
          }
        }
      }
      logger.debug(`read ${items.length} entities annotated for Prometheus`);
      if (writeFailures.length > 0) {
        throw new Error(writeFailures.join('; '));
      }
    },
  };
}
