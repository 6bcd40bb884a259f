/**
 * A throw-away self-signed certificate for 127.0.0.1, made with the openssl CLI once per process.
 * The Azure SDK refuses bearer tokens over plain http, so the ARM loopback speaks https; clients
 * trust this certificate through an `https.Agent({ ca })`, never by disabling verification.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCert {
  readonly key: string;
  readonly cert: string;
}

let cached: TestCert | undefined;

export function loopbackCert(): TestCert {
  if (cached) return cached;
  const dir = mkdtempSync(join(tmpdir(), 'headroom-tls-'));
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
      { stdio: 'pipe' },
    );
    cached = { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
    return cached;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An agent that trusts exactly the loopback certificate. */
export function trustingAgent(): Agent {
  return new Agent({ ca: loopbackCert().cert, keepAlive: false });
}
