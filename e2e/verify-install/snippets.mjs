// The documentation's install snippets, and how each is applied to an app the way an adopter
// would: every block the check applies is marked in the Markdown with
//   <!-- verify-install: <id> -->
// directly before its fenced block. A marked block that is missing fails the check.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

const MARKER = /^<!--\s*verify-install:\s*([a-z0-9-]+)\s*-->\s*$/;

/** Every marked block of one Markdown file: id → { lang, code, file, line }. */
export function readBlocks(file) {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const blocks = new Map();
  for (let i = 0; i < lines.length; i++) {
    const m = MARKER.exec(lines[i].trim());
    if (!m) continue;
    const id = m[1];
    let j = i + 1;
    while (j < lines.length && lines[j].trim() === '') j++;
    const fence = /^(\s*)(```+)\s*([\w-]*)/.exec(lines[j] ?? '');
    if (!fence)
      throw new Error(
        `${file}:${
          i + 1
        }: the marker "${id}" is not directly followed by a fenced block`,
      );
    const code = [];
    let k = j + 1;
    for (; k < lines.length && lines[k].trim() !== fence[2]; k++)
      code.push(lines[k].slice(fence[1].length));
    if (k === lines.length)
      throw new Error(`${file}:${j + 1}: the block "${id}" is not closed`);
    if (blocks.has(id))
      throw new Error(`${file}:${i + 1}: "${id}" is marked twice`);
    blocks.set(id, {
      id,
      lang: fence[3],
      code: code.join('\n'),
      file,
      line: j + 1,
    });
    i = k;
  }
  return blocks;
}

/** The docs' blocks, by id; `need(id)` fails loudly when one is not marked. */
export function docs(files) {
  const all = new Map();
  for (const f of files) {
    for (const [id, b] of readBlocks(f)) {
      if (all.has(id))
        throw new Error(
          `"${id}" is marked in both ${all.get(id).file} and ${f}`,
        );
      all.set(id, b);
    }
  }
  return {
    /** The text of a `## heading` section of the first file, up to the next `## `. */
    section(heading) {
      const text = fs.readFileSync(files[0], 'utf8');
      const at = text.indexOf(`\n${heading}\n`);
      if (at < 0) throw new Error(`${files[0]} has no section ${heading}`);
      const end = text.indexOf('\n## ', at + heading.length + 2);
      return text.slice(at, end < 0 ? undefined : end);
    },
    need(id) {
      const b = all.get(id);
      if (!b)
        throw new Error(
          `no block is marked <!-- verify-install: ${id} --> in ${files
            .map(f => path.basename(f))
            .join(' or ')}: the documentation no longer says this step`,
        );
      return b;
    },
    ids: () => [...all.keys()],
  };
}

// --- YAML: "add this to app-config.yaml" ---------------------------------------------------

/**
 * Adds a snippet to a YAML file as a reader adds it: maps are merged key by key, list items are
 * added to the list already there, other values are set. Comments of the file stay.
 */
export function addYaml(file, snippet) {
  const doc = fs.existsSync(file)
    ? YAML.parseDocument(fs.readFileSync(file, 'utf8'))
    : new YAML.Document({});
  const add = (at, value) => {
    if (Array.isArray(value)) {
      if (!doc.hasIn(at)) doc.setIn(at, doc.createNode([]));
      for (const item of value) doc.addIn(at, doc.createNode(item));
    } else if (value && typeof value === 'object') {
      const here = at.length ? doc.getIn(at) : doc.contents;
      if (at.length && !YAML.isMap(here)) doc.setIn(at, doc.createNode({}));
      for (const [k, v] of Object.entries(value)) add([...at, k], v);
    } else {
      doc.setIn(at, value);
    }
  };
  const parsed = YAML.parse(snippet);
  if (!parsed || typeof parsed !== 'object')
    throw new Error(`not a YAML map: ${snippet}`);
  add([], parsed);
  if (doc.errors.length) throw new Error(doc.errors.join('\n'));
  fs.writeFileSync(file, String(doc));
}

// --- TypeScript: imports and insertions at named places -----------------------------------

const IMPORT = /^import\s[^;]*?from\s+['"][^'"]+['"];?[ \t]*$/gm;

/** The import declarations of a snippet, and the code left without them. */
export function splitImports(code) {
  const imports = code.match(IMPORT) ?? [];
  const rest = code.replace(IMPORT, '').replace(/^\s*\n/, '');
  return { imports, rest };
}

function parseImport(decl) {
  const m =
    /^import\s+(?:(\w+)\s*,?\s*)?(?:\{([^}]*)\})?\s*from\s+['"]([^'"]+)['"]/.exec(
      decl.trim(),
    );
  if (!m) throw new Error(`cannot read the import ${decl}`);
  return {
    defaultName: m[1],
    names: (m[2] ?? '')
      .split(',')
      .map(s => s.trim())
      .filter(Boolean),
    from: m[3],
  };
}

/**
 * Adds import declarations to a source file: names a module already gives are added to its
 * `import { … }`, other declarations go after the file's last import.
 */
export function addImports(source, decls) {
  let out = source;
  for (const decl of decls) {
    const want = parseImport(decl);
    const existing = [...out.matchAll(IMPORT)].find(
      m => parseImport(m[0]).from === want.from && /\{/.test(m[0]),
    );
    const missing = want.names.filter(
      n => !new RegExp(`[{,\\s]${n}[,\\s}]`).test(existing?.[0] ?? ''),
    );
    if (existing && !want.defaultName) {
      if (missing.length === 0) continue;
      const merged = existing[0].replace(
        /\{([^}]*)\}/,
        (_, inner) =>
          `{\n  ${[
            ...inner
              .split(',')
              .map(s => s.trim())
              .filter(Boolean),
            ...missing,
          ].join(',\n  ')},\n}`,
      );
      out = out.replace(existing[0], merged);
      continue;
    }
    if (out.includes(decl.trim())) continue;
    const all = [...out.matchAll(IMPORT)];
    const last = all[all.length - 1];
    const at = last ? last.index + last[0].length : 0;
    out = `${out.slice(0, at)}\n${decl.trim()}${out.slice(at)}`;
  }
  return out;
}

/** Inserts text before the first line that matches `anchor` (a string or RegExp). */
export function insertBefore(source, anchor, text, what) {
  const i =
    typeof anchor === 'string' ? source.indexOf(anchor) : source.search(anchor);
  if (i < 0) throw new Error(`${what}: cannot find ${anchor}`);
  const lineStart = source.lastIndexOf('\n', i) + 1;
  return `${source.slice(0, lineStart)}${text.replace(
    /\n*$/,
    '\n',
  )}${source.slice(lineStart)}`;
}

/** The text between the `<Grid container` that opens first after `from` and its `</Grid>`. */
export function firstGridEnd(source, from, what) {
  const start = source.indexOf(from);
  if (start < 0) throw new Error(`${what}: cannot find ${from}`);
  const open = source.indexOf('<Grid container', start);
  if (open < 0) throw new Error(`${what}: no <Grid container> after ${from}`);
  const tag = /<Grid\b[^>]*?(\/?)>|<\/Grid>/g;
  tag.lastIndex = open;
  let depth = 0;
  for (let m; (m = tag.exec(source)); ) {
    if (m[0] === '</Grid>') {
      depth--;
      if (depth === 0) return m.index;
    } else if (m[1] !== '/') depth++;
  }
  throw new Error(`${what}: the grid after ${from} is not closed`);
}

/** Indents every line of text by the indentation of the line at index `at`. */
export function indentLike(source, at, text) {
  const lineStart = source.lastIndexOf('\n', at - 1) + 1;
  const indent = /^\s*/.exec(source.slice(lineStart))[0];
  return text
    .split('\n')
    .map(l => (l.trim() ? indent + l : l))
    .join('\n');
}

/**
 * Every self-closing JSX element `<tag … />` of a snippet, on one line each (a formatter may
 * have wrapped its attributes). Braces are followed, so `element={<Page />}` stays inside.
 */
export function selfClosing(code, tag) {
  const found = [];
  const open = new RegExp(`<${tag.replace(/\./g, '\\.')}\\b`, 'g');
  for (let m; (m = open.exec(code)); ) {
    let depth = 0;
    for (let i = m.index + m[0].length; i < code.length; i++) {
      const c = code[i];
      if (c === '{') depth++;
      else if (c === '}') depth--;
      else if (depth === 0 && c === '>') {
        if (code[i - 1] === '/')
          found.push(code.slice(m.index, i + 1).replace(/\s+/g, ' '));
        break;
      }
    }
  }
  return found;
}
