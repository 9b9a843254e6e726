-- SPDX-License-Identifier: Apache-2.0
-- Global constants shipped with Orbita (seed 003 §10.2). Installed on first start;
-- a constant an administrator has set is never overwritten by a later version of
-- this file. Types: string, text, number, bool, date, duration, user, users, record,
-- json. A constant without a value is "not set" (scripts read it as nil).
return {
  ActFormingDate = {
    type = "number",
    label = "Срок оформления закрывающих документов в днях",
    description = "Days the clerk has to prepare closing documents",
  },
  BillText = {
    type = "text",
    label = "Текст письма для отправки счетов",
    description = "Body of the e-mail that sends invoices to clients",
  },
  BillTheme = {
    type = "string",
    label = "Тема письма для отправки счетов",
    description = "Subject of the e-mail that sends invoices to clients",
  },
  Clerk = {
    type = "user",
    label = "Делопроизводитель",
    description = "Employee who drafts contracts and closing documents",
  },
  IT_Director = {
    type = "user",
    label = "IT Директор",
    description = "Employee who runs IT infrastructure audits",
  },
  LargeReminderPeriod = {
    type = "number",
    value = 30,
    label = "Срок напоминания (больший) в днях",
    description = "Days before the contract end to start a renewal for contracts of NotificationStep months or longer",
  },
  LessReminderPeriod = {
    type = "number",
    value = 14,
    label = "Срок напоминания (меньший) в днях",
    description = "Days before the contract end to start a renewal for shorter contracts",
  },
  NotificationStep = {
    type = "number",
    value = 6,
    label = "Порог изменения срока напоминания - в месяцах",
    description = "Contract length in months from which LargeReminderPeriod applies",
  },
}
