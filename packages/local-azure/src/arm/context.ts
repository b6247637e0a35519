/**
 * What a resource handler gets for one request, and what it returns. Handlers
 * are plain functions of this context, so they stay free of HTTP details.
 */
import type { ControllableClock } from '../clock';
import type { Principal } from './auth';
import type { LroOutcome, LroStore } from './lro';
import type { ArmState } from './state';

export interface Settings {
  pageSize: number;
  lroPolls: number;
  /** Retry-After (seconds) on LRO responses; 0 lets clients use their own interval. */
  lroRetryAfterSeconds: number;
}

export interface RouteParams {
  subscriptionId: string;
  resourceGroup: string;
  registryName: string;
  childName: string;
  operationId: string;
}

export interface RequestContext {
  state: ArmState;
  origin: string;
  clock: ControllableClock;
  settings: Settings;
  lro: LroStore;
  principal: Principal;
  url: URL;
  method: string;
  body: unknown;
  params: RouteParams;
  /** The LRO outcome a fault asks for (consumed once, only by operations that start an LRO). */
  takeLroOutcome(): LroOutcome;
  /** Marks state changed; the response waits for it to be on disk. */
  changed(): void;
}

export interface ArmResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (ctx: RequestContext) => ArmResponse | Promise<ArmResponse>;
