import type { Entity } from '@backstage/catalog-model';

/**
 * The kinds a scorecard rolls up for: a Platform's parts, a System's, a Group's belongings, a Component itself.
 *
 * @public
 */
export const SCORECARD_KINDS = ['platform', 'component', 'system', 'group'];

/**
 * Whether the scorecard card belongs on this entity's page.
 *
 * @public
 */
export const isScorecardEntity = (entity: Entity) =>
  SCORECARD_KINDS.includes(entity.kind.toLocaleLowerCase('en-US'));

/** Whether the entity is a Platform: the pages the adoption card belongs on. */
export const isPlatform = (entity: Entity) =>
  entity.kind.toLocaleLowerCase('en-US') === 'platform';
