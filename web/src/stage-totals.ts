// Count and sum of the amount per stage of a pipeline type (the kernel's /aggregate),
// shared by the board's column heads and the funnel chart.
import { api } from './api';
import { formatValue } from './format';
import type { FieldDef } from './types';

/** One stage's totals; sums are split by currency (formatted, and as numbers). */
export interface StageTotal { count: number; sums: string[]; amounts: { amount: number; currency?: string }[] }

export async function stageTotals(type: string, stageField: string, amountField?: FieldDef): Promise<Record<string, StageTotal>> {
  const sumKey = amountField ? `sum:${amountField.name}` : '';
  const metrics = amountField ? `count,${sumKey}` : 'count';
  const answer = await api<{ rows: { key: Record<string, string>; values: Record<string, number> }[] }>(
    'GET', `/api/v1/records/${type}/aggregate?metrics=${metrics}&group_by=${stageField}`);
  const totals: Record<string, StageTotal> = {};
  for (const row of answer.rows) {
    const entry = (totals[row.key[stageField]] ??= { count: 0, sums: [], amounts: [] });
    entry.count += row.values.count;
    if (amountField && row.values[sumKey] !== undefined) {
      const money = { amount: row.values[sumKey], currency: row.key[`${amountField.name}.currency`] };
      entry.amounts.push(money);
      entry.sums.push(formatValue(amountField, money));
    }
  }
  return totals;
}
