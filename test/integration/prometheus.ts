/**
 * A real Prometheus for tests: backfills OpenMetrics text with `promtool tsdb create-blocks-from
 * openmetrics`, starts `prometheus` on a free loopback port with a long retention, waits for
 * /-/ready and stops it afterwards. Missing binaries fail loudly with how to install them.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningPrometheus {
  readonly url: string;
  stop(): Promise<void>;
}

function requireBinary(name: string): void {
  const r = spawnSync(name, ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new Error(`${name} is not installed: these tests run a real Prometheus. Install it with "sudo apt-get install prometheus" (Debian/Ubuntu; .ci/run does this) and run the tests again.`);
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** `basicAuth`: require HTTP basic auth (Prometheus `--web.config.file` with a bcrypt hash of the password). */
export async function startPrometheus(openMetrics: string, basicAuth?: { user: string; password: string; bcrypt: string }): Promise<RunningPrometheus> {
  requireBinary('promtool');
  requireBinary('prometheus');
  const dir = mkdtempSync(join(tmpdir(), 'headroom-prom-'));
  const om = join(dir, 'history.om');
  writeFileSync(om, openMetrics.endsWith('# EOF\n') ? openMetrics : `${openMetrics}# EOF\n`);
  const data = join(dir, 'data');
  const backfill = spawnSync('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', om, data], { encoding: 'utf8' });
  if (backfill.status !== 0) throw new Error(`promtool backfill failed: ${backfill.stderr || backfill.stdout}`);
  const config = join(dir, 'prometheus.yml');
  writeFileSync(config, 'global:\n  scrape_interval: 1h\n  evaluation_interval: 1h\nscrape_configs: []\n');
  const args: string[] = [];
  if (basicAuth) {
    const web = join(dir, 'web.yml');
    writeFileSync(web, `basic_auth_users:\n  ${basicAuth.user}: '${basicAuth.bcrypt}'\n`);
    args.push(`--web.config.file=${web}`);
  }
  const readyHeaders: Record<string, string> = basicAuth ? { Authorization: `Basic ${Buffer.from(`${basicAuth.user}:${basicAuth.password}`).toString('base64')}` } : {};
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const proc: ChildProcess = spawn(
    'prometheus',
    [`--config.file=${config}`, `--storage.tsdb.path=${data}`, `--web.listen-address=127.0.0.1:${port}`, '--storage.tsdb.retention.time=36500d', '--log.level=warn', ...args],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  proc.stderr?.on('data', (b: Buffer) => (stderr += b.toString()));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (proc.exitCode === null) proc.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (proc.exitCode === null) proc.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`prometheus exited early (${proc.exitCode}): ${stderr}`);
    try {
      const r = await fetch(`${url}/-/ready`, { headers: readyHeaders });
      if (r.ok) break;
    } catch (_e) {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`prometheus did not become ready within 60 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, stop };
}
