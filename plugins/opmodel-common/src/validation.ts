import { OPMODEL_API_VERSION, OPMODEL_KINDS, OpmodelKind } from './constants';
import type { OpmodelEntity } from './types';
import { describeValue, ValidationIssue } from './validationIssue';
import { validateAgainstSchema } from './schemaValidation';
import { opmodelKindDescriptors, type OpmodelEntityForm } from './kinds';

export type { ValidationIssue } from './validationIssue';

/** Thrown by {@link assertValidOpmodelEntity}; its message lists every issue. */
export class OpmodelValidationError extends Error {
  readonly issues: ValidationIssue[];

  constructor(entityName: string, issues: ValidationIssue[]) {
    super(
      `${entityName} is not a valid opmodel entity: ${issues
        .map(i => `${i.path}: ${i.message}; ${i.fix}`)
        .join(' | ')}`,
    );
    this.name = 'OpmodelValidationError';
    this.issues = issues;
  }
}

function isOpmodelKind(kind: unknown): kind is OpmodelKind {
  return OPMODEL_KINDS.includes(kind as OpmodelKind);
}

/**
 * Validates an opmodel entity against its JSON Schema and the rules a schema cannot say
 * (entity refs and their kinds, dates, overlapping periods, shares, duplicates).
 * Returns every issue found; an empty list means the entity is valid. Files are validated as
 * declared (the default); what the catalog returns is validated as stored.
 */
export function validateOpmodelEntity(
  entity: unknown,
  options: { form?: OpmodelEntityForm } = {},
): ValidationIssue[] {
  const data = entity as Partial<OpmodelEntity> | null;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return [
      {
        path: '<root>',
        message: 'is not an object',
        fix: 'write an entity with apiVersion, kind, metadata and spec',
      },
    ];
  }
  const descriptor = opmodelKindDescriptors.find(d => d.kind === data.kind);
  if (!descriptor) {
    return [
      {
        path: 'kind',
        message: `is not an opmodel kind (got ${describeValue(data.kind)})`,
        fix: `write one of ${OPMODEL_KINDS.join(', ')}`,
      },
    ];
  }
  const schemaIssues = validateAgainstSchema(
    descriptor.schema(options.form ?? 'declared'),
    data,
    pointer => descriptor.isConfidential?.(pointer) ?? false,
  );
  if (schemaIssues.length) return schemaIssues;
  const namespace = (data.metadata as any)?.namespace ?? 'default';
  return descriptor.validateRules(data as OpmodelEntity, namespace);
}

/** Throws an {@link OpmodelValidationError} naming every issue when the entity is invalid. */
export function assertValidOpmodelEntity<
  T extends OpmodelEntity = OpmodelEntity,
>(entity: unknown): asserts entity is T {
  const issues = validateOpmodelEntity(entity);
  if (issues.length) {
    const name = (entity as any)?.metadata?.name ?? '<unnamed>';
    throw new OpmodelValidationError(
      `${(entity as any)?.kind ?? 'entity'} '${name}'`,
      issues,
    );
  }
}

/** True for an entity that claims to be of an opmodel kind, whatever its apiVersion. */
export function isOpmodelKindEntity(entity: {
  kind?: unknown;
  apiVersion?: unknown;
}): boolean {
  return (
    isOpmodelKind(entity.kind) &&
    typeof entity.apiVersion === 'string' &&
    (entity.apiVersion === OPMODEL_API_VERSION ||
      entity.apiVersion.startsWith('opmodel.dev/'))
  );
}
