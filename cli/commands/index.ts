import type { Command } from '../command';
import { anomaliesCommands } from './anomalies';
import { budgetCommands } from './budget';
import { scenarioCommands } from './scenario';
import { capacityCommands } from './capacity';
import { demoCommand } from './demo';
import { forecastCommand } from './forecast';
import { forecastPeriodsCommand } from './forecast-periods';
import { reportCommand } from './report';
import { serveCommand } from './serve';
import { sourceAddCommand, sourceListCommand } from './source';
import { importCommand } from './import';
import { sourcesCommand } from './sources';
import { summaryCommand } from './summary';
import { syncCommand } from './sync';

/** Every command, in the order `headroom help` lists them. Each feature adds its file here. */
export const commands: readonly Command[] = [importCommand, sourcesCommand, summaryCommand, demoCommand, forecastCommand, forecastPeriodsCommand, serveCommand, sourceAddCommand, sourceListCommand, syncCommand, ...capacityCommands, ...budgetCommands, ...scenarioCommands, ...anomaliesCommands, reportCommand];
