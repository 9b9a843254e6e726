// Fails when a translation is missing: every key of one catalogue must be in the other
// with a non-empty text and the same {placeholders}, and every t('key') in the sources
// must exist. Run by ctest (web_i18n) and `npm run check-i18n`.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../src/', import.meta.url).pathname;
// Each language is its main catalogue plus the admin screens' one (merged the same way in i18n.ts);
// a key defined in both files of one language is a mistake too.
const problems = [];
const load = (file) => JSON.parse(readFileSync(join(root, 'locales', file), 'utf8'));
const catalogues = Object.fromEntries(['ru', 'en'].map((l) => {
  const main = load(`${l}.json`);
  const admin = load(`admin.${l}.json`);
  for (const key of Object.keys(admin)) if (key in main) problems.push(`"${key}" is in both ${l}.json and admin.${l}.json`);
  return [l, { ...main, ...admin }];
}));

const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
for (const [lang, other] of [['ru', 'en'], ['en', 'ru']]) {
  for (const [key, text] of Object.entries(catalogues[lang])) {
    if (!(key in catalogues[other])) problems.push(`${other}.json lacks "${key}" (present in ${lang}.json)`);
    if (typeof text !== 'string' || text.trim() === '') problems.push(`${lang}.json: "${key}" is empty`);
    else if (key in catalogues[other] && placeholders(text) !== placeholders(catalogues[other][key])) {
      problems.push(`"${key}": placeholders differ between ${lang}.json and ${other}.json`);
    }
  }
}

function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|vue)$/.test(name)) yield path;
  }
}
let used = 0;
for (const file of sourceFiles(root)) {
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(/(?<![\w.$])t\(\s*'([^']+)'/g)) {
    used++;
    for (const lang of ['ru', 'en']) {
      if (!(match[1] in catalogues[lang])) problems.push(`${file.slice(root.length)}: t('${match[1]}') is missing from ${lang}.json`);
    }
  }
}

if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`i18n: ${Object.keys(catalogues.ru).length} keys in ru and en, ${used} uses checked`);
