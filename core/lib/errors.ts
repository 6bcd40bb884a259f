/**
 * Expected failures are typed errors with a code, a message that says what to do next, and a cause.
 * Bugs throw plain `Error`s. Adapters map: HeadroomError → exit 1 / HTTP 4xx; anything else → exit 2 / 500.
 */
export type ErrorCode =
  | 'BAD_INPUT'
  | 'BAD_FILE'
  | 'UNKNOWN_FORMAT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNSUPPORTED'
  | 'AUTH'
  | 'THROTTLED'
  | 'REMOTE'
  | 'CANCELLED'
  | 'UNAVAILABLE';

/** Where in an input file a problem is: every message about a file names it. */
export interface InputLocation {
  readonly file?: string;
  /** 1-based physical line (header = line 1) or record number, as the message says. */
  readonly line?: number;
  readonly column?: string;
}

export class HeadroomError extends Error {
  readonly code: ErrorCode;
  readonly location: InputLocation | undefined;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; location?: InputLocation }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HeadroomError';
    this.code = code;
    this.location = options?.location;
  }
}

export const isHeadroomError = (e: unknown): e is HeadroomError => e instanceof HeadroomError;

/** Formats `file, line N, column "C": ` for messages. */
export function where(loc: InputLocation): string {
  const parts: string[] = [];
  if (loc.file !== undefined) parts.push(loc.file);
  if (loc.line !== undefined) parts.push(`line ${loc.line}`);
  if (loc.column !== undefined) parts.push(`column "${loc.column}"`);
  return parts.join(', ');
}
