// Writes the configuration that points the example backend's collector modules at the stand-in
// upstream (e2e/upstream/server.mjs), and the catalog file of the Platform they read.
//
//   node e2e/collectorsOverlay.mjs <upstream url> <output dir> [count] [backend port]
//
// prints the path of the app-config overlay to pass after app-config.yaml with --config.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { upstreamConfig } from './upstream/config.mjs';
import { upstreamCatalog } from './upstream/catalog.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [url, outDir, count = '3', port] = process.argv.slice(2);
if (!url || !outDir) {
  console.error(
    'usage: node e2e/collectorsOverlay.mjs <upstream url> <output dir> [count] [backend port]',
  );
  process.exit(2);
}
fs.mkdirSync(outDir, { recursive: true });

const catalogFile = path.resolve(outDir, 'collected-platform.yaml');
fs.writeFileSync(catalogFile, upstreamCatalog({ count: Number(count) }));

// A list in a later config file replaces the earlier one: the example's own locations (relative
// to packages/backend, where the backend runs) come along, with the collected platform added.
const base = parse(fs.readFileSync(path.join(root, 'app-config.yaml'), 'utf8'));
const backendDir = path.join(root, 'packages/backend');
const overlay = upstreamConfig(url);
overlay.catalog = {
  locations: [
    ...base.catalog.locations.map(l => ({
      ...l,
      target: path.resolve(backendDir, l.target),
    })),
    { type: 'file', target: catalogFile },
  ],
};
if (port && port !== String(base.backend.listen.port))
  overlay.backend = {
    baseUrl: `http://localhost:${port}`,
    listen: { port: Number(port) },
  };

const overlayFile = path.resolve(outDir, 'app-config.collectors.yaml');
fs.writeFileSync(overlayFile, stringify(overlay));
console.log(overlayFile);
