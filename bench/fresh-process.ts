/**
 * Runs a bench script in a fresh Node process (same loader flags as this one): a cold start,
 * a load or a JIT that has seen only one engine is measured where nothing ran before it.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The output lines of `script` (a file URL) run with `env` added; throws with its stderr if it fails. */
export function runFresh(script: string | URL, env: Record<string, string>, nodeArgs: readonly string[] = []): string[] {
  const r = spawnSync(process.execPath, [...process.execArgv, ...nodeArgs, fileURLToPath(script)], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0) throw new Error(`${fileURLToPath(script)} ${JSON.stringify(env)} failed:\n${r.stderr}${r.stdout}`);
  return r.stdout.split('\n');
}

/** The middle value (the upper one of an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}
