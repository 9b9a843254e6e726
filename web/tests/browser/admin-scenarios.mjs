// The administration screens, checked against the real server (registered in run.mjs):
// custom fields, a Lua robot from editor to firing, the permissions matrix, and that a
// non-administrator gets neither the screens nor the API.
import assert from 'node:assert/strict';
import { signIn } from './harness.mjs';
import { apiAs, eventually } from './scenarios.mjs';
import { setEditorText } from './code-editor.mjs';

const suffix = Date.now().toString(36);

/** The deal pipeline the board scenarios use, created when the server has none yet. */
async function dealPipeline(call) {
  const existing = (await call('GET', '/api/v1/types/deal/pipelines')).items[0];
  if (existing) return existing;
  return call('POST', '/api/v1/admin/pipelines', { type: 'deal', key: 'sales', name: 'Продажи',
    stages: [{ key: 'new', name: 'Новая' }, { key: 'offer', name: 'КП' }, { key: 'won', name: 'Успех', kind: 'success' }] });
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
];
