import fs from 'fs';
import os from 'os';
import path from 'path';
import {
  EnvironmentInfoService,
  findRepoRoot,
  gitInfoFromCommand,
  gitInfoFromEnv,
} from './EnvironmentInfoService';

const databases = jest.fn(async (_names: string[]) => [
  {
    name: 'dev',
    label: 'Development',
    tier: 'dev' as const,
    database: { status: 'up' as const, serverVersion: '18.1', latencyMs: 1 },
  },
  {
    name: 'uat',
    label: 'UAT',
    tier: 'uat' as const,
    database: { status: 'down' as const, error: 'connect ECONNREFUSED' },
  },
]);

describe('EnvironmentInfoService', () => {
  let root: string;

  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'inspector-env-'));
    fs.writeFileSync(
      path.join(root, 'package.json'),
      JSON.stringify({ version: '3.4.5' }),
    );
    fs.writeFileSync(
      path.join(root, 'backstage.json'),
      JSON.stringify({ version: '1.55.0' }),
    );
    fs.mkdirSync(path.join(root, 'packages', 'backend'), { recursive: true });
  });

  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('reads git from build-time variables, versions from the repo root, and measured databases', async () => {
    const git = jest.fn();
    const service = new EnvironmentInfoService({
      current: { name: 'dev-eu', tier: 'dev' },
      listEnvironments: databases,
      rootDir: root,
      git,
      env: {
        OPSHUB_GIT_BRANCH: 'main',
        OPSHUB_GIT_COMMIT: 'abc123',
        OPSHUB_GIT_COMMIT_DATE: '2026-11-20T10:00:00+01:00',
        OPSHUB_GIT_COMMIT_MESSAGE: 'Fix it\n\nlong body',
        OPSHUB_DEPLOYED_AT: '2026-11-21T08:00:00Z',
      },
      uptime: () => 90.7,
      now: () => Date.parse('2026-11-21T09:00:00Z'),
    });
    const info = await service.getEnvironmentInfo(['dev', 'uat']);
    expect(databases).toHaveBeenCalledWith(['dev', 'uat']);
    expect(git).not.toHaveBeenCalled();
    expect(info).toEqual({
      current: { name: 'dev-eu', tier: 'dev' },
      git: {
        branch: 'main',
        commit: 'abc123',
        commitDate: '2026-11-20T09:00:00.000Z',
        message: 'Fix it',
        source: 'env',
      },
      appVersion: '3.4.5',
      backstageVersion: '1.55.0',
      nodeVersion: process.version,
      startedAt: '2026-11-21T08:58:29.300Z',
      deployedAt: '2026-11-21T08:00:00.000Z',
      uptimeSeconds: 90,
      databases: [
        {
          name: 'dev',
          label: 'Development',
          tier: 'dev',
          serverVersion: '18.1',
        },
        {
          name: 'uat',
          label: 'UAT',
          tier: 'uat',
          serverVersion: null,
          error: 'connect ECONNREFUSED',
        },
      ],
    });
  });

  it('falls back to git once, and reports null for what it cannot know', async () => {
    const git = jest.fn(async (args: string[]) => {
      if (args[0] === 'log') {
        return 'deadbeef\u00002026-11-19T12:00:00Z\u0000Add badge\n';
      }
      return 'HEAD\n';
    });
    const service = new EnvironmentInfoService({
      current: null,
      listEnvironments: async () => [],
      rootDir: path.join(root, 'nowhere'),
      git,
      env: {},
    });
    const info = await service.getEnvironmentInfo(['dev']);
    await service.getEnvironmentInfo(['dev']);
    expect(git).toHaveBeenCalledTimes(2);
    expect(info.git).toEqual({
      branch: null,
      commit: 'deadbeef',
      commitDate: '2026-11-19T12:00:00.000Z',
      message: 'Add badge',
      source: 'git',
    });
    expect(info.current).toBeNull();
    expect(info.appVersion).toBeNull();
    expect(info.backstageVersion).toBeNull();
    expect(info.deployedAt).toBeNull();
  });

  it('measures no database when no environment may be read', async () => {
    databases.mockClear();
    const service = new EnvironmentInfoService({
      current: null,
      listEnvironments: databases,
      rootDir: root,
      env: { OPSHUB_GIT_COMMIT: 'abc123' },
    });
    const info = await service.getEnvironmentInfo([]);
    expect(info.databases).toEqual([]);
    expect(databases).not.toHaveBeenCalled();
  });

  it('is all null without variables nor git', async () => {
    expect(gitInfoFromEnv({})).toBeNull();
    await expect(
      gitInfoFromCommand(root, async () => {
        throw new Error('git: not found');
      }),
    ).resolves.toEqual({
      branch: null,
      commit: null,
      commitDate: null,
      message: null,
      source: null,
    });
  });

  it('finds the repository root from a package directory', () => {
    expect(findRepoRoot(path.join(root, 'packages', 'backend'))).toBe(root);
    expect(findRepoRoot(os.tmpdir())).toBeUndefined();
  });

  it('runs the real git in this repository', async () => {
    const repo = findRepoRoot(process.cwd()) as string;
    const info = await gitInfoFromCommand(repo);
    expect(info.source).toBe('git');
    expect(info.commit).toMatch(/^[0-9a-f]{40}$/);
  });
});
