import { scorecardReadPermission } from '@opmodel/plugin-scorecard-common';
import {
  actionEntityRef,
  actionWindow,
  type ScorecardActionsOptions,
} from './inputs';
import { entityRefInput, scorecardSchema, windowInput } from './schemas';

/**
 * `scorecard:get-scorecard`: an entity's graded metrics over a window, as `GET /scorecard` answers
 * them, to a caller who may read scorecards and see the entity in the catalog.
 */
export function createGetScorecardAction(options: ScorecardActionsOptions) {
  const { services, authorizer } = options;
  options.actionsRegistry.register({
    name: 'get-scorecard',
    title: 'Get the scorecard of an entity',
    description: `The graded metrics of one entity (a Platform, System, Component, Group...) over a time window: uptime, error budget left, the DORA delivery metrics (deployment frequency, lead time, change failure rate, recovery time, rework rate) and incident response (time to acknowledge and resolve, response target compliance).
A Platform's, System's or Group's figures count the events of the entities it includes or owns (listed in "members").
Each metric has a value in its unit (ratio 0..1, deployments per week, or milliseconds), the number of data points behind it, and a grade saying which rule decided it (the entity's objective, a configured default, or the benchmark profile). A metric with too few data points has state "not-enough-data" and a null value: say so, never read it as zero.
The window is from (inclusive) to to (exclusive), ISO 8601; without them, the default window ending now. Needs the opmodel.scorecard.read permission; an entity the caller may not see in the catalog is not found.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: entityRefInput(z, 'platform:default/developer-platform'),
          ...windowInput(z),
        }),
      output: z => scorecardSchema(z),
    },
    examples: [
      {
        title: "The developer platform's scorecard for October 2026",
        input: {
          entityRef: 'platform:default/developer-platform',
          from: '2026-10-01T00:00:00Z',
          to: '2026-11-01T00:00:00Z',
        },
      },
    ],
    action: async ({ input, credentials }) => {
      const entityRef = actionEntityRef(input.entityRef);
      await authorizer.authorize(
        credentials,
        scorecardReadPermission,
        entityRef,
      );
      const window = actionWindow(options, input);
      return {
        output: await services.scorecards.getScorecard(entityRef, window),
      };
    },
  });
}
