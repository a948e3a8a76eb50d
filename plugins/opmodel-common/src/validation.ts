import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { DateTime } from 'luxon';
import { opmodelSchemas, storedFundingLineSchema } from './schemas';
import { childPath, pointerToPath } from './paths';
import {
  KIND_FUNDING_LINE,
  KIND_OPERATING_ROLE,
  KIND_PLATFORM,
  OPMODEL_API_VERSION,
  OPMODEL_KINDS,
  OpmodelKind,
} from './constants';
import type {
  FundingLineEntity,
  OperatingRoleEntity,
  OpmodelEntity,
  PlatformEntity,
  RoleAssignment,
} from './types';

/** One reason a declaration is invalid: the field, what is wrong, and what to write instead. */
export interface ValidationIssue {
  /** Dotted field path, for example `spec.roles[1].until`. */
  path: string;
  message: string;
  fix: string;
}

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

/** The entity kinds each reference field may point to; the first is the default kind. */
export const REF_KINDS = {
  owner: ['group', 'user'],
  domain: ['domain'],
  includes: ['system', 'component', 'resource', 'api'],
  consumer: ['group'],
  role: ['operatingrole'],
  holder: ['user', 'group'],
  allocation: ['platform'],
  participant: ['group', 'user', 'operatingrole'],
} as const;

/**
 * Which form of an entity to validate: `declared` as its file declares it (FundingLine periods
 * with their amounts), or `stored` as the catalog keeps it (FundingLine periods without amounts).
 */
export type OpmodelEntityForm = 'declared' | 'stored';

type SchemaNode = { [key: string]: any };

let ajv: Ajv | undefined;
const compiled = new Map<SchemaNode, ValidateFunction>();

function schemaFor(kind: OpmodelKind, form: OpmodelEntityForm): SchemaNode {
  if (kind === KIND_FUNDING_LINE && form === 'stored')
    return storedFundingLineSchema;
  return opmodelSchemas[kind];
}

function validatorFor(schema: SchemaNode): ValidateFunction {
  if (!ajv) {
    ajv = new Ajv({ allErrors: true, allowUnionTypes: true, strict: true });
    ajv.addKeyword({ keyword: 'hint', schemaType: 'string' });
    ajv.addSchema(opmodelSchemas.common);
  }
  let fn = compiled.get(schema);
  if (!fn) {
    fn = ajv.compile(schema);
    compiled.set(schema, fn);
  }
  return fn;
}

/**
 * Values under a FundingLine's periods other than their dates: amounts, or whatever an author
 * wrote in their place. Issues there never quote the value, because processing errors end up in
 * catalog responses that readers without the amounts permission get too.
 */
function isConfidential(schema: SchemaNode, pointer: string): boolean {
  return (
    Boolean(schema.properties?.kind?.enum?.includes(KIND_FUNDING_LINE)) &&
    /^\/spec\/periods(\/|$)/.test(pointer) &&
    !/^\/spec\/periods\/\d+\/(start|end)$/.test(pointer)
  );
}

/** A schema node and the schema document its local `#/…` references point into. */
type Located = { node: SchemaNode | undefined; doc: SchemaNode };

function resolveRef({ node, doc }: Located): Located {
  let current = node;
  let document = doc;
  for (let depth = 0; current?.$ref && depth < 10; depth++) {
    const [file, pointer] = String(current.$ref).split('#');
    if (file)
      document =
        file === opmodelSchemas.common.$id ? opmodelSchemas.common : {};
    current = pointer
      .split('/')
      .slice(1)
      .reduce<SchemaNode | undefined>((n, seg) => n?.[seg], document);
  }
  return { node: current, doc: document };
}

/** The schema node that describes a value at a JSON pointer, references followed. */
function nodeAt(schema: SchemaNode, pointer: string): Located {
  let located: Located = { node: schema, doc: schema };
  for (const seg of pointer.split('/').slice(1)) {
    const { node, doc } = resolveRef(located);
    located = {
      node: /^\d+$/.test(seg) ? node?.items : node?.properties?.[seg],
      doc,
    };
    if (!located.node) break;
  }
  return located;
}

/** Finds the hint of the schema node that describes a value at a JSON pointer. */
function hintAt(schema: SchemaNode, pointer: string): string | undefined {
  const located = nodeAt(schema, pointer);
  return located.node?.hint ?? resolveRef(located).node?.hint;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    return value.length > 40 ? `'${value.slice(0, 40)}…'` : `'${value}'`;
  }
  return String(value);
}

function valueAt(data: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .reduce<any>(
      (v, seg) => (v === null || v === undefined ? undefined : v[seg]),
      data,
    );
}

function issueFromAjv(
  schema: SchemaNode,
  data: unknown,
  error: ErrorObject,
): ValidationIssue {
  const at = error.instancePath;
  const got = isConfidential(schema, at)
    ? ''
    : ` (got ${describe(valueAt(data, at))})`;
  switch (error.keyword) {
    case 'required': {
      const field = (error.params as any).missingProperty as string;
      const pointer = `${at}/${field}`;
      return {
        path: pointerToPath(pointer),
        message: 'is required',
        fix: hintAt(schema, pointer) ?? `add ${field}`,
      };
    }
    case 'additionalProperties': {
      const field = (error.params as any).additionalProperty as string;
      const known = Object.keys(
        resolveRef(nodeAt(schema, at)).node?.properties ?? {},
      );
      return {
        path: pointerToPath(`${at}/${field}`),
        message: 'is not a known field',
        fix: `remove it or correct its spelling; known fields here: ${known.join(
          ', ',
        )}`,
      };
    }
    case 'enum': {
      const allowed = ((error.params as any).allowedValues as unknown[]).join(
        ', ',
      );
      return {
        path: pointerToPath(at),
        message: `must be one of ${allowed}${got}`,
        fix: hintAt(schema, at) ?? `write one of: ${allowed}`,
      };
    }
    case 'type':
      return {
        path: pointerToPath(at),
        message: `must be ${
          (error.params as any).type === 'object' ? 'an' : 'a'
        } ${(error.params as any).type}${got}`,
        fix: hintAt(schema, at) ?? `write a ${(error.params as any).type}`,
      };
    default:
      return {
        path: pointerToPath(at),
        message: `${error.message}${got}`,
        fix: hintAt(schema, at) ?? 'correct the value',
      };
  }
}

function isOpmodelKind(kind: unknown): kind is OpmodelKind {
  return OPMODEL_KINDS.includes(kind as OpmodelKind);
}

/** Validates one field holding an entity ref and returns its normalized form, or an issue. */
export function checkEntityRef(
  ref: string,
  path: string,
  allowed: readonly string[],
  namespace: string,
  issues: ValidationIssue[],
): string | undefined {
  try {
    const parsed = parseEntityRef(ref, {
      defaultKind: allowed[0],
      defaultNamespace: namespace,
    });
    if (!allowed.includes(parsed.kind.toLocaleLowerCase('en-US'))) {
      issues.push({
        path,
        message: `must refer to ${allowed.join(' or ')}, not ${
          parsed.kind
        } (got '${ref}')`,
        fix: `write a ref like ${allowed[0]}:${parsed.name}`,
      });
      return undefined;
    }
    return stringifyEntityRef(parsed);
  } catch (e) {
    issues.push({
      path,
      message: `is not a valid entity ref (got ${describe(ref)})`,
      fix: `write a ref like ${allowed[0]}:some-name`,
    });
    return undefined;
  }
}

function checkDate(
  value: string | undefined,
  path: string,
  issues: ValidationIssue[],
): DateTime | undefined {
  if (value === undefined) return undefined;
  const date = DateTime.fromISO(value, { zone: 'utc' });
  if (!date.isValid) {
    issues.push({
      path,
      message: `is not a real calendar date (got '${value}')`,
      fix: "write a date as YYYY-MM-DD, for example '2026-01-01'",
    });
    return undefined;
  }
  return date;
}

function checkPeriod(
  start: string | undefined,
  end: string | undefined,
  path: string,
  names: [string, string],
  issues: ValidationIssue[],
  strict: boolean,
) {
  const from = checkDate(start, childPath(path, names[0]), issues);
  const to = checkDate(end, childPath(path, names[1]), issues);
  if (from && to && (strict ? to <= from : to < from)) {
    issues.push({
      path: childPath(path, names[1]),
      message: `(${end}) is before ${strict ? 'or on ' : ''}${
        names[0]
      } (${start})`,
      fix: `write a ${names[1]} after ${start}, or correct ${names[0]}`,
    });
  }
}

function checkRoleAssignments(
  roles: RoleAssignment[] | undefined,
  namespace: string,
  issues: ValidationIssue[],
) {
  (roles ?? []).forEach((assignment, i) => {
    const path = childPath('spec.roles', i);
    checkEntityRef(
      assignment.role,
      `${path}.role`,
      REF_KINDS.role,
      namespace,
      issues,
    );
    checkEntityRef(
      assignment.holder,
      `${path}.holder`,
      REF_KINDS.holder,
      namespace,
      issues,
    );
    checkPeriod(
      assignment.since,
      assignment.until,
      path,
      ['since', 'until'],
      issues,
      false,
    );
  });
}

function checkDuplicates<T>(
  items: T[] | undefined,
  key: (item: T) => string,
  path: string,
  field: string,
  issues: ValidationIssue[],
) {
  const seen = new Map<string, number>();
  (items ?? []).forEach((item, i) => {
    const k = key(item);
    const first = seen.get(k);
    if (first !== undefined) {
      issues.push({
        path: `${childPath(path, i)}.${field}`,
        message: `repeats '${k}', already used at ${childPath(path, first)}`,
        fix: `give each entry a distinct ${field}, or merge the two`,
      });
    } else {
      seen.set(k, i);
    }
  });
}

function semanticPlatform(
  entity: PlatformEntity,
  ns: string,
  issues: ValidationIssue[],
) {
  const { spec } = entity;
  checkEntityRef(spec.owner, 'spec.owner', REF_KINDS.owner, ns, issues);
  if (spec.domain)
    checkEntityRef(spec.domain, 'spec.domain', REF_KINDS.domain, ns, issues);
  (spec.includes ?? []).forEach((ref, i) =>
    checkEntityRef(
      ref,
      childPath('spec.includes', i),
      REF_KINDS.includes,
      ns,
      issues,
    ),
  );
  checkDuplicates(
    spec.capabilities,
    c => c.id,
    'spec.capabilities',
    'id',
    issues,
  );
  (spec.capabilities ?? []).forEach((cap, i) =>
    (cap.implementedBy ?? []).forEach((ref, j) =>
      checkEntityRef(
        ref,
        childPath(`${childPath('spec.capabilities', i)}.implementedBy`, j),
        REF_KINDS.includes,
        ns,
        issues,
      ),
    ),
  );
  (spec.consumers ?? []).forEach((consumer, i) => {
    const path = childPath('spec.consumers', i);
    checkEntityRef(
      consumer.team,
      `${path}.team`,
      REF_KINDS.consumer,
      ns,
      issues,
    );
    checkPeriod(
      consumer.since,
      consumer.until,
      path,
      ['since', 'until'],
      issues,
      false,
    );
  });
  checkDuplicates(
    spec.consumers,
    c => c.team.toLocaleLowerCase('en-US'),
    'spec.consumers',
    'team',
    issues,
  );
  checkRoleAssignments(spec.roles, ns, issues);
  checkDuplicates(
    spec.support?.responseTargets,
    t => t.severity,
    'spec.support.responseTargets',
    'severity',
    issues,
  );
  (spec.collaboration ?? []).forEach((ritual, i) =>
    (ritual.participants ?? []).forEach((ref, j) =>
      checkEntityRef(
        ref,
        childPath(`${childPath('spec.collaboration', i)}.participants`, j),
        REF_KINDS.participant,
        ns,
        issues,
      ),
    ),
  );
}

function semanticOperatingRole(
  entity: OperatingRoleEntity,
  ns: string,
  issues: ValidationIssue[],
) {
  const { spec } = entity;
  checkEntityRef(spec.owner, 'spec.owner', REF_KINDS.owner, ns, issues);
  checkDuplicates(
    spec.responsibilities,
    r => r.activity,
    'spec.responsibilities',
    'activity',
    issues,
  );
}

function semanticFundingLine(
  entity: FundingLineEntity,
  ns: string,
  issues: ValidationIssue[],
) {
  const { spec } = entity;
  checkEntityRef(spec.owner, 'spec.owner', REF_KINDS.owner, ns, issues);
  spec.periods.forEach((p, i) =>
    checkPeriod(
      p.start,
      p.end,
      childPath('spec.periods', i),
      ['start', 'end'],
      issues,
      true,
    ),
  );
  const sorted = spec.periods
    .map((p, i) => ({ ...p, i }))
    .filter(
      p => DateTime.fromISO(p.start).isValid && DateTime.fromISO(p.end).isValid,
    )
    .sort((a, b) => a.start.localeCompare(b.start));
  for (let k = 1; k < sorted.length; k++) {
    if (sorted[k].start < sorted[k - 1].end) {
      issues.push({
        path: `${childPath('spec.periods', sorted[k].i)}.start`,
        message: `(${sorted[k].start}) overlaps spec.periods[${
          sorted[k - 1].i
        }], which ends ${sorted[k - 1].end}`,
        fix: `start it on or after ${
          sorted[k - 1].end
        } (periods are [start, end) and must not overlap)`,
      });
    }
  }
  spec.allocations.forEach((a, i) =>
    checkEntityRef(
      a.target,
      `${childPath('spec.allocations', i)}.target`,
      REF_KINDS.allocation,
      ns,
      issues,
    ),
  );
  checkDuplicates(
    spec.allocations,
    a => a.target.toLocaleLowerCase('en-US'),
    'spec.allocations',
    'target',
    issues,
  );
  const total = spec.allocations.reduce((sum, a) => sum + a.share, 0);
  if (total > 1 + 1e-9) {
    issues.push({
      path: 'spec.allocations',
      message: `shares add up to ${
        Math.round(total * 1000) / 10
      } %, more than 100 %`,
      fix: 'lower the shares so that they add up to at most 1',
    });
  }
  checkRoleAssignments(spec.roles, ns, issues);
  if (spec.type === 'project' && !spec.project) {
    issues.push({
      path: 'spec.project',
      message: 'is required for a project funding line',
      fix: "add project: { start: '2026-03-01', end: '2026-09-30' }, or set type: operational",
    });
  }
  if (spec.type === 'operational' && spec.project) {
    issues.push({
      path: 'spec.project',
      message: 'is only for type: project',
      fix: 'remove spec.project, or set type: project',
    });
  }
  if (spec.project) {
    checkPeriod(
      spec.project.start,
      spec.project.end,
      'spec.project',
      ['start', 'end'],
      issues,
      true,
    );
  }
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
  const kind = data.kind;
  if (!isOpmodelKind(kind)) {
    return [
      {
        path: 'kind',
        message: `is not an opmodel kind (got ${describe(kind)})`,
        fix: `write one of ${OPMODEL_KINDS.join(', ')}`,
      },
    ];
  }
  const schema = schemaFor(kind, options.form ?? 'declared');
  const validate = validatorFor(schema);
  if (!validate(data)) {
    const issues = (validate.errors ?? []).map(e =>
      issueFromAjv(schema, data, e),
    );
    const seen = new Set<string>();
    return issues.filter(i => {
      const key = `${i.path}|${i.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }
  const issues: ValidationIssue[] = [];
  const ns = (data.metadata as any)?.namespace ?? 'default';
  if (kind === KIND_PLATFORM)
    semanticPlatform(data as PlatformEntity, ns, issues);
  if (kind === KIND_OPERATING_ROLE)
    semanticOperatingRole(data as OperatingRoleEntity, ns, issues);
  if (kind === KIND_FUNDING_LINE)
    semanticFundingLine(data as FundingLineEntity, ns, issues);
  return issues;
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
