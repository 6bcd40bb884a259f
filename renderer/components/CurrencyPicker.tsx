import { Segmented } from './Segmented';

/** The currency a page shows, when the store holds more than one (nothing otherwise). */
export function CurrencyPicker({ currencies, value, onChange }: { readonly currencies: readonly string[]; readonly value: string | undefined; readonly onChange: (c: string) => void }) {
  if (currencies.length < 2 || value === undefined) return null;
  return (
    <div className="field">
      Currency
      <Segmented label="Currency" testId="currency-picker" value={value} onChange={onChange} options={currencies.map((c) => ({ value: c, label: c }))} />
    </div>
  );
}
