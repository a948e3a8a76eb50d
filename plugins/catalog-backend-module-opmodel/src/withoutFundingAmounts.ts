import {
  ANNOTATION_FUNDING_AMOUNTS,
  FUNDING_AMOUNTS_IN_SOURCE_LOCATION,
  type FundingLineEntity,
} from '@opmodel/plugin-opmodel-common';

/**
 * A validated FundingLine as the catalog should store it: every period keeps its dates, loses its
 * amount, and the entity is annotated so that readers know the amounts live in the source file.
 * The catalog answers every reader of an entity with all of it, so this is the only way to keep
 * the amounts from readers without the amounts permission.
 */
export function withoutFundingAmounts(
  entity: FundingLineEntity,
): FundingLineEntity {
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      annotations: {
        ...entity.metadata.annotations,
        [ANNOTATION_FUNDING_AMOUNTS]: FUNDING_AMOUNTS_IN_SOURCE_LOCATION,
      },
    },
    spec: {
      ...entity.spec,
      periods: entity.spec.periods.map(({ start, end }) => ({ start, end })),
    },
  };
}
