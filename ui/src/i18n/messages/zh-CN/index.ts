// Every area of this language's catalogue in one module, so that choosing
// the language loads one file (src/i18n/index.svelte.ts).
export default import.meta.glob<Record<string, string>>('./*.json', { eager: true, import: 'default' });
