/**
 * Builds the connector for a cloud source from its stored (non-secret) settings. Credentials are
 * never stored: each SDK finds them through its own chain. Tests and embedders may pass
 * `overrides` (an Azure TokenCredential, a Google auth client) — the SDK code path stays the same.
 */
import { HeadroomError } from '../lib';
import type { CloudKind } from '../api';
import { AwsConnector, type AwsLearned, type AwsSettings } from '../ingest/aws';
import { AzureConnector, type AzureLearned, type AzureSettings } from '../ingest/azure';
import { GcpConnector, type GcpLearned, type GcpSettings } from '../ingest/gcp';
import type { Connector } from '../ingest/remote';
import type { SourceRecord } from '../store';

/** A connector plus what it learned about the source (stored for the next plan) and a way to release it. */
export interface SyncConnector extends Connector {
  learned?(): unknown;
  destroy?(): void;
}

export interface ConnectorInputs {
  readonly source: SourceRecord;
  readonly learned: unknown;
  readonly clock: () => Date;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export type ConnectorFactory = (inputs: ConnectorInputs) => SyncConnector;

export function kindOf(source: SourceRecord): CloudKind | undefined {
  const k = String(source.kind);
  return k === 'aws' || k === 'azure' || k === 'gcp' ? k : undefined;
}

export const defaultConnectorFactory: ConnectorFactory = ({ source, learned, env, clock }) => {
  switch (kindOf(source)) {
    case 'aws':
      return new AwsConnector({ settings: source.settings as AwsSettings, env, ...(learned ? { learned: learned as AwsLearned } : {}) });
    case 'azure':
      return new AzureConnector({ settings: source.settings as unknown as AzureSettings, env, clock, ...(learned ? { learned: learned as AzureLearned } : {}) });
    case 'gcp':
      return new GcpConnector({ settings: source.settings as unknown as GcpSettings, clock, ...(learned ? { learned: learned as GcpLearned } : {}) });
    default:
      throw new HeadroomError('UNSUPPORTED', `Source "${source.name}" is of kind "${source.kind}", which has no API connector.`);
  }
};
