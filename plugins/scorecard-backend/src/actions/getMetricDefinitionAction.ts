import {
  METRIC_DEFINITIONS,
  scorecardReadPermission,
} from '@opmodel/plugin-scorecard-common';
import type { ScorecardActionsOptions } from './inputs';
import { metricDefinitionSchema, metricIdSchema } from './schemas';

/**
 * `scorecard:get-metric-definition`: what a metric means, its unit and direction, as
 * `GET /definitions` gives it, with the thresholds of the benchmark profile grades use.
 */
export function createGetMetricDefinitionAction(
  options: ScorecardActionsOptions,
) {
  const { authorizer, profile } = options;
  options.actionsRegistry.register({
    name: 'get-metric-definition',
    title: 'Get the definition of a scorecard metric',
    description: `What one scorecard metric means and how it is computed: its unit (ratio 0..1, deployments per week, or milliseconds), which direction is better, the fewest data points it needs before it has a value, and its definition version.
"benchmark" gives the levels of the benchmark profile that grades the metric when neither the entity's objectives nor a configured default set a threshold (null when the profile does not grade it). Needs the opmodel.scorecard.read permission.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z => z.object({ metric: metricIdSchema(z) }),
      output: z =>
        z.object({
          metric: metricDefinitionSchema(z),
          benchmark: z
            .object({
              profile: z.string().describe('The profile id, e.g. dora-2024'),
              title: z.string(),
              levels: z
                .array(
                  z.object({
                    level: z.string(),
                    threshold: z
                      .number()
                      .describe("The threshold in the metric's unit"),
                    status: z.enum(['good', 'warning', 'poor']),
                  }),
                )
                .describe(
                  'Best first: a value meeting a threshold earns its level',
                ),
              fallback: z
                .string()
                .describe('The level of a value meeting none of them'),
            })
            .nullable(),
        }),
    },
    examples: [
      {
        title: 'How lead time is measured',
        input: { metric: 'leadTime' },
      },
    ],
    action: async ({ input, credentials }) => {
      await authorizer.authorize(credentials, scorecardReadPermission);
      const levels = profile.metrics[input.metric];
      return {
        output: {
          metric: METRIC_DEFINITIONS[input.metric],
          benchmark: levels
            ? {
                profile: profile.id,
                title: profile.title,
                levels: levels.levels,
                fallback: levels.fallback,
              }
            : null,
        },
      };
    },
  });
}
