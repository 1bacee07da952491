import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromiumAvailableOrSkip } from '../support/chromium.js';
import { startHarness, type Harness } from './harness.js';

const run = chromiumAvailableOrSkip('consent banner (browser)');
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const OUT = new URL('../../test-output/', import.meta.url);

const PAGE = (tag: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>
<style>body{margin:0;font:16px serif} h1{margin:2rem} button{all:unset} *{box-sizing:content-box!important}</style></head>
<body><main><h1 id="title">Our shop</h1><label for="name">Name</label> <input id="name" autofocus><p>${'Lorem ipsum dolor sit amet. '.repeat(40)}</p></main>${tag}</body></html>`;

/** Open a page as an EU visitor and wait for our banner. */
async function openWithBanner(h: Harness, path: string, viewport?: { width: number; height: number }) {
  const context = await h.newContext({ country: 'DE' });
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  await page.addInitScript(() => {
    (window as any).__shift = 0;
    new PerformanceObserver((list) => list.getEntries().forEach((e: any) => ((window as any).__shift += e.value))).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(h.pageOrigin + path);
  await page.waitForSelector('#capi-relay-consent', { state: 'attached', timeout: 15_000 });
  await page.locator('#capi-relay-consent').getByRole('dialog').waitFor();
  return { page, context };
}

/** Where focus is: the element inside our shadow root, else the page's active element. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const host = document.getElementById('capi-relay-consent');
    const inner = host?.shadowRoot?.activeElement;
    return inner ? `banner:${inner.tagName.toLowerCase()}:${inner.getAttribute('role') ?? inner.textContent?.trim()}` : `page:${document.activeElement?.id}`;
  });

describe.runIf(run)('our consent banner in Chromium (built banner.js)', () => {
  let h: Harness;
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    h = await startHarness();
    h.page('/light', PAGE(h.widgetTag({ 'data-theme': 'light', 'data-privacy-url': '/privacy' })));
    h.page('/dark', PAGE(h.widgetTag({ 'data-theme': 'dark', 'data-privacy-url': '/privacy', 'data-lang': 'de' })));
  });
  afterAll(async () => {
    await h?.close();
  });

  test.each(['light', 'dark'])('%s theme: axe finds no violations in the open banner; screenshot saved', async (theme) => {
    const { page, context } = await openWithBanner(h, `/${theme}`);
    await page.addScriptTag({ path: AXE });
    const result = await page.evaluate(async () => {
      const axe = (window as any).axe;
      // The banner lives in an open shadow root; axe walks into it from the host.
      const r = await axe.run({ include: [{ fromShadowDom: ['#capi-relay-consent', '[role=dialog]'] }] }, { resultTypes: ['violations', 'passes'] });
      return { violations: r.violations.map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`), passes: r.passes.map((p: any) => p.id) };
    });
    expect(result.violations).toEqual([]);
    expect(result.passes).toEqual(expect.arrayContaining(['color-contrast', 'aria-dialog-name', 'button-name']));
    await page.screenshot({ path: new URL(`banner-${theme}.png`, OUT).pathname });
    await context.close();
  });

  test('Reject and Accept look exactly alike; nothing is pre-ticked; site CSS does not leak in', async () => {
    const { page, context } = await openWithBanner(h, '/light');
    const styles = await page.evaluate(() => {
      const root = document.getElementById('capi-relay-consent')!.shadowRoot!;
      const pick = (b: Element) => {
        const s = getComputedStyle(b);
        const r = b.getBoundingClientRect();
        return { bg: s.backgroundColor, fg: s.color, font: s.font, border: s.border, height: r.height, width: Math.round(r.width) };
      };
      const [reject, accept] = [...root.querySelectorAll('button')];
      return { reject: pick(reject!), accept: pick(accept!), inputs: root.querySelectorAll('input').length, sizing: getComputedStyle(reject!).boxSizing };
    });
    expect(styles.reject).toEqual(styles.accept);
    expect(styles.reject.height).toBeGreaterThanOrEqual(44);
    expect(styles.inputs).toBe(0);
    // The page's `*{box-sizing:content-box!important}` and `button{all:unset}` stop at the shadow root:
    // the button keeps the browser default and our border.
    expect(styles.sizing).toBe('border-box');
    expect(styles.reject.border).not.toContain('0px none');
    await context.close();
  });

  test('keyboard: focus moves in, Tab and Shift+Tab stay inside, Escape closes and gives focus back', async () => {
    const { page, context } = await openWithBanner(h, '/light');
    expect(await focused(page)).toBe('banner:div:dialog');
    const seen: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      await page.keyboard.press('Tab');
      seen.push(await focused(page));
    }
    expect(seen).toEqual(['banner:a:Privacy policy', 'banner:button:Reject', 'banner:button:Accept', 'banner:a:Privacy policy']);
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toBe('banner:button:Accept');
    // the focused control shows a visible outline
    const outline = await page.evaluate(() => getComputedStyle(document.getElementById('capi-relay-consent')!.shadowRoot!.activeElement!).outlineStyle);
    expect(outline).toBe('solid');
    await page.keyboard.press('Escape');
    expect(await page.locator('#capi-relay-consent').count()).toBe(0);
    expect(await focused(page)).toBe('page:name');
    // dismissed without an answer: nothing stored, nothing sent
    expect(await page.evaluate(() => document.cookie.includes('capi_consent'))).toBe(false);
    await context.close();
  });

  test.each([
    ['320 px wide phone', { width: 320, height: 568 }],
    ['200% zoom of a 1280×720 screen', { width: 640, height: 360 }],
  ])('%s: fits the screen, buttons reachable, no page overflow, no layout shift', async (_name, viewport) => {
    const { page, context } = await openWithBanner(h, '/light', viewport);
    const box = await page.locator('#capi-relay-consent').getByRole('dialog').boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
    expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    const accept = page.locator('#capi-relay-consent').getByRole('button', { name: 'Accept' });
    await accept.scrollIntoViewIfNeeded();
    await accept.click(); // clickable = visible and not covered
    expect(await page.evaluate(() => (window as any).__shift)).toBe(0);
    await context.close();
  });
});
