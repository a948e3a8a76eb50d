// verify-install: creates fresh Backstage apps with @backstage/create-app (one on the new frontend
// system, one on the classic), installs the packed @opmodel tarballs into each by applying the
// steps of README.md (and, for the classic system, docs/frontend.md) as they are written, starts
// each app on PostgreSQL and checks it in headless Chromium. Called by scripts/verify-install,
// which has packed the plugins into dist-packs/ and makes sure Chromium and PostgreSQL are there.
//
// Prints `ok: …` / `FAILED: …` per check, how long each phase took, and a final
// `verify-install: N passed, N failed`; exits non-zero on any failure.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  addImports,
  addYaml,
  docs,
  firstGridEnd,
  indentLike,
  insertBefore,
  selfClosing,
  splitImports,
} from './snippets.mjs';
import { browserChecks } from './checks.mjs';

/** The create-app release of the Backstage version in backstage.json (1.55.0). */
export const CREATE_APP_VERSION = '0.9.2';

/**
 * This machine's workaround, not an adopter step (see /work/shared/MACHINE-NOTES.md): the npm
 * mirror here lacks some platform packages of the newest releases of these, and @yarnpkg/core
 * 4.9.2 was published broken. The repository's own package.json pins the same.
 */
const MACHINE_RESOLUTIONS = {
  '@swc/core': '1.16.18',
  rollup: '4.67.4',
  'unrs-resolver': '1.12.2',
  '@yarnpkg/core': '4.9.1',
};

const APPS = {
  nfs: {
    title: 'new frontend system',
    legacy: false,
    backendPort: 7107,
    appPort: 3100,
    dbPrefix: 'opmodel_verify_nfs_',
  },
  classic: {
    title: 'classic frontend system',
    legacy: true,
    backendPort: 7207,
    appPort: 3200,
    dbPrefix: 'opmodel_verify_classic_',
  },
};

const ROOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
const WORK = path.resolve(
  process.env.OPMODEL_VERIFY_DIR ??
    path.join(os.tmpdir(), 'opmodel-verify-install'),
);
const PACKS = path.resolve(
  process.env.OPMODEL_VERIFY_PACKS ?? path.join(ROOT, 'dist-packs'),
);
const ARTIFACTS = path.resolve(
  process.env.OPMODEL_VERIFY_ARTIFACTS ??
    path.join(ROOT, 'artifacts', 'verify-install'),
);
// for working on the checks: keep an app that was created and installed before
const REUSE = process.env.OPMODEL_VERIFY_REUSE === '1';
// for working on the steps: an installed app, its sources reset with its own git, steps again
const RESUME = process.env.OPMODEL_VERIFY_RESUME === '1';
const selected = (process.env.OPMODEL_VERIFY_APPS ?? 'nfs classic')
  .split(/[\s,]+/)
  .filter(Boolean);

if (WORK === ROOT || WORK.startsWith(ROOT + path.sep))
  throw new Error(
    `the apps must be created outside the repository (got ${WORK})`,
  );

// --- results, phases, processes ------------------------------------------------------------

let passed = 0;
let failed = 0;
const timings = [];
function ok(name) {
  passed++;
  console.log(`ok: ${name}`);
}
function fail(name, error) {
  failed++;
  console.log(
    `FAILED: ${name}\n  ${String(error?.stack ?? error?.message ?? error)
      .split('\n')
      .slice(0, 12)
      .join('\n  ')}`,
  );
}
async function phase(name, fn) {
  const t0 = Date.now();
  console.log(`==> ${name}`);
  try {
    return await fn();
  } finally {
    const s = Math.round((Date.now() - t0) / 1000);
    timings.push([name, s]);
    console.log(`    (${name}: ${s} s)`);
  }
}

const servers = new Set();
const pidFile = path.join(WORK, 'servers.pids');
function rememberServers() {
  fs.writeFileSync(pidFile, [...servers].map(s => s.pid).join('\n'));
}
function stopServers() {
  for (const s of servers) {
    try {
      process.kill(-s.pid, 'SIGTERM');
    } catch {
      /* gone */
    }
  }
}
async function stopServersAndWait() {
  stopServers();
  await Promise.all(
    [...servers].map(
      s =>
        new Promise(resolve => {
          const done = () => {
            clearTimeout(timer);
            resolve();
          };
          // the whole group gets SIGKILL if it has not gone 20 s after SIGTERM
          const timer = setTimeout(() => {
            try {
              process.kill(-s.pid, 'SIGKILL');
            } catch {
              /* gone */
            }
            resolve();
          }, 20_000);
          if (s.exitCode !== null || s.signalCode !== null) done();
          else s.once('exit', done);
        }),
    ),
  );
  servers.clear();
  rememberServers();
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    stopServers();
    process.exit(130);
  });
}
process.on('exit', stopServers);

function tail(file, n = 40) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-n).join('\n');
  } catch {
    return '';
  }
}

/** Runs a command to its end; its output goes to `log`. Rejects with the log's tail. */
function run(cmd, args, { cwd, env, log }) {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(log, 'a');
    fs.writeSync(out, `\n$ ${cmd} ${args.join(' ')}   (in ${cwd})\n`);
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', out, out] });
    child.on('error', reject);
    child.on('exit', code => {
      fs.closeSync(out);
      if (code === 0) resolve();
      else
        reject(
          new Error(
            `${cmd} ${args.join(' ')} exited with ${code}; ${log}:\n${tail(
              log,
            )}`,
          ),
        );
    });
  });
}

/** Starts a long-running server in its own process group, so that it can be stopped whole. */
function start(cmd, args, { cwd, env, log }) {
  const out = fs.openSync(log, 'w');
  const child = spawn(cmd, args, {
    cwd,
    env,
    stdio: ['ignore', out, out],
    detached: true,
  });
  fs.closeSync(out);
  servers.add(child);
  rememberServers();
  return child;
}

/** Waits for a condition, asking every `every` ms, at most `timeout` ms; never a fixed sleep. */
async function until(what, probe, { timeout, every = 1000, alive }) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (alive && alive.exitCode !== null)
      throw new Error(
        `${what}: the process exited (${alive.exitCode}) while waiting`,
      );
    if (Date.now() > deadline)
      throw new Error(
        `${what}: not after ${Math.round(timeout / 1000)} s${
          last ? ` (last: ${last.message ?? last})` : ''
        }`,
      );
    await new Promise(r => setTimeout(r, every));
  }
}

// --- the steps -----------------------------------------------------------------------------

const doc = docs([
  path.join(ROOT, 'README.md'),
  path.join(ROOT, 'docs', 'frontend.md'),
]);

function writeYarnShim(binDir) {
  // create-app refuses to run without `yarn` on PATH; corepack cannot fetch Yarn here. The shim
  // runs the Yarn release the app ships (.yarn/releases), like corepack would.
  fs.mkdirSync(binDir, { recursive: true });
  fs.writeFileSync(
    path.join(binDir, 'yarn'),
    `#!/usr/bin/env bash
# runs the nearest .yarn/releases/*.cjs (the app's own Yarn); before an app exists, the repository's
d="$PWD"
while [ "$d" != / ]; do
  for r in "$d"/.yarn/releases/*.cjs; do [ -f "$r" ] && exec "${
    process.execPath
  }" "$r" "$@"; done
  d="$(dirname "$d")"
done
exec "${process.execPath}" "${path.join(
      ROOT,
      '.yarn/releases/yarn-4.13.0.cjs',
    )}" "$@"
`,
    { mode: 0o755 },
  );
}

function baseEnv(binDir) {
  const env = {
    ...process.env,
    PATH: `${binDir}:${path.dirname(process.execPath)}:${process.env.PATH}`,
    // a fresh app has no lockfile yet; Yarn makes installs immutable when it sees CI=true
    YARN_ENABLE_IMMUTABLE_INSTALLS: 'false',
    YARN_ENABLE_PROGRESS_BARS: 'false',
    YARN_ENABLE_TELEMETRY: 'false',
    // better-sqlite3 compiles from source: node-gyp uses this Node's headers
    npm_config_nodedir: path.dirname(path.dirname(process.execPath)),
  };
  delete env.INIT_CWD;
  delete env.npm_config_user_agent;
  return env;
}

function edit(file, fn) {
  const before = fs.readFileSync(file, 'utf8');
  const after = fn(before);
  if (after === before) throw new Error(`${file}: the step changed nothing`);
  fs.writeFileSync(file, after);
}

/** `sh` blocks run as written, with bash, in the app's root directory. */
async function shellBlock(id, app, env, extraEnv = {}) {
  const b = doc.need(id);
  if (b.lang !== 'sh' && b.lang !== 'bash')
    throw new Error(`${b.file}:${b.line}: "${id}" is not a sh block`);
  const log = path.join(app.logs, `${id}.log`);
  await run('bash', ['-euo', 'pipefail', '-c', b.code], {
    cwd: app.dir,
    env: { ...env, ...extraEnv },
    log,
  });
  return fs.readFileSync(log, 'utf8');
}

async function createApp(app, env) {
  await run(
    'npx',
    [
      '--yes',
      `@backstage/create-app@${CREATE_APP_VERSION}`,
      '--path',
      app.dir,
      '--skip-install',
      ...(app.legacy ? ['--legacy'] : []),
    ],
    {
      cwd: WORK,
      env: { ...env, BACKSTAGE_APP_NAME: `opmodel-verify-${app.name}` },
      log: path.join(app.logs, 'create-app.log'),
    },
  );
}

/**
 * The README's package steps: `npm run pack` (done by scripts/verify-install), `dist-packs/`
 * copied into the app's root, the resolutions added to its root package.json, and the `yarn add`
 * lines (the first is create-app's own fix; the first of them installs the whole app).
 */
async function applyPackageSteps(app, env) {
  const section = doc.section('## Install into an existing Backstage app');
  for (const words of ['npm run pack', '`dist-packs/`', 'resolutions'])
    if (!section.includes(words))
      throw new Error(
        `README.md's install section no longer says ${words}: the check copies dist-packs/ into the app as it did`,
      );
  fs.cpSync(PACKS, path.join(app.dir, 'dist-packs'), { recursive: true });

  const resolutions = JSON.parse(doc.need('resolutions').code).resolutions;
  if (!resolutions)
    throw new Error('the resolutions block has no "resolutions"');
  for (const [name, spec] of Object.entries(resolutions)) {
    const file = /^file:(.*)$/.exec(spec)?.[1];
    if (!file || !fs.existsSync(path.join(app.dir, file)))
      throw new Error(
        `the README's resolution ${name} → ${spec} is not a tarball npm run pack made (${fs
          .readdirSync(PACKS)
          .join(', ')})`,
      );
  }
  const pkgFile = path.join(app.dir, 'package.json');
  const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
  pkg.resolutions = {
    ...pkg.resolutions,
    ...MACHINE_RESOLUTIONS,
    ...resolutions,
  };
  fs.writeFileSync(pkgFile, `${JSON.stringify(pkg, null, 2)}\n`);

  await phase(
    `${app.name}: README yarn add lines (the app's first install)`,
    () => shellBlock('install', app, env),
  );
}

function applyBackendSteps(app) {
  const lines = doc
    .need('backend-index')
    .code.split('\n')
    .filter(l => /^\s*backend\.add\(/.test(l));
  if (lines.length === 0)
    throw new Error('the backend-index block adds nothing');
  edit(path.join(app.dir, 'packages/backend/src/index.ts'), src =>
    insertBefore(
      src,
      /^backend\.start\(\);/m,
      `${lines.filter(l => !src.includes(l.trim())).join('\n')}\n`,
      'packages/backend/src/index.ts',
    ),
  );
  addYaml(path.join(app.dir, 'app-config.yaml'), doc.need('app-config').code);
}

function applyNewFrontendSystem(app) {
  const { imports, rest } = splitImports(doc.need('nfs-app').code);
  const wanted = /features:\s*\[([^\]]*)\]/.exec(rest)?.[1];
  if (!wanted) throw new Error('the nfs-app block has no features: [...]');
  const names = wanted
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split(',')
    .map(s => s.trim())
    .filter(s => /^\w+$/.test(s));
  edit(path.join(app.dir, 'packages/app/src/App.tsx'), src => {
    let out = addImports(src, imports);
    const m = /features:\s*\[([^\]]*)\]/.exec(out);
    if (!m) throw new Error('packages/app/src/App.tsx has no features: [...]');
    const have = m[1]
      .split(',')
      .map(s => s.trim())
      .filter(Boolean);
    const all = [...have, ...names.filter(n => !have.includes(n))];
    return out.replace(m[0], `features: [${all.join(', ')}]`);
  });
  addYaml(path.join(app.dir, 'app-config.yaml'), doc.need('nfs-graph').code);
}

function applyClassicFrontendSystem(app) {
  const entityPage = path.join(
    app.dir,
    'packages/app/src/components/catalog/EntityPage.tsx',
  );

  // the imports and definitions, above `const overviewContent`
  const defs = doc.need('classic-entity-page');
  const anchor = /^\/\/ .*above `(const \w+)`/m.exec(defs.code)?.[1];
  if (!anchor)
    throw new Error(
      `${defs.file}:${defs.line}: the block no longer says where it goes ("above \`const …\`")`,
    );
  const { imports, rest } = splitImports(defs.code);
  const body = rest
    .split('\n')
    .filter(l => !/^\/\/ packages\/app\//.test(l))
    .join('\n')
    .trim();
  edit(entityPage, src =>
    insertBefore(
      addImports(src, imports),
      `${anchor} =`,
      `${body}\n\n`,
      'EntityPage.tsx',
    ),
  );

  // the graph card with the opmodel relations, in place of the template's
  const graph = doc.need('classic-graph-card');
  const replaced = /in place of each (<EntityCatalogGraphCard[^>]*\/>)/.exec(
    graph.code,
  )?.[1];
  const by = graph.code
    .split('\n')
    .find(l => /^\s*\{\w+\}\s*;?\s*$/.test(l))
    ?.trim()
    .replace(/;$/, '');
  if (!replaced || !by)
    throw new Error(`${graph.file}:${graph.line}: cannot read the graph step`);
  edit(entityPage, src => {
    if (!src.includes(replaced))
      throw new Error(`EntityPage.tsx has no ${replaced}`);
    return src.split(replaced).join(by);
  });

  // the cards, at the end of the Overview grid of the pages named
  const cards = doc.need('classic-entity-page-cards');
  const where = /at the end of the Overview grid of (.+)$/m.exec(
    cards.code,
  )?.[1];
  const element = cards.code
    .split('\n')
    .find(l => /^\s*\{\w+\}\s*;?\s*$/.test(l))
    ?.trim()
    .replace(/;$/, '');
  if (!where || !element)
    throw new Error(`${cards.file}:${cards.line}: cannot read the cards step`);
  const pages = where
    .replace(/[`.]/g, '')
    .split(/,|\band\b/)
    .map(s => s.trim())
    .filter(Boolean);
  for (const page of pages) {
    edit(entityPage, src => {
      const end = firstGridEnd(src, `const ${page} =`, 'EntityPage.tsx');
      const lineStart = src.lastIndexOf('\n', end) + 1;
      const indent = /^\s*/.exec(src.slice(lineStart))[0];
      return `${src.slice(0, lineStart)}${indent}  ${element}\n${src.slice(
        lineStart,
      )}`;
    });
  }

  // the entity page cases, first in `entityPage`
  const casesBlock = splitImports(doc.need('classic-entity-cases').code);
  const cases = selfClosing(casesBlock.rest, 'EntitySwitch.Case');
  if (cases.length !== 3)
    throw new Error('the classic-entity-cases block has not 3 cases');
  edit(entityPage, src => {
    src = addImports(src, casesBlock.imports);
    const at = src.indexOf('export const entityPage = (');
    const open = src.indexOf('<EntitySwitch>', at);
    if (at < 0 || open < 0)
      throw new Error('EntityPage.tsx has no entityPage <EntitySwitch>');
    const after = open + '<EntitySwitch>'.length;
    return `${src.slice(0, after)}\n${indentLike(
      src,
      open,
      `  ${cases.join('\n  ')}`,
    )}${src.slice(after)}`;
  });

  // the portfolio route in App.tsx, and its item in the sidebar
  const route = doc.need('classic-app-route');
  const routeParts = splitImports(route.code);
  const routeLine = selfClosing(routeParts.rest, 'Route')[0];
  if (!routeLine)
    throw new Error(`${route.file}:${route.line}: no <Route .../>`);
  edit(path.join(app.dir, 'packages/app/src/App.tsx'), src => {
    const out = addImports(src, routeParts.imports);
    const close = out.indexOf('</FlatRoutes>');
    if (close < 0) throw new Error('App.tsx has no </FlatRoutes>');
    return insertBefore(
      out,
      '</FlatRoutes>',
      indentLike(out, close, `  ${routeLine}`),
      'App.tsx',
    );
  });

  const sidebar = doc.need('classic-sidebar');
  const sidebarParts = splitImports(sidebar.code);
  const item = selfClosing(sidebarParts.rest, 'SidebarItem')[0];
  if (!item)
    throw new Error(`${sidebar.file}:${sidebar.line}: no <SidebarItem .../>`);
  edit(path.join(app.dir, 'packages/app/src/components/Root/Root.tsx'), src => {
    const out = addImports(src, sidebarParts.imports);
    const items = [...out.matchAll(/^([ \t]*)<SidebarItem [^\n]*\/>[ \t]*$/gm)];
    if (items.length === 0)
      throw new Error('Root.tsx has no one-line <SidebarItem />');
    const last = items[items.length - 1];
    const at = last.index + last[0].length;
    return `${out.slice(0, at)}\n${last[1]}${item}${out.slice(at)}`;
  });
}

/** Declare a platform: the README's catalog file, registered as its location snippet says. */
function applyPlatform(app) {
  const register = doc.need('register-location');
  const target = YAML_TARGET(register.code);
  const file = path.resolve(app.dir, 'packages/backend', target);
  if (!file.startsWith(app.dir + path.sep))
    throw new Error(`the location ${target} is outside the app`);
  fs.writeFileSync(file, `${doc.need('platform-yaml').code}\n`);
  addYaml(path.join(app.dir, 'app-config.yaml'), register.code);
}
function YAML_TARGET(code) {
  const t = /target:\s*(\S+)/.exec(code)?.[1];
  if (!t) throw new Error('the register-location block has no target');
  return t.replace(/^['"]|['"]$/g, '');
}

/** Test-only settings: ports, PostgreSQL. Not an adopter step; the last config file given. */
function writeOverlay(app) {
  const file = path.join(app.dir, 'app-config.verify-install.yaml');
  fs.writeFileSync(
    file,
    `# verify-install's own settings (not an install step): ports that leave 3000/7007 to the
# repository's e2e and to developers, and PostgreSQL with a database prefix of this app's own
app:
  baseUrl: http://localhost:${app.appPort}
backend:
  baseUrl: http://localhost:${app.backendPort}
  listen:
    port: ${app.backendPort}
  cors:
    origin: http://localhost:${app.appPort}
  database:
    client: pg
    prefix: ${app.dbPrefix}
    connection:
      host: 127.0.0.1
      port: 5432
      user: postgres
`,
  );
  return file;
}

async function resetDatabases(app) {
  const require = createRequire(
    path.join(app.dir, 'packages/backend/package.json'),
  );
  const { Client } = require('pg');
  const client = new Client({
    host: '127.0.0.1',
    port: 5432,
    user: 'postgres',
    database: 'postgres',
  });
  await client.connect();
  try {
    const { rows } = await client.query(
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [`${app.dbPrefix}%`],
    );
    for (const { datname } of rows)
      await client.query(
        `DROP DATABASE "${datname.replace(/"/g, '""')}" WITH (FORCE)`,
      );
    return rows.length;
  } finally {
    await client.end();
  }
}

async function startApp(app, env) {
  const configs = ['app-config.yaml', 'app-config.verify-install.yaml'].flatMap(
    f => ['--config', path.join(app.dir, f)],
  );
  const backendUrl = `http://localhost:${app.backendPort}`;
  const appUrl = `http://localhost:${app.appPort}`;
  for (const port of [app.backendPort, app.appPort]) {
    const taken = await fetch(`http://localhost:${port}/`).then(
      () => true,
      () => false,
    );
    if (taken)
      throw new Error(`port ${port} is taken; stop whatever runs there first`);
  }
  const backend = start('yarn', ['workspace', 'backend', 'start', ...configs], {
    cwd: app.dir,
    env,
    log: path.join(app.logs, 'backend.log'),
  });
  const frontend = start('yarn', ['workspace', 'app', 'start', ...configs], {
    cwd: app.dir,
    env: { ...env, BROWSER: 'none' },
    log: path.join(app.logs, 'frontend.log'),
  });
  try {
    await phase(`${app.name}: backend ready`, () =>
      until(
        'the backend answers its readiness check',
        async () =>
          (
            await fetch(`${backendUrl}/.backstage/health/v1/readiness`)
          ).ok,
        { timeout: 600_000, alive: backend },
      ),
    );
    await phase(`${app.name}: frontend dev server compiled`, () =>
      until(
        'the frontend dev server serves the app',
        async () => {
          const res = await fetch(appUrl);
          return res.ok && /<div id="root">|<script/.test(await res.text());
        },
        { timeout: 900_000, every: 2000, alive: frontend },
      ),
    );
  } catch (e) {
    throw new Error(
      `${e.message}\n--- backend.log\n${tail(
        path.join(app.logs, 'backend.log'),
        30,
      )}\n--- frontend.log\n${tail(path.join(app.logs, 'frontend.log'), 15)}`,
    );
  }
  return { backendUrl, appUrl, backend, frontend };
}

async function verifyApp(name, binDir) {
  const app = {
    name,
    ...APPS[name],
    dir: path.join(WORK, name),
    logs: path.join(ARTIFACTS, name),
  };
  fs.rmSync(app.logs, { recursive: true, force: true });
  fs.mkdirSync(app.logs, { recursive: true });
  const env = baseEnv(binDir);
  const token = `verify-install-${crypto.randomBytes(12).toString('hex')}`;
  const installed = path.join(app.dir, '.verify-install-done');
  const step = async (what, fn) => {
    try {
      await fn();
      ok(`${name}: ${what}`);
      return true;
    } catch (e) {
      fail(`${name}: ${what}`, e);
      return false;
    }
  };

  console.log(
    `\n### ${name}: a fresh app on the ${app.title}, installed from the docs`,
  );
  const applySourceSteps = () => {
    applyBackendSteps(app);
    if (app.legacy) applyClassicFrontendSystem(app);
    else applyNewFrontendSystem(app);
    applyPlatform(app);
  };
  const typeCheck = async () => {
    const typed = await step(
      'the app type-checks with the snippets in it (yarn tsc)',
      () =>
        phase(`${name}: tsc`, () =>
          run('yarn', ['tsc'], {
            cwd: app.dir,
            env,
            log: path.join(app.logs, 'tsc.log'),
          }),
        ),
    );
    if (typed) fs.writeFileSync(installed, new Date().toISOString());
  };
  if (RESUME && fs.existsSync(path.join(app.dir, 'node_modules'))) {
    // working on the steps: the installed app's sources as create-app wrote them, steps again
    await step(
      'the README steps apply again to the installed app',
      async () => {
        await run(
          'git',
          [
            'checkout',
            'HEAD',
            '--',
            'packages/app/src',
            'packages/backend/src',
            'app-config.yaml',
            'catalog-info.yaml',
          ],
          { cwd: app.dir, env, log: path.join(app.logs, 'resume.log') },
        );
        applySourceSteps();
      },
    );
    await typeCheck();
  } else if (!(REUSE && fs.existsSync(installed))) {
    if (fs.existsSync(app.dir)) {
      // an earlier run's app (2 GB): out of the way at once, deleted beside this run
      const trash = `${app.dir}.old-${Date.now()}`;
      fs.renameSync(app.dir, trash);
      spawn('nice', ['rm', '-rf', trash], {
        detached: true,
        stdio: 'ignore',
      }).unref();
    }
    const created = await step(
      `@backstage/create-app@${CREATE_APP_VERSION} creates the app`,
      () => phase(`${name}: create-app`, () => createApp(app, env)),
    );
    if (!created) return;
    const installedOk = await step(
      'the README install steps apply and install',
      async () => {
        await applyPackageSteps(app, env);
        // the steps that edit the app's sources and config (no install in between)
        applySourceSteps();
      },
    );
    if (!installedOk) return;
    await typeCheck();
  }
  writeOverlay(app);
  const dropped = await resetDatabases(app);
  console.log(`    (dropped ${dropped} database(s) of an earlier run)`);

  let urls;
  try {
    const started = await step(
      'backend and frontend start on PostgreSQL',
      async () => {
        urls = await startApp(app, { ...env, SCORECARD_CI_TOKEN: token });
      },
    );
    if (!started) return;
    const sent = await step(
      "the README's curl posts a deployment with the static token",
      () =>
        phase(`${name}: send events`, async () => {
          // the entity must be in the catalog first (the API refuses refs it does not know)
          await until(
            'the catalog has loaded the README example',
            async () =>
              (
                await fetch(
                  `${urls.backendUrl}/api/catalog/entities/by-name/component/default/checkout-service`,
                  { headers: { authorization: `Bearer ${token}` } },
                )
              ).ok,
            { timeout: 300_000, every: 2000, alive: urls.backend },
          );
          const out = await shellBlock('send-deployment', app, env, {
            BACKSTAGE_URL: urls.backendUrl,
            SCORECARD_CI_TOKEN: token,
          });
          // curl --fail-with-body has failed the step on any refusal; the answer counts the batch
          if (!/"deployments":\s*1\b/.test(out))
            throw new Error(`the POST answered: ${out.slice(-400)}`);
          const read = await shellBlock('read-scorecard', app, env, {
            BACKSTAGE_URL: urls.backendUrl,
            SCORECARD_CI_TOKEN: token,
          });
          if (!/"metrics"/.test(read))
            throw new Error(`the scorecard read answered: ${read.slice(-500)}`);
        }),
    );
    await phase(`${name}: browser checks`, () =>
      browserChecks({
        name,
        appUrl: urls.appUrl,
        backendUrl: urls.backendUrl,
        token,
        legacy: app.legacy,
        sent,
        artifacts: app.logs,
        ok: what => ok(`${name}: ${what}`),
        fail: (what, e) => fail(`${name}: ${what}`, e),
      }),
    );
  } finally {
    await phase(`${name}: stop`, stopServersAndWait);
  }
}

// --- main ----------------------------------------------------------------------------------

const t0 = Date.now();
const setup = Number(process.env.OPMODEL_VERIFY_SETUP_SECONDS ?? 0);
if (setup) timings.push(['pack and setup (scripts/verify-install)', setup]);
fs.mkdirSync(WORK, { recursive: true });
fs.mkdirSync(ARTIFACTS, { recursive: true });
const binDir = path.join(WORK, 'bin');
writeYarnShim(binDir);
try {
  if (
    !fs.existsSync(PACKS) ||
    fs.readdirSync(PACKS).filter(f => f.endsWith('.tgz')).length === 0
  )
    throw new Error(`no tarballs in ${PACKS}: run npm run pack first`);
  // every marked block the check applies, before spending minutes on installs
  for (const id of [
    'resolutions',
    'install',
    'backend-index',
    'app-config',
    'nfs-app',
    'nfs-graph',
    'classic-entity-page',
    'classic-graph-card',
    'classic-entity-page-cards',
    'classic-entity-cases',
    'classic-app-route',
    'classic-sidebar',
    'platform-yaml',
    'register-location',
    'send-deployment',
    'read-scorecard',
  ])
    doc.need(id);
  ok('every step the check applies is marked in the docs');
} catch (e) {
  fail('every step the check applies is marked in the docs', e);
  console.log(`verify-install: ${passed} passed, ${failed} failed`);
  process.exit(1);
}
for (const name of selected) {
  if (!APPS[name]) throw new Error(`unknown app ${name} (nfs, classic)`);
  try {
    await verifyApp(name, binDir);
  } catch (e) {
    fail(`${name}: verify-install itself`, e);
  }
}
stopServers();
// the apps stay (for OPMODEL_VERIFY_REUSE=1; the next run replaces them), their databases go
for (const name of selected) {
  const app = { ...APPS[name], dir: path.join(WORK, name) };
  await resetDatabases(app).catch(() => {});
}
console.log('\nphases:');
for (const [n, s] of timings) console.log(`  ${String(s).padStart(5)} s  ${n}`);
console.log(
  `  ${String(setup + Math.round((Date.now() - t0) / 1000)).padStart(
    5,
  )} s  in all`,
);
console.log(`verify-install: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
