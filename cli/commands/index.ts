import type { Command } from '../command';
import { serveCommand } from './serve';
import { sourcesCommand } from './sources';
import { summaryCommand } from './summary';

/** Every command, in the order `headroom help` lists them. Each feature adds its file here. */
export const commands: readonly Command[] = [sourcesCommand, summaryCommand, serveCommand];
