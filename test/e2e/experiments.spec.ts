/**
 * An A/B test end to end: the operator sets an experiment through the admin API, the visitor opts in,
 * the host page hears the visitor's arm, the device reports exposure under LDP, and the dashboard
 * shows the experiment without publishing a cell that rests on fewer than k reports.
 */
import { hashAdminToken, newAdminToken } from '../../sync-server';
import { hostPage } from './chat-pages';
import { expect, test, widgetFrame } from './stack';

type Confide = (...args: unknown[]) => void;
const SPEC = {
  id: 'cards-v2',
  variants: [
    { name: 'control', weight: 1 },
    { name: 'carousel', weight: 1 },
  ],
};

test('an experiment set by the admin API reaches the host page, the reports and the dashboard', async ({
  page,
  stack,
}) => {
  const token = newAdminToken();
  await stack.server.store.addAdminToken(hashAdminToken(token), 'e2e', '2026-11-22');
  const admin = `${stack.widgetUrl}/v1/admin/sites/demo/experiments`;
  const refused = await page.request.put(admin, { data: [SPEC] });
  expect(refused.status()).toBe(401);
  const set = await page.request.put(admin, { data: [SPEC], headers: { Authorization: `Bearer ${token}` } });
  expect(set.status()).toBe(200);

  await page.goto(hostPage(stack, { greetingDelayMs: false }));
  await page.evaluate(() => {
    const w = window as unknown as { confide: Confide; arms: unknown[] };
    w.arms = [];
    w.confide('on', 'experiment', (a: unknown) => w.arms.push(a));
  });
  const frame = await widgetFrame(page);
  await frame.getByRole('button', { name: 'Open chat' }).click();
  // Nothing about experiments is asked for before the visitor decides.
  expect(stack.requests.filter((r) => r.url().includes('/v1/experiments'))).toEqual([]);
  await frame.getByRole('button', { name: 'Accept all' }).click();

  const arms = () => page.evaluate(() => (window as unknown as { arms: unknown[] }).arms);
  await expect.poll(arms, { timeout: 20_000 }).toHaveLength(1);
  const [arm] = (await arms()) as { experiment: string; variant: string }[];
  expect(arm?.experiment).toBe('cards-v2');
  expect(['control', 'carousel']).toContain(arm?.variant);
  expect(stack.requests.filter((r) => r.url().includes('/v1/experiments'))).toHaveLength(1);

  // One noised report of (arm, converted) for the experiment, nothing naming the visitor.
  await expect
    .poll(() => stack.rows("select * from reports where metric = 'experiment_conversion'").length, {
      timeout: 20_000,
    })
    .toBe(1);
  const [row] = stack.rows<{ experiment: string; domain: number; value: number }>(
    "select experiment, domain, value from reports where metric = 'experiment_conversion'",
  );
  expect(row).toMatchObject({ experiment: 'cards-v2', domain: 4 });

  const dashboard = `${stack.widgetUrl}/dashboard?site=demo`;
  expect((await page.request.get(dashboard)).status()).toBe(401);
  const basic = Buffer.from(`owner:${token}`).toString('base64');
  const res = await page.request.get(dashboard, { headers: { Authorization: `Basic ${basic}` } });
  expect(res.status()).toBe(200);
  const html = await res.text();
  expect(html).toContain('cards-v2');
  // One device is far below k = 20: the page says so and shows no rate for either arm.
  for (const variant of ['control', 'carousel'])
    expect(html).toContain(`<th scope="row">${variant}</th><td>below k</td><td>below k</td>`);
});
