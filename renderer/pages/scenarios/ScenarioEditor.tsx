import { type FormEvent, useId, useState } from 'react';
import type { Dimension, Scenario } from '../../../core/api';
import { useBridge } from '../../bridge';
import { Icon } from '../../components/icons';
import { useCall, useDataVersion } from '../../hooks/useCall';
import { DIMENSIONS, dimensionLabel } from '../../lib/dimensions';
import { DRIVER_KINDS, DRIVER_TITLES, type DriverForm, driverProblem, driversNamedIn, emptyDriver, fromDriverText, toDriverText } from '../../lib/drivers';

interface Form {
  readonly name: string;
  readonly currency: string;
  readonly dimension: Dimension | '';
  readonly value: string;
  readonly drivers: readonly DriverForm[];
}

type Field = 'name' | 'currency' | 'scope' | 'drivers' | 'form';

/** Which field a service message is about (the message itself is shown as written). */
function fieldOf(message: string): Field {
  if (/scenario\.name|already exists/.test(message)) return 'name';
  if (/currency/i.test(message)) return 'currency';
  if (/scope/.test(message)) return 'scope';
  if (/driver/i.test(message)) return 'drivers';
  return 'form';
}

/**
 * Create or edit a scenario. Validation is the service's: the form sends what was typed and shows
 * each message next to the field or driver it names.
 */
export function ScenarioEditor({ original, currency, defaultFrom, onDone }: { readonly original: Scenario | null; readonly currency: string; readonly defaultFrom: string | undefined; readonly onDone: (saved: string | null) => void }) {
  const bridge = useBridge();
  const { bump } = useDataVersion();
  const id = useId();
  const [form, setForm] = useState<Form>(() =>
    original
      ? { name: original.name, currency: original.currency, dimension: original.scope[0]?.dimension ?? '', value: original.scope[0]?.value ?? '', drivers: original.drivers.map((d) => fromDriverText(d) ?? emptyDriver('growth')) }
      : { name: '', currency, dimension: '', value: '', drivers: [emptyDriver('growth', defaultFrom ?? '')] },
  );
  /** Conditions beyond the first (scenarios made on the command line may have several): kept as they are. */
  const extraScope = original?.scope.slice(1) ?? [];
  const [error, setError] = useState<{ field: Field; message: string; drivers: number[] } | null>(null);
  const [saving, setSaving] = useState(false);
  const values = useCall('summary', form.dimension ? { by: [form.dimension] } : null);
  const options = form.dimension ? [...new Set((values.data?.groups ?? []).map((g) => g.group[form.dimension] ?? null).filter((v): v is string => v !== null))].sort() : [];

  const setDriver = (i: number, patch: Partial<DriverForm>): void => setForm((f) => ({ ...f, drivers: f.drivers.map((d, j) => (j === i ? { ...d, ...patch } : d)) }));
  const texts = form.drivers.map(toDriverText);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setSaving(true);
    setError(null);
    const scenario: Scenario = {
      name: form.name.trim(),
      currency: form.currency.trim().toUpperCase(),
      scope: [...(form.dimension ? [{ dimension: form.dimension, value: form.value.trim() }] : []), ...extraScope],
      drivers: texts,
    };
    try {
      const renamed = original !== null && original.name !== scenario.name;
      await bridge.call('scenarios.add', { scenario, replace: original !== null && !renamed });
      if (renamed) await bridge.call('scenarios.remove', { name: original.name });
      bump();
      onDone(scenario.name);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const named = driversNamedIn(message, texts);
      setError({ field: named.length > 0 ? 'drivers' : fieldOf(message), message, drivers: named });
    } finally {
      setSaving(false);
    }
  };

  const fieldError = (f: Field) => (error && error.field === f && error.drivers.length === 0 ? <div className="field-error" role="alert" id={`${id}-${f}-err`} data-testid={`scenario-error-${f}`}>{error.message}</div> : null);
  const describedBy = (f: Field): string | undefined => (error?.field === f ? `${id}-${f}-err` : undefined);

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="stack scenario-editor" data-testid="scenario-form">
      <div className="toolbar" style={{ alignItems: 'flex-start', gap: 12 }}>
        <label className="field">
          Name
          <input className="input" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} placeholder="Black Friday peak" aria-invalid={error?.field === 'name'} aria-describedby={describedBy('name')} data-testid="scenario-name" autoFocus />
          {fieldError('name')}
        </label>
        <label className="field">
          Currency
          <input className="input" value={form.currency} maxLength={3} style={{ width: 72 }} onChange={(e) => setForm({ ...form, currency: e.target.value })} aria-invalid={error?.field === 'currency'} aria-describedby={describedBy('currency')} />
          {fieldError('currency')}
        </label>
        <label className="field">
          Applies to
          <select className="select" value={form.dimension} onChange={(e) => setForm({ ...form, dimension: e.target.value as Dimension | '', value: '' })} data-testid="scenario-dimension">
            <option value="">All spend</option>
            {DIMENSIONS.map((d) => <option key={d} value={d}>One {dimensionLabel(d).toLowerCase()}</option>)}
          </select>
        </label>
        {form.dimension && (
          <label className="field">
            {dimensionLabel(form.dimension)}
            <input className="input" list={`${id}-values`} value={form.value} onChange={(e) => setForm({ ...form, value: e.target.value })} aria-invalid={error?.field === 'scope'} aria-describedby={describedBy('scope')} style={{ minWidth: 240 }} data-testid="scenario-value" />
            <datalist id={`${id}-values`}>{options.map((o) => <option key={o} value={o} />)}</datalist>
          </label>
        )}
        {extraScope.length > 0 && (
          <div className="field">
            And also
            <div className="muted" style={{ fontSize: 13, paddingTop: 6 }}>{extraScope.map((c) => `${dimensionLabel(c.dimension)} = ${c.value}`).join(', ')}</div>
          </div>
        )}
      </div>
      {fieldError('scope')}

      <fieldset className="drivers" aria-describedby={describedBy('drivers')}>
        <legend>Drivers <span className="faint">— applied to every forecast path, in this order</span></legend>
        {form.drivers.length === 0 && <p className="faint" style={{ margin: '4px 0' }}>No drivers yet: add one below.</p>}
        {form.drivers.map((d, i) => {
          const bad = error?.drivers.includes(i) ?? false;
          return (
            <div key={i} className={`driver-row ${bad ? 'invalid' : ''}`} data-testid="driver-row" role="group" aria-label={`Driver ${i + 1}: ${DRIVER_TITLES[d.kind]}`}>
              <div className="driver-fields">
                <label className="field">
                  Kind
                  <select className="select" value={d.kind} onChange={(e) => setDriver(i, { ...emptyDriver(e.target.value as DriverForm['kind'], d.from) })} data-testid="driver-kind">
                    {DRIVER_KINDS.map((k) => <option key={k} value={k}>{DRIVER_TITLES[k]}</option>)}
                  </select>
                </label>
                <DriverFields d={d} currency={form.currency} onChange={(p) => setDriver(i, p)} />
                <button type="button" className="btn small ghost icon-only" onClick={() => setForm((f) => ({ ...f, drivers: f.drivers.filter((_, j) => j !== i) }))} aria-label={`Remove driver ${i + 1}`} title="Remove this driver">
                  <Icon name="x" size={14} />
                </button>
              </div>
              {bad && error && <div className="field-error" role="alert" data-testid="driver-error">{driverProblem(error.message)}</div>}
            </div>
          );
        })}
        <div className="toolbar" style={{ marginTop: 4 }}>
          <span className="faint" style={{ fontSize: 12 }}>Add:</span>
          {DRIVER_KINDS.map((k) => (
            <button key={k} type="button" className="btn small" onClick={() => setForm((f) => ({ ...f, drivers: [...f.drivers, emptyDriver(k, defaultFrom ?? '')] }))} data-testid={`add-driver-${k}`}>
              + {DRIVER_TITLES[k]}
            </button>
          ))}
        </div>
        {fieldError('drivers')}
      </fieldset>
      {fieldError('form')}
      <div className="toolbar">
        <button type="submit" className="btn primary" disabled={saving} data-testid="save-scenario">{saving ? 'Saving…' : original ? 'Save changes' : 'Save scenario'}</button>
        <button type="button" className="btn ghost" onClick={() => onDone(null)}>Cancel</button>
      </div>
    </form>
  );
}

/** The inputs of one driver kind, in the user's terms (percentages, a last day, a daily amount). */
function DriverFields({ d, currency, onChange }: { readonly d: DriverForm; readonly currency: string; readonly onChange: (p: Partial<DriverForm>) => void }) {
  const value = (label: string, width = 90, testId = 'driver-value') => (
    <label className="field">
      {label}
      <input className="input" inputMode="decimal" value={d.value} onChange={(e) => onChange({ value: e.target.value })} style={{ width }} data-testid={testId} />
    </label>
  );
  const from = (label = 'From') => (
    <label className="field">
      {label}
      <input className="input" type="date" value={d.from} onChange={(e) => onChange({ from: e.target.value })} data-testid="driver-from" />
    </label>
  );
  switch (d.kind) {
    case 'growth':
      return <>{value('Growth, % a year')}{from()}</>;
    case 'step':
      return (
        <>
          <label className="field">
            Change
            <select className="select" value={d.mode} onChange={(e) => onChange({ mode: e.target.value as DriverForm['mode'] })}>
              <option value="factor">Multiply cost by</option>
              <option value="add">Add per day ({currency || 'amount'})</option>
            </select>
          </label>
          {value(d.mode === 'factor' ? 'Factor' : 'Amount a day')}
          {from()}
        </>
      );
    case 'window':
      return (
        <>
          {value('Multiply cost by')}
          {from()}
          <label className="field">
            Through (last day)
            <input className="input" type="date" value={d.last} onChange={(e) => onChange({ last: e.target.value })} data-testid="driver-last" />
          </label>
        </>
      );
    case 'price':
      return <>{value('Price change, %')}{from()}</>;
    case 'workload':
      return (
        <>
          {value(`Cost a day (${currency || 'amount'})`, 110)}
          {from('Starts')}
          <label className="field">
            Ramp-up, days
            <input className="input" inputMode="numeric" value={d.ramp} onChange={(e) => onChange({ ramp: e.target.value })} style={{ width: 80 }} />
          </label>
          <label className="field">
            Own growth, % a year
            <input className="input" inputMode="decimal" value={d.growth} placeholder="none" onChange={(e) => onChange({ growth: e.target.value })} style={{ width: 80 }} data-testid="driver-growth" />
          </label>
          <label className="field">
            Size uncertainty, %
            <input className="input" inputMode="decimal" value={d.spread} placeholder="known" onChange={(e) => onChange({ spread: e.target.value })} style={{ width: 80 }} data-testid="driver-spread" />
          </label>
        </>
      );
  }
}
