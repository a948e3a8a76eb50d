import type { Entity } from '@backstage/catalog-model';

/** Backstage's annotation naming where an entity's source lives (`url:https://host/...`). */
const SOURCE_LOCATION_ANNOTATION = 'backstage.io/source-location';

/**
 * The host an entity's repository or project is on: the host of its
 * `backstage.io/source-location` when that is one of the configured hosts of the source, else
 * the source's public host (github.com, gitlab.com). A slug annotation names the repository, not
 * its host, so the source location tells an Enterprise or self-managed host apart.
 *
 * @public
 */
export function sourceLocationHost(
  entity: Entity,
  options: { defaultHost: string; isConfigured: (host: string) => boolean },
): string {
  const location = entity.metadata.annotations?.[
    SOURCE_LOCATION_ANNOTATION
  ]?.replace(/^url:/, '');
  if (!location) return options.defaultHost;
  try {
    const host = new URL(location).host;
    return host && host !== options.defaultHost && options.isConfigured(host)
      ? host
      : options.defaultHost;
  } catch {
    // not a URL: the repository is on the public host
    return options.defaultHost;
  }
}
