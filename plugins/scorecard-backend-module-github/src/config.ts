import type { Config } from '@backstage/config';
import {
  readDeploymentSourceConfig,
  type DeploymentSourceConfig,
} from '@opmodel/plugin-scorecard-node';

/** The collector's settings, under `opmodel.scorecard.github`. */
export type GithubCollectorConfig = DeploymentSourceConfig;

/** As `readDeploymentSourceConfig` reads them; GitHub's environment names compare without case. */
export function readGithubCollectorConfig(root: Config): GithubCollectorConfig {
  const config = readDeploymentSourceConfig(root, 'github');
  return {
    ...config,
    productionEnvironments: config.productionEnvironments.map(e =>
      e.toLocaleLowerCase('en-US'),
    ),
  };
}
