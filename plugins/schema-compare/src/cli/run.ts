import fs from 'fs';
import { readCatalog, CatalogSnapshot } from '../catalog';
import { compareSnapshots } from '../compareSnapshots';
import { SchemaCompareDatabaseError, withReadOnlyDatabase } from '../readOnly';
import { redact, redactUrl, secretsOf } from '@opshub/opshub-common';
import {
  parseSnapshotFile,
  SchemaSnapshotFile,
  SnapshotFileError,
  stringifySnapshotFile,
  toSnapshotFile,
} from '../snapshotFile';
import { CompareResult, SchemaDifference } from '../types';

const CHANGE_MARKS = { added: '+', removed: '-', modified: '~' } as const;

const USAGE = `Usage:
  opshub-inspector compare <source> <target> [--format json|text] [--fail-on breaking|any] [--statement-timeout <ms>]
  opshub-inspector snapshot <url> [--out <file.json>] [--statement-timeout <ms>]

compare: compares the schema of the target with the source (read-only).
  <source> and <target> are each a postgres:// or postgresql:// URL, or the
  path of a snapshot file written by "opshub-inspector snapshot".
  Exit codes: 0 no failure, 1 differences matched --fail-on, 2 usage,
  connection or snapshot file error.
snapshot: reads the schema of one database (read-only) and writes it as a
  snapshot file (no password in it) to --out, or to stdout without --out.
  Exit codes: 0 written, 2 usage, connection or file error.
`;

/** Where the CLI writes. @public */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

interface Options {
  format: 'json' | 'text';
  failOn?: 'breaking' | 'any';
  statementTimeoutMs?: number;
  out?: string;
}

type Command =
  | { command: 'compare'; source: string; target: string; options: Options }
  | { command: 'snapshot'; url: string; options: Options };

class UsageError extends Error {}

/** A failure to read one side of the command, exit code 2. */
class InputFailure extends Error {}

function parseArgs(argv: string[]): Command {
  const [command, ...rest] = argv;
  if (command !== 'compare' && command !== 'snapshot') {
    throw new UsageError(
      command ? `Unknown command ${JSON.stringify(command)}` : 'No command',
    );
  }
  const positional: string[] = [];
  const options: Options = { format: 'text' };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const [flag, inline] = arg.startsWith('--') ? arg.split(/=(.*)/s) : [arg];
    const value = (): string => {
      const v = inline ?? rest[++i];
      if (v === undefined) {
        throw new UsageError(`${flag} needs a value`);
      }
      return v;
    };
    if (flag === '--format' && command === 'compare') {
      const format = value();
      if (format !== 'json' && format !== 'text') {
        throw new UsageError('--format must be json or text');
      }
      options.format = format;
    } else if (flag === '--fail-on' && command === 'compare') {
      const failOn = value();
      if (failOn !== 'breaking' && failOn !== 'any') {
        throw new UsageError('--fail-on must be breaking or any');
      }
      options.failOn = failOn;
    } else if (flag === '--out' && command === 'snapshot') {
      options.out = value();
    } else if (flag === '--statement-timeout') {
      const ms = Number(value());
      if (!Number.isInteger(ms) || ms < 1) {
        throw new UsageError('--statement-timeout must be a positive integer');
      }
      options.statementTimeoutMs = ms;
    } else if (arg.startsWith('--')) {
      throw new UsageError(
        `Unknown option ${JSON.stringify(flag)} for ${command}`,
      );
    } else {
      positional.push(arg);
    }
  }
  if (command === 'snapshot') {
    if (positional.length !== 1 || !isDatabaseUrl(positional[0])) {
      throw new UsageError(
        'snapshot needs one postgres:// or postgresql:// URL',
      );
    }
    return { command, url: positional[0], options };
  }
  if (positional.length !== 2) {
    throw new UsageError(
      'compare needs a source and a target (URL or snapshot file)',
    );
  }
  return { command, source: positional[0], target: positional[1], options };
}

function isDatabaseUrl(arg: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(arg);
}

/**
 * True when `arg` names a snapshot file rather than a database: an existing
 * file, or anything that is not a postgres:// or postgresql:// URL.
 */
function isSnapshotFileArg(arg: string): boolean {
  if (!isDatabaseUrl(arg)) {
    return true;
  }
  try {
    return fs.statSync(arg).isFile();
  } catch {
    return false;
  }
}

/** Reads and checks a snapshot file; an {@link InputFailure} says why not. */
function readSnapshotFile(file: string, role: string): SchemaSnapshotFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputFailure(
      `cannot read the ${role} snapshot file ${JSON.stringify(file)}: ${
        code === 'ENOENT' ? 'no such file' : code ?? 'read error'
      }`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputFailure(
      `the ${role} snapshot file ${JSON.stringify(file)} is not valid JSON (${
        (error as Error).message
      })`,
    );
  }
  try {
    return parseSnapshotFile(json);
  } catch (error) {
    if (error instanceof SnapshotFileError) {
      throw new InputFailure(
        `the ${role} snapshot file ${JSON.stringify(file)} is not usable: ${
          error.message
        }`,
      );
    }
    throw error;
  }
}

/** One side of a compare: its snapshot and how the result names it. */
async function load(
  arg: string,
  role: 'source' | 'target',
  statementTimeoutMs: number,
): Promise<{ snapshot: CatalogSnapshot; label: string }> {
  if (isSnapshotFileArg(arg)) {
    const file = readSnapshotFile(arg, role);
    return {
      snapshot: file.snapshot,
      label: `${file.source} (snapshot of ${file.takenAt})`,
    };
  }
  const snapshot = await withReadOnlyDatabase(
    arg,
    { database: role, statementTimeoutMs },
    readCatalog,
  );
  return { snapshot, label: redactUrl(arg) };
}

const SEVERITY_MARKS = {
  breaking: ' [BREAKING]',
  hazard: ' [hazard]',
  info: '',
} as const;

function describeDifference(d: SchemaDifference): string {
  const where = d.table
    ? `${d.schema}.${d.table}.${d.name}`
    : `${d.schema}.${d.name}`;
  const mark = CHANGE_MARKS[d.change];
  const lines = [
    `${mark} ${d.objectType} ${where} ${d.change}${SEVERITY_MARKS[d.severity]}`,
  ];
  for (const hazard of d.hazards) {
    lines.push(`    ${hazard.code}: ${hazard.reason}`);
  }
  if (d.children?.length) {
    lines.push(
      `    with ${d.children.map(c => `${c.objectType} ${c.name}`).join(', ')}`,
    );
  }
  return lines.join('\n');
}

/**
 * The text format: a summary, then the differences by severity (breaking,
 * hazard, info), then the SQL.
 *
 * @internal
 */
export function formatText(result: CompareResult): string {
  const { summary } = result;
  const { breaking, hazard, info } = summary.bySeverity;
  const lines = [
    `Source: ${result.source}`,
    `Target: ${result.target}`,
    `Differences: ${summary.total} (${summary.byChange.added} added, ${summary.byChange.removed} removed, ${summary.byChange.modified} modified), ${breaking} breaking, ${hazard} hazard, ${info} info`,
  ];
  const ordered = (['breaking', 'hazard', 'info'] as const).flatMap(severity =>
    result.differences.filter(d => d.severity === severity),
  );
  if (ordered.length) {
    lines.push('', ...ordered.map(describeDifference));
  }
  if (result.migrationSql) {
    lines.push('', '-- Migration SQL (source -> target)', result.migrationSql);
  }
  return `${lines.join('\n')}\n`;
}

function failureMessage(error: unknown, action: string): string {
  if (error instanceof InputFailure) {
    return error.message;
  }
  if (error instanceof SchemaCompareDatabaseError) {
    return `cannot read the ${error.database} database: ${error.message}`;
  }
  if (
    error instanceof Error &&
    /Invalid URL|connection string/i.test(error.message)
  ) {
    return 'invalid connection URL';
  }
  return `unexpected error while ${action}`;
}

/** `12 objects (3 tables, 2 views)`. */
function describeSnapshot(snapshot: CatalogSnapshot): string {
  const count = (type: string) =>
    snapshot.objects.filter(o => o.objectType === type).length;
  return `${snapshot.objects.length} objects (${count('table')} tables, ${count(
    'column',
  )} columns, ${count('index')} indexes, ${count('view')} views)`;
}

async function runSnapshot(
  command: Extract<Command, { command: 'snapshot' }>,
  io: CliIo,
  safe: (text: string) => string,
): Promise<number> {
  const { url, options } = command;
  const source = redactUrl(url);
  let file: SchemaSnapshotFile;
  try {
    const snapshot = await withReadOnlyDatabase(
      url,
      {
        database: 'source',
        statementTimeoutMs: options.statementTimeoutMs ?? 60_000,
      },
      readCatalog,
    );
    file = toSnapshotFile(snapshot, source);
  } catch (error) {
    io.stderr(
      safe(`opshub-inspector: ${failureMessage(error, 'snapshotting')}\n`),
    );
    return 2;
  }
  const text = stringifySnapshotFile(file);
  if (options.out === undefined) {
    io.stdout(text);
    return 0;
  }
  try {
    fs.writeFileSync(options.out, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'write error';
    io.stderr(
      safe(
        `opshub-inspector: cannot write ${JSON.stringify(
          options.out,
        )}: ${code}\n`,
      ),
    );
    return 2;
  }
  io.stdout(
    safe(
      `Snapshot of ${source} at ${file.takenAt}: ${describeSnapshot(
        file.snapshot,
      )}, written to ${options.out}\n`,
    ),
  );
  return 0;
}

async function runCompare(
  command: Extract<Command, { command: 'compare' }>,
  io: CliIo,
  safe: (text: string) => string,
): Promise<number> {
  const { options } = command;
  const statementTimeoutMs = options.statementTimeoutMs ?? 60_000;
  let result: CompareResult;
  try {
    const [source, target] = await Promise.all([
      load(command.source, 'source', statementTimeoutMs),
      load(command.target, 'target', statementTimeoutMs),
    ]);
    result = compareSnapshots(source.snapshot, target.snapshot, {
      source: source.label,
      target: target.label,
    });
  } catch (error) {
    io.stderr(
      safe(`opshub-inspector: ${failureMessage(error, 'comparing')}\n`),
    );
    return 2;
  }
  io.stdout(
    safe(
      options.format === 'json'
        ? `${JSON.stringify(result, null, 2)}\n`
        : formatText(result),
    ),
  );
  if (options.failOn === 'any' && result.summary.total > 0) {
    return 1;
  }
  if (options.failOn === 'breaking' && result.summary.breakingCount > 0) {
    return 1;
  }
  return 0;
}

/**
 * Runs the CLI and resolves to its exit code. No message contains a
 * password of a URL it was given.
 *
 * @public
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const secrets = argv.flatMap(arg =>
    arg.includes('://') || arg.includes('=') ? secretsOf(arg) : [],
  );
  const safe = (text: string) => redact(text, secrets);
  let command: Command;
  try {
    command = parseArgs(argv);
  } catch (error) {
    if (argv.includes('--help') || argv.includes('-h')) {
      io.stdout(USAGE);
      return 0;
    }
    io.stderr(
      safe(`opshub-inspector: ${(error as Error).message}\n\n${USAGE}`),
    );
    return 2;
  }
  return command.command === 'snapshot'
    ? runSnapshot(command, io, safe)
    : runCompare(command, io, safe);
}
