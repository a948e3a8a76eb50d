/*
 * Makes `require('@opmodel/…')` load a package's build output (dist/index.cjs.js, what its
 * published package.json points at) instead of its TypeScript source, so a bench backend runs
 * as it would in production: no transpiler loaded, no source compiled at start-up. The packages
 * are built first (`buildPackages` in bench/lib.mjs, with `packageDirs`).
 */
const Module = require('node:module');
const { existsSync, readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
// bench/compare.mjs points this at a checkout of another revision, built the same way, to run
// its packages against the same data
const buildRoot = process.env.OPMODEL_BENCH_BUILD_ROOT ?? root;

/**
 * The workspace packages the scorecard backend loads at run time: its own and those its
 * `dependencies` name, transitively (a new workspace dependency is picked up by itself).
 */
function workspacePackages(start = '@opmodel/plugin-scorecard-backend') {
  const byName = new Map();
  for (const dir of readdirSync(join(root, 'plugins'))) {
    const file = join(root, 'plugins', dir, 'package.json');
    if (existsSync(file))
      byName.set(JSON.parse(readFileSync(file, 'utf8')).name, `plugins/${dir}`);
  }
  const found = new Map();
  const visit = name => {
    if (found.has(name) || !byName.has(name)) return;
    found.set(name, byName.get(name));
    const pkg = JSON.parse(
      readFileSync(join(root, byName.get(name), 'package.json'), 'utf8'),
    );
    for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dep);
  };
  visit(start);
  return Object.fromEntries(found);
}

const dirs = workspacePackages();

/** From here on, `require('@opmodel/…')` loads the built package. */
function useBuilt() {
  const built = new Map(
    Object.entries(dirs).map(([name, dir]) => [
      name,
      join(buildRoot, dir, 'dist/index.cjs.js'),
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
