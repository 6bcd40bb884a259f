#!/usr/bin/env node
// The `headroom` command. TypeScript sources run through tsx's loader, so `npx headroom …` works
// right after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

// `headroom summary | head`: once the reader has closed the pipe, the rest of the output has nowhere
// to go. Stop quietly (as `head`'s writers do) instead of dying on an unhandled EPIPE with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e && e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
