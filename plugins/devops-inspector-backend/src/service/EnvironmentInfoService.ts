import { LoggerService } from '@backstage/backend-plugin-api';
import {
  DatabaseVersion,
  EnvironmentInfo,
  EnvironmentSummary,
  GitInfo,
} from '@opshub/plugin-devops-inspector-common';
import { execFile } from 'child_process';
import fs from 'fs';
import path from 'path';
import { CurrentDeployment } from '../deploymentConfig';

/**
 * What `GET /environment` needs.
 *
 * @internal
 */
export interface EnvironmentInfoSource {
  /** `databases` lists only the named environments, in configuration order. */
  getEnvironmentInfo(environments: readonly string[]): Promise<EnvironmentInfo>;
}

/** Runs `git` with arguments (never a shell) and resolves its stdout. */
export type GitRunner = (args: string[], cwd: string) => Promise<string>;

const GIT_TIMEOUT_MS = 3000;

const runGit: GitRunner = (args, cwd) =>
  new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      { cwd, timeout: GIT_TIMEOUT_MS, windowsHide: true },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    );
  });

const NO_GIT: GitInfo = {
  branch: null,
  commit: null,
  commitDate: null,
  message: null,
  source: null,
};

function nonEmpty(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function isoDate(value: string | null): string | null {
  if (!value) {
    return null;
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/**
 * Git information from the build-time variables `OPSHUB_GIT_BRANCH`,
 * `OPSHUB_GIT_COMMIT`, `OPSHUB_GIT_COMMIT_DATE` and
 * `OPSHUB_GIT_COMMIT_MESSAGE`, or `null` when none of them is set.
 *
 * @internal
 */
export function gitInfoFromEnv(env: NodeJS.ProcessEnv): GitInfo | null {
  const info = {
    branch: nonEmpty(env.OPSHUB_GIT_BRANCH),
    commit: nonEmpty(env.OPSHUB_GIT_COMMIT),
    commitDate: isoDate(nonEmpty(env.OPSHUB_GIT_COMMIT_DATE)),
    message: nonEmpty(env.OPSHUB_GIT_COMMIT_MESSAGE)?.split('\n')[0] ?? null,
  };
  return Object.values(info).some(v => v !== null)
    ? { ...info, source: 'env' }
    : null;
}

/**
 * Git information from the `git` command in `cwd`; fields it cannot read are
 * `null`, and everything is `null` when git or the repository is missing.
 *
 * @internal
 */
export async function gitInfoFromCommand(
  cwd: string,
  git: GitRunner = runGit,
): Promise<GitInfo> {
  const [log, branch] = await Promise.allSettled([
    git(['log', '-1', '--format=%H%x00%cI%x00%s'], cwd),
    git(['rev-parse', '--abbrev-ref', 'HEAD'], cwd),
  ]);
  if (log.status === 'rejected') {
    return NO_GIT;
  }
  const [commit, date, message] = log.value.trim().split('\0');
  const name = branch.status === 'fulfilled' ? branch.value.trim() : '';
  return {
    // a detached HEAD has no branch
    branch: name && name !== 'HEAD' ? name : null,
    commit: nonEmpty(commit),
    commitDate: isoDate(nonEmpty(date)),
    message: nonEmpty(message),
    source: 'git',
  };
}

/**
 * The nearest directory from `start` upwards holding `backstage.json`, or
 * `undefined`.
 *
 * @internal
 */
export function findRepoRoot(start: string): string | undefined {
  let dir = path.resolve(start);
  for (;;) {
    if (fs.existsSync(path.join(dir, 'backstage.json'))) {
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      return undefined;
    }
    dir = parent;
  }
}

function readVersion(file: string): string | null {
  try {
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    return typeof json.version === 'string' ? json.version : null;
  } catch {
    return null;
  }
}

/**
 * Versions, git commit, uptime and the database server versions of this
 * deployment. Static facts are read once, at construction; nothing is made
 * up: what cannot be found out is `null`.
 *
 * @internal
 */
export class EnvironmentInfoService implements EnvironmentInfoSource {
  private readonly current: CurrentDeployment | null;
  private readonly git: Promise<GitInfo>;
  private readonly appVersion: string | null;
  private readonly backstageVersion: string | null;
  private readonly deployedAt: string | null;
  private readonly listEnvironments: (
    names: string[],
  ) => Promise<EnvironmentSummary[]>;
  private readonly uptime: () => number;
  private readonly now: () => number;

  constructor(options: {
    current: CurrentDeployment | null;
    /** Measures the named databases (InspectorService.listEnvironments). */
    listEnvironments: (names: string[]) => Promise<EnvironmentSummary[]>;
    /** Where `backstage.json` is; found from the working directory by default. */
    rootDir?: string;
    env?: NodeJS.ProcessEnv;
    git?: GitRunner;
    uptime?: () => number;
    now?: () => number;
    logger?: LoggerService;
  }) {
    const env = options.env ?? process.env;
    const rootDir = options.rootDir ?? findRepoRoot(process.cwd());
    this.current = options.current;
    this.listEnvironments = options.listEnvironments;
    this.uptime = options.uptime ?? (() => process.uptime());
    this.now = options.now ?? (() => Date.now());
    this.appVersion = rootDir
      ? readVersion(path.join(rootDir, 'package.json'))
      : null;
    this.backstageVersion = rootDir
      ? readVersion(path.join(rootDir, 'backstage.json'))
      : null;
    this.deployedAt = isoDate(nonEmpty(env.OPSHUB_DEPLOYED_AT));
    const fromEnv = gitInfoFromEnv(env);
    // git runs once, at startup, and only without build-time variables
    this.git = fromEnv
      ? Promise.resolve(fromEnv)
      : gitInfoFromCommand(rootDir ?? process.cwd(), options.git).catch(
          error => {
            options.logger?.debug(`Could not read git information: ${error}`);
            return NO_GIT;
          },
        );
  }

  async getEnvironmentInfo(names: readonly string[]): Promise<EnvironmentInfo> {
    const [git, environments] = await Promise.all([
      this.git,
      names.length ? this.listEnvironments([...names]) : [],
    ]);
    const uptimeSeconds = this.uptime();
    const databases = environments.map(
      (e): DatabaseVersion => ({
        name: e.name,
        label: e.label,
        tier: e.tier,
        serverVersion: e.database.serverVersion ?? null,
        ...(e.database.error ? { error: e.database.error } : {}),
      }),
    );
    return {
      current: this.current,
      git,
      appVersion: this.appVersion,
      backstageVersion: this.backstageVersion,
      nodeVersion: process.version,
      startedAt: new Date(this.now() - uptimeSeconds * 1000).toISOString(),
      deployedAt: this.deployedAt,
      uptimeSeconds: Math.floor(uptimeSeconds),
      databases,
    };
  }
}
