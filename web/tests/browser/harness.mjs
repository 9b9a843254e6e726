// Starts what the browser tests need: a real `orbita serve` with demo data on a free
// loopback port, and Debian's Chromium driven by playwright-core (no downloaded browser).
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

/** The flags the machine notes require: no network chatter, no GPU, no sandbox as root. */
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitReady(base, server, seconds) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`orbita serve exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${base}/ready`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the server did not become ready in ${seconds} s`);
}

/**
 * A server with demo data (`tickets` of them, default 300); `stop()` ends it and removes its data folder.
 * With `plugins` (a plugins directory) it loads those plugins instead of the board fixture's `deal` type,
 * which the crm plugin declares itself.
 */
export async function startServer({ orbita, webRoot, tickets, plugins }) {
  const dataDir = mkdtempSync(join(tmpdir(), 'orbita-web-test-'));
  const port = await freePort();
  const env = { ...process.env, ORBITA_DATA_DIR: dataDir, ORBITA_HTTP_PORT: String(port), ORBITA_LOG_LEVEL: 'warn' };
  delete env.ORBITA_DB_URL;
  if (webRoot) env.ORBITA__WEB__ROOT = webRoot;
  if (plugins) {
    env.ORBITA__PLUGINS__DIRECTORIES = JSON.stringify([plugins]);
  } else {
    // A pipeline type for the board scenario, as an operator would drop it into <data_dir>/types.
    mkdirSync(join(dataDir, 'types'));
    copyFileSync(new URL('./fixtures/deal.entity.json', import.meta.url), join(dataDir, 'types', 'deal.entity.json'));
  }
  const demo = spawnSync(orbita, ['demo-data', ...(tickets ? ['--tickets', String(tickets)] : [])], { env, encoding: 'utf8' });
  if (demo.status !== 0) throw new Error(`orbita demo-data failed: ${demo.stderr}`);
  const password = /password: (\S+)/.exec(readFileSync(join(dataDir, 'demo-credentials.txt'), 'utf8'))[1];
  const server = spawn(orbita, ['serve'], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  await waitReady(base, server, 90);
  return {
    base,
    password,
    async stop() {
      if (server.exitCode === null) {
        server.kill('SIGTERM');
        await new Promise((r) => server.once('exit', r));
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_FLAGS });
}

/** Signs in through the login form and waits for the shell. */
export async function signIn(page, base, login, password) {
  await page.goto(`${base}/login`);
  await page.fill('input[name=login]', login);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  await page.waitForSelector('nav.sidebar');
}
