/**
 * The demo shop as a visitor talks to it: a question only this shop's FAQ answers comes back with the
 * FAQ's answer and its link to the shop's help page; a question in German, which the intent model
 * does not read, is answered in German with the shop's handoff instead of being forced onto an
 * English intent; the shop's own short answers (not Bitext's) answer an ordinary question. Real
 * worker, real intent model in onnxruntime-web, the demo's own `confide('init')` options.
 */
import { ask } from './chat-pages';
import { expect, test, widgetFrame } from './stack';

test.describe('the demo shop understands its visitors', () => {
  let bundle: Promise<import('@playwright/test').Response>;
  test.beforeEach(async ({ page, stack }) => {
    bundle = page.waitForResponse(`${stack.demo.url}/faq.confide.json`);
    await page.goto(`${stack.demo.url}/`);
    const frame = await widgetFrame(page);
    await frame.getByRole('button', { name: 'Open chat' }).click();
    await frame.getByRole('button', { name: 'Reject all' }).click();
  });

  test('a question from the FAQ is answered from it, citing its link', async ({ page, stack }) => {
    // The frame fetched the shop's FAQ bundle from the shop's own origin, without cookies.
    const res = await bundle;
    expect(res.status()).toBe(200);
    expect(await res.request().headerValue('cookie')).toBeNull();
    const answer = await ask(await widgetFrame(page), 'can you gift wrap my order?', 0);
    await expect(answer.locator('.bubble')).toContainText('gift wrap" at checkout for £2.50');
    const link = answer.getByRole('link', { name: 'Gift wrapping' });
    await expect(link).toHaveAttribute('href', `${stack.demo.url}/help#gift-wrap`);
    await expect(link).toHaveAttribute('target', '_blank');
    // The link leads somewhere real: the help page has that section.
    const help = await page.request.get(`${stack.demo.url}/help`);
    expect(await help.text()).toContain('id="gift-wrap"');
  });

  test("a paraphrase the n-grams miss is matched through the FAQ's word vectors", async ({ page }) => {
    // "note for my friend" ~ "gift message": the n-grams alone score it below the threshold (0.31).
    const answer = await ask(await widgetFrame(page), 'can i include a little note for my friend', 0);
    await expect(answer.locator('.bubble')).toContainText('add your message at checkout');
    await expect(answer.getByRole('link', { name: 'Gift messages' })).toBeVisible();
  });

  test('a German message is answered in German, with the handoff', async ({ page }) => {
    const answer = await ask(
      await widgetFrame(page),
      'Wo ist meine Bestellung? Ich warte seit einer Woche.',
      0,
    );
    await expect(answer.locator('.bubble')).toContainText('Ich verstehe bisher leider nur Englisch');
    await expect(answer.getByRole('link', { name: 'E-Mail an unser Team' })).toHaveAttribute(
      'href',
      'mailto:help@shop.example',
    );
  });

  test("an ordinary question gets the shop's own short answer and link", async ({ page, stack }) => {
    const answer = await ask(await widgetFrame(page), 'where is my package?', 0);
    const text = (await answer.locator('.bubble').textContent()) ?? '';
    expect(text).toContain('Your order page shows where each parcel is');
    expect(text).not.toMatch(/tracking number|order number/i);
    await expect(answer.getByRole('link', { name: 'Track an order' })).toHaveAttribute(
      'href',
      `${stack.demo.url}/help#tracking`,
    );
  });
});
