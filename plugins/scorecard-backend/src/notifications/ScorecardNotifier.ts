import type { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { stringifyError } from '@backstage/errors';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import {
  METRIC_DEFINITIONS,
  METRIC_IDS,
  type MetricId,
} from '@opmodel/plugin-scorecard-common';
import type { SnapshotStore, StoredGrade } from '../database/SnapshotStore';
import type { KnownEntity } from '../database/types';
import type { CatalogMirror } from '../service/CatalogMirror';
import type { NotificationRecipients } from './recipients';
import { findTransitions, type MetricTransition } from './transitions';

const DAY = 86_400_000;
/** The kinds whose metrics are notified: Platforms and Components. */
const NOTIFIED_KINDS = new Set(['platform', 'component']);

const previousDay = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) - DAY).toISOString().slice(0, 10);

/** The entity's page in the app, where its scorecard card is. */
export function entityLink(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(
    kind.toLocaleLowerCase('en-US'),
  )}/${encodeURIComponent(name)}`;
}

const describe = (t: MetricTransition) => {
  const title = METRIC_DEFINITIONS[t.metric as MetricId]?.title ?? t.metric;
  return t.reason === 'missed'
    ? `${title} went from met to missed`
    : `${title}: the error budget has run out`;
};

/**
 * Tells the owner (and a Platform's product owner and service manager) when a metric of a Platform
 * or Component crosses from met to missed, or its error budget runs out, on the newest snapshot
 * day: one notification per entity and day, whichever metrics crossed.
 */
export class ScorecardNotifier {
  constructor(
    private readonly options: {
      notifications: NotificationService;
      recipients: NotificationRecipients;
      snapshots: SnapshotStore;
      catalogMirror: CatalogMirror;
      logger: LoggerService;
    },
  ) {}

  /** What was stored for `day` before a snapshot run recomputes it. */
  beforeRun(day: string): Promise<StoredGrade[]> {
    return this.options.snapshots.readDay(day, [...METRIC_IDS]);
  }

  /**
   * Compares `day`, as just stored, with the day before, and notifies each crossing that
   * `dayBeforeRun` (from beforeRun) did not show yet. A failure to notify one entity is logged;
   * the others are still told. The number of notifications sent.
   */
  async notify(day: string, dayBeforeRun: StoredGrade[]): Promise<number> {
    const { snapshots, catalogMirror, logger } = this.options;
    const transitions = findTransitions({
      previousDay: await snapshots.readDay(previousDay(day), [...METRIC_IDS]),
      day: await snapshots.readDay(day, [...METRIC_IDS]),
      dayBeforeRun,
    });
    if (transitions.size === 0) return 0;
    const model = await catalogMirror.current();
    let sent = 0;
    for (const [entityRef, crossed] of transitions) {
      const entity = model.entities.get(entityRef);
      if (!entity || !NOTIFIED_KINDS.has(entity.kind)) continue;
      try {
        if (await this.send(entity, day, crossed)) sent++;
      } catch (error) {
        logger.warn(
          `scorecard notification for ${entityRef} on ${day} was not sent: ${stringifyError(
            error,
          )}`,
        );
      }
    }
    return sent;
  }

  private async send(
    entity: KnownEntity,
    day: string,
    crossed: MetricTransition[],
  ): Promise<boolean> {
    const recipients = await this.options.recipients.of(entity);
    if (recipients.length === 0) return false;
    const name = entity.title ?? parseEntityRef(entity.entityRef).name;
    const lines = crossed.map(describe);
    await this.options.notifications.send({
      recipients: { type: 'entity', entityRef: recipients },
      payload: {
        title:
          crossed.length === 1
            ? `${name}: ${lines[0]}`
            : `${name}: ${crossed.length} metrics missed their objectives`,
        description: `On ${day}: ${lines.join('; ')}.`,
        link: entityLink(entity.entityRef),
        severity: 'high',
        topic: 'scorecard',
        // a rerun of the day updates the notification instead of adding one
        scope: `scorecard:${entity.entityRef}:${day}`,
      },
    });
    return true;
  }
}
