// Plugins in the shell: the menu entries a plugin registers become the navigation, each
// shown only to users who may read its type (run by run.mjs with --plugins; each
// scenario starts its own server, since the crm plugin brings its own `deal` type).
import assert from 'node:assert/strict';
import { signIn, startServer } from './harness.mjs';

export const pluginScenarios = [
  {
    name: 'plugin menu entries lead to their screens',
    async run({ orbita, webRoot, plugins, newPage }) {
      if (!orbita || !plugins) throw new Error('run.mjs needs --orbita and --plugins for the plugin scenarios');
      const server = await startServer({ orbita, webRoot, plugins });
      try {
        const page = await newPage();
        await signIn(page, server.base, 'admin', server.password);
        const deals = page.locator('nav.sidebar a[data-menu="crm.deals"]');
        await deals.waitFor();
        assert.equal((await deals.textContent()).trim(), 'Сделки');
        // The crm entries come in the plugin's order, before the plain type links.
        const order = await page.$$eval('nav.sidebar a[data-menu]', (links) => links.map((a) => a.dataset.menu));
        assert.deepEqual(order.filter((id) => id.startsWith('crm.')),
          ['crm.clients', 'crm.organizations', 'crm.deals', 'crm.tasks', 'crm.events', 'crm.requests', 'crm.projects']);
        // A type a registered entry leads to is not listed twice.
        assert.equal(await page.locator('nav.sidebar a[data-type=deal]').count(), 0);
        await deals.click();
        await page.waitForURL(/\/records\/deal\/board$/);
        await page.waitForSelector('section.kanban');
        await page.click('nav.sidebar a[data-menu="crm.clients"]');
        await page.waitForURL(/\/records\/client$/);
      } finally {
        await server.stop();
      }
    },
  },
];
