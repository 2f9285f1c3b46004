/**
 * The app shell in a real browser: every page has the one header (signed out: Meetings, Network,
 * About, Log in, Sign up), a title of its own and exactly one h1; an unknown address gets the
 * page for unknown addresses with a way home, while a room link keeps its own page; on a phone the
 * navigation folds into a Menu button that the keyboard opens, walks and closes (Escape gives the
 * focus back; an outside click closes it too); a saved result is a toast in a live region that can
 * be dismissed; and the live meeting shows its own header, not the app's.
 */
import { describe, expect, it } from 'vitest';
import { useMeetingFixture } from './harness.js';

const fixture = useMeetingFixture();

describe('the app shell', () => {
  it('gives every page the header, its own title and one h1, and unknown addresses a page with the way home', async () => {
    const page = await fixture.newPage();
    const pages = {
      '/': 'Private meetings, run by a co-operative · Plenary',
      '/about': 'About the co-op · Plenary',
      '/pricing': 'Plans · Plenary',
      '/login': 'Log in · Plenary',
      '/signup': 'Create your account · Plenary',
      '/network': 'Trading network · Plenary',
      '/no/such/page': 'Page not found · Plenary',
    };
    for (const [address, title] of Object.entries(pages)) {
      await page.goto(`${fixture.plenary.url}${address}`);
      await page.locator('h1').first().waitFor();
      await expect.poll(() => page.title(), { message: address }).toBe(title);
      expect(await page.locator('h1').count(), address).toBe(1);
      const navigation = page.getByRole('navigation', { name: 'Main' });
      for (const name of ['Meetings', 'Network', 'About']) await navigation.getByRole('link', { name }).waitFor();
      for (const name of ['Log in', 'Sign up']) await page.getByRole('banner').getByRole('link', { name }).waitFor();
    }

    // The page for unknown addresses names the address and leads home.
    await page.getByText('There is no page at /no/such/page.').waitFor();
    await page.getByRole('link', { name: 'Go to the home page' }).click();
    await page.getByRole('heading', { name: 'Private meetings, run by a co-operative its members own', level: 1 }).waitFor();

    // A room link that leads nowhere keeps its own words.
    await page.goto(`${fixture.plenary.url}/r/aaaa-bbbb-cccc`);
    await page.getByRole('heading', { name: 'This meeting link does not exist', level: 1 }).waitFor();
    await page.context().close();
  });

  it('folds the navigation into a Menu on a phone that the keyboard opens, walks and closes, as does an outside click', async () => {
    const page = await fixture.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(fixture.plenary.url);
    const menuButton = page.getByRole('button', { name: 'Menu' });
    const meetings = page.getByRole('link', { name: 'Meetings' });
    await menuButton.waitFor();
    expect(await meetings.isVisible()).toBe(false);

    await menuButton.focus();
    await page.keyboard.press('Enter');
    await meetings.waitFor();
    expect(await menuButton.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Network');
    await page.keyboard.press('Escape');
    await meetings.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-expanded'))).toBe('false');

    await menuButton.click();
    await meetings.waitFor();
    // Below the open panel, on the page.
    await page.mouse.click(195, 800);
    await meetings.waitFor({ state: 'hidden' });

    // Chosen, a link closes the menu and opens its page.
    await menuButton.click();
    await page.getByRole('link', { name: 'About' }).click();
    await page.getByRole('heading', { name: 'About the co-op', level: 1 }).waitFor();
    expect(await menuButton.getAttribute('aria-expanded')).toBe('false');
    await page.context().close();
  });

  it('says a saved result in a toast that can be dismissed, and steps aside for the live meeting', async () => {
    const page = await fixture.newPage();
    await page.goto(fixture.plenary.url);
    await page.getByRole('button', { name: 'New meeting' }).click();
    await page.waitForURL(/\/r\/[a-z2-9-]{14}$/);
    const roomUrl = page.url();

    await page.goto(`${roomUrl}/settings`);
    await page.getByRole('button', { name: 'Save settings' }).click();
    const toast = page.getByRole('status', { name: 'Notifications' }).getByText('Settings saved.');
    await toast.waitFor();
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await toast.waitFor({ state: 'detached' });

    // Before joining the app's header is there; in the meeting, only the meeting's own.
    await page.goto(roomUrl);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await page.getByLabel('Your name').fill('Ada');
    await page.getByRole('button', { name: 'Join meeting' }).click();
    await page.locator('.tiles [data-local="true"]').waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
    expect(await page.locator('footer.app-footer').count()).toBe(0);
    await page.context().close();
  });
});
