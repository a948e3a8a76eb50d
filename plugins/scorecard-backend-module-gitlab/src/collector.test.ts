import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { projectOf } from './collector';
import { nextPageUrl, rateLimitWaitMs } from './GitlabApi';

const integrations = ScmIntegrations.fromConfig(
  new ConfigReader({
    integrations: {
      gitlab: [
        { host: 'gitlab.com', token: 't' },
        {
          host: 'git.acme.test',
          apiBaseUrl: 'https://git.acme.test/api/v4',
          token: 'u',
        },
      ],
    },
  }),
);
const entity = (annotations: Record<string, string>) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'shop', annotations },
});

describe('projectOf', () => {
  it('reads a nested project path, or a project id, on gitlab.com', () => {
    expect(
      projectOf(
        entity({ 'gitlab.com/project-slug': 'acme/platform/shop' }),
        integrations,
      ),
    ).toEqual({ host: 'gitlab.com', project: 'acme/platform/shop' });
    expect(
      projectOf(entity({ 'gitlab.com/project-id': '42' }), integrations),
    ).toEqual({ host: 'gitlab.com', project: '42' });
  });

  it('takes the host of the source location when it is a configured GitLab host', () => {
    expect(
      projectOf(
        entity({
          'gitlab.com/project-slug': 'acme/shop',
          'backstage.io/source-location':
            'url:https://git.acme.test/acme/shop/-/tree/main/',
        }),
        integrations,
      ),
    ).toEqual({ host: 'git.acme.test', project: 'acme/shop' });
    expect(
      projectOf(
        entity({
          'gitlab.com/project-slug': 'acme/shop',
          'backstage.io/source-location':
            'url:https://github.com/acme/shop/tree/main/',
        }),
        integrations,
      ),
    ).toEqual({ host: 'gitlab.com', project: 'acme/shop' });
  });

  it('says in words what is wrong with an annotation', () => {
    expect(
      projectOf(entity({ 'gitlab.com/project-slug': 'shop' }), integrations),
    ).toEqual({
      error:
        "annotation gitlab.com/project-slug 'shop' is not a project path such as group/project",
    });
    expect(
      projectOf(entity({ 'gitlab.com/project-id': 'shop' }), integrations),
    ).toEqual({
      error: "annotation gitlab.com/project-id 'shop' is not a project id",
    });
  });
});

describe('GitLab answers', () => {
  const now = Date.parse('2026-11-20T10:00:00Z');
  it('wait for a 429 as Retry-After, else RateLimit-Reset, else a minute says', () => {
    expect(rateLimitWaitMs(new Headers({ 'retry-after': '30' }), now)).toBe(
      30_000,
    );
    expect(
      rateLimitWaitMs(
        new Headers({ 'ratelimit-reset': String(now / 1000 + 90) }),
        now,
      ),
    ).toBe(90_000);
    expect(rateLimitWaitMs(new Headers(), now)).toBe(60_000);
  });

  it('page on with the Link header when X-Next-Page is absent', () => {
    expect(
      nextPageUrl(
        '<https://gitlab.com/api/v4/projects/7/deployments?page=3>; rel="next", <https://gitlab.com/api/v4/projects/7/deployments?page=1>; rel="first"',
      ),
    ).toBe('https://gitlab.com/api/v4/projects/7/deployments?page=3');
    expect(nextPageUrl(null)).toBeUndefined();
  });
});
