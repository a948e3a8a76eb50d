import type { CompoundEntityRef, Entity } from '@backstage/catalog-model';
import type { OpmodelKind } from '../constants';
import type { OpmodelEntity } from '../types';
import type { ValidationIssue } from '../validationIssue';

/**
 * Which form of an entity to validate: `declared` as its file declares it (FundingLine periods
 * with their amounts), or `stored` as the catalog keeps it (FundingLine periods without amounts).
 */
export type OpmodelEntityForm = 'declared' | 'stored';

/** A relation an entity declares, with the type of the reverse relation the catalog adds. */
export interface OpmodelRelation {
  /** The entity the relation goes from. */
  source: CompoundEntityRef;
  /** The relation type, for example `ownedBy`. */
  type: string;
  /** The entity the relation goes to. */
  target: CompoundEntityRef;
  /** The type of the relation from the target back to the source, for example `ownerOf`. */
  reverseType: string;
}

/**
 * What is particular to one opmodel kind, so that validation and the catalog processor treat
 * every kind alike: its schema, the rules a schema cannot say, and the relations it declares.
 */
export interface OpmodelKindDescriptor<
  T extends OpmodelEntity = OpmodelEntity,
> {
  /** The kind, as an entity's `kind` field names it. */
  readonly kind: OpmodelKind;
  /** True for an entity of this kind and of the opmodel apiVersion. */
  isEntity(entity?: Entity): entity is T;
  /** The JSON Schema an entity of this kind in the given form must match. */
  schema(form: OpmodelEntityForm): object;
  /**
   * True for a JSON pointer whose value an issue must not quote, because processing errors reach
   * readers who may not see that value.
   */
  isConfidential?(pointer: string): boolean;
  /** The issues of an entity that matches the schema, against the rules a schema cannot say. */
  validateRules(entity: T, namespace: string): ValidationIssue[];
  /**
   * The relations the entity declares, in the order the catalog receives them; `now` is read
   * where a relation holds only while an assignment does.
   */
  relations(entity: T, now: () => Date): Iterable<OpmodelRelation>;
}
