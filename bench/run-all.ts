// `pnpm bench`: every benchmark, one after another. Each prints its figures.
import { benchEmulatorListPages } from './emulator-list-pages';
import { benchOverview } from './overview';

await benchEmulatorListPages();
await benchOverview();
