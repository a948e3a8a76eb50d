import { Entity } from '@backstage/catalog-model';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  assertValidOpmodelEntity,
  isFundingLineEntity,
  isOpmodelKindEntity,
  opmodelKindDescriptors,
  OpmodelRelation,
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
    for (const kind of opmodelKindDescriptors) {
      if (kind.isEntity(entity)) {
        emitRelations(
          kind.relations(entity, () => this.clock()),
          emit,
        );
        // post-processing runs after validation, so bad amounts in the file are still reported
        return isFundingLineEntity(entity)
          ? withoutFundingAmounts(entity)
          : entity;
      }
    }
    return entity;
  }
}

/** Emits each relation and its reverse, once even when the entity declares it twice. */
function emitRelations(
  relations: Iterable<OpmodelRelation>,
  emit: CatalogProcessorEmit,
) {
  const emitted = new Set<string>();
  for (const { source, type, target, reverseType } of relations) {
    const key =
      `${source.kind}:${source.namespace}/${source.name}|${type}|${target.kind}:${target.namespace}/${target.name}`.toLocaleLowerCase(
        'en-US',
      );
    if (emitted.has(key)) continue;
    emitted.add(key);
    emit(processingResult.relation({ source, type, target }));
    emit(
      processingResult.relation({
        source: target,
        type: reverseType,
        target: source,
      }),
    );
  }
}
