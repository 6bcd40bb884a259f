/** Logging is a port: core code receives a Logger; adapters decide where lines go. */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * The Logger of a host that writes lines (the CLI's and `headroom serve`'s stderr, the desktop
 * service's stderr): warnings and errors as `<prefix>warning: …` / `<prefix>error: …` plus their
 * fields as JSON when the message does not say it all; debug and info are dropped (a command's
 * output stays its result).
 */
export function lineLogger(write: (line: string) => void, prefix = ''): Logger {
  const line = (level: string) => (msg: string, fields?: Record<string, unknown>) => {
    const extra = fields && Object.values(fields).some((v) => !msg.includes(String(v))) ? ` ${JSON.stringify(fields)}` : '';
    write(`${prefix}${level}: ${msg}${extra}`);
  };
  return { debug() {}, info() {}, warn: line('warning'), error: line('error') };
}

/** Progress of a long call (sync, import, batch forecast, report). `total` is undefined when unknown. */
export interface Progress {
  readonly phase: string;
  readonly done: number;
  readonly total?: number;
  readonly message?: string;
}
export type ProgressSink = (p: Progress) => void;
