import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ControllableClock } from '../clock';
import type { ArmEmulator } from '../arm/index';

export function createControlApp(_deps: {
  emulator: ArmEmulator;
  clock: ControllableClock;
}): (req: IncomingMessage, res: ServerResponse) => void {
  throw new Error('control API: not implemented yet');
}
