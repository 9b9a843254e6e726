// The browser tests (ctest web_browser): each scenario runs in its own browser context
// against a real server, saves a screenshot into --artifacts, and any failure fails the run.
//   node tests/browser/run.mjs --orbita build/dev/bin/orbita --artifacts build/dev/web/screenshots [--web-root DIR]
//       [--plugins build/dev/plugins]   (the plugin scenarios start their own server with these plugins)
//   node tests/browser/run.mjs --url http://127.0.0.1:8080 --password SECRET   (an already running demo server)
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser, startServer } from './harness.mjs';
import { scenarios } from './scenarios.mjs';
import { liveScenarios } from './live-scenarios.mjs';
import { pluginScenarios } from './plugin-scenarios.mjs';

const { values: args } = parseArgs({
  options: {
    orbita: { type: 'string' }, 'web-root': { type: 'string' }, artifacts: { type: 'string', default: 'test-artifacts' },
    url: { type: 'string' }, password: { type: 'string' }, only: { type: 'string' }, plugins: { type: 'string' },
  },
});
mkdirSync(args.artifacts, { recursive: true });

const server = args.url ? { base: args.url, password: args.password, stop: async () => {} }
  : await startServer({ orbita: args.orbita, webRoot: args['web-root'] });
const browser = await launchBrowser();
let failures = 0;
try {
  for (const scenario of [...scenarios, ...liveScenarios, ...(await import('./admin-scenarios.mjs')).adminScenarios,
    ...pluginScenarios]) {
    if (args.only && !scenario.name.includes(args.only)) continue;
    const contexts = [];
    const newPage = async () => {
      const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 800 } });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(15000);
      return page;
    };
    const started = Date.now();
    let lastPage;
    try {
      await scenario.run({ base: server.base, password: server.password, artifacts: args.artifacts,
        orbita: args.orbita, webRoot: args['web-root'], plugins: args.plugins,
        newPage: async () => (lastPage = await newPage()) });
      console.log(`ok - ${scenario.name} (${Date.now() - started} ms)`);
    } catch (error) {
      failures++;
      console.log(`not ok - ${scenario.name}: ${error.stack ?? error}`);
    } finally {
      const file = join(args.artifacts, `${scenario.name.replace(/[^a-z0-9]+/gi, '-')}.png`);
      if (lastPage) await lastPage.screenshot({ path: file, fullPage: true }).catch(() => undefined);
      for (const context of contexts) await context.close();
    }
  }
} finally {
  await browser.close();
  await server.stop();
}
console.log(failures ? `${failures} browser scenario(s) failed` : 'all browser scenarios passed');
process.exit(failures ? 1 : 0);
