// `pnpm bench`: every benchmark, one after another. Each prints its figures.
import { benchEmulatorListPages } from './emulator-list-pages';

await benchEmulatorListPages();
