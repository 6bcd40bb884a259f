import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { BridgeProvider, connect } from './bridge';
import './styles/app.css';

const root = createRoot(document.getElementById('root')!);
try {
  const bridge = connect(window);
  root.render(
    <StrictMode>
      <BridgeProvider bridge={bridge}>
        <App />
      </BridgeProvider>
    </StrictMode>,
  );
} catch (e) {
  root.render(
    <div className="state error" role="alert" style={{ height: '100%' }}>
      <h2>Headroom cannot connect</h2>
      <p>{e instanceof Error ? e.message : String(e)}</p>
    </div>,
  );
}
