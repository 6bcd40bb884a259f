import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Icon } from './icons';

interface Props {
  readonly page: string;
  readonly children: ReactNode;
}
interface State {
  readonly error: Error | null;
}

/** One per page: a crash in one page shows what went wrong and how to recover; the rest of the app keeps working. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.warn(`[${this.props.page}] crashed`, error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="page">
        <div className="card state error" role="alert" data-testid="page-crash">
          <div className="icon"><Icon name="alert" size={20} /></div>
          <h2>{this.props.page} stopped working</h2>
          <p>{this.state.error.message}</p>
          <p className="faint">Your data is safe. Try again; if it keeps happening, reload the app (Ctrl+R) and report the message above.</p>
          <button type="button" className="btn primary" onClick={() => this.setState({ error: null })}>
            Try again
          </button>
        </div>
      </div>
    );
  }
}
