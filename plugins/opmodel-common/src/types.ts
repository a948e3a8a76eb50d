import type { Entity } from '@backstage/catalog-model';
import type { CAPABILITY_DOMAINS, INTERACTION_MODES } from './constants';

export type Lifecycle = 'experimental' | 'production' | 'deprecated';
/** A date written as YYYY-MM-DD. */
export type IsoDate = string;
/** A duration such as 15m, 4h, 2d or 1w. */
export type DurationText = string;

export type RoleAssignment = {
  role: string;
  holder: string;
  since?: IsoDate;
  until?: IsoDate;
};

export type PlatformCapability = {
  id: string;
  title: string;
  description?: string;
  domain?: (typeof CAPABILITY_DOMAINS)[number];
  selfService?: boolean;
  interfaces?: string[];
  implementedBy?: string[];
};

export type PlatformConsumer = {
  team: string;
  interaction?: (typeof INTERACTION_MODES)[number];
  since?: IsoDate;
  until?: IsoDate;
};

export type SupportChannel = {
  type: string;
  target: string;
  purpose?: string;
};

export type ResponseTarget = {
  severity: string;
  acknowledge?: DurationText;
  resolve?: DurationText;
};

export type CollaborationRitual = {
  ritual: string;
  cadence: string;
  participants?: string[];
};

/** What the scorecard grades a platform against; absent ones fall back to config. */
export type PlatformObjectives = {
  availability?: { target: number; window?: DurationText };
  deploymentFrequency?: { perDay?: number; perWeek?: number };
  changeFailureRate?: number;
  deploymentReworkRate?: number;
  leadTime?: DurationText;
  recoveryTime?: DurationText;
  timeToAcknowledge?: DurationText;
  timeToResolve?: DurationText;
  responseTargetCompliance?: number;
  adoption?: { share?: number };
  satisfaction?: { csat?: number; nps?: number; effort?: number };
  support?: {
    firstResponse?: DurationText;
    resolve?: DurationText;
    targetCompliance?: number;
    requestsPerTeam?: number;
  };
};

/** How soon a support request should be answered and resolved. */
export type RequestTargets = {
  firstResponse?: DurationText;
  resolve?: DurationText;
};

export interface PlatformEntityV1alpha1 extends Entity {
  apiVersion: 'opmodel.dev/v1alpha1';
  kind: 'Platform';
  spec: {
    type: string;
    lifecycle: Lifecycle;
    owner: string;
    domain?: string;
    valueProposition?: string;
    includes?: string[];
    capabilities?: PlatformCapability[];
    consumers?: PlatformConsumer[];
    roles?: RoleAssignment[];
    support?: {
      channels?: SupportChannel[];
      docs?: string;
      responseTargets?: ResponseTarget[];
      requestTargets?: RequestTargets;
    };
    feedback?: {
      surveyUrl?: string;
      requestsUrl?: string;
      roadmapUrl?: string;
    };
    collaboration?: CollaborationRitual[];
    objectives?: PlatformObjectives;
  };
}

export interface OperatingRoleEntityV1alpha1 extends Entity {
  apiVersion: 'opmodel.dev/v1alpha1';
  kind: 'OperatingRole';
  spec: {
    owner: string;
    category:
      | 'product'
      | 'engineering'
      | 'service-management'
      | 'reliability'
      | 'finance'
      | 'enablement';
    exclusive?: boolean;
    requiredFor?: Lifecycle[];
    responsibilities: Array<{
      activity: string;
      raci: 'R' | 'A' | 'C' | 'I';
      description?: string;
    }>;
  };
}

/**
 * A funding period as the catalog stores it: when, not how much. Its amount stays in the source
 * file, because everyone who may read the entity may read every field of it.
 */
export type FundingPeriod = {
  start: IsoDate;
  end: IsoDate;
};

/** A funding period as its source file declares it, amount included. */
export type DeclaredFundingPeriod = FundingPeriod & {
  /** In the line's currency. */
  amount: number;
};

export interface FundingLineEntityV1alpha1 extends Entity {
  apiVersion: 'opmodel.dev/v1alpha1';
  kind: 'FundingLine';
  spec: {
    type: 'operational' | 'project';
    owner: string;
    costCenter?: string;
    currency: string;
    model?: 'central' | 'showback' | 'chargeback';
    periods: FundingPeriod[];
    allocations: Array<{ target: string; share: number }>;
    expectedValue?: string;
    roles?: RoleAssignment[];
    project?: { start: IsoDate; end: IsoDate; deliverables?: string[] };
  };
}

/**
 * A FundingLine as its source file declares it, with the amount of every period. What the catalog
 * stores is a {@link FundingLineEntityV1alpha1}: the same without the amounts.
 */
export interface DeclaredFundingLineEntityV1alpha1
  extends FundingLineEntityV1alpha1 {
  spec: FundingLineEntityV1alpha1['spec'] & {
    periods: DeclaredFundingPeriod[];
  };
}

export type PlatformEntity = PlatformEntityV1alpha1;
export type OperatingRoleEntity = OperatingRoleEntityV1alpha1;
export type FundingLineEntity = FundingLineEntityV1alpha1;
export type DeclaredFundingLineEntity = DeclaredFundingLineEntityV1alpha1;
export type OpmodelEntity =
  | PlatformEntity
  | OperatingRoleEntity
  | FundingLineEntity;
