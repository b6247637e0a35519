// `pnpm bench`: every benchmark, one after another. Each prints its figures.
import { benchAccessReview } from './access-review';
import { benchBytes } from './bytes';
import { benchEmulatorListPages } from './emulator-list-pages';
import { benchOverview } from './overview';

await benchEmulatorListPages();
await benchOverview();
await benchAccessReview();
await benchBytes();
