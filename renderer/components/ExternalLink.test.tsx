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
});
