// The README's snippets, as the checks run them: a snippet is the fenced block right after a
// `<!-- <kind>: <id> -->` comment line, so the README stays the one place that says what to do.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The code of the block marked `<!-- marker -->` in a Markdown file of the repository. */
export function snippet(marker, file = 'README.md') {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const at = text.indexOf(`<!-- ${marker} -->`);
  if (at < 0)
    throw new Error(`${file} has no snippet marked <!-- ${marker} -->`);
  const block = /^<!--[^\n]*-->\s*```[a-z]*\n([\s\S]*?)```/.exec(
    text.slice(at),
  );
  if (!block)
    throw new Error(`${file}: no code block after <!-- ${marker} -->`);
  return block[1];
}
