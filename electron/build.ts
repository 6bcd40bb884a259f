/**
 * Bundles the desktop shell with esbuild into dist-electron/ (the renderer is built by Vite into
 * dist-renderer/):
 *   electron/main/index.js     ESM, the app entry (package.json "main")
 *   electron/worker/index.js   ESM, the utilityProcess hosting core/service
 *   electron/preload/index.cjs CommonJS (sandboxed preloads cannot load ES modules)
 * Native and heavy packages (DuckDB, cloud SDKs) stay external: electron-builder ships them from
 * node_modules and unpacks DuckDB's native files from the archive (electron-builder.yml).
 */
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist-electron', 'electron');
const external = ['electron', '@duckdb/*', '@aws-sdk/*', '@azure/*', '@google-cloud/*', 'exceljs', 'playwright-core'];

export async function buildElectron(): Promise<void> {
  const common = { bundle: true, platform: 'node' as const, target: 'node22', sourcemap: true, logLevel: 'warning' as const, external };
  await Promise.all([
    build({ ...common, entryPoints: [join(root, 'electron/main/index.ts')], outfile: join(out, 'main/index.js'), format: 'esm', banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" } }),
    build({ ...common, entryPoints: [join(root, 'electron/worker/index.ts')], outfile: join(out, 'worker/index.js'), format: 'esm', banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" } }),
    build({ ...common, entryPoints: [join(root, 'electron/preload/index.ts')], outfile: join(out, 'preload/index.cjs'), format: 'cjs', external: ['electron'] }),
  ]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildElectron();
  process.stdout.write(`built ${out}\n`);
}
