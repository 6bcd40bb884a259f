import { describe, expect, it } from 'vitest';
import { resolveDataDir } from './data-dir';

describe('resolveDataDir', () => {
  it('uses the Electron userData folder per platform', () => {
    expect(resolveDataDir({ env: {}, platform: 'linux', homedir: '/home/ada' })).toBe('/home/ada/.config/Headroom');
    expect(resolveDataDir({ env: { XDG_CONFIG_HOME: '/xdg' }, platform: 'linux', homedir: '/home/ada' })).toBe('/xdg/Headroom');
    expect(resolveDataDir({ env: { XDG_CONFIG_HOME: 'relative' }, platform: 'linux', homedir: '/home/ada' })).toBe('/home/ada/.config/Headroom');
    expect(resolveDataDir({ env: {}, platform: 'darwin', homedir: '/Users/ada' })).toBe('/Users/ada/Library/Application Support/Headroom');
    expect(resolveDataDir({ env: { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, platform: 'win32', homedir: 'C:\\Users\\ada' })).toBe(
      'C:\\Users\\ada\\AppData\\Roaming\\Headroom',
    );
    expect(resolveDataDir({ env: {}, platform: 'win32', homedir: 'C:\\Users\\ada' })).toBe('C:\\Users\\ada\\AppData\\Roaming\\Headroom');
  });

  it('lets --data-dir win over HEADROOM_DATA_DIR, which wins over the default', () => {
    const env = { HEADROOM_DATA_DIR: '/env/dir' };
    expect(resolveDataDir({ flag: '/flag/dir', env, platform: 'linux', homedir: '/h' })).toBe('/flag/dir');
    expect(resolveDataDir({ env, platform: 'linux', homedir: '/h' })).toBe('/env/dir');
    expect(resolveDataDir({ flag: '', env, platform: 'linux', homedir: '/h' })).toBe('/env/dir');
    expect(resolveDataDir({ flag: 'rel/d', env: {}, platform: 'linux', homedir: '/h', cwd: '/work' })).toBe('/work/rel/d');
    expect(resolveDataDir({ flag: '~/hd', env: {}, platform: 'linux', homedir: '/h' })).toBe('/h/hd');
    expect(resolveDataDir({ env: { HEADROOM_DATA_DIR: 'D:\\hr' }, platform: 'win32', homedir: 'C:\\Users\\ada' })).toBe('D:\\hr');
  });
});
