// `pnpm bench`: every benchmark, one after another. Each prints its figures.
import { benchAccessReview } from './access-review';
import { benchBytes } from './bytes';
import { benchEmulatorListPages } from './emulator-list-pages';
import { benchFindingsPage } from './findings-page';
import { benchOverview } from './overview';
import { benchReportExports } from './report-exports';
import { benchProgressive } from './progressive';
import { benchSnapshot } from './snapshot';
import { benchSnapshotCache } from './snapshot-cache';

await benchEmulatorListPages();
await benchOverview();
await benchSnapshot();
await benchSnapshotCache();
await benchProgressive();
await benchAccessReview();
await benchFindingsPage();
await benchBytes();
await benchReportExports();
