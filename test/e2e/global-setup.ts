// Builds the renderer once before the e2e specs, so they test the current sources (not a stale dist-renderer/).
import { ensureRendererBuilt } from '../../cli/serve/renderer-build';

export default async function setup(): Promise<void> {
  await ensureRendererBuilt((line) => process.stderr.write(`${line}\n`), true);
}
