/** One reason a declaration is invalid: the field, what is wrong, and what to write instead. */
export interface ValidationIssue {
  /** Dotted field path, for example `spec.roles[1].until`. */
  path: string;
  message: string;
  fix: string;
}

/** A value as an issue quotes it: short enough to read, and never a whole object. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    return value.length > 40 ? `'${value.slice(0, 40)}…'` : `'${value}'`;
  }
  return String(value);
}
