import { createHmac } from 'node:crypto';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import webhookExamples from '@octokit/webhooks-examples';
import webhookSchemas from '@octokit/webhooks-schemas';
import type { FakeRepository } from './fakeGithub';

/** A deployment_status webhook: GitHub's example payload, made to tell of `deployment`. */
export function deploymentStatusWebhook(
  r: FakeRepository,
  deployment: { id: number; sha: string; environment: string },
  state: string,
) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(webhookSchemas as object, 'webhooks');
  const validate = ajv.compile({
    $ref: 'webhooks#/definitions/deployment_status$created',
  });
  // the first example of a successful deployment that the current schema accepts
  const example = (webhookExamples as any[])
    .find(e => e.name === 'deployment_status')
    .examples.find(
      (e: any) => e.deployment_status.state === 'success' && validate(e),
    );
  const body = JSON.parse(JSON.stringify(example));
  body.repository.name = r.repo;
  body.repository.full_name = `${r.owner}/${r.repo}`;
  body.repository.owner.login = r.owner;
  body.repository.html_url = `https://github.com/${r.owner}/${r.repo}`;
  Object.assign(body.deployment, {
    id: deployment.id,
    sha: deployment.sha,
    environment: deployment.environment,
  });
  Object.assign(body.deployment_status, {
    state,
    environment: deployment.environment,
  });
  if (!validate(body)) {
    throw new Error(
      `the webhook body does not match @octokit/webhooks-schemas: ${ajv.errorsText(
        validate.errors,
      )}`,
    );
  }
  return JSON.stringify(body);
}

/** The `X-Hub-Signature-256` header GitHub sends with `body`, signed with `secret`. */
export const sign = (body: string, secret: string) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
