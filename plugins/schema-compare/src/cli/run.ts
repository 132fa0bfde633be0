import { compareUrls } from '../compareUrls';
import { SchemaCompareDatabaseError } from '../readOnly';
import { redact, secretsOf } from '@opshub/opshub-common';
import { CompareResult, SchemaDifference } from '../types';

const CHANGE_MARKS = { added: '+', removed: '-', modified: '~' } as const;

const USAGE = `Usage: opshub-inspector compare <sourceUrl> <targetUrl> [--format json|text] [--fail-on breaking|any] [--statement-timeout <ms>]

Compares the schema of the target database with the source (read-only).
Exit codes: 0 no failure, 1 differences matched --fail-on, 2 usage or connection error.
`;

/** Where the CLI writes. @public */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

interface CompareArgs {
  sourceUrl: string;
  targetUrl: string;
  format: 'json' | 'text';
  failOn?: 'breaking' | 'any';
  statementTimeoutMs?: number;
}

class UsageError extends Error {}

function parseArgs(argv: string[]): CompareArgs {
  const [command, ...rest] = argv;
  if (command !== 'compare') {
    throw new UsageError(
      command ? `Unknown command ${JSON.stringify(command)}` : 'No command',
    );
  }
  const positional: string[] = [];
  const args: Partial<CompareArgs> = { format: 'text' };
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
    if (flag === '--format') {
      const format = value();
      if (format !== 'json' && format !== 'text') {
        throw new UsageError('--format must be json or text');
      }
      args.format = format;
    } else if (flag === '--fail-on') {
      const failOn = value();
      if (failOn !== 'breaking' && failOn !== 'any') {
        throw new UsageError('--fail-on must be breaking or any');
      }
      args.failOn = failOn;
    } else if (flag === '--statement-timeout') {
      const ms = Number(value());
      if (!Number.isInteger(ms) || ms < 1) {
        throw new UsageError('--statement-timeout must be a positive integer');
      }
      args.statementTimeoutMs = ms;
    } else if (arg.startsWith('--')) {
      throw new UsageError(`Unknown option ${JSON.stringify(flag)}`);
    } else {
      positional.push(arg);
    }
  }
  if (positional.length !== 2) {
    throw new UsageError('compare needs a source URL and a target URL');
  }
  return {
    ...(args as CompareArgs),
    sourceUrl: positional[0],
    targetUrl: positional[1],
  };
}

function describeDifference(d: SchemaDifference): string {
  const where = d.table
    ? `${d.schema}.${d.table}.${d.name}`
    : `${d.schema}.${d.name}`;
  const mark = CHANGE_MARKS[d.change];
  const lines = [
    `${mark} ${d.objectType} ${where} ${d.change}${
      d.breaking ? ' [BREAKING]' : ''
    }`,
  ];
  for (const hazard of d.hazards) {
    lines.push(`    ${hazard.code}: ${hazard.reason}`);
  }
  return lines.join('\n');
}

/** The text format: a summary, breaking differences first, then the SQL. @internal */
export function formatText(result: CompareResult): string {
  const { summary } = result;
  const lines = [
    `Source: ${result.source}`,
    `Target: ${result.target}`,
    `Differences: ${summary.total} (${summary.byChange.added} added, ${summary.byChange.removed} removed, ${summary.byChange.modified} modified), ${summary.breakingCount} breaking`,
  ];
  const ordered = [
    ...result.differences.filter(d => d.breaking),
    ...result.differences.filter(d => !d.breaking),
  ];
  if (ordered.length) {
    lines.push('', ...ordered.map(describeDifference));
  }
  if (result.migrationSql) {
    lines.push('', '-- Migration SQL (source -> target)', result.migrationSql);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Runs the CLI and resolves to its exit code. No message contains a
 * password of either URL.
 *
 * @public
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const secrets = argv.flatMap(arg =>
    arg.includes('://') || arg.includes('=') ? secretsOf(arg) : [],
  );
  const safe = (text: string) => redact(text, secrets);
  let args: CompareArgs;
  try {
    args = parseArgs(argv);
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
  let result: CompareResult;
  try {
    result = await compareUrls(args.sourceUrl, args.targetUrl, {
      statementTimeoutMs: args.statementTimeoutMs,
    });
  } catch (error) {
    let message = 'unexpected error while comparing';
    if (error instanceof SchemaCompareDatabaseError) {
      message = `cannot read the ${error.database} database: ${error.message}`;
    } else if (
      error instanceof Error &&
      /Invalid URL|connection string/i.test(error.message)
    ) {
      message = 'invalid connection URL';
    }
    io.stderr(safe(`opshub-inspector: ${message}\n`));
    return 2;
  }
  io.stdout(
    safe(
      args.format === 'json'
        ? `${JSON.stringify(result, null, 2)}\n`
        : formatText(result),
    ),
  );
  if (args.failOn === 'any' && result.summary.total > 0) {
    return 1;
  }
  if (args.failOn === 'breaking' && result.summary.breakingCount > 0) {
    return 1;
  }
  return 0;
}
