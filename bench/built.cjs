/*
 * Makes `require('@opmodel/…')` load a package's build output (dist/index.cjs.js, what its
 * published package.json points at) instead of its TypeScript source, so a bench backend runs
 * as it would in production: no transpiler loaded, no source compiled at start-up. The packages
 * are built first (`buildPackages` in bench/lib.mjs, with `packageDirs`).
 */
const Module = require('node:module');
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const dirs = {
  '@opmodel/plugin-opmodel-common': 'plugins/opmodel-common',
  '@opmodel/plugin-scorecard-common': 'plugins/scorecard-common',
  '@opmodel/plugin-scorecard-node': 'plugins/scorecard-node',
  '@opmodel/plugin-scorecard-backend': 'plugins/scorecard-backend',
};

/** From here on, `require('@opmodel/…')` loads the built package. */
function useBuilt() {
  const built = new Map(
    Object.entries(dirs).map(([name, dir]) => [
      name,
      join(root, dir, 'dist/index.cjs.js'),
    ]),
  );
  for (const [name, file] of built) {
    if (!existsSync(file))
      throw new Error(
        `${name} is not built (${file}); see buildPackages in bench/lib.mjs`,
      );
  }
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function resolveBuilt(request, ...rest) {
    return built.get(request) ?? resolve.call(this, request, ...rest);
  };
}

module.exports = { packageDirs: Object.values(dirs), useBuilt };
