import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { opmodelSchemas } from './schemas';
import { pointerToPath } from './paths';
import { describeValue, ValidationIssue } from './validationIssue';

type SchemaNode = { [key: string]: any };

/** True for a JSON pointer whose value an issue must not quote. */
export type IsConfidential = (pointer: string) => boolean;

let ajv: Ajv | undefined;
const compiled = new Map<SchemaNode, ValidateFunction>();

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
  isConfidential: IsConfidential,
): ValidationIssue {
  const at = error.instancePath;
  const got = isConfidential(at)
    ? ''
    : ` (got ${describeValue(valueAt(data, at))})`;
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

/**
 * Validates data against a JSON Schema of the opmodel kinds and returns an issue per failure,
 * each with the fix its schema node hints at, and none repeated; an empty list means the data
 * fits the schema. Values at confidential pointers are never quoted.
 */
export function validateAgainstSchema(
  schema: SchemaNode,
  data: unknown,
  isConfidential: IsConfidential,
): ValidationIssue[] {
  const validate = validatorFor(schema);
  if (validate(data)) return [];
  const issues = (validate.errors ?? []).map(e =>
    issueFromAjv(schema, data, e, isConfidential),
  );
  const seen = new Set<string>();
  return issues.filter(i => {
    const key = `${i.path}|${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
