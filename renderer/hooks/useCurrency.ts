import { useCallback, useMemo, useState } from 'react';
import { chooseCurrency } from '../lib/series-math';

const KEY = 'headroom.currency';

type Totals = readonly { readonly currency: string; readonly effective_cost: number; readonly billed_cost: number }[];

/**
 * Which of the store's currencies the Overview, Explore and Forecast pages show (amounts in
 * different currencies are never added): the user's choice, remembered across pages and reloads,
 * while the store holds it; otherwise the one with the largest total.
 */
export function useCurrency(totals: Totals | undefined): { readonly currency: string | undefined; readonly currencies: readonly string[]; setCurrency(c: string): void } {
  const [saved, setSaved] = useState<string | null>(() => localStorage.getItem(KEY));
  const currency = totals ? chooseCurrency(totals, saved) : undefined;
  const currencies = useMemo(() => [...new Set((totals ?? []).map((t) => t.currency))].sort(), [totals]);
  const setCurrency = useCallback((c: string) => {
    setSaved(c);
    localStorage.setItem(KEY, c);
  }, []);
  return { currency, currencies, setCurrency };
}
