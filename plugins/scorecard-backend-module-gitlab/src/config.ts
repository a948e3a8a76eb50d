import type { Config } from '@backstage/config';
import {
  readDeploymentSourceConfig,
  type DeploymentSourceConfig,
} from '@opmodel/plugin-scorecard-node';

/**
 * The collector's settings, under `opmodel.scorecard.gitlab`; environment names are GitLab's,
 * compared exactly.
 */
export type GitlabCollectorConfig = DeploymentSourceConfig;

export function readGitlabCollectorConfig(root: Config): GitlabCollectorConfig {
  return readDeploymentSourceConfig(root, 'gitlab');
}
