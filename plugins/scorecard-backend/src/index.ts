/**
 * The opmodel scorecard backend plugin.
 *
 * @packageDocumentation
 */
export { scorecardPlugin as default } from './plugin';
export {
  scorecardEventSourceConditions,
  createScorecardEventSourceConditionalDecision,
  scorecardEventSourcePermissionResourceRef,
  scorecardEventSourceRules,
} from './permissions/eventSourceRules';
export type {
  ScorecardEventSource,
  ScorecardEventSourceFilter,
} from './permissions/eventSourceRules';
