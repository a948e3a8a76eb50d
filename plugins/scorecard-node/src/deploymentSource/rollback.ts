/**
 * How a deployed commit relates to the commit running before it, as a version control system's
 * compare of `running...deployed` counts it: commits the deployed one has that the running one
 * has not (`aheadBy`), and the other way round (`behindBy`).
 *
 * @public
 */
export type DeploymentCommitOrder = {
  aheadBy: number;
  behindBy: number;
};

/**
 * For collector modules: whether a deployment is a rollback, by commit order. A deployment of a
 * commit older than the one running (an ancestor of it: behind, and not ahead) is a rollback. A
 * redeploy of the running commit is not, and neither is a commit on another line (ahead and
 * behind: a deployment from a branch or after a force-push).
 *
 * @public
 */
export function isRollbackByCommitOrder(order: DeploymentCommitOrder): boolean {
  return order.aheadBy === 0 && order.behindBy > 0;
}
