/** Logging is a port: core code receives a Logger; adapters decide where lines go. */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** Progress of a long call (sync, import, batch forecast, report). `total` is undefined when unknown. */
export interface Progress {
  readonly phase: string;
  readonly done: number;
  readonly total?: number;
  readonly message?: string;
}
export type ProgressSink = (p: Progress) => void;
