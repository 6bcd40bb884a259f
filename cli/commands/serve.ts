import { join } from 'node:path';
import { HeadroomError } from '../../core/lib';
import { loadDemoIfEmpty, openService } from '../../core/service';
import { parseCommandArgs, serviceOptionsFor, wholeNumberFlag } from '../args';
import type { Command, CommandContext } from '../command';
import { serviceEndpoint } from '../serve/endpoint';
import { ensureRendererBuilt } from '../serve/renderer-build';
import { startServer } from '../serve/server';

const USAGE = `Usage: headroom serve [--port N] [--host 127.0.0.1] [--data-dir DIR] [--memory-limit SIZE] [--no-demo]

Hosts the Headroom UI and API on this computer only (loopback) for use in a browser.
Prints one line: the URL to open, carrying a session token (http://127.0.0.1:PORT/#token=…).
Every API call needs that token; requests from other sites or host names are refused.
Stop with Ctrl+C.

  --port N        port to listen on (default: a free port)
  --host H        127.0.0.1 (default), ::1 or localhost; other addresses are refused
  --data-dir DIR  data folder (default: HEADROOM_DATA_DIR, else the app-data folder)
  --memory-limit SIZE  memory the database may use, e.g. 2GB or 512MB, at least 128MB
                  (default: HEADROOM_MEMORY_LIMIT, else 768MB)
  --no-demo       do not load the demo dataset when the data folder is empty
                  (by default the first start shows the demo)`;

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export interface ServeFlags {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string | undefined;
  /** `--memory-limit`, checked when the service opens (core/service resolveMemoryLimit). */
  readonly memoryLimit: string | undefined;
  /** Skip loading the demo dataset into an empty data folder. */
  readonly noDemo: boolean;
}

/**
 * Parses serve's flags with the shared `parseCommandArgs` (unknown options and missing values read as
 * in every command; --data-dir and --memory-limit are its global options); a HeadroomError (exit 1)
 * names the bad flag and what to use. `undefined` for `-h/--help`.
 */
export function parseServeFlags(argv: readonly string[]): ServeFlags | undefined {
  const { values } = parseCommandArgs(argv, USAGE, { port: { type: 'string' }, host: { type: 'string' }, 'no-demo': { type: 'boolean' } });
  if (values.help) return undefined;
  const port = values.port === undefined ? 0 : wholeNumberFlag('--port', values.port, USAGE, { min: 0, max: 65535 });
  const host = values.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) throw new HeadroomError('BAD_INPUT', `--host ${host} is refused: headroom serve only listens on this computer (127.0.0.1, ::1 or localhost), because the API gives full access to your billing data.`);
  return { port, host: host === 'localhost' ? '127.0.0.1' : host, dataDir: values['data-dir'], memoryLimit: values['memory-limit'], noDemo: values['no-demo'] ?? false };
}

export const serveCommand: Command = {
  words: ['serve'],
  summary: 'Open the Headroom UI in your browser (loopback only, session token)',
  usage: USAGE,
  async run(ctx: CommandContext): Promise<number> {
    const flags = parseServeFlags(ctx.argv);
    if (flags === undefined) {
      ctx.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const log = (line: string): void => void ctx.stderr.write(`${line}\n`);
    // a bad --memory-limit / HEADROOM_MEMORY_LIMIT stops here, before the UI build and the data folder
    const options = serviceOptionsFor(ctx, { 'data-dir': flags.dataDir, 'memory-limit': flags.memoryLimit });
    const dataDir = options.dataDir;
    const staticDir = await ensureRendererBuilt(log);
    const service = await openService(options);
    try {
      if (!flags.noDemo) {
        const t0 = Date.now();
        const demo = await loadDemoIfEmpty(service, { signal: ctx.signal });
        if (demo) log(`headroom: the data folder was empty, so the demo dataset (${demo.company}, ${demo.period.start} to ${demo.as_of}) was loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s. Import your own files on the Sources page.`);
      }
      const server = await startServer({
        api: serviceEndpoint(service.handlers),
        staticDir,
        uploadDir: join(dataDir, 'uploads'),
        host: flags.host,
        port: flags.port,
        log: { debug() {}, info: (m) => log(m), warn: (m) => log(`warning: ${m}`), error: (m, f) => log(`error: ${m}${f ? ` ${JSON.stringify(f)}` : ''}`) },
      });
      ctx.stdout.write(`${server.url}\n`);
      await new Promise<void>((resolve) => {
        if (ctx.signal.aborted) resolve();
        else ctx.signal.addEventListener('abort', () => resolve(), { once: true });
      });
      await server.close();
    } catch (e) {
      if (e instanceof Error && (e as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new HeadroomError('UNAVAILABLE', `Port ${flags.port} is in use: pick another with --port, or leave it out to use a free one.`, { cause: e });
      throw e;
    } finally {
      await service.close();
    }
    return 0;
  },
};
