import { collectFiles, formatText, validateFiles } from './validate';

export { validateFiles, collectFiles, formatText } from './validate';
export type { Report } from './validate';

const USAGE = `usage: opmodel validate [--json] [--fail-on-warnings] [--now YYYY-MM-DD] <file or folder>...

Checks Platform, OperatingRole and FundingLine declarations (multi-document YAML) against the opmodel
schemas and model checks. Prints file:line: field: message (fix). Exits 1 on errors (and on warnings
with --fail-on-warnings), 2 on bad usage.`;

/** The command line; returns the exit code it set. */
export function main(argv: string[]): number {
  const [command, ...rest] = argv;
  const fail = (msg: string) => {
    process.stderr.write(`${msg}\n${USAGE}\n`);
    process.exitCode = 2;
    return 2;
  };
  if (command !== 'validate')
    return fail(command ? `unknown command '${command}'` : 'no command given');
  let json = false;
  let strict = false;
  let now = new Date();
  const targets: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--json') json = true;
    else if (arg === '--fail-on-warnings') strict = true;
    else if (arg === '--now') {
      now = new Date(`${rest[++i]}T12:00:00Z`);
      if (isNaN(now.getTime())) return fail('--now needs a date as YYYY-MM-DD');
    } else if (arg.startsWith('-')) return fail(`unknown option '${arg}'`);
    else targets.push(arg);
  }
  if (!targets.length) return fail('no files or folders given');
  let files: string[];
  try {
    files = collectFiles(targets);
  } catch (e: any) {
    return fail(`cannot read ${e?.path ?? 'input'}: ${e?.code ?? e?.message}`);
  }
  const reports = validateFiles(files, now);
  const errors = reports.filter(r => r.severity === 'error').length;
  const warnings = reports.length - errors;
  if (json) {
    process.stdout.write(
      `${JSON.stringify(
        { files: files.length, errors, warnings, reports },
        null,
        2,
      )}\n`,
    );
  } else {
    if (reports.length) process.stdout.write(`${formatText(reports)}\n`);
    process.stdout.write(
      `${files.length} file(s) checked: ${errors} error(s), ${warnings} warning(s)\n`,
    );
  }
  const code = errors || (strict && warnings) ? 1 : 0;
  process.exitCode = code;
  return code;
}
