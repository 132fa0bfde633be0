// `./opshub restart [backend|app]`: the running `./opshub start` process owns
// the parts, so the command leaves a request file beside the state file and
// sends that process SIGUSR2; it restarts the parts and writes the result.
import fs from 'node:fs';
import path from 'node:path';

const requestFile = runFile => path.join(path.dirname(runFile), 'restart.json');

/** Called by start.mjs on SIGUSR2: the request, removed from disk, or null. */
export function readRestartRequest(runFile) {
  const file = requestFile(runFile);
  if (!fs.existsSync(file)) return null;
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  } finally {
    fs.rmSync(file, { force: true });
  }
}

/**
 * Asks the start process `pid` to restart `parts` and waits (up to
 * `timeoutMs`) for its answer. Resolves to 'ok' or throws with the reason.
 */
export async function requestRestart(
  runFile,
  pid,
  parts,
  { timeoutMs = 360_000 } = {},
) {
  const resultFile = path.join(
    path.dirname(runFile),
    `restart-result.${process.pid}`,
  );
  fs.rmSync(resultFile, { force: true });
  fs.writeFileSync(requestFile(runFile), JSON.stringify({ parts, resultFile }));
  process.kill(pid, 'SIGUSR2');
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      if (fs.existsSync(resultFile)) {
        const result = fs.readFileSync(resultFile, 'utf8').trim();
        if (result === 'ok') return result;
        throw new Error(result);
      }
      try {
        process.kill(pid, 0);
      } catch {
        throw new Error(`the start process ${pid} exited during the restart`);
      }
      await new Promise(r => setTimeout(r, 250));
    }
    throw new Error(
      `no answer from the start process within ${timeoutMs / 1000} s`,
    );
  } finally {
    fs.rmSync(resultFile, { force: true });
  }
}
