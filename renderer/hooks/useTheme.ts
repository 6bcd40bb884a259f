import { useCallback, useEffect, useState } from 'react';

export type ThemeChoice = 'system' | 'light' | 'dark';
const KEY = 'headroom.theme';

function systemDark(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
}

/** Light/dark theme: follows the OS until the user picks one; the choice is remembered. */
export function useTheme(): { readonly choice: ThemeChoice; readonly resolved: 'light' | 'dark'; setChoice(c: ThemeChoice): void; toggle(): void } {
  const [choice, setChoiceState] = useState<ThemeChoice>(() => {
    const saved = localStorage.getItem(KEY);
    return saved === 'light' || saved === 'dark' ? saved : 'system';
  });
  const [dark, setDark] = useState(systemDark);
  useEffect(() => {
    if (typeof matchMedia !== 'function') return;
    const mq = matchMedia('(prefers-color-scheme: dark)');
    const on = (): void => setDark(mq.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, []);
  const resolved = choice === 'system' ? (dark ? 'dark' : 'light') : choice;
  useEffect(() => {
    document.documentElement.dataset['theme'] = resolved;
  }, [resolved]);
  const setChoice = useCallback((c: ThemeChoice) => {
    setChoiceState(c);
    if (c === 'system') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, c);
  }, []);
  const toggle = useCallback(() => setChoice(resolved === 'dark' ? 'light' : 'dark'), [resolved, setChoice]);
  return { choice, resolved, setChoice, toggle };
}
