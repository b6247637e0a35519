import { useEffect, useState } from 'react';

/**
 * The current time, refreshed every `intervalMs`. Badges such as "expires in
 * 7 days" depend on it, and one shared clock keeps every row consistent.
 */
export function useNow(intervalMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(id);
  }, [intervalMs]);
  return now;
}
