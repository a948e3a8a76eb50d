/**
 * A Component of a test catalog: `type` defaults to `service`, `owner` to `group:shop-team`;
 * every one is in `production`.
 *
 * @public
 */
export type CollectorTestComponent = {
  name: string;
  annotations?: Record<string, string>;
  type?: string;
  owner?: string;
};

/**
 * The text of a `catalog-info.yaml` holding the Components, one document each, for the `catalog`
 * of `startCollectorTestBackend`.
 *
 * @public
 */
export function componentCatalog(...components: CollectorTestComponent[]) {
  return components
    .map(c =>
      // JSON is YAML: annotations hold quotes and braces (PromQL) as they are
      JSON.stringify({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: c.name,
          ...(c.annotations ? { annotations: c.annotations } : {}),
        },
        spec: {
          type: c.type ?? 'service',
          lifecycle: 'production',
          owner: c.owner ?? 'group:shop-team',
        },
      }),
    )
    .join('\n---\n');
}
