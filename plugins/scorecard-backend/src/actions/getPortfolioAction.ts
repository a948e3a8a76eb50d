import { scorecardReadPermission } from '@opmodel/plugin-scorecard-common';
import { actionWindow, type ScorecardActionsOptions } from './inputs';
import { portfolioSchema, windowInput } from './schemas';

/**
 * `scorecard:get-portfolio`: every Platform's headline metrics over a window, as
 * `GET /portfolio` answers them, cut to the platforms the caller may see in the catalog.
 */
export function createGetPortfolioAction(options: ScorecardActionsOptions) {
  const { services, authorizer } = options;
  options.actionsRegistry.register({
    name: 'get-portfolio',
    title: 'Get the portfolio of platforms',
    description: `Every Platform side by side with its headline metrics over a time window: uptime, deployment frequency, lead time, change failure rate and recovery time, each graded.
Use it to compare platforms or find the ones missing their objectives; ask get-scorecard for one platform's every metric.
A metric with too few data points has state "not-enough-data" and a null value: say so, never read it as zero.
The window is from (inclusive) to to (exclusive), ISO 8601; without them, the default window ending now. Needs the opmodel.scorecard.read permission; lists only the platforms the caller may see in the catalog.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z => z.object(windowInput(z)),
      output: z => portfolioSchema(z),
    },
    examples: [
      {
        title: 'Every platform over the last 28 days',
        input: {},
      },
    ],
    action: async ({ input, credentials }) => {
      await authorizer.authorize(credentials, scorecardReadPermission);
      const portfolio = await services.portfolio.getPortfolio(
        actionWindow(options, input),
      );
      return {
        output: {
          ...portfolio,
          platforms: await authorizer.readable(
            credentials,
            portfolio.platforms,
          ),
        },
      };
    },
  });
}
