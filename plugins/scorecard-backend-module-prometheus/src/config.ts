import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';

/** One Prometheus server the collector may query. */
export type PrometheusInstance = {
  name: string;
  /** The server's address, without `/api/v1` (e.g. `https://prometheus.example.com`). */
  baseUrl: string;
  /** Sent with every request, e.g. `Authorization`. */
  headers: Record<string, string>;
};

export type PrometheusCollectorConfig = {
  instances: PrometheusInstance[];
  /** The instance an entity without an instance annotation is read from. */
  defaultInstance?: string;
  /** Where the instances came from, for messages. */
  instancesFrom: string;
  backfillDays: number;
  hoursPerRequest: number;
  settleMs: number;
  requestRetries: number;
  retryDelayMs: number;
  schedule: SchedulerServiceTaskScheduleDefinition;
};

/** Prometheus refuses a range query of more than this many points per series. */
export const PROMETHEUS_MAX_POINTS = 11_000;

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 15 },
  timeout: { minutes: 10 },
  initialDelay: { seconds: 30 },
};

function wholeNumber(
  c: Config | undefined,
  key: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const value = c?.getOptionalNumber(key);
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(
      `opmodel.scorecard.prometheus.${key} must be a whole number from ${min} to ${max}, not ${value}`,
    );
  }
  return value;
}

function readHeaders(c: Config | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  if (!c) return headers;
  for (const key of c.keys()) headers[key] = c.getString(key);
  return headers;
}

/** `http://prometheus:9090/api/v1/` (a proxy target) → `http://prometheus:9090`. */
function serverAddress(url: string): string {
  return url.replace(/\/+$/, '').replace(/\/api\/v1$/, '');
}

/**
 * The instances of Roadie's Prometheus plugin (`prometheus.proxyPath`, `prometheus.instances[]
 * {name, proxyPath}`), each resolved through the Backstage proxy endpoint it names (`proxy.endpoints`,
 * or the older top-level `proxy` form): its target and headers. Lets an app that already shows
 * Prometheus graphs reuse that setup, instance names included.
 */
function readRoadieInstances(root: Config): PrometheusInstance[] {
  const prometheus = root.getOptionalConfig('prometheus');
  if (!prometheus) return [];
  // proxy paths hold slashes, which config keys may not, so the endpoints are read whole
  const endpoints = (root.getOptional('proxy.endpoints') ??
    root.getOptional('proxy') ??
    {}) as Record<string, unknown>;
  const endpoint = (proxyPath: string) => {
    const trimmed = proxyPath.replace(/\/+$/, '');
    const key = Object.keys(endpoints).find(
      k => k.replace(/\/+$/, '') === trimmed,
    );
    const value = key === undefined ? undefined : endpoints[key];
    if (typeof value === 'string') return { target: value, headers: {} };
    if (!value || typeof value !== 'object') return undefined;
    const { target, headers } = value as {
      target?: unknown;
      headers?: unknown;
    };
    if (typeof target !== 'string') return undefined;
    const stringHeaders: Record<string, string> = {};
    for (const [name, v] of Object.entries(
      (headers && typeof headers === 'object' ? headers : {}) as object,
    )) {
      if (typeof v === 'string') stringHeaders[name] = v;
    }
    return { target, headers: stringHeaders };
  };
  const instances: PrometheusInstance[] = [];
  for (const entry of prometheus.getOptionalConfigArray('instances') ?? []) {
    const name = entry.getString('name');
    const found = endpoint(entry.getString('proxyPath'));
    if (found)
      instances.push({
        name,
        baseUrl: serverAddress(found.target),
        headers: found.headers,
      });
  }
  const single = endpoint(
    prometheus.getOptionalString('proxyPath') ?? '/prometheus/api',
  );
  if (single && !instances.some(i => i.name === 'default')) {
    instances.push({
      name: 'default',
      baseUrl: serverAddress(single.target),
      headers: single.headers,
    });
  }
  return instances;
}

/** Reads `opmodel.scorecard.prometheus`, falling back to Roadie's `prometheus` for instances. */
export function readPrometheusCollectorConfig(
  root: Config,
): PrometheusCollectorConfig {
  const c = root.getOptionalConfig('opmodel.scorecard.prometheus');
  const own = c?.getOptionalConfigArray('instances');
  const instances: PrometheusInstance[] = own
    ? own.map(i => ({
        name: i.getString('name'),
        baseUrl: serverAddress(i.getString('baseUrl')),
        headers: readHeaders(i.getOptionalConfig('headers')),
      }))
    : readRoadieInstances(root);
  const names = new Set<string>();
  for (const { name } of instances) {
    if (names.has(name)) {
      throw new Error(
        `opmodel.scorecard.prometheus.instances names '${name}' twice; give each instance its own name`,
      );
    }
    names.add(name);
  }
  let defaultInstance = c?.getOptionalString('defaultInstance');
  if (defaultInstance !== undefined && !names.has(defaultInstance)) {
    throw new Error(
      `opmodel.scorecard.prometheus.defaultInstance is '${defaultInstance}', which is not among the configured instances (${
        [...names].join(', ') || 'none'
      })`,
    );
  }
  if (defaultInstance === undefined && instances.length > 0) {
    defaultInstance = names.has('default') ? 'default' : instances[0].name;
  }
  const scheduleConfig = c?.getOptionalConfig('schedule');
  return {
    instances,
    defaultInstance,
    instancesFrom: own
      ? 'opmodel.scorecard.prometheus.instances'
      : 'prometheus.instances / prometheus.proxyPath and the proxy',
    backfillDays: wholeNumber(c, 'backfillDays', 28, 1, 3650),
    hoursPerRequest: wholeNumber(
      c,
      'hoursPerRequest',
      168,
      1,
      PROMETHEUS_MAX_POINTS,
    ),
    settleMs: wholeNumber(c, 'settleMinutes', 2, 0, 59) * 60_000,
    requestRetries: wholeNumber(c, 'requestRetries', 3, 0, 10),
    retryDelayMs: wholeNumber(c, 'retryDelaySeconds', 2, 0, 300) * 1000,
    schedule: scheduleConfig
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig)
      : DEFAULT_SCHEDULE,
  };
}
