// Measures how a list of 10,000 records scrolls (not part of ctest: seeding takes a
// while). Starts a server with 10,000 demo tickets, loads every keyset page by scrolling,
// then scrolls the whole list top to bottom in 600 animation frames and prints the frame
// times and how many rows the DOM holds. Also measured: the same page idle (the frame
// times the machine gives at all, a baseline under load) and a wheel-like pace of 120 px
// a frame.
//   node tests/browser/scroll-10k.mjs --orbita build/dev/bin/orbita [--web-root DIR]
import assert from 'node:assert/strict';
import { parseArgs } from 'node:util';
import { launchBrowser, signIn, startServer } from './harness.mjs';

const { values: args } = parseArgs({ options: { orbita: { type: 'string' }, 'web-root': { type: 'string' }, tickets: { type: 'string', default: '10000' } } });
const tickets = Number(args.tickets);
const seeding = Date.now();
const server = await startServer({ orbita: args.orbita, webRoot: args['web-root'], tickets });
console.log(`# seeded ${tickets} tickets in ${Date.now() - seeding} ms`);
const browser = await launchBrowser();
try {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  page.setDefaultTimeout(120000);
  await signIn(page, server.base, 'admin', server.password);
  await page.goto(`${server.base}/records/ticket`);
  await page.waitForSelector('.body .row');
  const loading = Date.now();
  await page.waitForFunction((n) => {
    const body = document.querySelector('.body');
    body.scrollTop = body.scrollHeight;
    return document.querySelector('.list-foot').textContent.includes(`: ${n}`);
  }, tickets, { polling: 100, timeout: 300000 });
  console.log(`# loaded ${tickets} rows in ${(tickets / 100)} keyset pages in ${Date.now() - loading} ms`);

  // Scrolls `frames` frames by `pixels` a frame (0: stays put), answering each frame's time.
  const measure = (frames, pixels) => page.evaluate(async ({ frames, pixels }) => {
    const body = document.querySelector('.body');
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    body.scrollTop = 0;
    await frame();
    const step = pixels === 'all' ? (body.scrollHeight - body.clientHeight) / frames : pixels;
    const deltas = [];
    let maxRows = 0;
    let last = performance.now();
    for (let i = 1; i <= frames; i++) {
      body.scrollTop = step * i;
      await frame();
      const now = performance.now();
      deltas.push(now - last);
      last = now;
      maxRows = Math.max(maxRows, body.querySelectorAll('.row').length);
    }
    return { deltas, maxRows, bottom: body.scrollTop + body.clientHeight >= body.scrollHeight - 1 };
  }, { frames, pixels });
  const report = (what, { deltas }) => {
    const sorted = [...deltas].sort((a, b) => a - b);
    const pct = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))].toFixed(1);
    console.log(`# ${what}, ${sorted.length} frames: p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms, p99 ${pct(0.99)} ms, ` +
      `max ${sorted.at(-1).toFixed(1)} ms, frames over 50 ms: ${deltas.filter((d) => d > 50).length}`);
  };
  report('idle page (baseline)', await measure(120, 0));
  report('wheel pace, 120 px a frame', await measure(300, 120));
  const result = await measure(600, 'all');
  report(`whole list of ${tickets} rows top to bottom`, result);
  console.log(`# at most ${result.maxRows} rows in the DOM at once`);
  assert.ok(result.bottom, 'the scroll reached the last row');
  assert.ok(result.maxRows < 100, 'the list keeps only the visible rows in the DOM');
} finally {
  await browser.close();
  await server.stop();
}
