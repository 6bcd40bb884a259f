import { afterEach, describe, expect, it } from 'vitest';
import { installLinkGuard } from './ExternalLink';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('link guard', () => {
  it('turns clicks on foreign links into external opens and keeps in-app links', () => {
    const opened: string[] = [];
    cleanup = installLinkGuard(document, (u) => opened.push(u));
    document.body.innerHTML = '<a id="ext" href="https://evil.example/x">x</a><a id="js" href="javascript:alert(1)">j</a><a id="in" href="#/explore">in</a>';
    const click = (id: string): boolean => document.getElementById(id)!.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    expect(click('ext')).toBe(false);
    expect(click('js')).toBe(false);
    expect(click('in')).toBe(true);
    expect(opened).toEqual(['https://evil.example/x']);
  });

  it('lets a same-origin blob download through, but not a blob without download or from another origin', () => {
    const opened: string[] = [];
    cleanup = installLinkGuard(document, (u) => opened.push(u));
    const origin = new URL(document.baseURI).origin;
    document.body.innerHTML = `<a id="dl" download="r.csv" href="blob:${origin}/1b4e28ba">d</a><a id="nodl" href="blob:${origin}/1b4e28ba">n</a><a id="foreign" download="r.csv" href="blob:https://evil.example/1b4e28ba">f</a>`;
    const click = (id: string): boolean => document.getElementById(id)!.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    expect(click('dl')).toBe(true);
    expect(click('nodl')).toBe(false);
    expect(click('foreign')).toBe(false);
    expect(opened).toEqual([]);
  });
});
