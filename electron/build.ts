/**
 * Bundles the desktop shell with esbuild into dist-electron/ (the renderer is built by Vite into
 * dist-renderer/):
 *   electron/main/index.js              ESM, the app entry (package.json "main")
 *   electron/worker/index.js            ESM, the utilityProcess hosting core/service
 *   electron/worker/forecast-worker.mjs ESM, the batch forecaster's worker thread
 *                                       (core/forecast/batch/worker.ts with all of core/forecast)
 *   electron/preload/index.cjs          CommonJS (sandboxed preloads cannot load ES modules)
 * Native and heavy packages (DuckDB, cloud SDKs) stay external: electron-builder ships them from
 * node_modules and unpacks DuckDB's native files from the archive (electron-builder.yml).
 *
 * The forecast worker is self-contained (it imports node builtins only) and ends in `.mjs`, so it
 * loads as an ES module wherever it lies: electron-builder unpacks it from app.asar into
 * app.asar.unpacked/, where no package.json says `"type": "module"` (see electron/README.md).
 */
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FORECAST_WORKER_FILE } from './worker/bundle';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const external = ['electron', '@duckdb/*', '@aws-sdk/*', '@azure/*', '@google-cloud/*', 'exceljs', 'playwright-core'];

/** Builds into `outDir` (default dist-electron/); the bundles go under `outDir/electron/`. */
export async function buildElectron(outDir: string = join(root, 'dist-electron')): Promise<void> {
  const out = join(outDir, 'electron');
  const common = { bundle: true, platform: 'node' as const, target: 'node22', sourcemap: true, logLevel: 'warning' as const, external };
  const esmRequire = { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" };
  await Promise.all([
    build({ ...common, entryPoints: [join(root, 'electron/main/index.ts')], outfile: join(out, 'main/index.js'), format: 'esm', banner: esmRequire }),
    build({ ...common, entryPoints: [join(root, 'electron/worker/index.ts')], outfile: join(out, 'worker/index.js'), format: 'esm', banner: esmRequire }),
    // No externals: a worker thread must not need node_modules (it may run from app.asar.unpacked).
    build({ ...common, external: [], entryPoints: [join(root, 'core/forecast/batch/worker.ts')], outfile: join(out, 'worker', FORECAST_WORKER_FILE), format: 'esm' }),
    build({ ...common, entryPoints: [join(root, 'electron/preload/index.ts')], outfile: join(out, 'preload/index.cjs'), format: 'cjs', external: ['electron'] }),
  ]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildElectron();
  process.stdout.write(`built ${join(root, 'dist-electron', 'electron')}\n`);
}
