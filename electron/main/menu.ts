import type { MenuItemConstructorOptions } from 'electron';
import { openExternalSafely } from './security';

/** The application menu: standard edit/view/window roles, and help links that open in the browser. */
export function menuTemplate(isMac: boolean, dev: boolean): MenuItemConstructorOptions[] {
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [{ role: 'reload' }, ...(dev ? [{ role: 'toggleDevTools' as const }] : []), { type: 'separator' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [{ label: 'FinOps FOCUS specification', click: () => openExternalSafely('https://focus.finops.org/') }],
    },
  ];
}
