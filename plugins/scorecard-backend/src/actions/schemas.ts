import type { ActionsRegistryActionOptions } from '@backstage/backend-plugin-api/alpha';
import { METRIC_IDS, type MetricId } from '@opmodel/plugin-scorecard-common';

/**
 * The zod the actions registry hands to an action's schema functions (its own copy, `zod/v3`):
 * the schemas below are built with it, so that what they infer is what the registry checks.
 */
export type Zod = Parameters<
  ActionsRegistryActionOptions<any, any>['schema']['input']
>[0];

/*
 * The actions' inputs and outputs, written after the schemas of the same name in the HTTP API's
 * OpenAPI document (src/schema/openapi.yaml); the types the services answer with are generated
 * from that document, so an output schema that drifts from it fails to compile where the action
 * returns the service's answer.
 *
 * Each builder is marked internal: its type names the registry's copy of zod, which this package
 * cannot import by name, so the type declarations leave it out (these are no public API).
 */

/**
 * An entity reference as the actions take it.
 *
 * @internal
 */
export const entityRefInput = (z: Zod, example: string) =>
  z
    .string()
    .min(3)
    .max(255)
    .describe(
      `The entity, as kind:namespace/name (for example ${example}); the namespace may be left out for default.`,
    );

/**
 * The optional window of an action's input: ISO 8601 times, the default window ending now.
 *
 * @internal
 */
export const windowInput = (z: Zod) => ({
  from: z
    .string()
    .max(40)
    .optional()
    .describe(
      'Start of the window (inclusive), ISO 8601, for example 2026-10-23T00:00:00Z. Default: the end minus the default window (28 days unless configured).',
    ),
  to: z
    .string()
    .max(40)
    .optional()
    .describe(
      'End of the window (exclusive), ISO 8601, for example 2026-11-20T00:00:00Z. Default: now.',
    ),
});

/** @internal */
export const metricIdSchema = (z: Zod) =>
  z
    .enum(METRIC_IDS as [MetricId, ...MetricId[]])
    .describe('A metric the scorecard computes');

/** @internal */
export const windowSchema = (z: Zod) =>
  z
    .object({
      from: z.string().describe('Start of the window (inclusive), ISO 8601'),
      to: z.string().describe('End of the window (exclusive), ISO 8601'),
    })
    .describe('The window the figures are computed over');

const distributionSchema = (z: Zod) =>
  z.object({
    count: z.number().int(),
    p50: z.number().nullable(),
    p90: z.number().nullable(),
  });

const gradeSchema = (z: Zod) =>
  z.object({
    status: z.enum(['good', 'warning', 'poor', 'none']),
    label: z
      .string()
      .describe(
        '`met`, `missed`, or a profile level such as `elite`; `not enough data` or `ungraded` otherwise.',
      ),
    rule: z.object({
      source: z.enum(['objective', 'config', 'profile', 'none']),
      profile: z.string().optional(),
      threshold: z
        .number()
        .optional()
        .describe("The threshold in the metric's unit"),
      better: z.enum(['higher', 'lower']).optional(),
      description: z.string(),
    }),
  });

/**
 * One metric computed over the window, graded; `not-enough-data` has a null value, never a zero.
 *
 * @internal
 */
export const gradedMetricSchema = (z: Zod) =>
  z.object({
    metric: metricIdSchema(z),
    definitionVersion: z.number().int(),
    state: z.enum(['ok', 'not-enough-data']),
    value: z
      .number()
      .nullable()
      .describe(
        "The headline figure in `unit`: a ratio (0..1), deployments per week, a p50 duration in milliseconds, a survey score on the metric's scale, or a count per consumer team",
      ),
    unit: z.enum(['ratio', 'perWeek', 'ms', 'score', 'perTeam']),
    count: z
      .number()
      .int()
      .describe('How many data points the figure stands on'),
    minimumCount: z.number().int(),
    p50: z.number().nullable().optional(),
    p90: z.number().nullable().optional(),
    details: z.record(z.union([z.number(), z.string(), z.null()])).optional(),
    bySeverity: z.record(distributionSchema(z)).optional(),
    byCapability: z
      .record(
        z.object({ value: z.number().nullable(), count: z.number().int() }),
      )
      .optional()
      .describe('Survey metrics per Platform capability'),
    grade: gradeSchema(z),
  });

/** @internal */
export const scorecardSchema = (z: Zod) =>
  z.object({
    entityRef: z.string(),
    window: windowSchema(z),
    members: z
      .array(z.string())
      .describe(
        'The entities whose events count: the entity itself and what it includes or owns',
      ),
    metrics: z.array(gradedMetricSchema(z)),
    computedAt: z.string().describe('When the figures were computed, ISO 8601'),
  });

/** @internal */
export const portfolioSchema = (z: Zod) =>
  z.object({
    window: windowSchema(z),
    platforms: z
      .array(
        z.object({
          entityRef: z.string(),
          title: z.string().optional(),
          owner: z.string().optional(),
          lifecycle: z.string().optional(),
          metrics: z
            .array(gradedMetricSchema(z))
            .describe('The headline metrics'),
        }),
      )
      .describe('Every Platform the caller may see in the catalog'),
  });

/** @internal */
export const modelFindingSchema = (z: Zod) =>
  z.object({
    check: z
      .string()
      .describe('The stable id of the check, e.g. platform.no-support-channel'),
    description: z.string().describe('What the check finds, in words'),
    severity: z.enum(['error', 'warning']),
    entityRef: z.string().describe('The entity the finding is about'),
    path: z.string().describe('The field to change'),
    message: z.string(),
    fix: z.string().describe('What to write instead'),
  });

/** @internal */
export const metricDefinitionSchema = (z: Zod) =>
  z.object({
    id: metricIdSchema(z),
    title: z.string(),
    unit: z.enum(['ratio', 'perWeek', 'ms', 'score', 'perTeam']),
    better: z.enum(['higher', 'lower']),
    version: z
      .number()
      .int()
      .describe('Bumped whenever the computation changes'),
    minimumCount: z
      .number()
      .int()
      .describe('Fewer data points than this give not-enough-data'),
    definition: z.string(),
  });
