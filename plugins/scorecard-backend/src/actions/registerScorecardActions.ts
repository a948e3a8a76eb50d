import { createGetMetricDefinitionAction } from './getMetricDefinitionAction';
import { createGetPlatformFindingsAction } from './getPlatformFindingsAction';
import { createGetPortfolioAction } from './getPortfolioAction';
import { createGetScorecardAction } from './getScorecardAction';
import type { ScorecardActionsOptions } from './inputs';

export type { ScorecardActionsOptions } from './inputs';

/**
 * Registers the scorecard's actions in the actions registry, where the MCP actions backend and
 * other callers find them as `scorecard:<name>`. Each is read-only and applies the caller's
 * permissions as the HTTP API does: opmodel.scorecard.read, and the catalog's read permission
 * for the entities it answers about.
 */
export function registerScorecardActions(options: ScorecardActionsOptions) {
  createGetScorecardAction(options);
  createGetPortfolioAction(options);
  createGetPlatformFindingsAction(options);
  createGetMetricDefinitionAction(options);
}
