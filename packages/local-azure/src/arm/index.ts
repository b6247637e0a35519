import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JSONWebKeySet } from 'jose';
import type { ControllableClock } from '../clock';
import type { ScenarioData, ScenarioName } from '../scenario/types';
import { Authenticator } from './auth';
import type { Settings } from './context';
import { FaultTable, parseFaultSpec, type Fault } from './faults';
import { createPipeline, type RequestLogEntry } from './http';
import { LroStore } from './lro';
import { PageHold, type PageHoldState } from './page-hold';
import { StateFile } from './persistence';
import {
  ArmState,
  deserializeState,
  registriesFromScenario,
  stateToJson,
  type SerializedState,
} from './state';

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

export interface CountersSnapshot {
  total: number;
  byOperation: Record<string, number>;
}

export interface EmulatorSettingsPatch {
  pageSize?: number;
  lroPolls?: number;
  /** Retry-After (seconds) sent with LRO responses; 0 lets clients poll at their own interval. */
  lroRetryAfterSeconds?: number;
}

/** The control surface, usable in-process or through the control HTTP API. */
export interface ArmEmulatorControl {
  /** Load a scenario afresh (default: the one loaded at start), dropping all changes, faults and LROs. */
  reset(name?: ScenarioName): Promise<void>;
  /** Validates and adds a fault; throws Error with a message on invalid input. */
  addFault(spec: unknown): Fault;
  clearFaults(): void;
  faults(): Fault[];
  counters(): CountersSnapshot;
  resetCounters(): void;
  /** Most recent requests, newest last (never headers or bodies). */
  requests(limit?: number): RequestLogEntry[];
  settings(): Settings;
  updateSettings(patch: EmulatorSettingsPatch): Settings;
  /** Holds every list page past the first `afterPages` of its list until `release` (throws on a bad number). */
  holdPages(afterPages: number): PageHoldState;
  releasePages(): PageHoldState;
  heldPages(): PageHoldState;
}

export interface ArmEmulator {
  handler: (req: IncomingMessage, res: ServerResponse) => void;
  /** The scenario currently loaded (its personas, clients and role assignments). */
  scenario(): ScenarioData;
  control: ArmEmulatorControl;
  /** Resolves once every change so far is on disk. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

const LOG_LIMIT = 500;

function checkedInt(value: unknown, name: string, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be an integer >= ${min}`);
  }
  return value;
}

export async function createArmEmulator(options: ArmEmulatorOptions): Promise<ArmEmulator> {
  let state: ArmState | undefined;
  let scenarioName = options.scenarioName;
  const file = new StateFile(
    options.dataDir,
    () => (state ? stateToJson(state) : '{}'),
    options.persist,
  );

  const load = (name: ScenarioName): ArmState => {
    const scenario = options.loadScenario(name);
    return new ArmState(scenario, registriesFromScenario(scenario));
  };
  // What scenario() returns. The state file keeps the scenario without its
  // registries (their current form is the state itself), so after a restart the
  // scenario's registries are rebuilt on first use.
  let scenarioView: ScenarioData | undefined;
  const saved = options.reset || !options.persist ? undefined : file.read();
  if (saved !== undefined) {
    state = deserializeState(saved as SerializedState);
    scenarioName = state.scenario.name;
  } else {
    state = load(scenarioName);
    scenarioView = state.scenario;
    await file.save();
  }

  const settings: Settings = {
    pageSize: checkedInt(options.pageSize, 'pageSize', 1),
    lroPolls: checkedInt(options.lroPolls, 'lroPolls', 0),
    lroRetryAfterSeconds: 1,
  };
  const faults = new FaultTable();
  const lro = new LroStore();
  const hold = new PageHold();
  const counts = new Map<string, number>();
  let total = 0;
  const log: RequestLogEntry[] = [];
  const current = (): ArmState => {
    if (!state) throw new Error('ARM emulator state not loaded');
    return state;
  };

  const auth = new Authenticator(options.verifier, () =>
    current().scenario.tenants.map((t) => t.id),
  );
  const handler = createPipeline({
    state: current,
    origin: options.origin,
    clock: options.clock,
    settings,
    lro,
    faults,
    hold,
    auth,
    save: () => {
      file
        .save()
        .catch((error: unknown) => console.error('[local-azure arm] could not save state', error));
    },
    flush: () => file.flush(),
    record: (entry) => {
      total += 1;
      counts.set(entry.operation, (counts.get(entry.operation) ?? 0) + 1);
      log.push(entry);
      if (log.length > LOG_LIMIT) log.splice(0, log.length - LOG_LIMIT);
    },
  });

  const control: ArmEmulatorControl = {
    async reset(name) {
      scenarioName = name ?? scenarioName;
      state = load(scenarioName);
      scenarioView = state.scenario;
      faults.clear();
      hold.release();
      lro.clear();
      await file.save();
    },
    addFault: (spec) => faults.add(parseFaultSpec(spec)),
    clearFaults: () => faults.clear(),
    faults: () => faults.list(),
    counters: () => ({ total, byOperation: Object.fromEntries(counts) }),
    resetCounters: () => {
      total = 0;
      counts.clear();
    },
    requests: (limit = LOG_LIMIT) => log.slice(-Math.max(0, limit)).map((e) => ({ ...e })),
    holdPages: (afterPages) => hold.hold(afterPages),
    releasePages: () => hold.release(),
    heldPages: () => hold.state(),
    settings: () => ({ ...settings }),
    updateSettings(patch) {
      if (patch.pageSize !== undefined)
        settings.pageSize = checkedInt(patch.pageSize, 'pageSize', 1);
      if (patch.lroPolls !== undefined)
        settings.lroPolls = checkedInt(patch.lroPolls, 'lroPolls', 0);
      if (patch.lroRetryAfterSeconds !== undefined) {
        settings.lroRetryAfterSeconds = checkedInt(
          patch.lroRetryAfterSeconds,
          'lroRetryAfterSeconds',
          0,
        );
      }
      return { ...settings };
    },
  };

  return {
    handler,
    scenario: () => {
      const loaded = current().scenario;
      if (scenarioView?.name !== loaded.name) {
        scenarioView = { ...loaded, registries: options.loadScenario(loaded.name).registries };
      }
      return scenarioView;
    },
    control,
    flush: () => file.flush(),
    async close() {
      hold.release();
      await file.flush();
    },
  };
}
