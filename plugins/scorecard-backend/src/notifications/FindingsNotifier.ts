import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { stringifyError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import { checkModel, type ModelFinding } from '@opmodel/plugin-opmodel-common';
import type {
  KnownFinding,
  KnownFindingsStore,
} from '../database/KnownFindingsStore';
import type { KnownEntity } from '../database/types';
import type { NotificationRecipients } from './recipients';
import { entityLink } from './ScorecardNotifier';

const lower = (s: string) => s.toLocaleLowerCase('en-US');

/** A finding's identity: the same check on the same field of the same entity. */
const keyOf = (f: ModelFinding) => `${f.check}|${lower(f.entityRef)}|${f.path}`;

/** Who a finding's entity is, as the recipients read it. */
function knownEntity(entity: Entity): KnownEntity {
  const spec = (entity.spec ?? {}) as { owner?: unknown };
  return {
    entityRef: lower(stringifyEntityRef(entity)),
    kind: lower(entity.kind),
    title: entity.metadata.title,
    owner: typeof spec.owner === 'string' ? spec.owner : undefined,
  };
}

/**
 * Tells a model-check finding's owners when it newly appears: the owner of the Platform,
 * FundingLine or OperatingRole it is about (and a Platform's role holders), one notification per
 * entity and look, listing its new findings with their fixes. The findings an entity has when it
 * is first looked at are remembered, not told; a finding that goes away and comes back is told
 * again.
 */
export class FindingsNotifier {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      notifications: NotificationService;
      recipients: NotificationRecipients;
      knownFindings: KnownFindingsStore;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {}

  /** Checks the model in the catalog now; the number of notifications sent. */
  async run(): Promise<number> {
    const { catalog, auth, knownFindings, logger } = this.options;
    const now = this.options.now?.() ?? new Date();
    const { items } = await catalog.getEntities(
      { filter: { kind: ['Platform', 'FundingLine', 'OperatingRole'] } },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    const findings = checkModel(items, now);
    const known = await knownFindings.known();
    const current: KnownFinding[] = findings.map(f => ({
      key: keyOf(f),
      entityRef: lower(f.entityRef),
    }));
    // news: a finding not there at the last look, on an entity that was (an entity the catalog
    // has just read, after a start or a registration, brings what it has; that is not news)
    const fresh = findings.filter(
      f =>
        known.entities.has(lower(f.entityRef)) && !known.findings.has(keyOf(f)),
    );
    const byEntity = new Map<string, ModelFinding[]>();
    for (const f of fresh) {
      const ref = lower(f.entityRef);
      byEntity.set(ref, [...(byEntity.get(ref) ?? []), f]);
    }
    const entities = new Map(items.map(e => [lower(stringifyEntityRef(e)), e]));
    let sent = 0;
    const told = new Set<string>();
    for (const [ref, list] of byEntity) {
      const entity = entities.get(ref);
      if (!entity) continue;
      try {
        if (await this.send(entity, list)) sent++;
        list.forEach(f => told.add(keyOf(f)));
      } catch (error) {
        logger.warn(
          `model finding notification for ${ref} was not sent: ${stringifyError(
            error,
          )}`,
        );
      }
    }
    // a finding whose notification failed stays unknown, so the next look tells it
    const untold = new Set(fresh.map(keyOf).filter(key => !told.has(key)));
    await knownFindings.replace(
      items.map(e => lower(stringifyEntityRef(e))),
      current.filter(f => !untold.has(f.key)),
      now.getTime(),
    );
    return sent;
  }

  private async send(entity: Entity, findings: ModelFinding[]) {
    const who = knownEntity(entity);
    const recipients = await this.options.recipients.of(who);
    if (recipients.length === 0) return false;
    const name = entity.metadata.title ?? entity.metadata.name;
    const lines = findings.map(f => `${f.message} (${f.path}: ${f.fix})`);
    await this.options.notifications.send({
      recipients: { type: 'entity', entityRef: recipients },
      payload: {
        title:
          findings.length === 1
            ? `${name}: ${findings[0].message}`
            : `${name}: ${findings.length} new model findings`,
        description: lines.join('; '),
        link: entityLink(who.entityRef),
        severity: findings.some(f => f.severity === 'error')
          ? 'high'
          : 'normal',
        topic: 'operating model',
        scope: `model-findings:${who.entityRef}:${findings
          .map(keyOf)
          .sort()
          .join(',')}`,
      },
    });
    return true;
  }
}
