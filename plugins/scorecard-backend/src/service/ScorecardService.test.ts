import {
  DORA_2024,
  METRIC_IDS,
  PRODUCT_METRICS,
} from '@opmodel/plugin-scorecard-common';
import type { DeploymentRecord, IncidentRecord } from '../metrics/types';
import type { KnownEntity } from '../database/types';
import type { CatalogMirror } from './CatalogMirror';
import { AVAILABILITY_METRICS, ScorecardService } from './ScorecardService';

const H = 3_600_000;
const DAY = 24 * H;

describe('AVAILABILITY_METRICS', () => {
  // The portfolio recomputes only these when a platform's only new events are availability
  // samples, and keeps its other figures: a metric that reads availability and is missing from
  // the list would go stale there.
  it('lists exactly the metrics that availability samples change', () => {
    const service = new ScorecardService(
      // compute reads no store
      {} as ConstructorParameters<typeof ScorecardService>[0],
      {} as CatalogMirror,
      {
        environments: ['production'],
        partialOutageWeight: 0.5,
        defaultWindowDays: 28,
        profile: DORA_2024,
      },
    );
    const window = { from: 0, to: 28 * DAY };
    const entity: KnownEntity = {
      entityRef: 'platform:default/p',
      kind: 'platform',
      objectives: { availability: { target: 0.99 } },
      responseTargets: [
        { severity: 'sev1', acknowledge: '15m', resolve: '4h' },
      ],
    };
    // events that give every other metric a value
    const deployment = (
      id: string,
      finishedAt: number,
      result: DeploymentRecord['result'],
    ): DeploymentRecord => ({
      source: 'ci',
      id,
      entityRef: 'component:default/c',
      environment: 'production',
      result,
      startedAt: null,
      finishedAt,
      firstCommitAt: finishedAt - 2 * H,
      fixesIncident: id === 'fix' ? 'i-1' : null,
    });
    const deployments = [
      ...[3, 4, 5, 6, 7].map(d => deployment(`d-${d}`, d * DAY, 'success')),
      deployment('bad', 2 * DAY, 'failure'),
      deployment('fix', 2 * DAY + H, 'success'),
    ];
    const incidents: IncidentRecord[] = [
      {
        source: 'pager',
        id: 'i-1',
        entityRef: 'component:default/c',
        severity: 'sev1',
        impact: 'outage',
        triggeredAt: 2 * DAY,
        acknowledgedAt: 2 * DAY + 10 * 60_000,
        mitigatedAt: 2 * DAY + 30 * 60_000,
        resolvedAt: 2 * DAY + H,
        causedByDeployment: 'bad',
      },
    ];
    const figures = (good: number) =>
      new Map(
        service
          .compute(
            entity,
            { deployments, incidents, availability: { good, total: 1000 } },
            window,
            window.to,
          )
          .map(m => [m.metric, m]),
      );
    const before = figures(995);
    const after = figures(980);
    // the product metrics rest on survey responses, support requests and the catalog alone
    const fromEvents = METRIC_IDS.filter(id => !PRODUCT_METRICS.includes(id));
    expect(fromEvents.filter(id => before.get(id)?.state !== 'ok')).toEqual([]);
    const changed = METRIC_IDS.filter(
      id => JSON.stringify(before.get(id)) !== JSON.stringify(after.get(id)),
    );
    expect(changed.sort()).toEqual([...AVAILABILITY_METRICS].sort());
  });
});
