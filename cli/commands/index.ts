import type { Command } from '../command';

/** Every command, in the order `headroom help` lists them. Each feature adds its file here. */
export const commands: readonly Command[] = [];
