import type { AuthService } from '@backstage/backend-plugin-api';
import {
  parseEntityRef,
  type CompoundEntityRef,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  assignmentState,
  fullEntityRef,
  type RoleAssignment,
} from '@opmodel/plugin-opmodel-common';
import type { KnownEntity } from '../database/types';

// a malformed ref is the model check's to report, not the notification's
const normalized = (
  ref: string,
  defaultKind: string,
  defaultNamespace: string,
): string | undefined => fullEntityRef(ref, { defaultKind, defaultNamespace });

/**
 * Who is told about an entity's metrics: its owner, and for a Platform the holders, today, of the
 * configured roles of its `spec.roles` (by the OperatingRole's name: `product-owner` matches
 * `operatingrole:default/product-owner`). The Platform is read from the catalog with the plugin's
 * own credentials.
 */
export class NotificationRecipients {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      roles: string[];
      now?: () => Date;
    },
  ) {}

  async of(entity: KnownEntity): Promise<string[]> {
    const self: CompoundEntityRef = parseEntityRef(entity.entityRef);
    const recipients = new Set<string>();
    const owner =
      entity.owner && normalized(entity.owner, 'group', self.namespace);
    if (owner) recipients.add(owner);
    if (entity.kind === 'platform' && this.options.roles.length > 0) {
      const platform = await this.options.catalog.getEntityByRef(
        entity.entityRef,
        { credentials: await this.options.auth.getOwnServiceCredentials() },
      );
      const roles = new Set(
        this.options.roles.map(r => r.toLocaleLowerCase('en-US')),
      );
      const today = this.options.now?.() ?? new Date();
      const assignments = ((platform?.spec as any)?.roles ??
        []) as RoleAssignment[];
      for (const a of assignments) {
        if (typeof a?.role !== 'string' || typeof a.holder !== 'string')
          continue;
        const role = normalized(a.role, 'operatingrole', self.namespace);
        if (!role || !roles.has(parseEntityRef(role).name)) continue;
        if (assignmentState(a, today) !== 'active') continue;
        const holder = normalized(a.holder, 'user', self.namespace);
        if (holder) recipients.add(holder);
      }
    }
    return [...recipients].sort();
  }
}
