import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The resource type of the events permission: an event source (`github-actions`, `pagerduty`),
 * so that a policy can say which callers may write which sources.
 */
export const SCORECARD_EVENT_SOURCE_RESOURCE_TYPE = 'scorecard-event-source';

/** Read scorecards, trends, the portfolio and the events behind a figure. */
export const scorecardReadPermission = createPermission({
  name: 'opmodel.scorecard.read',
  attributes: { action: 'read' },
});

/**
 * Post deployment, incident and availability events under a source. A policy that allows it
 * outright leaves the sources to `opmodel.scorecard.ingestion.sources`; a conditional decision
 * (`scorecardEventSourceConditions.isSource` from the backend package) names the sources itself.
 */
export const scorecardEventsCreatePermission = createPermission({
  name: 'opmodel.scorecard.events.create',
  attributes: { action: 'create' },
  resourceType: SCORECARD_EVENT_SOURCE_RESOURCE_TYPE,
});

/** Freeze a named period so that late events no longer change it. */
export const scorecardPeriodFreezePermission = createPermission({
  name: 'opmodel.scorecard.period.freeze',
  attributes: { action: 'update' },
});

/**
 * Read the comments of consumer survey responses. Scores are read with the scorecard; comments
 * are the consumer teams' own words, which a policy may keep to the platform team.
 */
export const scorecardFeedbackCommentsReadPermission = createPermission({
  name: 'opmodel.scorecard.feedback.comments.read',
  attributes: { action: 'read' },
});

export const scorecardPermissions = [
  scorecardReadPermission,
  scorecardFeedbackCommentsReadPermission,
  scorecardEventsCreatePermission,
  scorecardPeriodFreezePermission,
];
