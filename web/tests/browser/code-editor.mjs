// Replaces the text of the CodeMirror editor on the page, as a person pasting it would
// (one insertion, so the editor's bracket auto-closing does not add characters).
export async function setEditorText(page, text, selector = '[data-test=lua-editor] .cm-content') {
  await page.click(selector);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}
