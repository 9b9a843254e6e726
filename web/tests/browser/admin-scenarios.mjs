// The administration screens, checked against the real server (registered in run.mjs):
// custom fields, a Lua robot from editor to firing, the permissions matrix, and that a
// non-administrator gets neither the screens nor the API.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { signIn } from './harness.mjs';
import { apiAs, eventually } from './scenarios.mjs';
import { setEditorText } from './code-editor.mjs';
import { xlsxParts } from './xlsx-reader.mjs';

const suffix = Date.now().toString(36);

/** The deal pipeline the board scenarios use, created when the server has none yet. */
async function dealPipeline(call) {
  const existing = (await call('GET', '/api/v1/types/deal/pipelines')).items[0];
  if (existing) return existing;
  return call('POST', '/api/v1/admin/pipelines', { type: 'deal', key: 'sales', name: 'Продажи',
    stages: [{ key: 'new', name: 'Новая' }, { key: 'offer', name: 'КП' }, { key: 'won', name: 'Успех', kind: 'success' }] });
}

/** Drags with small mouse steps, as FullCalendar follows pointer moves (not HTML5 drag). */
async function pointerDrag(page, from, to) {
  const a = await page.locator(from).boundingBox();
  const b = await page.locator(to).boundingBox();
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 5, a.y + a.height / 2 + 5, { steps: 3 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 15 });
  await page.mouse.up();
}

/** A day of the current month as YYYY-MM-DD (the calendar opens on the current month). */
function dayOfThisMonth(day) {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export const adminScenarios = [
  {
    name: 'admin adds a custom field and filters the list by it',
    async run({ base, password, newPage }) {
      const page = await newPage();
      await signIn(page, base, 'admin', password);
      const call = await apiAs(page, base);
      const field = `region_${suffix}`;
      await page.click('nav.sidebar [data-admin=fields]');
      await page.selectOption('select[name=type]', 'ticket');
      await page.fill('input[name=field-name]', field);
      await page.fill('input[name=label-ru]', 'Регион');
      await page.fill('input[name=label-en]', 'Region');
      await page.click('[data-test=add-field]');
      await page.waitForSelector(`[data-field-row=${field}]`);
      const tickets = (await call('GET', '/api/v1/records/ticket?limit=2&sort=id')).items;
      await call('PATCH', `/api/v1/records/ticket/${tickets[0].id}`, { [field]: 'Сибирь', version: tickets[0].version });
      await call('PATCH', `/api/v1/records/ticket/${tickets[1].id}`, { [field]: 'Урал', version: tickets[1].version });

      await page.goto(`${base}/records/ticket`);
      await page.click('[data-test=columns]');
      await page.check(`[data-column=${field}]`);
      await page.fill(`input[data-filter=${field}]`, 'Сибирь');
      await eventually(async () => {
        const ids = await page.$$eval('.body .row', (rows) => rows.map((r) => Number(r.dataset.id)));
        assert.deepEqual(ids, [tickets[0].id]);
      });
      assert.equal((await page.textContent(`.body .row [data-field=${field}]`)).trim(), 'Сибирь');
    },
  },
  {
    name: 'write a Lua robot dry-run it save it and watch it fire',
    async run({ base, password, newPage }) {
      const page = await newPage();
      await signIn(page, base, 'admin', password);
      const call = await apiAs(page, base);
      await dealPipeline(call);
      const deal = await call('POST', '/api/v1/records/deal', { title: `Lua ${suffix}`, amount: { amount: 700 } });
      const script = `note_${suffix}`;

      await page.click('nav.sidebar [data-admin=scripts]');
      await page.fill('input[name=script-name]', script);
      await page.selectOption('select[name=script-kind]', 'robot');
      await setEditorText(page, 'orbita.records.update("deal", record.id, {note = "Lua: " .. record.title})\nprint("noted " .. record.title)\n');
      await eventually(async () => assert.equal((await page.textContent('[data-test=check]')).trim(), 'Компилируется без ошибок'));
      await page.selectOption('select[name=record-type]', 'deal');
      await page.fill('input[name=record-id]', String(deal.id));
      await page.click('[data-test=dry-run]');
      await eventually(async () => assert.match(await page.textContent('[data-test=run-logs]'), new RegExp(`noted Lua ${suffix}`)));
      assert.equal((await call('GET', `/api/v1/records/deal/${deal.id}`)).note ?? null, null, 'the dry run changed nothing');
      await page.click('[data-test=save-script]');
      await page.waitForSelector(`.script-list [data-script=${script}]`);

      // Attach it to the "won" stage on the automation board and dry-run the robot there.
      await page.click('nav.sidebar [data-admin=pipelines]');
      await page.selectOption('select[name=type]', 'deal');
      const column = '.robot-column[data-stage=won]';
      await page.click(`${column} [data-test=add-robot]`);
      await page.fill(`${column} input[name=robot-name]`, `Robot ${suffix}`);
      await page.selectOption(`${column} select[name=robot-action]`, 'run_lua');
      await page.selectOption(`${column} select[name=robot-script]`, script);
      await page.click(`${column} [data-test=save-robot]`);
      const robot = `${column} [data-robot="Robot ${suffix}"]`;
      await page.waitForSelector(robot);
      await page.click(`${robot} button.link`);
      await page.fill(`${robot} input[name=dry-record]`, String(deal.id));
      await page.click(`${robot} [data-test=dry-run-robot]`);
      await eventually(async () => assert.match(await page.textContent(`${robot} [data-test=robot-dry-run]`), /record\.updated/));

      // Moving the deal into the stage makes the robot run for real.
      await page.goto(`${base}/records/deal/board`);
      const card = `.kanban-card[data-id="${deal.id}"]`;
      await page.waitForSelector(card);
      await page.dragAndDrop(card, '.column[data-stage=won]');
      await page.waitForSelector(`.column[data-stage=won] ${card}`);
      await eventually(async () => assert.equal((await call('GET', `/api/v1/records/deal/${deal.id}`)).note, `Lua: Lua ${suffix}`), 20000);
    },
  },
  {
    name: 'a field hidden for a role in the matrix disappears for its user',
    async run({ base, password, newPage }) {
      const admin = await newPage();
      await signIn(admin, base, 'admin', password);
      const employee = await newPage();
      await signIn(employee, base, 'kuznetsov.d', password);
      const fieldsOfTicket = async () => (await (await employee.request.get(`${base}/api/v1/types/ticket`)).json()).fields.map((f) => f.name);
      assert.ok((await fieldsOfTicket()).includes('priority'), 'the employee sees the priority before');

      const roleId = (await (await admin.request.get(`${base}/api/v1/admin/roles`)).json()).items.find((r) => r.name === 'employee').id;
      const hide = async (access) => {
        await admin.goto(`${base}/admin/roles`);
        await admin.selectOption('select[name=role]', String(roleId));
        await admin.selectOption('select[name=rule-type]', 'ticket');
        await admin.selectOption('[data-rule-field=priority] select', { label: access });
        await admin.click('[data-test=save-role]');
        await admin.waitForSelector('p.ok[role=status]');
      };
      await hide('Скрыто');
      await eventually(async () => assert.ok(!(await fieldsOfTicket()).includes('priority')));
      await employee.goto(`${base}/records/ticket`);
      await employee.waitForSelector('.row.head [data-sort=subject]');
      assert.equal(await employee.$('.row.head [data-sort=priority]'), null, 'no priority column for the employee');
      const own = (await (await employee.request.get(`${base}/api/v1/records/ticket?limit=1`)).json()).items[0];
      assert.ok(own && !('priority' in own), 'the API leaves the hidden field out');
      const role = (await (await admin.request.get(`${base}/api/v1/admin/roles`)).json()).items.find((r) => r.name === 'employee');
      assert.ok(role.field_rules.some((r) => r.field === 'amount' && r.access === 'hidden'), 'the other rules of the role stay');

      await hide('Видно');
      await eventually(async () => assert.ok((await fieldsOfTicket()).includes('priority')));
    },
  },
  {
    name: 'a non-administrator gets no admin screen and the API refuses',
    async run({ base, password, newPage }) {
      const page = await newPage();
      await signIn(page, base, 'smirnova.a', password);
      assert.equal(await page.$('nav.sidebar [data-admin]'), null, 'no administration in the menu');
      for (const screen of ['users', 'roles', 'fields', 'pipelines', 'audit']) {
        await page.goto(`${base}/admin/${screen}`);
        await page.waitForURL(/\/forbidden$/);
      }
      const me = await (await page.request.get(`${base}/api/v1/auth/me`)).json();
      const headers = { 'X-CSRF-Token': me.csrf_token };
      for (const path of ['/api/v1/admin/users', '/api/v1/admin/permissions', '/api/v1/admin/pipelines?type=deal', '/api/v1/admin/jobs']) {
        assert.equal((await page.request.get(`${base}${path}`)).status(), 403, path);
      }
      const field = await page.request.post(`${base}/api/v1/types/ticket/fields`, { headers, data: { name: 'sneaky', type: 'string', label: { ru: 'x', en: 'x' } } });
      assert.equal(field.status(), 403);
      const user = await page.request.post(`${base}/api/v1/admin/users`, { headers, data: { login: 'sneaky', full_name: 'x', password: 'x12345678' } });
      assert.equal(user.status(), 403);
    },
  },
  {
    name: 'calendar drag reschedules and a stale drag is refused',
    async run({ base, password, newPage }) {
      const page = await newPage();
      await signIn(page, base, 'admin', password);
      const call = await apiAs(page, base);
      const ticket = await call('POST', '/api/v1/records/ticket', { subject: `Cal ${suffix}`, due_date: dayOfThisMonth(10) });
      await page.goto(`${base}/records/ticket`);
      await page.click('[data-test=calendar]');
      const event = `.fc-event[data-id="${ticket.id}"]`;
      await page.waitForSelector(`td[data-date="${dayOfThisMonth(10)}"] ${event}`);
      await pointerDrag(page, event, `td[data-date="${dayOfThisMonth(12)}"]`);
      await eventually(async () => assert.equal((await call('GET', `/api/v1/records/ticket/${ticket.id}`)).due_date, dayOfThisMonth(12)));

      // Someone else changes the ticket: the next drag is refused and the event goes back.
      const current = await call('GET', `/api/v1/records/ticket/${ticket.id}`);
      await call('PATCH', `/api/v1/records/ticket/${ticket.id}`, { subject: `Cal ${suffix} elsewhere`, version: current.version });
      await pointerDrag(page, event, `td[data-date="${dayOfThisMonth(14)}"]`);
      await page.waitForSelector('[data-test=calendar-error]');
      await page.waitForSelector(`td[data-date="${dayOfThisMonth(12)}"] ${event}`);
      assert.equal((await call('GET', `/api/v1/records/ticket/${ticket.id}`)).due_date, dayOfThisMonth(12));
    },
  },
  {
    name: 'bulk archive of selected rows',
    async run({ base, password, newPage }) {
      const page = await newPage();
      await signIn(page, base, 'admin', password);
      const call = await apiAs(page, base);
      const made = [];
      for (const n of [1, 2, 3]) made.push(await call('POST', '/api/v1/records/ticket', { subject: `Bulk ${suffix} ${n}` }));
      await page.goto(`${base}/records/ticket`);
      await page.fill('input[data-filter=subject]', `Bulk ${suffix}`);
      await eventually(async () => assert.equal((await page.$$('.body .row')).length, 3));
      await page.check(`[data-select="${made[0].id}"]`);
      await page.check(`[data-select="${made[2].id}"]`);
      await page.selectOption('select[name=bulk-action]', 'archive');
      await page.click('[data-test=bulk-apply]');
      await eventually(async () => assert.match(await page.textContent('[data-test=bulk-outcome]'), /Выполнено: 2, отказано: 0/));
      await eventually(async () => assert.deepEqual(await page.$$eval('.body .row', (rows) => rows.map((r) => Number(r.dataset.id))), [made[1].id]));
      for (const [i, archived] of [[0, true], [1, false], [2, true]]) {
        assert.equal((await call('GET', `/api/v1/records/ticket/${made[i].id}`)).archived_at !== null, archived);
      }
    },
  },
  {
    name: 'XLSX export downloads a valid workbook',
    async run({ base, password, newPage, artifacts }) {
      const page = await newPage();
      await signIn(page, base, 'admin', password);
      const call = await apiAs(page, base);
      await call('POST', '/api/v1/records/ticket', { subject: `Xlsx ${suffix}` });
      await page.goto(`${base}/records/ticket`);
      await page.fill('input[data-filter=subject]', `Xlsx ${suffix}`);
      await eventually(async () => assert.equal((await page.$$('.body .row')).length, 1));
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-test=export-xlsx]')]);
      await download.saveAs(`${artifacts}/export.xlsx`);
      const parts = xlsxParts(readFileSync(`${artifacts}/export.xlsx`));
      assert.ok('xl/workbook.xml' in parts && '[Content_Types].xml' in parts, `a workbook: ${Object.keys(parts)}`);
      const cells = Object.entries(parts).filter(([name]) => name.startsWith('xl/')).map(([, text]) => text).join('');
      assert.ok(cells.includes(`Xlsx ${suffix}`), 'the workbook holds the filtered record');
    },
  },
  {
    name: 'funnel chart of a pipeline type',
    async run({ base, password, newPage }) {
      const page = await newPage();
      await signIn(page, base, 'admin', password);
      const call = await apiAs(page, base);
      await dealPipeline(call);
      await page.goto(`${base}/records/deal/board`);
      await page.click('[data-test=funnel]');
      await page.waitForSelector('[data-test=funnel] svg');
      await eventually(async () => assert.ok((await page.$$('[data-test=funnel] svg path')).length >= 3, 'the funnel is drawn'));
      const counts = (await call('GET', '/api/v1/records/deal/aggregate?metrics=count&group_by=stage')).rows;
      const won = counts.filter((row) => row.key.stage === 'won').reduce((sum, row) => sum + row.values.count, 0);
      await eventually(async () => assert.match(await page.textContent('[data-funnel-stage=won]'), new RegExp(`: ${won}$`)));
    },
  },
  {
    name: 'attachments and related records on the card',
    async run({ base, password, newPage }) {
      const page = await newPage();
      await signIn(page, base, 'admin', password);
      const call = await apiAs(page, base);
      const ticket = await call('POST', '/api/v1/records/ticket', { subject: `Files ${suffix}` });
      await page.goto(`${base}/records/ticket/${ticket.id}`);
      await page.click('[data-test=files-tab]');
      await page.setInputFiles('input[name=upload-attachments]', { name: 'note.txt', mimeType: 'text/plain', buffer: Buffer.from(`note ${suffix}`) });
      await page.waitForSelector('[data-file="note.txt"] a');
      const stored = await call('GET', `/api/v1/records/ticket/${ticket.id}`);
      assert.equal(stored.attachments.length, 1);
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-file="note.txt"] a')]);
      assert.equal(readFileSync(await download.path(), 'utf8'), `note ${suffix}`);

      const user = (await call('GET', '/api/v1/records/user?limit=1&filter=' + encodeURIComponent(JSON.stringify({ field: 'login', op: 'eq', value: 'smirnova.a' })))).items[0];
      await page.goto(`${base}/records/department/${user.department}`);
      await page.click('[data-test=related-tab]');
      await page.waitForSelector(`[data-related="user.department"] a[href="/records/user/${user.id}"]`);
    },
  },
  {
    name: 'a personal override takes a right away from one user',
    async run({ base, password, newPage }) {
      const admin = await newPage();
      await signIn(admin, base, 'admin', password);
      const manager = await newPage();
      await signIn(manager, base, 'smirnova.a', password);
      const exportStatus = async () => (await manager.request.get(`${base}/api/v1/records/ticket/export?format=csv`)).status();
      assert.equal(await exportStatus(), 200, 'the manager role may export');
      const userId = (await (await admin.request.get(`${base}/api/v1/admin/users?limit=500`)).json()).items.find((u) => u.login === 'smirnova.a').id;
      const override = async (choice) => {
        await admin.goto(`${base}/admin/roles`);
        await admin.selectOption('select[name=override-user]', String(userId));
        await admin.selectOption('[data-test=overrides] [data-target=ticket] select[data-op=export]', { label: choice });
        await admin.click('[data-test=save-overrides]');
        await admin.waitForSelector('[data-test=save-overrides] ~ p.ok[role=status]');
      };
      await override('Нет');
      const user = await (await admin.request.get(`${base}/api/v1/admin/users/${userId}`)).json();
      assert.deepEqual(user.overrides, [{ target: 'ticket', operation: 'export', scope: 'none' }]);
      assert.equal(await exportStatus(), 403, 'the denial applies at once');
      await override('как в ролях');
      assert.equal(await exportStatus(), 200, 'back to what the roles give');
    },
  },
];

