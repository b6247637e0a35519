import type { ScenarioData, ScenarioName } from './types';

export const scenarioNames: ScenarioName[] = ['demo', 'large', 'empty'];

export function getScenario(_name: ScenarioName, _now: Date): ScenarioData {
  throw new Error('scenarios: not implemented yet');
}
