export {
  startLocalAzure,
  type IdentityCounters,
  type LocalAzure,
  type LocalAzureOptions,
} from './server';
export { ControllableClock, type Clock } from './clock';
export { getScenario, scenarioNames } from './scenario/index';
export type * from './scenario/types';
