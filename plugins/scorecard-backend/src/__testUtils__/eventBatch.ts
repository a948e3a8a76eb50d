import type { EventBatch } from '../database/types';

/*
 * A batch of every kind of event around one day (T) for two components, a and b, as the store
 * tests write it: production and staging deployments inside and before the day, an incident
 * open at its start and one ended before it, and an availability bucket each.
 */

export const H = 3_600_000;
/** The day's start. */
export const T = Date.UTC(2026, 9, 1);
/** The day. */
export const window = { from: T, to: T + 24 * H };

export const batch: EventBatch = {
  deployments: [
    {
      source: 'ci',
      id: 'd1',
      entityRef: 'component:default/a',
      environment: 'production',
      result: 'success',
      startedAt: null,
      finishedAt: T + H,
      firstCommitAt: T,
      fixesIncident: null,
      url: null,
    },
    {
      source: 'ci',
      id: 'd2',
      entityRef: 'component:default/b',
      environment: 'production',
      result: 'failure',
      startedAt: null,
      finishedAt: T + 2 * H,
      firstCommitAt: null,
      fixesIncident: null,
      url: null,
    },
    {
      source: 'ci',
      id: 'd3',
      entityRef: 'component:default/b',
      environment: 'staging',
      result: 'success',
      startedAt: null,
      finishedAt: T + 3 * H,
      firstCommitAt: null,
      fixesIncident: null,
      url: null,
    },
    {
      source: 'ci',
      id: 'd4',
      entityRef: 'component:default/a',
      environment: 'production',
      result: 'success',
      startedAt: null,
      finishedAt: T - H,
      firstCommitAt: null,
      fixesIncident: null,
      url: null,
    },
  ],
  incidents: [
    {
      source: 'pd',
      id: 'i1',
      entityRef: 'component:default/b',
      severity: 'P1',
      impact: 'outage',
      triggeredAt: T - 2 * H,
      acknowledgedAt: null,
      mitigatedAt: null,
      resolvedAt: T + H,
      causedByDeployment: null,
      title: null,
      url: null,
    },
    {
      source: 'pd',
      id: 'i2',
      entityRef: 'component:default/b',
      severity: 'P1',
      impact: 'outage',
      triggeredAt: T - 5 * H,
      acknowledgedAt: null,
      mitigatedAt: null,
      resolvedAt: T - 4 * H,
      causedByDeployment: null,
      title: null,
      url: null,
    },
  ],
  availability: [
    {
      source: 'bb',
      entityRef: 'component:default/a',
      start: T,
      lengthMs: H,
      good: 9,
      total: 10,
    },
    {
      source: 'bb',
      entityRef: 'component:default/b',
      start: T + H,
      lengthMs: H,
      good: 5,
      total: 10,
    },
  ],
};
