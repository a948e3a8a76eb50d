import { childPath } from '../paths';
import type { PlatformEntity } from '../types';
import { checkPlatformFunded } from './funding';
import { checkPlatformRoles } from './platformRoles';
import { checkAssignments } from './roleAssignments';
import { entityRefOf, normalize, refFrom } from './refs';
import type { ModelContext, ModelFinding } from './types';

/**
 * Finds what a platform run as a product lacks: a support channel, a feedback ritual that hears
 * its consumers, consumers at all in production, and a value proposition.
 */
function checkProductPractice(
  platform: PlatformEntity,
  findings: ModelFinding[],
) {
  const ns = platform.metadata.namespace ?? 'default';
  const entityRef = entityRefOf(platform);
  const { spec } = platform;
  if (!spec.support?.channels?.length) {
    findings.push({
      check: 'platform.no-support-channel',
      severity: 'warning',
      entityRef,
      path: 'spec.support.channels',
      message:
        'names no support channel, so consumers cannot tell where to ask for help',
      fix: "add spec.support.channels: [{ type: slack, target: '#<channel>', purpose: support }]",
    });
  }
  const consumers = new Set(
    (spec.consumers ?? []).map(c => normalize(c.team, 'group', ns)),
  );
  const feedbackRituals = (spec.collaboration ?? [])
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => r.ritual === 'consumer-feedback');
  const hearsConsumers = feedbackRituals.some(
    ({ r }) =>
      consumers.size === 0 ||
      (r.participants ?? []).some(p =>
        consumers.has(normalize(p, 'group', ns)),
      ),
  );
  if (!hearsConsumers) {
    // a ritual that only lacks a consumer team needs the team, not a second ritual
    const ritual = feedbackRituals[0];
    findings.push({
      check: 'platform.no-feedback-ritual',
      severity: 'warning',
      entityRef,
      path: ritual
        ? childPath('spec.collaboration', ritual.i)
        : 'spec.collaboration',
      message:
        'has no recurring consumer-feedback ritual with its consumer teams',
      fix: ritual
        ? `add a consumer team such as ${refFrom(
            [...consumers][0],
            ns,
          )} to ${childPath('spec.collaboration', ritual.i)}.participants`
        : 'add - { ritual: consumer-feedback, cadence: monthly, participants: [operatingrole:platform-product-owner, group:<consumer>] } to spec.collaboration',
    });
  }
  if (spec.lifecycle === 'production' && consumers.size === 0) {
    findings.push({
      check: 'platform.no-consumers',
      severity: 'warning',
      entityRef,
      path: 'spec.consumers',
      message: 'a production platform names no consumer teams',
      fix: 'add - { team: group:<team>, interaction: x-as-a-service } to spec.consumers',
    });
  }
  if (!spec.valueProposition) {
    findings.push({
      check: 'platform.no-value-proposition',
      severity: 'warning',
      entityRef,
      path: 'spec.valueProposition',
      message: 'does not say what a consumer gains from the platform',
      fix: 'add spec.valueProposition: one sentence, for example "Ship a new service to production on day one."',
    });
  }
}

/** Findings for one Platform, given what else is known of the model. */
export function checkPlatform(
  platform: PlatformEntity,
  ctx: ModelContext = {},
): ModelFinding[] {
  const now = ctx.now ?? new Date();
  const findings: ModelFinding[] = [];
  checkPlatformRoles(platform, ctx.roles, now, findings);
  checkAssignments(platform, platform.spec.roles, now, findings);
  if (ctx.fundingLines && platform.spec.lifecycle === 'production') {
    checkPlatformFunded(platform, ctx.fundingLines, now, findings);
  }
  checkProductPractice(platform, findings);
  return findings;
}
