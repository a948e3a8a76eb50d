import type { Entity } from '@backstage/catalog-model';
import {
  KIND_FUNDING_LINE,
  KIND_OPERATING_ROLE,
  KIND_PLATFORM,
  OPMODEL_API_VERSION,
} from './constants';
import type {
  FundingLineEntity,
  OperatingRoleEntity,
  PlatformEntity,
} from './types';

function is(entity: Entity | undefined, kind: string): boolean {
  return (
    !!entity &&
    entity.apiVersion === OPMODEL_API_VERSION &&
    entity.kind.toLocaleLowerCase('en-US') === kind.toLocaleLowerCase('en-US')
  );
}

/** True for a Platform entity (as stored in the catalog, so already validated). */
export const isPlatformEntity = (e?: Entity): e is PlatformEntity =>
  is(e, KIND_PLATFORM);
/** True for an OperatingRole entity. */
export const isOperatingRoleEntity = (e?: Entity): e is OperatingRoleEntity =>
  is(e, KIND_OPERATING_ROLE);
/** True for a FundingLine entity. */
export const isFundingLineEntity = (e?: Entity): e is FundingLineEntity =>
  is(e, KIND_FUNDING_LINE);
