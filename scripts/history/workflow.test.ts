import { execFile } from 'node:child_process';
import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * The workflow's history steps, run as the runner runs them (bash, real git) against a local bare repository:
 * shards that restore the history at the same moment and push one after the other must all keep their records.
 */
const root = join(import.meta.dirname, '../..');
const run = promisify(execFile);

interface Step {
  name?: string;
  run?: string;
}
const workflow = parse(await readFile(join(root, '.github/workflows/api-contracts.yml'), 'utf8'));
const steps: Step[] = workflow.jobs.live.steps;
const script = (name: string) => {
  const found = steps.find((step) => step.name === name)?.run;
  if (found === undefined) {
    throw new Error(`the live job has no step '${name}'`);
  }
  return found;
};

let work: string;
const git = (cwd: string, ...args: string[]) => run('git', args, { cwd });

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'api-contracts-history-workflow-'));
  await git(work, 'init', '-q', '--bare', '-b', 'main', 'remote.git');
  await git(work, 'init', '-q', '-b', 'main', 'seed');
  await writeFile(join(work, 'seed', 'README.md'), 'seed\n');
  await git(join(work, 'seed'), 'add', '.');
  await git(join(work, 'seed'), '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-m', 'seed');
  await git(join(work, 'seed'), 'push', '-q', join(work, 'remote.git'), 'main');
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** A job's checkout of the repository, with the restore step run: returns where its history worktree is. */
async function restore(job: string): Promise<{ env: NodeJS.ProcessEnv; checkout: string; history: string }> {
  const checkout = join(work, job);
  await git(work, 'clone', '-q', join(work, 'remote.git'), job);
  const temp = join(work, `${job}-temp`);
  await mkdir(temp);
  const githubEnv = join(temp, 'github-env');
  await writeFile(githubEnv, '');
  const env = { ...process.env, RUNNER_TEMP: temp, GITHUB_ENV: githubEnv, GITHUB_RUN_ID: job, GITHUB_RUN_ATTEMPT: '1' };
  await run('bash', ['-e', '-c', script('Restore the run history')], { cwd: checkout, env });
  const history = /^HISTORY=(.*)$/m.exec(await readFile(githubEnv, 'utf8'))?.[1] as string;
  return { env: { ...env, HISTORY: history }, checkout, history };
}

async function append(job: { env: NodeJS.ProcessEnv; checkout: string }, shard: string) {
  await run('bash', ['-e', '-c', script('Append the record to the run history')], { cwd: job.checkout, env: { ...job.env, SHARD: shard } });
}

async function remoteFile(path: string): Promise<string> {
  return (await git(join(work, 'remote.git'), 'show', `api-contracts-history:${path}`)).stdout;
}

describe('the run history on its branch', () => {
  it('two shards of the first run, restored at once, both land; then two runs appending to one file keep both lines', async () => {
    const one = await restore('shard-1');
    const two = await restore('shard-2');
    await mkdir(join(one.history, 'svc'));
    await mkdir(join(two.history, 'svc'));
    await writeFile(join(one.history, 'svc', '2026-12.shard-1of2.jsonl'), '{"shard":1}\n');
    await writeFile(join(two.history, 'svc', '2026-12.shard-2of2.jsonl'), '{"shard":2}\n');
    await append(one, '1/2');
    // Shard 2 restored before shard 1 pushed: its push is refused, it rebases and pushes again.
    await append(two, '2/2');
    expect(await remoteFile('svc/2026-12.shard-1of2.jsonl')).toBe('{"shard":1}\n');
    expect(await remoteFile('svc/2026-12.shard-2of2.jsonl')).toBe('{"shard":2}\n');
    expect(await remoteFile('.gitattributes')).toBe('*.jsonl merge=union\n');

    // Two runs of shard 1 at once (a re-run beside the nightly): the same file, both records kept.
    const nightly = await restore('nightly');
    const rerun = await restore('rerun');
    await appendFile(join(nightly.history, 'svc', '2026-12.shard-1of2.jsonl'), '{"run":"nightly"}\n');
    await appendFile(join(rerun.history, 'svc', '2026-12.shard-1of2.jsonl'), '{"run":"rerun"}\n');
    await append(nightly, '1/2');
    await append(rerun, '1/2');
    expect((await remoteFile('svc/2026-12.shard-1of2.jsonl')).split('\n').sort()).toEqual([
      '',
      '{"run":"nightly"}',
      '{"run":"rerun"}',
      '{"shard":1}',
    ]);
    const log = (await git(join(work, 'remote.git'), 'log', '--format=%s', 'api-contracts-history')).stdout.trim().split('\n');
    expect(log).toEqual(['Run rerun.1, shard 1/2', 'Run nightly.1, shard 1/2', 'Run shard-2.1, shard 2/2', 'Run shard-1.1, shard 1/2']);
  }, 60_000);
});
