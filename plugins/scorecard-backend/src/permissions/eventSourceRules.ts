import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import { SCORECARD_EVENT_SOURCE_RESOURCE_TYPE } from '@opmodel/plugin-scorecard-common';

/** What a policy's conditions on `opmodel.scorecard.events.create` are evaluated against. */
export type ScorecardEventSource = {
  /** The batch's `source`. */
  source: string;
};

/** The filter form of the conditions; sources are never listed through a query. */
export type ScorecardEventSourceFilter = { sources: string[] };

/** @public */
export const scorecardEventSourcePermissionResourceRef =
  createPermissionResourceRef<
    ScorecardEventSource,
    ScorecardEventSourceFilter
  >().with({
    pluginId: 'scorecard',
    resourceType: SCORECARD_EVENT_SOURCE_RESOURCE_TYPE,
  });

// Without a params schema: zod's v3 types (this package's) and the permission framework's
// Standard Schema types do not meet, and one list of strings is checked here as easily.
const isSource = createPermissionRule<
  typeof scorecardEventSourcePermissionResourceRef,
  { sources: string[] }
>({
  name: 'IS_SOURCE',
  description:
    'Allow writing events under one of the given sources (github-actions, pagerduty)',
  resourceRef: scorecardEventSourcePermissionResourceRef,
  apply: (resource, params) =>
    Array.isArray(params?.sources) && params.sources.includes(resource.source),
  toQuery: params => ({ sources: params?.sources ?? [] }),
});

/** The rules a policy may use on `opmodel.scorecard.events.create`. */
export const scorecardEventSourceRules = { isSource };

/**
 * For a permission policy: `scorecardEventSourceConditions.isSource({ sources: [...] })`, wrapped
 * in `createScorecardEventSourceConditionalDecision(request.permission, ...)`.
 *
 * @public
 */
export const {
  conditions: scorecardEventSourceConditions,
  createConditionalDecision: createScorecardEventSourceConditionalDecision,
} = createConditionExports({
  resourceRef: scorecardEventSourcePermissionResourceRef,
  rules: scorecardEventSourceRules,
});
