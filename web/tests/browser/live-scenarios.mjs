// Realtime in the browser: what one person does shows up on another person's open
// screens over the WebSocket, without a reload (run by run.mjs after scenarios.mjs).
import assert from 'node:assert/strict';
import { signIn } from './harness.mjs';
import { apiAs, eventually } from './scenarios.mjs';

const unique = `Live ${Date.now().toString(36)}`;

/** Marks the page, so a check can tell that it was updated in place, not reloaded. */
async function markLoaded(page) {
  await page.evaluate(() => { window.__notReloaded = true; });
}

async function notReloaded(page) {
  assert.equal(await page.evaluate(() => window.__notReloaded), true, 'the page was updated without a reload');
}

export const liveScenarios = [
  {
    name: 'live: an edit shows on another person\'s open list and card',
    async run({ base, password, newPage }) {
      const editor = await newPage();
      const lister = await newPage();
      const watcher = await newPage();
      for (const page of [editor, lister, watcher]) await signIn(page, base, 'admin', password);
      const call = await apiAs(editor, base);
      const ticket = await call('POST', '/api/v1/records/ticket', { subject: `${unique} before` });

      await lister.goto(`${base}/records/ticket`);
      await lister.waitForSelector(`.body .row[data-id="${ticket.id}"]`);
      await watcher.goto(`${base}/records/ticket/${ticket.id}`);
      await watcher.waitForSelector('[data-field=subject] input');
      await markLoaded(lister);
      await markLoaded(watcher);

      await editor.goto(`${base}/records/ticket/${ticket.id}`);
      await editor.fill('[data-field=subject] input', `${unique} after`);
      await editor.click('[data-test=save]');
      await editor.waitForSelector('p.ok[role=status]');

      await eventually(async () => assert.equal(await watcher.inputValue('[data-field=subject] input'), `${unique} after`));
      await eventually(async () => assert.equal(
        (await lister.textContent(`.body .row[data-id="${ticket.id}"] [data-field=subject]`)).trim(), `${unique} after`));
      // A record created elsewhere appears at the top of the open list.
      const fresh = await call('POST', '/api/v1/records/ticket', { subject: `${unique} new` });
      await lister.waitForSelector(`.body .row[data-id="${fresh.id}"]`);
      await notReloaded(lister);
      await notReloaded(watcher);

      // Unsaved edits are kept: the change is announced and saving shows the conflict.
      await watcher.fill('[data-field=description] textarea', 'watcher was typing');
      await call('PATCH', `/api/v1/records/ticket/${ticket.id}`, { subject: `${unique} again`, version: 2 });
      await watcher.waitForSelector('[data-test=changed-elsewhere]');
      assert.equal(await watcher.inputValue('[data-field=description] textarea'), 'watcher was typing');
      await watcher.click('[data-test=save]');
      await watcher.waitForSelector('[data-test=conflict]');
    },
  },
  {
    name: 'live: a card moved on one board moves on another, with the robot\'s effects',
    async run({ base, password, newPage }) {
      const mover = await newPage();
      const watcher = await newPage();
      await signIn(mover, base, 'admin', password);
      await signIn(watcher, base, 'admin', password);
      const call = await apiAs(mover, base);
      let pipeline = (await call('GET', '/api/v1/types/deal/pipelines')).items[0];
      if (!pipeline) {
        pipeline = await call('POST', '/api/v1/admin/pipelines', { type: 'deal', key: 'sales', name: 'Продажи',
          stages: [{ key: 'new', name: 'Новая' }, { key: 'offer', name: 'КП' }, { key: 'won', name: 'Успех', kind: 'success' }] });
      }
      const won = pipeline.stages.find((stage) => stage.key === 'won');
      await call('POST', '/api/v1/admin/robots', { stage_id: won.id, name: 'Отметка успеха', action: 'set_field',
        params: { fields: { note: 'Выиграно: {{record.title}}' } } });
      await call('POST', '/api/v1/admin/robots', { stage_id: won.id, name: 'Поздравить', action: 'notify',
        params: { user: 'admin', title: 'Успех', text: `Выиграна ${unique}` } });
      const unreadBefore = (await call('GET', '/api/v1/notifications?limit=1')).unread_count;
      const deal = await call('POST', '/api/v1/records/deal', { title: unique, amount: { amount: 2500 } });

      await watcher.goto(`${base}/records/deal/board`);
      await watcher.waitForSelector(`.column[data-stage=new] .kanban-card[data-id="${deal.id}"]`);
      await markLoaded(watcher);
      await mover.goto(`${base}/records/deal/board`);
      await mover.dragAndDrop(`.column[data-stage=new] .kanban-card[data-id="${deal.id}"]`, '.column[data-stage=won]');

      const moved = `.column[data-stage=won] .kanban-card[data-id="${deal.id}"]`;
      await watcher.waitForSelector(moved);
      await eventually(async () => assert.equal((await watcher.textContent(`${moved} [data-field=note]`)).trim(), `Выиграно: ${unique}`));
      // The robot's notification lights the watcher's bell without any polling.
      await eventually(async () => assert.equal(Number(await watcher.textContent('[data-test=unread]')), unreadBefore + 1), 5000);
      await notReloaded(watcher);
    },
  },
  {
    name: 'saved list round trip',
    async run({ base, password, newPage }) {
      const page = await newPage();
      await signIn(page, base, 'admin', password);
      await page.goto(`${base}/records/ticket`);
      await page.waitForSelector('[data-filter=status]');
      await page.selectOption('[data-filter=status]', 'new');
      await page.click('[data-sort=subject]');
      await page.click('[data-test=saved-new]');
      await page.fill('[data-test=saved-name]', `${unique} новые`);
      await page.click('[data-test=saved-save]');
      await eventually(async () => assert.ok((await page.textContent('[data-test=saved-lists]')).includes(`${unique} новые`)));

      // A fresh page starts from the defaults; choosing the list brings its view back.
      await page.goto(`${base}/records/ticket`);
      await page.waitForSelector('[data-filter=status]');
      assert.equal(await page.inputValue('[data-filter=status]'), '');
      const id = await page.$eval('[data-test=saved-lists]', (select, name) =>
        [...select.options].find((o) => o.textContent.includes(name)).value, `${unique} новые`);
      await page.selectOption('[data-test=saved-lists]', id);
      await eventually(async () => assert.equal(await page.inputValue('[data-filter=status]'), 'new'));
      await eventually(async () => assert.ok((await page.textContent('[data-sort=subject]')).includes('▲')));
      const saved = await (await page.request.get(`${base}/api/v1/saved-lists?type=ticket`)).json();
      const list = saved.items.find((l) => l.name === `${unique} новые`);
      assert.equal(list.sort, 'subject');
      assert.deepEqual(list.filter, { field: 'status', op: 'eq', value: 'new' });
    },
  },
  {
    name: 'global search finds a Cyrillic name',
    async run({ base, password, newPage }) {
      const page = await newPage();
      await signIn(page, base, 'admin', password);
      const call = await apiAs(page, base);
      const ticket = await call('POST', '/api/v1/records/ticket', { subject: `Ёжиков ${unique}`, client_name: 'Щукина Алёна' });
      // Lower case, е for ё, a word prefix: the kernel's full-text rules.
      await page.fill('[data-test=global-search]', 'ежиков');
      await page.waitForSelector(`[data-hit="ticket:${ticket.id}"]`);
      await page.click(`[data-hit="ticket:${ticket.id}"]`);
      await page.waitForURL(new RegExp(`/records/ticket/${ticket.id}$`));
      await page.fill('[data-test=global-search]', 'алена щук');
      await page.waitForSelector(`[data-hit="ticket:${ticket.id}"]`);
    },
  },
];
