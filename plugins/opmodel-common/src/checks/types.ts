import type { Entity } from '@backstage/catalog-model';
import type { OperatingRoleEntity } from '../types';

/** A fault in the operating model that no schema can see. */
export interface ModelFinding {
  /** Stable id of the check, for example `platform.required-role-missing`. */
  check: string;
  severity: 'error' | 'warning';
  /** The entity the finding is about. */
  entityRef: string;
  /** The field to change. */
  path: string;
  message: string;
  /** What to write instead. */
  fix: string;
}

/** The rest of the model a check may look at; unknown parts are skipped, never guessed. */
export interface ModelContext {
  /** Every OperatingRole definition known; when absent, the roles MODEL.md requires are assumed. */
  roles?: OperatingRoleEntity[];
  /** Every FundingLine known; when absent, funding is not checked. */
  fundingLines?: Entity[];
  now?: Date;
}
