import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JSONWebKeySet } from 'jose';
import type { ControllableClock } from '../clock';
import type { ScenarioData, ScenarioName } from '../scenario/types';

export interface ArmEmulatorOptions {
  /** https origin this emulator is reached at; every URL it returns (nextLink, LRO monitors) uses it. */
  origin: string;
  /** Folder for the persisted state. */
  dataDir: string;
  clock: ControllableClock;
  /** Scenario loaded when there is no saved state, or on reset. */
  scenarioName: ScenarioName;
  loadScenario: (name: ScenarioName) => ScenarioData;
  reset: boolean;
  pageSize: number;
  lroPolls: number;
  persist: boolean;
  /** Bearer-token verification material from the identity provider. */
  verifier: { jwks: () => JSONWebKeySet; issuers: () => string[] };
}

export interface ArmEmulator {
  handler: (req: IncomingMessage, res: ServerResponse) => void;
  /** The scenario currently loaded (its personas, clients and role assignments). */
  scenario(): ScenarioData;
  close(): Promise<void>;
}

export async function createArmEmulator(_options: ArmEmulatorOptions): Promise<ArmEmulator> {
  throw new Error('ARM emulator: not implemented yet');
}
