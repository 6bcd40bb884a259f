import { describe, expect, it } from 'vitest';
import { lineLogger } from './log';

describe('lineLogger', () => {
  it('writes warnings and errors as prefixed lines, adds fields the message lacks, and drops debug and info', () => {
    const lines: string[] = [];
    const log = lineLogger((l) => lines.push(l), 'headroom: ');
    log.debug('d');
    log.info('imported file', { rows: 3 });
    log.warn('threads from /x/w.mjs could not start', { entry: '/x/w.mjs' });
    log.error('request failed', { error: 'boom' });
    expect(lines).toEqual(['headroom: warning: threads from /x/w.mjs could not start', 'headroom: error: request failed {"error":"boom"}']);
  });
});
