/**
 * Desktop entry: owns the window, menu, dialogs and secrets; relays typed IPC to the worker
 * (a utilityProcess hosting core/service). The renderer is served from the `headroom://app`
 * scheme out of dist-renderer/, so its CSP can say 'self'.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, safeStorage, session, utilityProcess } from 'electron';
import { writeFile } from 'node:fs/promises';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { registerIpc } from './ipc';
import { menuTemplate } from './menu';
import { createSecretStore } from './secrets';
import { APP_ORIGIN, APP_SCHEME, hardenSession, hardenWebContents, secureWebPreferences } from './security';
import { createWorkerLink, type ChildLike } from './worker-link';
import { resolveMemoryLimit } from '../../core/service/memory-limit';
import { withPdfPrinting } from './report-pdf';

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

/** dist-electron/electron/main (this bundle's folder). */
const here = dirname(fileURLToPath(import.meta.url));
const rendererDir = normalize(join(here, '..', '..', '..', 'dist-renderer'));
const dev = !app.isPackaged;

if (!app.requestSingleInstanceLock()) app.quit();

app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

void app.whenReady().then(() => {
  hardenSession(session.defaultSession);
  protocol.handle(APP_SCHEME, (request) => {
    const url = new URL(request.url);
    const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
    const file = normalize(join(rendererDir, rel));
    if (!file.startsWith(rendererDir + sep)) return new Response('Not found', { status: 404 });
    return net.fetch(pathToFileURL(file).toString());
  });

  // The service reads HEADROOM_MEMORY_LIMIT from the environment passed on below; a bad value would
  // stop it before its first answer, so say why here, where a dialog can.
  try {
    resolveMemoryLimit({ env: process.env });
  } catch (e) {
    dialog.showErrorBox('Headroom cannot start', e instanceof Error ? e.message : String(e));
    app.quit();
    return;
  }
  const dataDir = process.env['HEADROOM_DATA_DIR'] || app.getPath('userData');
  const child = utilityProcess.fork(join(here, '..', 'worker', 'index.js'), [], { serviceName: 'Headroom service', env: { ...process.env, HEADROOM_DATA_DIR: dataDir } });
  // PDF reports: the worker renders HTML, main prints it with printToPDF in a hidden window.
  const worker = withPdfPrinting(createWorkerLink(child as unknown as ChildLike));
  registerIpc({
    ipcMain,
    worker,
    secrets: createSecretStore(safeStorage, dataDir),
    openFiles: async (sender) => {
      const win = BrowserWindow.fromWebContents(sender);
      const options = { title: 'Import billing exports', properties: ['openFile', 'multiSelections'] as ('openFile' | 'multiSelections')[], filters: [{ name: 'Billing exports', extensions: ['csv', 'gz', 'parquet', 'json', 'ndjson'] }, { name: 'All files', extensions: ['*'] }] };
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return r.canceled ? [] : r.filePaths;
    },
    saveFile: async (sender, name, bytes) => {
      const win = BrowserWindow.fromWebContents(sender);
      const ext = extname(name).slice(1);
      const options = { title: 'Save report', defaultPath: join(app.getPath('documents'), name), filters: [{ name: `${ext.toUpperCase()} file`, extensions: [ext] }] };
      const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      if (r.canceled || !r.filePath) return null;
      await writeFile(r.filePath, bytes);
      return r.filePath;
    },
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform === 'darwin', dev)));

  const createWindow = (): void => {
    const win = new BrowserWindow({
      width: 1360,
      height: 900,
      minWidth: 960,
      minHeight: 640,
      title: 'Headroom',
      show: false,
      backgroundColor: '#111318',
      webPreferences: secureWebPreferences(join(here, '..', 'preload', 'index.cjs')),
    });
    win.once('ready-to-show', () => win.show());
    void win.loadURL(`${APP_ORIGIN}/index.html`);
  };
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
