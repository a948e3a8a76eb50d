/**
 * A malformed declaration: a valid entity with one thing broken, and the field path the
 * validation error must name.
 *
 * @public
 */
export type MalformedCase = {
  id: string;
  base: 'platform' | 'role' | 'funding';
  /** Field paths (dotted, with [i] for list items) set to new values; undefined removes the field. */
  set: Record<string, unknown>;
  /** The field path the error must name. */
  expectPath: string;
};
