import {
  CompoundEntityRef,
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PART_OF,
} from '@backstage/catalog-model';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  assertValidOpmodelEntity,
  assignmentState,
  isFundingLineEntity,
  isOperatingRoleEntity,
  isOpmodelKindEntity,
  isPlatformEntity,
  RELATION_ASSIGNS_ROLE,
  RELATION_CONSUMES_PLATFORM,
  RELATION_FUNDED_BY,
  RELATION_FUNDS,
  RELATION_HAS_ROLE_HOLDER,
  RELATION_HOLDS_ROLE_IN,
  RELATION_INCLUDED_IN,
  RELATION_INCLUDES,
  RELATION_PLATFORM_CONSUMED_BY,
  RELATION_ROLE_ASSIGNED_IN,
  REF_KINDS,
  RoleAssignment,
} from '@opmodel/plugin-opmodel-common';
import { withoutFundingAmounts } from './withoutFundingAmounts';

/**
 * Claims, validates and relates the opmodel kinds: Platform, OperatingRole and FundingLine.
 * An invalid entity is reported as a processing error naming every bad field; its siblings
 * from the same file are processed as usual. A FundingLine is stored without its amounts, which
 * validation has checked by then: the opmodel backend serves them from the source file.
 */
export class OpmodelEntitiesProcessor implements CatalogProcessor {
  constructor(private readonly clock: () => Date = () => new Date()) {}

  getProcessorName(): string {
    return 'OpmodelEntitiesProcessor';
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    if (!isOpmodelKindEntity(entity)) {
      return false;
    }
    assertValidOpmodelEntity(entity);
    return true;
  }

  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    const self = getCompoundEntityRef(entity);
    const namespace = self.namespace;
    const ref = (target: string, kinds: readonly string[]): CompoundEntityRef =>
      parseEntityRef(target, {
        defaultKind: kinds[0],
        defaultNamespace: namespace,
      });
    const seen = new Set<string>();
    const pair = (
      source: CompoundEntityRef,
      forward: string,
      target: CompoundEntityRef,
      reverse: string,
    ) => {
      const key =
        `${source.kind}:${source.namespace}/${source.name}|${forward}|${target.kind}:${target.namespace}/${target.name}`.toLocaleLowerCase(
          'en-US',
        );
      if (seen.has(key)) return;
      seen.add(key);
      emit(processingResult.relation({ source, type: forward, target }));
      emit(
        processingResult.relation({
          source: target,
          type: reverse,
          target: source,
        }),
      );
    };
    const roles = (assignments: RoleAssignment[] | undefined) => {
      const now = this.clock();
      for (const a of assignments ?? []) {
        pair(
          self,
          RELATION_ASSIGNS_ROLE,
          ref(a.role, REF_KINDS.role),
          RELATION_ROLE_ASSIGNED_IN,
        );
        if (assignmentState(a, now) === 'active') {
          pair(
            ref(a.holder, REF_KINDS.holder),
            RELATION_HOLDS_ROLE_IN,
            self,
            RELATION_HAS_ROLE_HOLDER,
          );
        }
      }
    };

    if (isPlatformEntity(entity)) {
      const { spec } = entity;
      pair(
        self,
        RELATION_OWNED_BY,
        ref(spec.owner, REF_KINDS.owner),
        RELATION_OWNER_OF,
      );
      if (spec.domain) {
        pair(
          self,
          RELATION_PART_OF,
          ref(spec.domain, REF_KINDS.domain),
          RELATION_HAS_PART,
        );
      }
      const includes = [
        ...(spec.includes ?? []),
        ...(spec.capabilities ?? []).flatMap(c => c.implementedBy ?? []),
      ];
      for (const target of includes) {
        pair(
          self,
          RELATION_INCLUDES,
          ref(target, REF_KINDS.includes),
          RELATION_INCLUDED_IN,
        );
      }
      const now = this.clock();
      for (const consumer of spec.consumers ?? []) {
        if (assignmentState(consumer, now) === 'active') {
          pair(
            ref(consumer.team, REF_KINDS.consumer),
            RELATION_CONSUMES_PLATFORM,
            self,
            RELATION_PLATFORM_CONSUMED_BY,
          );
        }
      }
      roles(spec.roles);
    } else if (isOperatingRoleEntity(entity)) {
      pair(
        self,
        RELATION_OWNED_BY,
        ref(entity.spec.owner, REF_KINDS.owner),
        RELATION_OWNER_OF,
      );
    } else if (isFundingLineEntity(entity)) {
      const { spec } = entity;
      pair(
        self,
        RELATION_OWNED_BY,
        ref(spec.owner, REF_KINDS.owner),
        RELATION_OWNER_OF,
      );
      for (const allocation of spec.allocations) {
        pair(
          self,
          RELATION_FUNDS,
          ref(allocation.target, REF_KINDS.allocation),
          RELATION_FUNDED_BY,
        );
      }
      roles(spec.roles);
      // post-processing runs after validation, so bad amounts in the file are still reported
      return withoutFundingAmounts(entity);
    }
    return entity;
  }
}
