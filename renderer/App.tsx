import { type ComponentType, type KeyboardEvent as ReactKeyboardEvent, useEffect, useMemo, useState } from 'react';
import type { Method } from '../core/api';
import { useBridge } from './bridge';
import { ErrorBoundary } from './components/ErrorBoundary';
import { installLinkGuard } from './components/ExternalLink';
import { Icon, type IconName } from './components/icons';
import { DataVersion } from './hooks/useCall';
import { useRoute } from './hooks/useRoute';
import { useTheme } from './hooks/useTheme';
import { AnomaliesPage } from './pages/anomalies/AnomaliesPage';
import { BudgetsPage } from './pages/budgets/BudgetsPage';
import { CapacityPage } from './pages/capacity/CapacityPage';
import { CommitmentsPage } from './pages/commitments/CommitmentsPage';
import { ExplorePage } from './pages/explore/ExplorePage';
import { ForecastPage } from './pages/forecast/ForecastPage';
import { OverviewPage } from './pages/overview/OverviewPage';
import { ReportsPage } from './pages/reports/ReportsPage';
import { ScenariosPage } from './pages/scenarios/ScenariosPage';
import { SourcesPage } from './pages/sources/SourcesPage';

interface PageDef {
  readonly id: string;
  readonly title: string;
  readonly icon: IconName;
  readonly section: 'Analyze' | 'Plan' | 'Data';
  /** API methods the page needs; a page shows only when the service has all of them. */
  readonly needs: readonly string[];
  readonly component: ComponentType;
}

/** Every page, in navigation order. Ctrl/⌘ + its number opens the first nine. */
export const PAGES: readonly PageDef[] = [
  { id: 'overview', title: 'Overview', icon: 'overview', section: 'Analyze', needs: ['summary', 'series.daily', 'coverage'], component: OverviewPage },
  { id: 'explore', title: 'Explore', icon: 'explore', section: 'Analyze', needs: ['summary', 'series.daily'], component: ExplorePage },
  { id: 'forecast', title: 'Forecast', icon: 'forecast', section: 'Analyze', needs: ['forecast.series', 'summary'], component: ForecastPage },
  { id: 'capacity', title: 'Capacity', icon: 'capacity', section: 'Plan', needs: ['pools.list', 'capacity.plan', 'capacity.export'], component: CapacityPage },
  { id: 'commitments', title: 'Commitments', icon: 'commitments', section: 'Plan', needs: ['commitments.plan'], component: CommitmentsPage },
  { id: 'budgets', title: 'Budgets', icon: 'budgets', section: 'Plan', needs: ['budgets.status', 'budgets.add'], component: BudgetsPage },
  { id: 'anomalies', title: 'Anomalies', icon: 'anomalies', section: 'Plan', needs: ['anomalies.list', 'anomalies.label', 'series.daily'], component: AnomaliesPage },
  { id: 'scenarios', title: 'Scenarios', icon: 'scenarios', section: 'Plan', needs: ['scenarios.list', 'scenarios.add', 'scenarios.compare', 'summary'], component: ScenariosPage },
  { id: 'sources', title: 'Sources', icon: 'sources', section: 'Data', needs: ['sources.list', 'coverage'], component: SourcesPage },
  { id: 'reports', title: 'Reports', icon: 'reports', section: 'Data', needs: ['reports.build', 'summary'], component: ReportsPage },
];

export function App() {
  const bridge = useBridge();
  const route = useRoute();
  const theme = useTheme();
  const [version, setVersion] = useState(0);
  const data = useMemo(() => ({ version, bump: () => setVersion((v) => v + 1) }), [version]);
  const pages = useMemo(() => PAGES.filter((p) => p.needs.every((m) => bridge.has(m as Method))), [bridge]);
  const current = pages.find((p) => p.id === route.page) ?? pages[0]!;
  const { navigate } = route;

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      const n = Number(e.key);
      if (Number.isInteger(n) && n >= 1 && n <= pages.length) {
        e.preventDefault();
        navigate(pages[n - 1]!.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [pages, navigate]);

  useEffect(() => installLinkGuard(document, (url) => bridge.openExternal(url)), [bridge]);

  useEffect(() => {
    document.title = `${current.title} · Headroom`;
  }, [current]);

  const Page = current.component;
  const sections = ['Analyze', 'Plan', 'Data'] as const;
  const mac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);
  return (
    <DataVersion.Provider value={data}>
      <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        Skip to content
      </a>
      <div className="app">
        <aside className="sidebar" aria-label="Headroom">
          <div className="brand">
            <div className="brand-mark"><Icon name="logo" size={18} /></div>
            <div>
              <div className="brand-name">Headroom</div>
              <div className="brand-sub">Cost &amp; capacity planning</div>
            </div>
          </div>
          <nav className="nav" aria-label="Pages" data-testid="nav" onKeyDown={(e) => moveFocus(e)}>
            {sections.map((section) => {
              const inSection = pages.filter((p) => p.section === section);
              if (inSection.length === 0) return null;
              return (
                <div key={section} role="group" aria-label={section} style={{ display: 'contents' }}>
                  <div className="nav-section">{section}</div>
                  {inSection.map((p) => (
                    <a key={p.id} href={`#/${p.id}`} aria-current={p.id === current.id ? 'page' : undefined} data-testid={`nav-${p.id}`}>
                      <Icon name={p.icon} />
                      {p.title}
                      {pages.indexOf(p) < 9 && <kbd aria-hidden="true">{mac ? '⌘' : 'Ctrl+'}{pages.indexOf(p) + 1}</kbd>}
                    </a>
                  ))}
                </div>
              );
            })}
          </nav>
          <div className="sidebar-foot">
            <button type="button" className="btn ghost" onClick={theme.toggle} data-testid="theme-toggle" aria-label={`Switch to ${theme.resolved === 'dark' ? 'light' : 'dark'} theme`}>
              <Icon name={theme.resolved === 'dark' ? 'sun' : 'moon'} /> {theme.resolved === 'dark' ? 'Light theme' : 'Dark theme'}
            </button>
            <div className="mode">{bridge.kind === 'http' ? 'Browser mode · this computer only' : 'Desktop'}</div>
          </div>
        </aside>
        <main className="main" id="main" tabIndex={-1} data-testid={`page-${current.id}`}>
          <ErrorBoundary key={current.id} page={current.title}>
            <Page />
          </ErrorBoundary>
        </main>
      </div>
    </DataVersion.Provider>
  );
}

/** Up/Down arrows move between navigation links (Home/End jump to the ends). */
function moveFocus(e: ReactKeyboardEvent<HTMLElement>): void {
  const links = [...e.currentTarget.querySelectorAll<HTMLAnchorElement>('a')];
  const i = links.indexOf(document.activeElement as HTMLAnchorElement);
  if (i < 0) return;
  const next = e.key === 'ArrowDown' ? i + 1 : e.key === 'ArrowUp' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? links.length - 1 : -1;
  if (next < 0 || next >= links.length || e.key === 'Tab') return;
  e.preventDefault();
  links[next]!.focus();
}
