import type { OpmodelKindDescriptor } from './OpmodelKindDescriptor';
import { platformKind } from './platform';
import { operatingRoleKind } from './operatingRole';
import { fundingLineKind } from './fundingLine';

export type {
  OpmodelEntityForm,
  OpmodelKindDescriptor,
  OpmodelRelation,
} from './OpmodelKindDescriptor';

/** Every opmodel kind, in the order of {@link OPMODEL_KINDS}. */
export const opmodelKindDescriptors: ReadonlyArray<OpmodelKindDescriptor> = [
  platformKind,
  operatingRoleKind,
  fundingLineKind,
];
