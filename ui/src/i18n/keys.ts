// Generated from src/i18n/messages/en/*.json by src/i18n/keys.test.ts
// (`npm run i18n` rewrites it). Do not edit by hand.
export interface Messages {
  'common.bothZones': { mine: string | number; theirs: string | number };
  'language.description': undefined;
  'language.followSystem': { language: string | number };
  'language.label': undefined;
  'language.notChanged': undefined;
  'language.title': undefined;
}
