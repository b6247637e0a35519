import { demoScenario } from './demo';
import { emptyScenario } from './empty';
import { largeScenario } from './large';
import type { ScenarioData, ScenarioFactory, ScenarioName } from './types';

export const scenarioNames: ScenarioName[] = ['demo', 'large', 'empty'];

const factories: Record<ScenarioName, ScenarioFactory> = {
  demo: demoScenario,
  large: largeScenario,
  empty: emptyScenario,
};

export function getScenario(name: ScenarioName, now: Date): ScenarioData {
  const factory = factories[name];
  if (factory === undefined) {
    throw new Error(
      `Unknown scenario "${String(name)}"; expected one of ${scenarioNames.join(', ')}`,
    );
  }
  return factory({ now });
}
