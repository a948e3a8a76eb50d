import { createPermission } from '@backstage/plugin-permission-common';

/** Read scorecards, trends, the portfolio and the events behind a figure. */
export const scorecardReadPermission = createPermission({
  name: 'opmodel.scorecard.read',
  attributes: { action: 'read' },
});

/** Post deployment, incident and availability events. */
export const scorecardEventsCreatePermission = createPermission({
  name: 'opmodel.scorecard.events.create',
  attributes: { action: 'create' },
});

/** Freeze a named period so that late events no longer change it. */
export const scorecardPeriodFreezePermission = createPermission({
  name: 'opmodel.scorecard.period.freeze',
  attributes: { action: 'update' },
});

export const scorecardPermissions = [
  scorecardReadPermission,
  scorecardEventsCreatePermission,
  scorecardPeriodFreezePermission,
];
