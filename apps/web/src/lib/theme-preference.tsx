import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';

export type ThemePreference = 'system' | 'light' | 'dark';
export type EffectiveTheme = 'light' | 'dark';

const storageKey = 'latchkey.theme';
const darkQuery = '(prefers-color-scheme: dark)';

export function readStoredThemePreference(): ThemePreference {
  try {
    const v = window.localStorage.getItem(storageKey);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    // Storage can be blocked by policy; fall back to the system theme.
    return 'system';
  }
}

export function storeThemePreference(p: ThemePreference): void {
  try {
    if (p === 'system') window.localStorage.removeItem(storageKey);
    else window.localStorage.setItem(storageKey, p);
  } catch {
    // Not remembered, still applied for this visit.
  }
}

interface ThemeContextValue {
  preference: ThemePreference;
  effective: EffectiveTheme;
  setPreference: (p: ThemePreference) => void;
}

const ThemeContext = createContext<ThemeContextValue | undefined>(undefined);

/** Follows the system colour scheme unless the person picked one, which is remembered. */
export function ThemePreferenceProvider({ children }: { children: ReactNode }) {
  const [preference, setPreferenceState] = useState<ThemePreference>(readStoredThemePreference);
  const [systemDark, setSystemDark] = useState(() => window.matchMedia(darkQuery).matches);

  useEffect(() => {
    const mq = window.matchMedia(darkQuery);
    const onChange = (e: MediaQueryListEvent) => setSystemDark(e.matches);
    mq.addEventListener('change', onChange);
    return () => mq.removeEventListener('change', onChange);
  }, []);

  const setPreference = useCallback((p: ThemePreference) => {
    setPreferenceState(p);
    storeThemePreference(p);
  }, []);

  const effective: EffectiveTheme =
    preference === 'system' ? (systemDark ? 'dark' : 'light') : preference;

  useEffect(() => {
    document.documentElement.style.colorScheme = effective;
  }, [effective]);

  const value = useMemo(
    () => ({ preference, effective, setPreference }),
    [preference, effective, setPreference],
  );
  return <ThemeContext.Provider value={value}>{children}</ThemeContext.Provider>;
}

export function useThemePreference(): ThemeContextValue {
  const ctx = useContext(ThemeContext);
  if (!ctx) throw new Error('useThemePreference outside ThemePreferenceProvider');
  return ctx;
}
