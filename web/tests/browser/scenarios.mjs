// What a user does in the browser, checked against the real server (see run.mjs).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { signIn } from './harness.mjs';
import { setEditorText } from './code-editor.mjs';

const unique = `Browser ${Date.now().toString(36)}`;
let createdId = null;

/** Retries `check` until it stops throwing (the UI answers asynchronously). */
export async function eventually(check, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

async function rowNumbers(page) {
  return page.$$eval('.body .row [data-field=number]', (cells) => cells.map((c) => c.textContent.trim()));
}

async function ticketCount(page, base) {
  const answer = await (await page.request.get(`${base}/api/v1/records/ticket/aggregate?metrics=count`)).json();
  return answer.rows[0].values.count;
}

async function createTicket(page, base, subject) {
  await page.goto(`${base}/records/ticket/new`);
  await page.fill('[data-field=subject] input', subject);
  await page.click('[data-test=save]');
  await page.waitForURL(/\/records\/ticket\/\d+$/);
  return Number(page.url().split('/').pop());
}

/** API calls as the signed-in user of `page` (cookie + CSRF token), for test set-up. */
export async function apiAs(page, base) {
  const me = await (await page.request.get(`${base}/api/v1/auth/me`)).json();
  return async (method, path, data) => {
    const answer = await page.request.fetch(`${base}${path}`, { method, data, headers: { 'X-CSRF-Token': me.csrf_token } });
    assert.ok(answer.ok(), `${method} ${path}: ${answer.status()} ${await answer.text()}`);
    return answer.json();
  };
}

export const scenarios = [
  {
    name: 'first load and sign in',
    async run({ base, password, newPage }) {
      const page = await newPage();
      await page.goto(`${base}/records/ticket`);
      await page.waitForSelector('input[name=login]');
      const interactiveMs = await page.evaluate(() => performance.now());
      console.log(`# first load to interactive (cold cache): ${interactiveMs.toFixed(0)} ms`);
      assert.ok(page.url().includes('/login?next='), 'an anonymous visit goes to the login form keeping the route');
      await page.fill('input[name=login]', 'admin');
      await page.fill('input[name=password]', 'wrong password');
      await page.click('button[type=submit]');
      await page.waitForSelector('.login-form .error');
      await page.fill('input[name=password]', password);
      await page.click('button[type=submit]');
      await page.waitForURL(/\/records\/ticket$/);
      await page.waitForSelector('nav.sidebar a[data-type=ticket]');
      await eventually(async () => assert.ok((await rowNumbers(page)).length > 0, 'the list shows rows'));
    },
  },
  {
    name: 'create and edit a record',
    async run({ base, password, newPage }) {
      const page = await newPage();
      await signIn(page, base, 'admin', password);
      createdId = await createTicket(page, base, unique);
      await page.fill('[data-field=subject] input', `${unique} edited`);
      await page.selectOption('[data-field=status] select', 'in_progress');
      await page.fill('[data-field=phone] input', '+7 916 123-45-67');
      await page.fill('[data-field=amount] input', '12345.67');
      await page.fill('[data-field=due_date] input', '2027-03-15');
      await page.fill('[data-field=assignee] input', 'Смирн');
      await page.click('[data-field=assignee] [role=option] >> text=Смирнова Анна Викторовна');
      await page.click('[data-test=save]');
      await page.waitForSelector('p.ok[role=status]');
      const record = await (await page.request.get(`${base}/api/v1/records/ticket/${createdId}`)).json();
      assert.equal(record.subject, `${unique} edited`);
      assert.equal(record.status, 'in_progress');
      assert.equal(record.phone.e164, '+79161234567');
      assert.deepEqual(record.amount, { amount: 12345.67, currency: 'RUB' });
      assert.equal(record.due_date, '2027-03-15');
      const smirnova = (await (await page.request.get(`${base}/api/v1/records/user?q=smirnova.a`)).json()).items[0];
      assert.equal(record.assignee, smirnova.id);
      await page.click('[data-test=history]');
      await page.waitForSelector('.history li');
    },
  },
  {
    name: 'filter sort and export a list',
    async run({ base, password, newPage, artifacts }) {
      const page = await newPage();
      await signIn(page, base, 'admin', password);
      await page.goto(`${base}/records/ticket`);
      await page.fill('input[data-filter=subject]', unique);
      await eventually(async () => {
        const subjects = await page.$$eval('.body .row [data-field=subject]', (cells) => cells.map((c) => c.textContent.trim()));
        assert.deepEqual(subjects, [`${unique} edited`]);
      });
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-test=export]')]);
      const csv = readFileSync(await download.path(), 'utf8');
      assert.ok(csv.includes(`${unique} edited`), 'the CSV holds the filtered record');
      assert.equal(csv.trim().split('\n').length, 2, 'the CSV holds the header and the one filtered record');
      await download.saveAs(`${artifacts}/export.csv`);

      await page.fill('input[data-filter=subject]', '');
      await page.click('[data-sort=number]');
      await eventually(async () => assert.equal((await rowNumbers(page))[0], 'T-000000001'));
      const newest = (await (await page.request.get(`${base}/api/v1/records/ticket?sort=-number&limit=1`)).json()).items[0].number;
      await page.click('[data-sort=number]');
      await eventually(async () => assert.equal((await rowNumbers(page))[0], newest));
      await page.selectOption('select[data-filter=status]', 'in_progress');
      await eventually(async () => {
        const statuses = await page.$$eval('.body .row [data-field=status]', (cells) => cells.map((c) => c.textContent.trim()));
        assert.ok(statuses.length > 0 && statuses.every((s) => s === 'В работе'), `only "В работе" rows: ${statuses.slice(0, 5)}`);
      });
    },
  },
  {
    name: 'scroll loads the next keyset page',
    async run({ base, password, newPage }) {
      const page = await newPage();
      await signIn(page, base, 'admin', password);
      await page.goto(`${base}/records/ticket`);
      await page.waitForSelector('.list-foot');
      await eventually(async () => assert.match(await page.textContent('.list-foot'), /: 100/));
      const total = await ticketCount(page, base);
      await eventually(async () => {
        await page.$eval('.body', (el) => { el.scrollTop = el.scrollHeight; });
        assert.match(await page.textContent('.list-foot'), new RegExp(`: ${total}$`));
      });
      const inDom = await page.$$eval('.body .row', (rows) => rows.length);
      assert.ok(inDom < 100, `only the visible rows are in the DOM (${inDom} of ${total})`);
    },
  },
  {
    name: 'two people edit one record and the stale edit shows the conflict',
    async run({ base, password, newPage }) {
      const first = await newPage();
      const second = await newPage();
      await signIn(first, base, 'admin', password);
      await signIn(second, base, 'admin', password);
      const id = await createTicket(first, base, `${unique} shared`);
      await second.goto(`${base}/records/ticket/${id}`);
      await second.waitForSelector('[data-field=subject] input');
      // The second person is typing when the first saves: the live update is announced,
      // not applied over the edits, so saving meets the conflict (an untouched form would
      // simply take the new version).
      await second.fill('[data-field=description] textarea', 'written by second');
      await first.fill('[data-field=subject] input', `${unique} by first`);
      await first.click('[data-test=save]');
      await first.waitForSelector('p.ok[role=status]');
      await second.waitForSelector('[data-test=changed-elsewhere]');
      await second.click('[data-test=save]');
      await second.waitForSelector('[data-test=conflict]');
      await second.click('[data-test=overwrite]');
      await second.waitForSelector('p.ok[role=status]');
      const record = await (await second.request.get(`${base}/api/v1/records/ticket/${id}`)).json();
      assert.equal(record.subject, `${unique} by first`, "the first person's change survives");
      assert.equal(record.description, 'written by second');
      assert.equal(record.version, 3);
    },
  },
  {
    name: 'an employee sees no hidden field and the API refuses admin calls',
    async run({ base, password, newPage }) {
      const page = await newPage();
      await signIn(page, base, 'kuznetsov.d', password);
      await page.goto(`${base}/records/ticket`);
      await page.waitForSelector('.row.head [data-sort=subject]');
      assert.equal(await page.$('.row.head [data-sort=amount]'), null, 'no amount column');
      assert.equal(await page.$('[data-test=export]'), null, 'no export without the export permission');
      await eventually(async () => assert.ok((await page.$$('.body .row')).length > 0));
      await page.click('.body .row');
      await page.waitForSelector('[data-field=subject]');
      assert.equal(await page.$('[data-field=amount]'), null, 'no amount on the card');
      const id = page.url().split('/').pop();
      const record = await (await page.request.get(`${base}/api/v1/records/ticket/${id}`)).json();
      assert.ok(!('amount' in record), 'the API leaves the hidden field out');
      assert.equal((await page.request.get(`${base}/api/v1/admin/roles`)).status(), 403);
      assert.equal(await page.$('nav.sidebar [data-admin]'), null, 'no admin screens in the menu');
      await page.goto(`${base}/admin/scripts`);
      await page.waitForURL(/\/forbidden$/);
      assert.equal((await page.request.get(`${base}/api/v1/admin/scripts`)).status(), 403);
      assert.equal((await page.request.get(`${base}/api/v1/records/ticket/export?format=csv`)).status(), 403);
    },
  },
  {
    name: 'switch language',
    async run({ base, password, newPage }) {
      const page = await newPage();
      await signIn(page, base, 'admin', password);
      await page.goto(`${base}/records/ticket`);
      await page.waitForSelector('[data-test=create]');
      assert.equal((await page.textContent('[data-test=create]')).trim(), 'Создать');
      await page.selectOption('[data-test=language]', 'en');
      await eventually(async () => assert.equal((await page.textContent('[data-test=create]')).trim(), 'Create'));
      assert.equal((await page.textContent('nav.sidebar a[data-type=ticket]')).trim(), 'Tickets');
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      await page.selectOption('[data-test=language]', 'ru');
      await eventually(async () => assert.equal((await page.textContent('nav.sidebar a[data-type=ticket]')).trim(), 'Обращения'));
    },
  },
  {
    name: 'an expired session returns to the login and back to the page',
    async run({ base, password, newPage }) {
      const page = await newPage();
      await signIn(page, base, 'admin', password);
      await page.goto(`${base}/records/ticket/${createdId}`);
      await page.waitForSelector('[data-field=subject] input');
      await page.context().clearCookies();
      await page.click('nav.sidebar a[data-type=ticket]');
      await page.waitForURL(/\/login\?next=/);
      await page.waitForSelector('.login-form .note');
      await page.fill('input[name=login]', 'admin');
      await page.fill('input[name=password]', password);
      await page.click('button[type=submit]');
      await page.waitForURL(/\/records\/ticket$/);
    },
  },
  {
    name: 'drag a card across kanban stages and see the robot act',
    async run({ base, password, newPage }) {
      const page = await newPage();
      await signIn(page, base, 'admin', password);
      const call = await apiAs(page, base);
      let pipeline = (await call('GET', '/api/v1/types/deal/pipelines')).items[0];
      if (!pipeline) {
        pipeline = await call('POST', '/api/v1/admin/pipelines', { type: 'deal', key: 'sales', name: 'Продажи',
          stages: [{ key: 'new', name: 'Новая' }, { key: 'offer', name: 'КП' }, { key: 'won', name: 'Успех', kind: 'success' }] });
      }
      const offer = pipeline.stages.find((stage) => stage.key === 'offer');
      await call('POST', '/api/v1/admin/robots', { stage_id: offer.id, name: 'Отметка КП', action: 'set_field',
        params: { fields: { note: 'КП отправлено {{record.title}}' } } });
      await call('POST', '/api/v1/admin/robots', { stage_id: offer.id, name: 'Уведомить', action: 'notify',
        params: { user: 'admin', title: 'КП', text: 'КП по {{record.title}}', link: { type: 'deal', id: '{{record.id}}' } } });
      const deal = await call('POST', '/api/v1/records/deal', { title: unique, amount: { amount: 1500 } });
      const unreadBefore = (await call('GET', '/api/v1/notifications?limit=1')).unread_count;

      await page.goto(`${base}/records/deal`);
      await page.click('[data-test=board]');
      await page.waitForURL(/\/records\/deal\/board$/);
      const card = `.column[data-stage=new] .kanban-card[data-id="${deal.id}"]`;
      await page.waitForSelector(card);
      const countBefore = Number(await page.textContent('.column[data-stage=offer] [data-test=count]'));
      await page.dragAndDrop(card, '.column[data-stage=offer]');
      const moved = `.column[data-stage=offer] .kanban-card[data-id="${deal.id}"]`;
      await page.waitForSelector(moved);
      await eventually(async () => assert.equal((await page.textContent(`${moved} [data-field=note]`)).trim(), `КП отправлено ${unique}`));
      await eventually(async () => assert.equal(Number(await page.textContent('.column[data-stage=offer] [data-test=count]')), countBefore + 1));
      const record = await call('GET', `/api/v1/records/deal/${deal.id}`);
      assert.equal(record.stage, 'offer');

      // The robot's notification reaches the notification centre and leads to the deal.
      await eventually(async () => assert.ok(Number(await page.textContent('[data-test=unread]')) > unreadBefore), 20000);
      const unreadNow = Number(await page.textContent('[data-test=unread]'));
      await page.click('[data-test=bell]');
      await page.click(`.bell-item.unread >> text=КП по ${unique}`);
      await page.waitForURL(new RegExp(`/records/deal/${deal.id}$`));
      assert.equal((await call('GET', '/api/v1/notifications?limit=1')).unread_count, unreadNow - 1);
    },
  },
  {
    name: 'list card and board fit a phone-sized screen',
    async run({ base, password, newPage }) {
      const page = await newPage();
      await page.setViewportSize({ width: 390, height: 844 });
      await signIn(page, base, 'admin', password);
      const fits = async () => assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390),
        `no sideways scrolling of the page at ${page.url()}`);
      await page.goto(`${base}/records/ticket`);
      await eventually(async () => assert.ok((await page.$$('.body .row')).length > 0));
      await fits();
      await page.click('.body .row');
      await page.waitForSelector('[data-field=subject] input');
      await fits();
      await page.goto(`${base}/records/deal/board`);
      await page.waitForSelector('.column');
      await fits();
    },
  },
  {
    name: 'chosen columns stay after a reload',
    async run({ base, password, newPage }) {
      const page = await newPage();
      await signIn(page, base, 'admin', password);
      await page.goto(`${base}/records/ticket`);
      await page.waitForSelector('.row.head [data-sort=priority]');
      await page.click('[data-test=columns]');
      await page.uncheck('[data-column=priority]');
      await page.check('[data-column=client_name]');
      await page.waitForSelector('.row.head [data-sort=client_name]');
      await page.reload();
      await page.waitForSelector('.row.head [data-sort=client_name]');
      assert.equal(await page.$('.row.head [data-sort=priority]'), null, 'the removed column stays removed');
      await eventually(async () => assert.ok((await page.$$('.body .row [data-field=client_name]')).length > 0));
    },
  },
  {
    name: 'write a Lua script check it dry-run it and save it',
    async run({ base, password, newPage }) {
      const page = await newPage();
      await signIn(page, base, 'admin', password);
      await page.click('nav.sidebar [data-admin=scripts]');
      await page.waitForURL(/\/admin\/scripts$/);
      await page.waitForSelector('.script-list [data-script=constants]');
      const name = `web_${Date.now().toString(36)}`;
      await page.fill('input[name=script-name]', name);
      await setEditorText(page, 'print("hello " .. 6 * 7\nreturn 42');
      await eventually(async () => assert.match(await page.textContent('[data-test=check]'), /строке 2/));
      await setEditorText(page, 'print("hello " .. 6 * 7)\nreturn 42');
      await eventually(async () => assert.equal((await page.textContent('[data-test=check]')).trim(), 'Компилируется без ошибок'));
      await page.click('[data-test=dry-run]');
      await page.waitForSelector('[data-test=run-value]');
      assert.equal((await page.textContent('[data-test=run-value]')).trim(), '42');
      assert.match(await page.textContent('[data-test=run-logs]'), /hello 42/);
      await page.click('[data-test=save-script]');
      await page.waitForSelector(`.script-list [data-script=${name}]`);
      await page.waitForSelector('p.ok[role=status]');
      const list = await (await page.request.get(`${base}/api/v1/admin/scripts`)).json();
      assert.ok(list.items.some((s) => s.name === name), 'the script is stored');
    },
  },
];
