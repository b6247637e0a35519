import { makeStyles, tokens } from '@fluentui/react-components';
import { useQueryClient } from '@tanstack/react-query';
import { noticeOf } from '../lib/mutation-notice';
import {
  createContext,
  lazy,
  Suspense,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';

/**
 * Success receipts after a change ("Token x disabled"). Not Fluent's Toaster:
 * it inserts Tabster's focusable aria-hidden dummy elements, which axe reports
 * as serious, and it lives in a portal. These are plain MessageBars in one
 * polite live region that is always mounted, so each new one is announced.
 */
export interface Notice {
  id: number;
  title: string;
  body?: string | undefined;
  intent: 'success' | 'warning';
}

type Notify = (title: string, body?: string) => void;

const NotifyContext = createContext<{
  notices: Notice[];
  notify: Notify;
  dismiss: (id: number) => void;
}>({
  notices: [],
  notify: () => undefined,
  dismiss: () => undefined,
});

const lifetimeMs = 8000;

export function NotifyProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const nextId = useRef(0);
  const timers = useRef(new Map<number, number>());
  const dismiss = useCallback((id: number) => {
    window.clearTimeout(timers.current.get(id));
    timers.current.delete(id);
    setNotices((list) => list.filter((n) => n.id !== id));
  }, []);
  const push = useCallback(
    (notice: Omit<Notice, 'id'>, lifetime: number | null) => {
      const id = ++nextId.current;
      // At most three on screen: older receipts matter less than the newest.
      setNotices((list) => [...list.slice(-2), { id, ...notice }]);
      if (lifetime !== null) {
        timers.current.set(
          id,
          window.setTimeout(() => dismiss(id), lifetime),
        );
      }
    },
    [dismiss],
  );
  const notify = useCallback<Notify>(
    (title, body) => push({ title, body, intent: 'success' }, lifetimeMs),
    [push],
  );
  // A change Azure applied while Latchkey lost its lock on storage comes back
  // with a `notice`: whichever dialog made it, the person reads it, and it
  // stays until dismissed (it says the audit record is not settled yet).
  const queryClient = useQueryClient();
  useEffect(
    () =>
      queryClient.getMutationCache().subscribe((event) => {
        if (event.type !== 'updated' || event.action.type !== 'success') return;
        const notice = noticeOf(event.action.data);
        if (notice)
          push(
            { title: 'Applied in Azure, record pending', body: notice, intent: 'warning' },
            null,
          );
      }),
    [queryClient, push],
  );
  useEffect(() => {
    const map = timers.current;
    return () => map.forEach((t) => window.clearTimeout(t));
  }, []);
  const value = useMemo(() => ({ notices, notify, dismiss }), [notices, notify, dismiss]);
  return <NotifyContext.Provider value={value}>{children}</NotifyContext.Provider>;
}

const useStyles = makeStyles({
  area: {
    position: 'fixed',
    // Below the header, so the user menu stays reachable.
    top: '64px',
    right: tokens.spacingHorizontalXXL,
    zIndex: 100,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    width: 'min(24rem, calc(100vw - 2 * 24px))',
    pointerEvents: 'none',
  },
});

// The receipts are Fluent MessageBars (~10 KB gzip with their motion): fetched
// with the first receipt, not on every first page.
const NoticeList = lazy(() => import('./notice-list').then((m) => ({ default: m.NoticeList })));

/** Where receipts appear; mounted once by the shell (the live region always is, so each is announced). */
export function NotificationArea() {
  const styles = useStyles();
  const { notices, dismiss } = useContext(NotifyContext);
  return (
    <div className={styles.area} role="status" aria-live="polite" aria-label="Notifications">
      {notices.length > 0 ? (
        <Suspense fallback={null}>
          <NoticeList notices={notices} dismiss={dismiss} />
        </Suspense>
      ) : null}
    </div>
  );
}

/** Confirms a completed change; the read-back data on the page is the proof, this the receipt. */
export function useNotifySuccess(): Notify {
  return useContext(NotifyContext).notify;
}
