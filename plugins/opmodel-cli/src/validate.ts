import fs from 'node:fs';
import path from 'node:path';
import { LineCounter, parseAllDocuments, Document } from 'yaml';
import type { Entity } from '@backstage/catalog-model';
import {
  checkModel,
  isOpmodelKindEntity,
  validateOpmodelEntity,
} from '@opmodel/plugin-opmodel-common';

/** One thing wrong in a file, as the validator reports it. */
export type Report = {
  file: string;
  line: number;
  entity: string;
  path: string;
  severity: 'error' | 'warning';
  message: string;
  fix: string;
  check?: string;
};

type Loaded = {
  file: string;
  doc: Document;
  lines: LineCounter;
  entity: Entity;
};

/** Expands files and folders into the YAML files under them. */
export function collectFiles(targets: string[]): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(p).sort()) {
        if (name === 'node_modules' || name.startsWith('.')) continue;
        walk(path.join(p, name));
      }
    } else if (/\.ya?ml$/i.test(p) || targets.includes(p)) {
      out.push(p);
    }
  };
  targets.forEach(walk);
  return out;
}

function lineOf(loaded: Loaded, fieldPath: string): number {
  const segments = (fieldPath.match(/[^.[\]]+/g) ?? []).map(s =>
    /^\d+$/.test(s) ? Number(s) : s,
  );
  for (let n = segments.length; n >= 0; n--) {
    const node: any =
      n === 0
        ? loaded.doc.contents
        : loaded.doc.getIn(segments.slice(0, n), true);
    if (node?.range) return loaded.lines.linePos(node.range[0]).line;
  }
  return 1;
}

/**
 * Validates every opmodel entity in the given YAML files: the JSON Schemas and rules the catalog
 * applies, then the model checks across all the files together.
 */
export function validateFiles(
  files: string[],
  now: Date = new Date(),
): Report[] {
  const reports: Report[] = [];
  const loaded: Loaded[] = [];
  for (const file of files) {
    const lines = new LineCounter();
    const docs = parseAllDocuments(fs.readFileSync(file, 'utf8'), {
      lineCounter: lines,
    });
    for (const doc of Array.isArray(docs) ? docs : [docs]) {
      if (doc.errors.length) {
        const err = doc.errors[0];
        reports.push({
          file,
          line: err.linePos?.[0]?.line ?? 1,
          entity: '<yaml>',
          path: '<root>',
          severity: 'error',
          message: `YAML syntax error: ${err.message.split('\n')[0]}`,
          fix: 'correct the YAML syntax',
        });
        continue;
      }
      const entity = doc.toJS({ maxAliasCount: 100 }) as Entity | null;
      if (!entity || typeof entity !== 'object') continue;
      loaded.push({ file, doc, lines, entity });
    }
  }
  const valid: Entity[] = [];
  const byRef = new Map<string, Loaded>();
  for (const l of loaded) {
    const name = `${l.entity.kind}:${
      (l.entity.metadata as any)?.namespace ?? 'default'
    }/${(l.entity.metadata as any)?.name ?? '<unnamed>'}`;
    byRef.set(name.toLocaleLowerCase('en-US'), l);
    if (!isOpmodelKindEntity(l.entity as any)) {
      valid.push(l.entity);
      continue;
    }
    const issues = validateOpmodelEntity(l.entity);
    for (const issue of issues) {
      reports.push({
        file: l.file,
        line: lineOf(l, issue.path),
        entity: name,
        path: issue.path,
        severity: 'error',
        message: issue.message,
        fix: issue.fix,
      });
    }
    if (!issues.length) valid.push(l.entity);
  }
  for (const finding of checkModel(valid, now)) {
    const l = byRef.get(finding.entityRef);
    if (!l) continue;
    reports.push({
      file: l.file,
      line: lineOf(l, finding.path),
      entity: finding.entityRef,
      path: finding.path,
      severity: finding.severity,
      message: finding.message,
      fix: finding.fix,
      check: finding.check,
    });
  }
  return reports.sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line,
  );
}

/** file:line: field: message, one report a line. */
export function formatText(reports: Report[]): string {
  return reports
    .map(
      r =>
        `${r.file}:${r.line}: ${r.path}: ${
          r.severity === 'warning' ? 'warning: ' : ''
        }${r.message} (fix: ${r.fix}) [${r.entity}]`,
    )
    .join('\n');
}
