import type { JsonObject, JsonValue } from '@backstage/types';

/**
 * A schedule that does not come round during a test (once a year, on the 1st of January at
 * midnight): the task runs only when the test triggers it. For a collector's `schedule`.
 *
 * @public
 */
export const manualSchedule = {
  frequency: { cron: '0 0 1 1 *' },
  timeout: { minutes: 5 },
};

const isObject = (value: JsonValue | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `over` laid over `base`: objects are merged key by key, anything else (arrays too) replaced. */
export function mergeConfig(base: JsonObject, over: JsonObject): JsonObject {
  const merged: JsonObject = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const below = merged[key];
    merged[key] =
      isObject(below) && isObject(value) ? mergeConfig(below, value) : value;
  }
  return merged;
}

/**
 * The configuration every collector test starts from: the catalog reads Components from one file
 * location, and the scorecard's own tasks wait for the test; with `events`, one in-process event
 * bus.
 */
export function baseConfig(options: {
  catalogFile: string;
  events: boolean;
}): JsonObject {
  return {
    catalog: {
      rules: [{ allow: ['Component'] }],
      locations: [{ type: 'file', target: options.catalogFile }],
    },
    ...(options.events ? { events: { useEventBus: 'never' } } : {}),
    opmodel: {
      scorecard: {
        catalogSync: { schedule: manualSchedule },
        snapshots: { schedule: manualSchedule },
        retention: { schedule: manualSchedule },
        indexSummaries: { schedule: manualSchedule },
      },
    },
  };
}
