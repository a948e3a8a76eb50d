import type {
  AuthService,
  BackstageCredentials,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import type { PermissionRuleset } from '@backstage/plugin-permission-node';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import { scorecardEventsCreatePermission } from '@opmodel/plugin-scorecard-common';
import type {
  ScorecardEventSource,
  ScorecardEventSourceFilter,
} from './eventSourceRules';

/** `opmodel.scorecard.ingestion.sources`: per source, the principals that may write it. */
export type SourceWriters = Map<string, string[]>;

/**
 * Decides who may write events under which source, so that nobody replaces another source's
 * events by (source, id). The permission policy decides first: a denial refuses; a conditional
 * decision (the `isSource` rule) names the sources itself; an outright allow says nothing about
 * sources, and then the configured writers of a source decide (a source without configured
 * writers is open to every caller the policy allows).
 */
export class EventSourceAuthorizer {
  constructor(
    private readonly deps: {
      auth: AuthService;
      permissions: PermissionsService;
      userInfo: UserInfoService;
      /** The resource type's rules, those modules add included. */
      ruleset: PermissionRuleset<
        ScorecardEventSource,
        ScorecardEventSourceFilter,
        string
      >;
      writers: SourceWriters;
    },
  ) {}

  /**
   * The name a stored event keeps of whoever wrote it: a user's entity ref, or a service's
   * subject (a static token's `subject`, `plugin:<id>` for another plugin).
   */
  writerOf(credentials: BackstageCredentials): string {
    const { auth } = this.deps;
    if (auth.isPrincipal(credentials, 'user'))
      return credentials.principal.userEntityRef;
    if (auth.isPrincipal(credentials, 'service'))
      return credentials.principal.subject;
    return 'unknown';
  }

  /** Resolves when `credentials` may write `source`; otherwise throws 403 naming the source. */
  async authorize(
    credentials: BackstageCredentials,
    source: string,
  ): Promise<void> {
    const [decision] = await this.deps.permissions.authorizeConditional(
      [{ permission: scorecardEventsCreatePermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.DENY) {
      throw new NotAllowedError(
        `This needs the ${scorecardEventsCreatePermission.name} permission`,
      );
    }
    const resource: ScorecardEventSource = { source };
    const allowed =
      decision.result === AuthorizeResult.CONDITIONAL
        ? createConditionAuthorizer(this.deps.ruleset)(decision, resource)
        : await this.isConfiguredWriter(credentials, source);
    if (!allowed) {
      throw new NotAllowedError(
        `${this.writerOf(
          credentials,
        )} may not write events of the source '${source}'; nothing of the batch was stored. Write under a source you own, or ask an administrator to add you to the writers of '${source}' (opmodel.scorecard.ingestion.sources, or the permission policy).`,
      );
    }
  }

  private async isConfiguredWriter(
    credentials: BackstageCredentials,
    source: string,
  ): Promise<boolean> {
    const writers = this.deps.writers.get(source);
    if (!writers) return true;
    const names = [this.writerOf(credentials)];
    if (this.deps.auth.isPrincipal(credentials, 'user')) {
      // a user may write through a group they belong to
      const info = await this.deps.userInfo.getUserInfo(credentials);
      names.push(...info.ownershipEntityRefs);
    }
    return names.some(name =>
      writers.includes(name.toLocaleLowerCase('en-US')),
    );
  }
}
